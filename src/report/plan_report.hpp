#pragma once
/// `lmms plan` as text and JSON (pure functions of the Plan).

#include <string>

#include "policy/plan.hpp"

namespace lmms::report {

std::string plan_to_text(const policy::Plan& plan);
std::string plan_to_json(const policy::Plan& plan);

/// "excellent (> 60 %)", "meets the target (> 40 %)" or "below the target (40 %)".
std::string improvement_verdict(double improvement);

}  // namespace lmms::report
