#include "base/glob.hpp"

#include <vector>

namespace lmms::base {

bool glob_match(std::string_view pattern, std::string_view text) {
    // Iterative matching with one backtrack point per kind of star, as fnmatch
    // does: a `*` retries one character further, a `**` may also cross '/'.
    size_t p = 0, t = 0;
    size_t star_p = std::string_view::npos, star_t = 0;
    bool star_crosses = false;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star_crosses = p + 1 < pattern.size() && pattern[p + 1] == '*';
            p += star_crosses ? 2 : 1;
            if (star_crosses && p < pattern.size() && pattern[p] == '/')
                ++p;  // `**/` also matches no folder at all
            star_p = p;
            star_t = t;
            continue;
        }
        if (p < pattern.size() && (pattern[p] == text[t] || (pattern[p] == '?' && text[t] != '/'))) {
            ++p;
            ++t;
            continue;
        }
        if (star_p != std::string_view::npos && (star_crosses || text[star_t] != '/')) {
            p = star_p;
            t = ++star_t;
            continue;
        }
        return false;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool path_matches(std::string_view pattern, std::string_view path) {
    while (pattern.size() > 1 && pattern.back() == '/')
        pattern.remove_suffix(1);
    if (pattern.starts_with("./"))
        pattern.remove_prefix(2);
    bool anchored = pattern.find('/') != std::string_view::npos;
    // The path itself and each of its folders: `a/b/c.py`, `a/b`, `a`.
    std::vector<std::string_view> candidates;
    for (size_t end = path.size(); end != std::string_view::npos && end > 0; end = path.rfind('/', end - 1)) {
        candidates.push_back(path.substr(0, end));
        if (end == 0)
            break;
    }
    for (std::string_view candidate : candidates) {
        if (anchored) {
            if (glob_match(pattern, candidate))
                return true;
            continue;
        }
        size_t slash = candidate.rfind('/');
        std::string_view component =
            slash == std::string_view::npos ? candidate : candidate.substr(slash + 1);
        if (glob_match(pattern, component))
            return true;
    }
    return false;
}

}  // namespace lmms::base
