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

namespace {

/// "an object", "a string": what the file has where something else was expected.
std::string_view kind_of(const nlohmann::ordered_json& json) {
    switch (json.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::object:
            return "an object";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::number_float:
            return "a fraction";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "an integer";
        default:
            return "something else";
    }
}

}  // namespace

void JsonField::fail(std::string_view expected) const {
    throw JsonFieldError(fmt::format("{}: expected {}, found {}", m_path.empty() ? "the document" : m_path,
                                     expected, kind_of(*m_json)));
}

JsonField JsonField::operator[](std::string_view key) const {
    if (!m_json->is_object())
        fail("an object");
    auto found = m_json->find(key);
    std::string path = m_path.empty() ? std::string(key) : fmt::format("{}.{}", m_path, key);
    if (found == m_json->end())
        throw JsonFieldError(fmt::format("{}: missing", path));
    return JsonField(*found, std::move(path));
}

JsonField JsonField::operator[](size_t index) const {
    if (!m_json->is_array())
        fail("an array");
    std::string path = fmt::format("{}[{}]", m_path, index);
    if (index >= m_json->size())
        throw JsonFieldError(fmt::format("{}: missing", path));
    return JsonField((*m_json)[index], std::move(path));
}

std::vector<JsonField> JsonField::items() const {
    if (!m_json->is_array())
        fail("an array");
    std::vector<JsonField> items;
    items.reserve(m_json->size());
    for (size_t i = 0; i < m_json->size(); ++i)
        items.emplace_back((*m_json)[i], fmt::format("{}[{}]", m_path, i));
    return items;
}

int64_t JsonField::integer_in(int64_t low, int64_t high) const {
    std::string expected = low == 0 ? "a non-negative integer" : "an integer";
    if (m_json->is_number_unsigned()) {
        uint64_t value = m_json->get<uint64_t>();
        if (value > static_cast<uint64_t>(high))
            throw JsonFieldError(fmt::format("{}: {} is too large (at most {})", m_path, value, high));
        return static_cast<int64_t>(value);
    }
    if (!m_json->is_number_integer())
        fail(expected);
    int64_t value = m_json->get<int64_t>();
    if (value < low || value > high)
        throw JsonFieldError(
            fmt::format("{}: expected {} from {} to {}, found {}", m_path, expected, low, high, value));
    return value;
}

}  // namespace lmms::model
