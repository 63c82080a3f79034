#pragma once
/// `lmms fix` output (pure): what moved where, what was not applied and why.

#include <string>

#include "fix/project_fix.hpp"

namespace lmms::report {

enum class FixMode : uint8_t { write, preview };

std::string fix_to_text(const fix::ProjectFix& result, FixMode mode);

}  // namespace lmms::report
