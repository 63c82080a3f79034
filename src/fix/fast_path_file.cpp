#include "fix/fast_path_file.hpp"

#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace lmms::fix {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos)
            end = text.size();
        lines.emplace_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

bool is_import(std::string_view line) {
    return line.starts_with("import ") || line.starts_with("from ");
}

/// The comment LMMS writes after an import: "1.2 ms..., profiled 2026-12-01...".
std::optional<DocumentedImport> documented(std::string_view line) {
    static const std::regex k_comment(R"(^(.*\S)  # (\d+\.\d) ms.*, profiled \d{4}-\d{2}-\d{2}.*$)");
    std::string text(line);
    std::smatch match;
    if (!std::regex_match(text, match, k_comment))
        return std::nullopt;
    return DocumentedImport{match[1].str(), 1, std::strtod(match[2].str().c_str(), nullptr)};
}

std::string_view code_of(std::string_view line) {
    size_t hash = line.find('#');
    return trim(line.substr(0, hash));
}

/// The docstring LMMS writes starts the file with `"""Fast path`.
Expected<size_t> docstring_end(const std::vector<std::string>& lines, const std::string& file_name) {
    std::string_view first = lines.front();
    if (first.size() > 6 && first.ends_with("\"\"\""))
        return 0;
    for (size_t i = 1; i < lines.size(); ++i)
        if (trim(lines[i]) == "\"\"\"")
            return i;
    return make_error("the docstring LMMS writes is not closed by a line `\"\"\"`", file_name + ":1");
}

/// `__all__ = []` or `__all__ = [` / `    "name",` / `]`: the last line.
Expected<size_t> all_end(const std::vector<std::string>& lines, size_t start, const std::string& file_name) {
    if (trim(lines[start]) == "__all__ = []")
        return start;
    if (trim(lines[start]) == "__all__ = [")
        for (size_t i = start + 1; i < lines.size(); ++i) {
            std::string_view line = trim(lines[i]);
            if (line == "]")
                return i;
            if (line.size() >= 3 && line.front() == '"' && line.ends_with("\","))
                continue;
            return make_error(
                "`__all__` is rewritten by LMMS from the file's imports, so this line would be lost; "
                "import the name above instead",
                fmt::format("{}:{}", file_name, i + 1));
        }
    return make_error(
        "`__all__` is rewritten by LMMS as a plain list of names, so this form would be lost; import "
        "the names above instead",
        fmt::format("{}:{}", file_name, start + 1));
}

}  // namespace

std::vector<std::string> bound_names(std::string_view statement) {
    if (statement.find_first_of("();*\\") != std::string_view::npos)
        return {};
    bool from = statement.starts_with("from ");
    size_t at = from ? statement.find(" import ") : std::string_view::npos;
    std::string_view list =
        from ? (at == std::string_view::npos ? std::string_view{} : statement.substr(at + 8))
             : statement.substr(7);
    std::vector<std::string> names;
    for (std::string_view part : base::split(list, ",")) {
        part = trim(part);
        size_t as = part.find(" as ");
        std::string_view name = as != std::string_view::npos ? trim(part.substr(as + 4))
                                : from                       ? part
                                                             : part.substr(0, part.find('.'));
        if (name.empty() || name.find(' ') != std::string_view::npos)
            return {};
        names.emplace_back(name);
    }
    return names;
}

Expected<ExistingFastPath> read_fast_path(std::string_view text, const std::string& file_name) {
    ExistingFastPath file;
    file.lines = lines_of(text);
    size_t n = file.lines.size();
    file.kinds.assign(n, FastPathLine::user);
    file.header_tier.assign(n, 0);
    size_t i = 0;
    if (n > 0 && file.lines[0].starts_with("\"\"\"Fast path")) {
        size_t end = LMMS_TRY(docstring_end(file.lines, file_name));
        for (; i <= end; ++i)
            file.kinds[i] = FastPathLine::docstring;
    }
    int tier = 0;
    for (; i < n; ++i) {
        const std::string& line = file.lines[i];
        if (line.starts_with("# HISTORY:")) {
            file.has_history = true;
            file.kinds[i] = FastPathLine::history;
            while (i + 1 < n && file.lines[i + 1].starts_with("# ")) {
                file.kinds[++i] = FastPathLine::history;
                file.history.push_back(file.lines[i]);
            }
            continue;
        }
        if (line.starts_with("# Tier 1:") || line.starts_with("# Tier 2:")) {
            tier = line[7] - '0';
            file.kinds[i] = FastPathLine::tier_header;
            file.header_tier[i] = tier;
        } else if (line.starts_with("__all__")) {
            size_t end = LMMS_TRY(all_end(file.lines, i, file_name));
            for (; i <= end; ++i)
                file.kinds[i] = FastPathLine::all;
            --i;
        } else if (is_import(line)) {
            if (auto import = documented(line)) {
                import->tier = tier == 0 ? 1 : tier;
                file.kinds[i] = FastPathLine::documented_import;
                file.documented.push_back(std::move(*import));
            } else {
                std::string code(code_of(line));
                file.hand.push_back({code, bound_names(code), i + 1});
            }
        }
    }
    return file;
}

}  // namespace lmms::fix
