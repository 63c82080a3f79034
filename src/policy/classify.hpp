#pragma once
/// Classification (pure): the tier of one plan row, the action that follows
/// and its reason, once the lazy set is decided and priced.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "policy/hoist_safety.hpp"
#include "policy/lazy_set.hpp"
#include "policy/plan.hpp"
#include "policy/plan_rows.hpp"

namespace lmms::policy {

/// The tier table: `cost_ms` against fast-ms and heavy-ms, `usage` (percent
/// of invocations, none when unknown) against hot-usage.
Tier tier_of(double cost_ms, std::optional<double> usage, const config::Thresholds& thresholds);

/// Percent of invocations that used it; none when `used` is unknown.
std::optional<double> usage_percent(std::optional<size_t> used, size_t invocations);

struct ClassifyContext {
    const PlanInputs& inputs;
    const ColdPath& cold;
    const std::set<std::string>& preloaded;  ///< modules loaded before the entry runs
    const std::vector<bool>& after;          ///< the cold path once the plan is applied
    size_t invocations = 0;
    const ModuleImports* imports = nullptr;  ///< for the import cycles a hoist would close
};

/// Fills the row's tier, action, reason and figures.
void classify(Draft& draft, const Decision& decision, const DecisionPrice& price,
              const ClassifyContext& context);

}  // namespace lmms::policy
