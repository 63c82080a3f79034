#pragma once
/// The profile's warm-up figures as text (pure): imports that failed, the
/// compile cost without .pyc files, project modules' own top-level code and
/// import hooks. The last three are one run's figures, and say so.

#include <string>

#include "model/profile.hpp"

namespace lmms::report {

/// "Failed ..." line, or empty when every import listed succeeded.
std::string failed_imports_line(const model::Profile& profile);

/// "Compile ..." line, or empty when the profile has no compile figure.
std::string compile_cost_line(const model::Profile& profile);

/// The module-level statements above the floor, slowest first (`top` rows; 0 = all), and
/// the import hooks over 1 ms; empty when there are none.
std::string module_code_section(const model::Profile& profile, int top);
std::string import_hooks_section(const model::Profile& profile);

}  // namespace lmms::report
