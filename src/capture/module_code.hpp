#pragma once
/// The cost of project modules' own top-level code (TRAPS 24), from the
/// warm-up's per-line times: each line is folded into the top-level
/// statement that holds it (a loop's body into its `for`), and statements
/// above model::k_statement_floor_us are named with their first line.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capture/profile_builder.hpp"
#include "model/profile.hpp"

namespace lmms::capture {

/// (line, nanoseconds) of one file's module body, as the probe measured it.
using LineTimes = std::vector<std::pair<uint32_t, int64_t>>;

/// Pure: `source` is the file's bytes; `file` is how the result names it.
/// Sorted by line.
std::vector<model::StatementCost> fold_statements(std::string_view source, const std::string& file,
                                                  const LineTimes& lines);

/// Sets Profile::module_code from the warm-up's statement lines, reading
/// each project file they name; a file that cannot be read keeps its lines
/// as statements without text.
void attach_module_code(model::Profile& profile, const std::vector<ProbeStatement>& lines,
                        const ProjectLayout& layout);

}  // namespace lmms::capture
