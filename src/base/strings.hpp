#pragma once
/// Small string helpers shared by parsers and reporters.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lmms::base {

std::vector<std::string_view> split_lines(std::string_view text);
/// The parts of `text` between each `separator` (one part when there is none; empty parts kept).
std::vector<std::string_view> split(std::string_view text, std::string_view separator);
std::string_view trim(std::string_view text);

/// The last `max_lines` lines of `text` (for a child's stderr tail).
std::string tail_lines(std::string_view text, size_t max_lines);

/// Edit distance counting a swap of neighbours as one edit, for "did you mean".
size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate within a small edit distance, if any.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates);

/// Microseconds as milliseconds with one decimal: 12345 -> "12.3".
std::string format_ms(double microseconds);

/// Parses a whole decimal integer (optional leading '-'); nullopt otherwise.
std::optional<int64_t> parse_int(std::string_view text);

}  // namespace lmms::base
