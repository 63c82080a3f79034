#pragma once
/// Parses a capture's JSON text; a syntax error becomes `FILE:LINE: invalid
/// JSON: ...`, the line counted from the byte where the parser stopped. Reads
/// of its fields go through JsonField, so a wrong type or a missing field
/// names its path: `modules[3].self_us.median: expected a number`.

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace lmms::model {

Expected<nlohmann::ordered_json> parse_capture_json(std::string_view text, const std::string& file_name);

/// Thrown by JsonField's reads; caught by the capture's reader, which turns it
/// into an Error (`FILE: PATH: expected ...`) before it leaves src/model.
class JsonFieldError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A value of a capture's JSON and its path from the document's root.
class JsonField {
public:
    using Json = nlohmann::ordered_json;

    JsonField(const Json& json, std::string path) : m_json(&json), m_path(std::move(path)) {}

    /// A required member of an object.
    JsonField operator[](std::string_view key) const;
    /// A required element of an array.
    JsonField operator[](size_t index) const;
    bool has(std::string_view key) const { return m_json->is_object() && m_json->contains(key); }
    bool is_null() const { return m_json->is_null(); }
    /// The elements of an array.
    std::vector<JsonField> items() const;
    const std::string& path() const { return m_path; }

    template <class T>
    T get() const;

    /// `get<T>()`, or `fallback` when null.
    template <class T>
    T get_or(T fallback) const {
        return is_null() ? fallback : get<T>();
    }

private:
    [[noreturn]] void fail(std::string_view expected) const;
    int64_t integer_in(int64_t low, int64_t high) const;

    const Json* m_json;
    std::string m_path;
};

template <class T>
T JsonField::get() const {
    if constexpr (std::is_same_v<T, std::string>) {
        if (!m_json->is_string())
            fail("a string");
        return m_json->get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!m_json->is_boolean())
            fail("true or false");
        return m_json->get<bool>();
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!m_json->is_number())
            fail("a number");
        return m_json->get<T>();
    } else if constexpr (std::is_integral_v<T>) {
        constexpr int64_t high = std::numeric_limits<T>::max() > std::numeric_limits<int64_t>::max()
                                     ? std::numeric_limits<int64_t>::max()
                                     : static_cast<int64_t>(std::numeric_limits<T>::max());
        return static_cast<T>(integer_in(static_cast<int64_t>(std::numeric_limits<T>::min()), high));
    } else {
        static_assert(std::is_same_v<typename T::value_type, typename T::value_type>, "a vector");
        std::vector<typename T::value_type> values;
        for (const JsonField& item : items())
            values.push_back(item.get<typename T::value_type>());
        return values;
    }
}

}  // namespace lmms::model
