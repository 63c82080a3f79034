#include "base/strings.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

namespace lmms::base {

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
    std::vector<std::string_view> parts;
    size_t at = 0;
    for (size_t found; (found = text.find(separator, at)) != std::string_view::npos;
         at = found + separator.size())
        parts.push_back(text.substr(at, found - at));
    parts.push_back(text.substr(at));
    return parts;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::string_view trim(std::string_view text) {
    const char* blanks = " \t\r\n\f\v";
    size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    size_t last = text.find_last_not_of(blanks);
    return text.substr(first, last - first + 1);
}

std::string tail_lines(std::string_view text, size_t max_lines) {
    auto lines = split_lines(text);
    while (!lines.empty() && trim(lines.back()).empty())
        lines.pop_back();
    size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
    std::string out;
    for (size_t i = first; i < lines.size(); ++i) {
        out.append(lines[i]);
        out.push_back('\n');
    }
    return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: a swap of two neighbours is one edit, as typos go.
    std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
    // Allow roughly one typo per three characters, as ninja and git do.
    size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
    std::optional<std::string> best;
    for (std::string_view candidate : candidates) {
        size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = std::string(candidate);
        }
    }
    return best;
}

std::string format_ms(double microseconds) {
    return fmt::format("{:.1f}", microseconds / 1000.0);
}

std::optional<int64_t> parse_int(std::string_view text) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

}  // namespace lmms::base
