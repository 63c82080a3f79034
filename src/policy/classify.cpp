#include "policy/classify.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "policy/hoist_safety.hpp"
#include "policy/readers_rule.hpp"
#include "python/bindings.hpp"
#include "python/project_files.hpp"

namespace lmms::policy {

namespace {

class Classifier {
public:
    explicit Classifier(const ClassifyContext& context)
        : m_in(context.inputs),
          m_cold(context.cold),
          m_preloaded(context.preloaded),
          m_after(context.after),
          m_invocations(context.invocations),
          m_imports(context.imports) {}

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

    void classify(Draft& draft, const Decision& decision, const DecisionPrice& price) {
        PlanItem& item = draft.item;
        item.invocations = m_invocations;
        item.used = decision.used;
        item.import_time_line = decision.import_time_line;
        item.import_time_function = decision.import_time_function;
        item.import_time_file = decision.import_time_file;
        item.cost_ms = price.cost_ms;
        item.why.used = decision.used;
        item.why.invocations = m_invocations;
        decide(draft, decision, price);
        item.why.cost_ms = item.cost_ms;
        item.reason = render_reason(item.why);
    }

private:
    void because(PlanItem& item, ReasonCode code, const std::vector<std::string_view>& thresholds = {}) {
        const config::Thresholds& t = m_in.thresholds;
        item.why.code = code;
        for (std::string_view name : thresholds)
            item.why.thresholds.push_back({std::string(name), name == "fast-ms"    ? t.fast_ms
                                                              : name == "heavy-ms" ? t.heavy_ms
                                                                                   : t.hot_usage});
    }

    /// The import-time use that keeps the decision's rows where they are.
    static SourceLine import_time_use(const Draft& draft, const Decision& decision) {
        SourceLine at;
        at.same_file = decision.import_time_file.empty();
        at.file = at.same_file ? draft.item.file : decision.import_time_file;
        at.line = *decision.import_time_line;
        at.function = decision.import_time_function;
        return at;
    }

    void decide(Draft& draft, const Decision& decision, const DecisionPrice& price) {
        PlanItem& item = draft.item;
        if (draft.type_checking)
            return because(item, ReasonCode::type_checking);
        if (draft.imports_fast_path)
            return because(item, ReasonCode::imports_fast_path);
        if (m_preloaded.contains(item.module))
            return preloaded(draft, decision);
        if (!draft.module_level)
            return classify_function_level(draft, decision);
        if (all_failed(draft)) {
            because(item, ReasonCode::import_failed);
            item.why.module = item.module;
            item.cost_ms.reset();
            return;
        }
        if (!item.on_cold_path || !decision.candidate)
            return because(item,
                           draft.file_on_cold_path ? ReasonCode::not_run : ReasonCode::not_on_cold_path);
        if (draft.importer && !m_after[*draft.importer]) {
            because(item, ReasonCode::off_cold_path_after_plan);
            item.why.module = m_in.profile->modules[*draft.importer].name;
            item.cost_ms.reset();
            return;
        }
        classify_module_level(draft, decision, price);
    }

    /// Every module the row imports at cold start failed to import (and the failure was caught).
    /// A row with no profiled targets fails the same way when the profile lists its module as failed.
    bool all_failed(const Draft& draft) const {
        if (draft.targets.empty()) {
            if (!draft.file_on_cold_path)
                return false;
            auto module = m_cold.find(draft.item.module);
            return module && m_in.profile->modules[*module].failed;
        }
        return std::all_of(draft.targets.begin(), draft.targets.end(),
                           [&](uint32_t t) { return m_in.profile->modules[t].failed; });
    }

    void preloaded(Draft& draft, const Decision& decision) {
        PlanItem& item = draft.item;
        item.tier = Tier::light;
        item.why.tier = Tier::light;
        item.cost_ms = 0;
        item.why.module = item.module;
        if (!draft.module_level) {
            item.functions = {item.scope};
            if (hoist_blocked(draft, decision, true))
                return;
            because(item, ReasonCode::preloaded, {"fast-ms"});
            item.why.basis = CostBasis::if_hoisted;
            item.functions = {item.scope};
            item.action = Action::hoist;
            return;
        }
        because(item, ReasonCode::preloaded);
        item.why.basis = CostBasis::plain;
        item.action = draft.in_fast_path ? Action::in_fast_path
                      : draft.in_entry   ? Action::fast_path
                                         : Action::keep;
    }

    static ReasonCode tier_code(Tier tier) {
        switch (tier) {
            case Tier::light:
                return ReasonCode::light;
            case Tier::hot:
                return ReasonCode::hot;
            case Tier::cold:
                return ReasonCode::cold;
            case Tier::heavy_hot:
                return ReasonCode::heavy_hot;
            case Tier::heavy_cold:
                return ReasonCode::heavy_cold;
            case Tier::none:
                break;
        }
        return ReasonCode::no_usage;
    }

    /// The thresholds a row of the tier table names.
    static std::vector<std::string_view> tier_thresholds(Tier tier) {
        if (tier == Tier::light)
            return {"fast-ms"};
        if (tier == Tier::hot || tier == Tier::cold)
            return {"fast-ms", "heavy-ms", "hot-usage"};
        return {"heavy-ms", "hot-usage"};
    }

    /// A row whose cost range across runs straddles a threshold that would
    /// change its action is borderline: it keeps its place.
    void mark_borderline(PlanItem& item, const Decision& decision, const DecisionPrice& price,
                         std::optional<double> usage) {
        const config::Thresholds& t = m_in.thresholds;
        item.cost_spread = price.spread;
        item.why.spread = price.spread;
        if (decision.borderline) {
            item.why.borderline = Threshold{"fast-ms", t.fast_ms};
        } else if (price.spread) {
            Tier low = tier_of(price.spread->low_ms, usage, t),
                 high = tier_of(price.spread->high_ms, usage, t);
            auto lazy = [](Tier tier) { return tier == Tier::cold || tier == Tier::heavy_cold; };
            if (low != high && !(lazy(low) && lazy(high)))
                item.why.borderline = price.spread->low_ms < t.fast_ms && price.spread->high_ms >= t.fast_ms
                                          ? Threshold{"fast-ms", t.fast_ms}
                                          : Threshold{"heavy-ms", t.heavy_ms};
        }
        item.borderline = item.why.borderline.has_value();
    }

    void classify_module_level(Draft& draft, const Decision& decision, const DecisionPrice& price) {
        PlanItem& item = draft.item;
        const config::Thresholds& t = m_in.thresholds;
        std::optional<double> usage = usage_percent(decision.used, m_invocations);
        item.tier = tier_of(*item.cost_ms, usage, t);
        item.why.tier = item.tier;
        // A hot import is measured by what it loads; any other by what leaving would save.
        bool hot = usage && *usage > t.hot_usage;
        item.why.basis = hot ? CostBasis::to_import : CostBasis::if_lazy;
        if (item.tier == Tier::none) {
            if (decision.import_time_line) {
                item.action = Action::cannot_move;
                because(item, ReasonCode::used_at_import_time, {"fast-ms"});
                item.why.blocking.push_back(import_time_use(draft, decision));
                return;
            }
            item.action = Action::unclassified;
            bool stale = draft.usage_stale && m_in.usage != nullptr;
            because(item, stale ? ReasonCode::stale_usage : ReasonCode::no_usage, {"fast-ms"});
            item.why.command = m_in.usage_command.empty() ? "lmms usage" : m_in.usage_command;
            return;
        }
        because(item, tier_code(item.tier), tier_thresholds(item.tier));
        mark_borderline(item, decision, price, usage);
        if (item.tier == Tier::light && item.cumulative_ms && *item.cumulative_ms >= t.fast_ms) {
            item.kept_through = kept_through(decision, m_after);
            item.why.kept_through = item.kept_through;
            item.why.cumulative_ms = item.cumulative_ms;
        }
        bool wants_lazy = item.tier == Tier::cold || item.tier == Tier::heavy_cold;
        if (wants_lazy && decision.import_time_line) {
            item.action = Action::cannot_move;
            item.why.code = ReasonCode::used_at_import_time;
            item.why.blocking.push_back(import_time_use(draft, decision));
            return;
        }
        if (wants_lazy && decision.read_elsewhere && !draft.readers.empty())
            return classify_read_elsewhere(draft, price, [&](const std::string& module) {
                auto node = m_cold.find(module);
                return node && m_after[*node];
            });
        if (wants_lazy && decision.unread) {
            // Never removed, never moved blind: an unread import is a side-effect
            // import or a re-export until proven otherwise.
            item.why.code = ReasonCode::side_effect;
            item.action = draft.in_fast_path ? Action::in_fast_path : Action::keep;
            return;
        }
        if (decision.lazy) {
            item.action = Action::lazy;
            item.saving_ms = price.saving_ms;
            item.load_ms = price.load_ms;
            item.figures =
                cost_figures(price.saving_ms, price.load_ms, usage.value_or(0) / 100.0, m_in.traffic);
            return;
        }
        item.action = draft.in_fast_path             ? Action::in_fast_path
                      : item.tier == Tier::heavy_hot ? Action::exception
                      : draft.in_entry               ? Action::fast_path
                                                     : Action::keep;
    }

    /// Whether hoisting the function-level row could break the program; if so
    /// the row stays, with the reason.
    /// `loaded`: its module is loaded at cold start (a plain `import` of it cannot fail).
    bool hoist_blocked(Draft& draft, const Decision& decision, bool loaded) {
        PlanItem& item = draft.item;
        item.action = Action::keep;
        bool ran = decision.used && *decision.used > 0;
        if (!draft.file_on_cold_path && !ran) {
            because(item, ReasonCode::not_on_cold_path);
            return true;
        }
        if (draft.site->guard != python::Guard::none) {
            because(item, ReasonCode::guarded);
            item.why.guard = python::guard_name(draft.site->guard);
            return true;
        }
        if (!ran && (draft.site->is_from || !loaded)) {
            because(item, ReasonCode::never_succeeded);
            return true;
        }
        for (const std::string& name : item.names) {
            std::vector<SourceLine> lines = module_bindings(*draft.file, *draft.site, name);
            if (!lines.empty()) {
                because(item, ReasonCode::shadowed);
                item.why.module = name;
                item.why.blocking = std::move(lines);
                return true;
            }
        }
        if (m_imports != nullptr) {
            std::vector<std::string> chain = m_imports->cycle(draft.file->module, item.module);
            if (!chain.empty()) {
                because(item, ReasonCode::import_cycle);
                item.why.cycle = std::move(chain);
                return true;
            }
        }
        return false;
    }

    void classify_function_level(Draft& draft, const Decision& decision) {
        PlanItem& item = draft.item;
        const config::Thresholds& t = m_in.thresholds;
        item.functions = {item.scope};
        auto module = m_cold.find(item.module);
        // A module whose import failed (msvcrt on Linux) is not loaded: hoisting it would crash.
        bool loaded = module && m_after[*module] && !m_in.profile->modules[*module].failed;
        bool hot = decision.used && *usage_percent(decision.used, m_invocations) > t.hot_usage;
        if ((loaded || hot) && hoist_blocked(draft, decision, loaded))
            return;
        if (loaded) {
            item.tier = Tier::light;
            item.why.tier = Tier::light;
            item.cost_ms = 0;
            item.action = Action::hoist;
            because(item, ReasonCode::loaded_anyway, {"fast-ms"});
            item.why.basis = CostBasis::if_hoisted;
            item.why.module = item.module;
            return;
        }
        if (hot) {
            item.action = Action::hoist;
            because(item, ReasonCode::hoist_hot, {"hot-usage"});
            return;
        }
        because(item, ReasonCode::function_level);
    }

    const PlanInputs& m_in;
    const ColdPath& m_cold;
    const std::set<std::string>& m_preloaded;
    const std::vector<bool>& m_after;
    size_t m_invocations;
    const ModuleImports* m_imports;
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
