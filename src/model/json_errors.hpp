#pragma once
/// Parses a capture's JSON text; a syntax error becomes `FILE:LINE: invalid
/// JSON: ...`, the line counted from the byte where the parser stopped.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace lmms::model {

Expected<nlohmann::ordered_json> parse_capture_json(std::string_view text, const std::string& file_name);

}  // namespace lmms::model
