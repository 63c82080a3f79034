#include "cli/entry.hpp"

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

}  // namespace

Expected<Entry> parse_entry(std::string_view text) {
    size_t colon = text.find(':');
    Entry entry{std::string(text.substr(0, colon)),
                colon == std::string_view::npos ? "" : std::string(text.substr(colon + 1))};
    if (entry.module.ends_with(".py") || entry.module.find('/') != std::string::npos)
        return make_error(
            fmt::format("entry `{}` looks like a file path; give the module name, e.g. "
                        "`app.handler:handler`",
                        text));
    if (!is_dotted_name(entry.module) || (colon != std::string_view::npos && !is_identifier(entry.function)))
        return make_error(
            fmt::format("invalid entry `{}`: expected MODULE[:FUNCTION], e.g. `app.handler:handler`", text));
    return entry;
}

}  // namespace lmms::cli
