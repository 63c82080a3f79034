#pragma once
/// `lmms plan` as text and JSON (pure functions of the Plan).

#include <string>

#include "policy/plan.hpp"

namespace lmms::report {

std::string plan_to_text(const policy::Plan& plan);
std::string plan_to_json(const policy::Plan& plan);

/// "excellent (> 60 %)", "meets the target (> 40 %)", "below the target (> 40 %)";
/// when the plan saves nothing: why (sites unclassified, or nothing left to move).
std::string improvement_verdict(const policy::PlanSummary& summary);

}  // namespace lmms::report
