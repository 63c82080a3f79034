#include "policy/classify.hpp"

#include <fmt/format.h>

#include "python/bindings.hpp"
#include "python/project_files.hpp"

namespace lmms::policy {

namespace {

std::string ms(double value) {
    return fmt::format("{:.1f} ms", value);
}

std::string threshold(double value) {
    return fmt::format("{:g}", value);
}

class Classifier {
public:
    explicit Classifier(const ClassifyContext& context)
        : m_in(context.inputs),
          m_cold(context.cold),
          m_preloaded(context.preloaded),
          m_after(context.after),
          m_invocations(context.invocations) {}

    /// A module on the final cold path that imports `target` other than
    /// through `decision`: why making it lazy would save little.
    std::string kept_through(const Decision& decision, const std::vector<bool>& after) const {
        const model::Profile& profile = *m_in.profile;
        for (uint32_t target : decision.targets)
            for (const model::ImportEdge& e : profile.edges) {
                if (e.to.value != target || !after[e.from.value] || e.from.value == target)
                    continue;
                if (e.site &&
                    decision.edges.contains(edge(m_cold.site_node(*e.site), ColdPath::module_node(e.to))))
                    continue;
                const model::Module& importer = profile.at(e.from);
                if (python::top_level_package(importer.name) ==
                    python::top_level_package(profile.modules[target].name))
                    continue;  // the package's own modules, there because it is
                if (e.site)
                    return model::location(profile.at(*e.site));
                return importer.name;
            }
        return {};
    }

    /// "line 29", "app/handler.py:21", "line 10 in stamp(), called while the module is imported".
    static std::string import_time_text(const Decision& decision) {
        std::string where = decision.import_time_file.empty()
                                ? fmt::format("line {}", *decision.import_time_line)
                                : fmt::format("{}:{}", decision.import_time_file, *decision.import_time_line);
        if (decision.import_time_function.empty())
            return where;
        return fmt::format("{} in {}(), called while the module is imported", where,
                           decision.import_time_function);
    }

    void classify(Draft& draft, const Decision& decision, const DecisionPrice& price) {
        std::optional<double> cost = price.cost_ms;
        double saving = price.saving_ms, load = price.load_ms;
        const std::vector<bool>& after = m_after;
        PlanItem& item = draft.item;
        const config::Thresholds& t = m_in.thresholds;
        item.invocations = m_invocations;
        item.used = decision.used;
        item.import_time_line = decision.import_time_line;
        item.import_time_function = decision.import_time_function;
        item.import_time_file = decision.import_time_file;
        item.cost_ms = cost;
        std::string usage_text =
            decision.used ? "used in " + usage_share(*decision.used, m_invocations) : std::string();

        if (draft.type_checking) {
            item.reason = "only for type checkers (if TYPE_CHECKING:)";
            return;
        }
        if (draft.imports_fast_path) {
            item.reason = "imports the fast path";
            return;
        }
        if (m_preloaded.contains(item.module)) {
            item.tier = Tier::light;
            item.cost_ms = 0;
            if (!draft.module_level) {
                item.functions = {item.scope};
                item.action = Action::hoist;
                item.reason = fmt::format(
                    "0.0 ms if hoisted (< {} ms): {} is loaded before the entry runs, so "
                    "importing it here is only a lookup",
                    threshold(t.fast_ms), item.module);
                return;
            }
            item.reason = fmt::format("0.0 ms: {} is loaded before the entry runs", item.module);
            item.action = draft.in_fast_path ? Action::in_fast_path
                          : draft.in_entry   ? Action::fast_path
                                             : Action::keep;
            return;
        }
        if (!draft.module_level) {
            classify_function_level(draft, decision, usage_text);
            return;
        }
        if (!item.on_cold_path || !decision.candidate) {
            item.reason = draft.file_on_cold_path
                              ? "did not run at cold start (a branch not taken)"
                              : "not on the entry's cold path: its module is not imported at "
                                "cold start";
            return;
        }
        if (draft.importer && !after[*draft.importer]) {
            item.reason = fmt::format(
                "off the cold path once the plan is applied: its module {} is then imported "
                "lazily",
                m_in.profile->modules[*draft.importer].name);
            item.cost_ms.reset();
            return;
        }
        std::optional<double> usage = usage_percent(decision.used, m_invocations);
        item.tier = tier_of(*cost, usage, t);
        // A hot import is measured by what it loads; any other by what leaving would save.
        bool hot = usage && *usage > t.hot_usage;
        std::string cost_text = ms(*cost) + (hot ? " to import" : " if lazy");
        if (item.tier == Tier::none && decision.import_time_line) {
            item.action = Action::cannot_move;
            item.reason = fmt::format(
                "{} (>= {} ms); usage not measured, but used at import time, {}: it stays "
                "at module level whatever the usage",
                cost_text, threshold(t.fast_ms), import_time_text(decision));
            return;
        }
        if (item.tier == Tier::none) {
            item.action = Action::unclassified;
            item.reason = fmt::format(
                "unclassified: no usage data; {} (>= {} ms), so the tier depends on usage; "
                "run `{}`",
                cost_text, threshold(t.fast_ms),
                m_in.usage_command.empty() ? "lmms usage" : m_in.usage_command);
            if (draft.usage_stale && m_in.usage != nullptr)
                item.reason = fmt::format(
                    "unclassified: the usage data has no row for this line (the source "
                    "changed since `lmms usage`?); {} (>= {} ms); run `{}` again",
                    cost_text, threshold(t.fast_ms),
                    m_in.usage_command.empty() ? "lmms usage" : m_in.usage_command);
            return;
        }
        std::string band;
        switch (item.tier) {
            case Tier::light:
                band = fmt::format("< {} ms: lightweight, module level at any usage", threshold(t.fast_ms));
                break;
            case Tier::hot:
                band = fmt::format("{}-{} ms, {} > {} %: hot path, module level", threshold(t.fast_ms),
                                   threshold(t.heavy_ms), usage_text, threshold(t.hot_usage));
                break;
            case Tier::cold:
                band = fmt::format("{}-{} ms, {} <= {} %: function level", threshold(t.fast_ms),
                                   threshold(t.heavy_ms), usage_text, threshold(t.hot_usage));
                break;
            case Tier::heavy_hot:
                band = fmt::format("> {} ms, {} > {} %: module level as a documented hot-path exception",
                                   threshold(t.heavy_ms), usage_text, threshold(t.hot_usage));
                break;
            case Tier::heavy_cold:
                band = fmt::format("> {} ms, {} <= {} %: function level", threshold(t.heavy_ms), usage_text,
                                   threshold(t.hot_usage));
                break;
            case Tier::none:
                break;
        }
        item.reason = fmt::format("{} ({})", cost_text, band);
        if (item.tier == Tier::light && item.cumulative_ms && *item.cumulative_ms >= t.fast_ms) {
            item.kept_through = kept_through(decision, after);
            if (!item.kept_through.empty())
                item.reason += fmt::format("; its {} import stays on the cold path through {}",
                                           ms(*item.cumulative_ms), item.kept_through);
        }

        bool wants_lazy = item.tier == Tier::cold || item.tier == Tier::heavy_cold;
        if (wants_lazy && decision.import_time_line) {
            item.action = Action::cannot_move;
            item.reason += "; but used at import time, " + import_time_text(decision);
            return;
        }
        if (decision.lazy) {
            item.action = Action::lazy;
            item.saving_ms = saving;
            item.load_ms = load;
            item.figures = cost_figures(saving, load, usage.value_or(0) / 100.0, m_in.traffic);
            if (item.functions.empty())
                item.reason += "; no function uses it: remove it";
            return;
        }
        if (draft.in_fast_path) {
            item.action = Action::in_fast_path;
            return;
        }
        if (item.tier == Tier::heavy_hot) {
            item.action = Action::exception;
            return;
        }
        item.action = draft.in_entry ? Action::fast_path : Action::keep;
    }

    void classify_function_level(Draft& draft, const Decision& decision, const std::string& usage_text) {
        const std::vector<bool>& after = m_after;
        PlanItem& item = draft.item;
        const config::Thresholds& t = m_in.thresholds;
        item.functions = {item.scope};
        auto module = m_cold.find(item.module);
        bool loaded = module && after[*module];
        if (loaded) {
            item.tier = Tier::light;
            item.cost_ms = 0;
            item.action = Action::hoist;
            item.reason = fmt::format(
                "0.0 ms if hoisted (< {} ms): {} is imported at cold start anyway, so "
                "importing it here is only a lookup",
                threshold(t.fast_ms), item.module);
            return;
        }
        if (decision.used && *usage_percent(decision.used, m_invocations) > t.hot_usage) {
            item.action = Action::hoist;
            item.reason = fmt::format(
                "{} > {} %: module level at any import cost (its cost is not profiled: "
                "nothing imports it at cold start; `lmms profile` after hoisting measures it "
                "and says whether it needs a documented exception)",
                usage_text, threshold(t.hot_usage));
            return;
        }
        item.reason = "function level";
        if (decision.used)
            item.reason += fmt::format(", {}", usage_text);
        item.reason += "; its import cost is not profiled (nothing imports it at cold start)";
    }

private:
    const PlanInputs& m_in;
    const ColdPath& m_cold;
    const std::set<std::string>& m_preloaded;
    const std::vector<bool>& m_after;
    size_t m_invocations;
};

}  // namespace

Tier tier_of(double cost_ms, std::optional<double> usage, const config::Thresholds& t) {
    if (cost_ms < t.fast_ms)
        return Tier::light;
    if (!usage)
        return Tier::none;
    bool hot = *usage > t.hot_usage;
    if (cost_ms <= t.heavy_ms)
        return hot ? Tier::hot : Tier::cold;
    return hot ? Tier::heavy_hot : Tier::heavy_cold;
}

std::optional<double> usage_percent(std::optional<size_t> used, size_t invocations) {
    if (!used)
        return std::nullopt;
    return invocations == 0 ? 0 : 100.0 * static_cast<double>(*used) / static_cast<double>(invocations);
}

void classify(Draft& draft, const Decision& decision, const DecisionPrice& price,
              const ClassifyContext& context) {
    Classifier(context).classify(draft, decision, price);
}

}  // namespace lmms::policy
