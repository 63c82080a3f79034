#include "cli/entry.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lmms::cli {

namespace {

bool is_identifier(std::string_view part) {
    if (part.empty() || (part.front() >= '0' && part.front() <= '9'))
        return false;
    for (char c : part) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  static_cast<unsigned char>(c) >= 0x80;
        if (!ok)
            return false;
    }
    return true;
}

bool is_dotted_name(std::string_view name) {
    while (true) {
        size_t dot = name.find('.');
        if (!is_identifier(name.substr(0, dot)))
            return false;
        if (dot == std::string_view::npos)
            return true;
        name.remove_prefix(dot + 1);
    }
}

/// "src/tool.py" -> "src.tool": what a file path would be called as a module.
std::string module_name_of(std::string path) {
    if (path.starts_with("./"))
        path.erase(0, 2);
    if (path.ends_with(".py"))
        path.resize(path.size() - 3);
    std::replace(path.begin(), path.end(), '/', '.');
    return path;
}

}  // namespace

Expected<Entry> parse_entry(std::string_view text) {
    size_t colon = text.find(':');
    Entry entry{std::string(text.substr(0, colon)),
                colon == std::string_view::npos ? "" : std::string(text.substr(colon + 1))};
    if (entry.module.ends_with(".py") || entry.module.find('/') != std::string::npos)
        return make_error(fmt::format(
            "entry `{}` is a file path: the entry is a module LMMS imports, MODULE[:FUNCTION]; give its "
            "module name, e.g. `{}` (a script's runs are measured by `lmms usage --commands`)",
            text, module_name_of(entry.module)));
    if (!is_dotted_name(entry.module) || (colon != std::string_view::npos && !is_identifier(entry.function)))
        return make_error(
            fmt::format("invalid entry `{}`: expected MODULE[:FUNCTION], e.g. `app.handler:handler`", text));
    return entry;
}

}  // namespace lmms::cli
