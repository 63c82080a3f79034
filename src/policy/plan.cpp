#include "policy/plan.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "policy/classify.hpp"
#include "policy/hoist_safety.hpp"
#include "policy/lazy_set.hpp"
#include "policy/plan_rows.hpp"

namespace lmms::policy {

const char* tier_name(Tier tier) {
    switch (tier) {
        case Tier::none:
            return "none";
        case Tier::light:
            return "light";
        case Tier::hot:
            return "hot";
        case Tier::cold:
            return "cold";
        case Tier::heavy_hot:
            return "heavy-hot";
        case Tier::heavy_cold:
            return "heavy-cold";
    }
    return "none";
}

const char* action_name(Action action) {
    switch (action) {
        case Action::keep:
            return "keep";
        case Action::fast_path:
            return "fast-path";
        case Action::in_fast_path:
            return "in-fast-path";
        case Action::exception:
            return "exception";
        case Action::lazy:
            return "lazy";
        case Action::hoist:
            return "hoist";
        case Action::cannot_move:
            return "cannot-move";
        case Action::unclassified:
            return "unclassified";
    }
    return "keep";
}

namespace {

class Planner {
public:
    explicit Planner(const PlanInputs& inputs)
        : m_in(inputs),
          m_cold(*inputs.profile),
          m_preloaded(inputs.profile->preloaded.begin(), inputs.profile->preloaded.end()),
          m_lazy(m_cold, inputs.thresholds, invocations()) {}

    Plan run() {
        Rows rows = build_rows(m_in, m_cold);
        m_plan.entry_file = rows.entry_file;
        m_lazy.decide(rows.decisions);
        Prices prices = m_lazy.price(rows.decisions);
        std::vector<bool> after = m_cold.reachable(m_lazy.cut());
        ModuleImports imports(*m_in.profile, m_in.files);
        ClassifyContext context{m_in, m_cold, m_preloaded, after, invocations(), &imports};
        for (size_t d = 0; d < rows.decisions.size(); ++d)
            for (size_t r : rows.decisions[d].rows)
                classify(rows.drafts[r], rows.decisions[d], prices.decisions[d], context);
        describe();
        for (Draft& draft : rows.drafts) {
            // The fast path is not its own subject: until the entry imports it, its
            // lines are what the plan writes, not sites to plan.
            if (draft.in_fast_path && !draft.file_on_cold_path)
                continue;
            m_plan.items.push_back(std::move(draft.item));
        }
        std::stable_sort(m_plan.items.begin(), m_plan.items.end(), [](const PlanItem& a, const PlanItem& b) {
            return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
        });
        summarize(after, prices.exclusive_ms);
        return std::move(m_plan);
    }

private:
    size_t invocations() const { return m_in.usage == nullptr ? 0 : m_in.usage->invocations.size(); }

    void describe() {
        const model::Profile& profile = *m_in.profile;
        m_plan.thresholds = m_in.thresholds;
        m_plan.traffic = m_in.traffic;
        m_plan.entry_module = m_in.entry_module;
        m_plan.entry = profile.settings.entry;
        m_plan.fast_path_file = m_in.fast_path_file;
        m_plan.fast_path_module = m_in.fast_path_module;
        m_plan.profiled = profile.created;
        m_plan.python_version = profile.environment.python_version;
        m_plan.has_usage = m_in.usage != nullptr;
        m_plan.invocations = invocations();
        m_plan.usage_command = m_in.usage_command;
        if (m_in.usage != nullptr)
            m_plan.usage_workload = fmt::format("{} {} ({} invocations)", m_in.usage->workload,
                                                m_in.usage->workload_file, invocations());
    }

    void summarize(const std::vector<bool>& after, double exclusive_ms) {
        const model::Profile& profile = *m_in.profile;
        std::vector<bool> before = m_cold.reachable({});
        PlanSummary& summary = m_plan.summary;
        summary.measured_ms = profile.cold_start.total.median / 1000.0;
        summary.saved_ms = m_cold.weight_of_difference(before, after);
        summary.predicted_ms = summary.measured_ms - summary.saved_ms;
        summary.shared_ms = std::max(0.0, summary.saved_ms - exclusive_ms);
        summary.improvement = summary.measured_ms > 0 ? summary.saved_ms / summary.measured_ms : 0;
        summary.modules_before = profile.cold_start.module_count.median;
        summary.modules_after =
            summary.modules_before - static_cast<double>(m_cold.count(before) - m_cold.count(after));
        std::set<std::string> fast_path_modules;
        std::vector<uint32_t> fast_path_targets;
        for (const PlanItem& item : m_plan.items) {
            summary.lazy += item.action == Action::lazy ? 1 : 0;
            summary.hoist += item.action == Action::hoist ? 1 : 0;
            summary.cannot_move += item.action == Action::cannot_move ? 1 : 0;
            summary.unclassified += item.action == Action::unclassified ? 1 : 0;
            summary.exceptions += item.action == Action::exception ? 1 : 0;
            summary.fast_path += item.action == Action::fast_path ? 1 : 0;
            if (listed_in_fast_path(item) && fast_path_modules.insert(item.module).second)
                if (auto module = m_cold.find(item.module))
                    fast_path_targets.push_back(*module);
        }
        summary.fast_path_imports = fast_path_modules.size();
        summary.fast_path_ms = m_cold.weight(m_cold.reachable_from(fast_path_targets, m_lazy.cut()));
    }

    const PlanInputs& m_in;
    ColdPath m_cold;
    std::set<std::string> m_preloaded;
    LazySet m_lazy;
    Plan m_plan;
};

}  // namespace

std::string usage_share(size_t used, size_t invocations) {
    double share =
        invocations == 0 ? 0.0 : 100.0 * static_cast<double>(used) / static_cast<double>(invocations);
    return fmt::format("{:.1f} % ({}/{})", share, used, invocations);
}

bool listed_in_fast_path(const PlanItem& item) {
    if (item.action == Action::fast_path || item.action == Action::in_fast_path ||
        item.action == Action::exception)
        return true;
    return item.action == Action::keep && item.on_cold_path &&
           (item.tier == Tier::hot || item.tier == Tier::heavy_hot);
}

Plan make_plan(const PlanInputs& inputs) {
    return Planner(inputs).run();
}

}  // namespace lmms::policy
