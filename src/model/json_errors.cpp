#include "model/json_errors.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lmms::model {

Expected<nlohmann::ordered_json> parse_capture_json(std::string_view text, const std::string& file_name) {
    try {
        return nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        size_t end = std::min(error.byte == 0 ? 0 : error.byte - 1, text.size());
        auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
        std::string what = error.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error ..." -> the reason
        size_t colon = what.find(": ");
        return make_error("invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)),
                          fmt::format("{}:{}", file_name, line));
    }
}

}  // namespace lmms::model
