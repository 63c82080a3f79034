#include "policy/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "policy/classify.hpp"
#include "policy/hoist_safety.hpp"
#include "policy/lazy_set.hpp"
#include "policy/partner_moves.hpp"
#include "policy/plan_rows.hpp"
#include "policy/remedies.hpp"

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
        ProjectReaders readers(m_in.files);
        Rows rows = build_rows(m_in, m_cold, readers);
        m_plan.entry_file = rows.entry_file;
        mark_remediable(rows, readers);
        m_lazy.decide(rows.decisions);
        Prices prices = m_lazy.price(rows.decisions);
        std::vector<bool> after = m_cold.reachable(m_lazy.cut());
        ModuleImports imports(*m_in.profile, m_in.files);
        ClassifyContext context{m_in, m_cold, m_preloaded, after, invocations(), &imports};
        for (size_t d = 0; d < rows.decisions.size(); ++d)
            for (size_t r : rows.decisions[d].rows)
                classify(rows.drafts[r], rows.decisions[d], prices.decisions[d], context);
        attach_remedies(rows, readers);
        attach_partner_moves(rows);
        mark_configured(rows.drafts);
        describe();
        m_plan.code = code_cost(*m_in.profile, m_cold.reachable({}), m_in.thresholds.fast_ms);
        price_remedies(rows.drafts, after);
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
    /// Which blocked decisions have a remedy lmms fix applies; a reader blocks
    /// while its module is on the cold path as it is.
    void mark_remediable(Rows& rows, const ProjectReaders& readers) const {
        std::vector<bool> now = m_cold.reachable({});
        auto on_cold_path = [&](const std::string& module) {
            auto node = m_cold.find(module);
            return node && now[*node];
        };
        for (Decision& decision : rows.decisions)
            decision.remedy_fix = mechanical_remedy_of(decision, rows, readers, on_cold_path);
    }

    /// What applying every remedy would save on top of the plan: the cold path
    /// with the remedied rows' edges also cut, each module counted once.
    void price_remedies(const std::vector<Draft>& drafts, const std::vector<bool>& after) {
        Cut remedied = m_lazy.cut();
        for (const Draft& draft : drafts) {
            // Rows that stay, used on a cold path, only because another import keeps their
            // modules loaded leave with the blocked ones.
            ReasonCode code = draft.item.why.code;
            const PlanItem& item = draft.item;
            std::optional<double> usage = usage_percent(item.used, item.invocations);
            bool cold_use = usage && *usage <= m_in.thresholds.hot_usage;
            bool kept_by_other = code == ReasonCode::light && !item.kept_through.empty();
            if (draft.module_level && item.action == Action::keep && cold_use && !item.borderline &&
                (code == ReasonCode::cold || code == ReasonCode::heavy_cold || kept_by_other))
                remedied.insert(draft.edges.begin(), draft.edges.end());
            if (draft.item.remedy) {
                remedied.insert(draft.edges.begin(), draft.edges.end());
                ++m_plan.summary.remedies;
                m_plan.summary.remedies_applied += draft.item.remedy->fix != RemedyFix::manual ? 1 : 0;
            }
        }
        m_plan.summary.remedies_ms = m_cold.weight_of_difference(after, m_cold.reachable(remedied));
    }

    /// A library a project module configures at import time stays out of the
    /// fast path (and an entry's import of it stays with the call).
    void mark_configured(std::vector<Draft>& drafts) const {
        if (m_in.usage == nullptr)
            return;
        auto configured = configured_libraries(*m_in.usage);
        for (Draft& draft : drafts) {
            PlanItem& item = draft.item;
            auto it = std::find_if(configured.begin(), configured.end(),
                                   [&](const auto& c) { return c.first == item.library; });
            if (it == configured.end() || item.action == Action::in_fast_path)
                continue;
            bool was_listed = listed_in_fast_path(item);
            item.configured_at_import_time = true;
            if (item.action == Action::fast_path)
                item.action = Action::keep;
            if (!was_listed)
                continue;
            item.why.not_in_fast_path = fmt::format(
                "not in the fast path: {} configures {} at import time, and the fast path would import it "
                "before that call",
                it->second, item.library);
            item.reason = render_reason(item.why);
        }
    }

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
    if (item.configured_at_import_time)
        return false;
    if (item.action == Action::fast_path || item.action == Action::in_fast_path ||
        item.action == Action::exception)
        return true;
    return item.action == Action::keep && item.on_cold_path &&
           (item.tier == Tier::hot || item.tier == Tier::heavy_hot);
}

std::vector<std::pair<std::string, std::string>> configured_libraries(const model::Usage& usage) {
    std::map<std::string, std::string> first;
    for (const model::SiteUsage& site : usage.sites)
        for (const model::ImportTimeUse& use : site.import_time_uses)
            if (use.kind == model::ImportTimeKind::configuring_call && use.function.empty())
                first.try_emplace(site.library, fmt::format("{}:{}", use.file, use.line));
    return {first.begin(), first.end()};
}

Plan make_plan(const PlanInputs& inputs) {
    return Planner(inputs).run();
}

}  // namespace lmms::policy
