#pragma once
/// `lmms history` as text (a table, a sparkline and the verdict per trend) and
/// JSON (pure functions of the trends).

#include <string>
#include <vector>

#include "policy/trend.hpp"

namespace lmms::report {

std::string history_to_text(const std::vector<policy::Trend>& trends, size_t total_recordings);
std::string history_to_json(const std::vector<policy::Trend>& trends, double tolerance);

}  // namespace lmms::report
