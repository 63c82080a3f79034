#include "policy/lazy_set.hpp"

#include <algorithm>

#include "policy/classify.hpp"

namespace lmms::policy {

namespace {

/// The cut with a decision's edges taken out (it put back at module level).
Cut without(Cut cut, const Cut& edges) {
    for (Edge e : edges)
        cut.erase(e);
    return cut;
}

/// The cut with a decision's edges added (it made lazy).
Cut with(Cut cut, const Cut& edges) {
    cut.insert(edges.begin(), edges.end());
    return cut;
}

}  // namespace

ColdPath::ColdPath(const model::Profile& profile)
    : m_profile(profile), m_nodes(model::profile_graph(profile)) {
    for (uint32_t i = 0; i < profile.modules.size(); ++i)
        m_by_name.emplace(profile.modules[i].name, i);
}

std::vector<bool> ColdPath::reachable_from(const std::vector<uint32_t>& modules, const Cut& cut) const {
    std::vector<uint32_t> nodes;
    nodes.reserve(modules.size());
    for (uint32_t module : modules)
        nodes.push_back(module + 1);
    return reach(nodes, cut);
}

double ColdPath::weight_of_difference(const std::vector<bool>& a, const std::vector<bool>& b) const {
    double us = 0;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i] && !b[i])
            us += m_profile.modules[i].self.median;
    return us / 1000.0;
}

double ColdPath::weight(const std::vector<bool>& flags) const {
    return weight_of_difference(flags, std::vector<bool>(flags.size(), false));
}

CostSpread ColdPath::spread_of_difference(const std::vector<bool>& a, const std::vector<bool>& b) const {
    CostSpread spread;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i] || b[i])
            continue;
        const model::Module& module = m_profile.modules[i];
        if (module.self_samples.empty()) {
            spread.low_ms += module.self.median / 1000.0;
            spread.high_ms += module.self.median / 1000.0;
            continue;
        }
        auto [low, high] = std::minmax_element(module.self_samples.begin(), module.self_samples.end());
        spread.low_ms += static_cast<double>(*low) / 1000.0;
        spread.high_ms += static_cast<double>(*high) / 1000.0;
    }
    return spread;
}

size_t ColdPath::count(const std::vector<bool>& flags) const {
    return static_cast<size_t>(std::count(flags.begin(), flags.end(), true));
}

std::optional<uint32_t> ColdPath::find(const std::string& name) const {
    auto it = m_by_name.find(name);
    return it == m_by_name.end() ? std::nullopt : std::optional(it->second);
}

std::vector<bool> ColdPath::reach(const std::vector<uint32_t>& starts, const Cut& cut) const {
    const model::ImportGraph& graph = m_nodes.graph;
    std::vector<bool> seen(graph.node_count(), false);
    std::vector<uint32_t> stack;
    for (uint32_t start : starts)
        if (!seen[start]) {
            seen[start] = true;
            stack.push_back(start);
        }
    while (!stack.empty()) {
        uint32_t node = stack.back();
        stack.pop_back();
        for (uint32_t next : graph.successors(node))
            if (!seen[next] && !cut.contains(edge(node, next))) {
                seen[next] = true;
                stack.push_back(next);
            }
    }
    return {seen.begin() + 1, seen.begin() + 1 + static_cast<std::ptrdiff_t>(m_profile.modules.size())};
}

std::optional<double> LazySet::usage_of(const Decision& decision) const {
    return usage_percent(decision.used, m_invocations);
}

/// Starts from every import the usage allows to be lazy, so modules shared
/// by several of them can leave together, then puts back at module level
/// each one whose own cost (what would come back with it alone) is too
/// small for the tier table. Putting one back can only lower the others'
/// costs, so the set shrinks to a fixed point. Project modules are tried
/// first: a heavy library is better made lazy where it is used, leaving
/// the project modules that import it cheap to keep.
/// Three passes. The first also lets imports used at import time and those
/// without usage data be lazy, to find which of them would matter: they
/// become "cannot move" and "unclassified" with that cost. The second adds to
/// the movable ones only the blocked ones whose remedy lmms fix applies: what
/// they save there is their remedy's saving, and a movable import that pays
/// off only in that set moves with them (its partners). The third decides the
/// movable ones alone: the prediction never rests on a guess or on a move
/// that cannot be made as it is (an import other modules read counts as one).
void LazySet::decide(std::vector<Decision>& decisions) {
    start(decisions, Pass::pending);
    std::vector<bool> after = m_cold.reachable(m_cut);
    for (Decision& decision : decisions)
        if (decision.lazy && (!decision.used || decision.import_time_line || decision.read_elsewhere))
            decision.pending_cost = revert_cost(decision, after);
    start(decisions, Pass::remedied);
    after = m_cold.reachable(m_cut);
    for (Decision& decision : decisions) {
        decision.remedied_lazy = decision.lazy;
        if (decision.lazy && decision.remedy_fix)
            decision.pending_cost = revert_cost(decision, after);
    }
    Cut remedied = m_cut;
    start(decisions, Pass::plain);
    find_partners(decisions, remedied);
}

bool LazySet::movable(const Decision& decision, Pass pass) const {
    std::optional<double> usage = usage_of(decision);
    // Read from other modules: it cannot move as it is, but its cost is priced like an import-time use.
    if (!decision.candidate || (decision.unread && !decision.read_elsewhere) ||
        (usage && *usage > m_thresholds.hot_usage))
        return false;
    bool plain = usage && !decision.import_time_line && !decision.read_elsewhere && !decision.pending_cost;
    switch (pass) {
        case Pass::pending:
            return !decision.pending_cost;
        case Pass::remedied:
            return plain || (usage && decision.remedy_fix);
        case Pass::plain:
            return plain;
    }
    return false;
}

void LazySet::start(std::vector<Decision>& decisions, Pass pass) {
    m_cut.clear();
    for (Decision& decision : decisions) {
        decision.lazy = movable(decision, pass);
        decision.borderline = false;
        if (decision.lazy)
            m_cut.insert(decision.edges.begin(), decision.edges.end());
    }
    shrink(decisions);
}

/// A movable decision lazy in the remedied set but not in the plan saves
/// nothing alone: other imports keep its modules. Its partners are the
/// remedied decisions without which it would save less; lmms fix moves it
/// only with all of them.
void LazySet::find_partners(std::vector<Decision>& decisions, const Cut& remedied) const {
    auto saving_in = [&](const Decision& decision, const Cut& cut) {
        return m_cold.weight_of_difference(m_cold.reachable(without(cut, decision.edges)),
                                           m_cold.reachable(with(cut, decision.edges)));
    };
    for (Decision& decision : decisions) {
        decision.partners.clear();
        if (!decision.remedied_lazy || decision.lazy || decision.remedy_fix ||
            !movable(decision, Pass::plain))
            continue;
        double saving = saving_in(decision, remedied);
        // Needed: without its remedy the move would be light again. When no one
        // remedy is needed alone, every one that adds to the saving is.
        std::vector<size_t> needed, adding;
        for (size_t p = 0; p < decisions.size(); ++p) {
            const Decision& partner = decisions[p];
            if (!partner.remedied_lazy || !partner.remedy_fix)
                continue;
            double alone = saving_in(decision, without(remedied, partner.edges));
            if (alone < m_thresholds.fast_ms)
                needed.push_back(p);
            else if (alone < saving - 0.05)
                adding.push_back(p);
        }
        decision.partners = needed.empty() ? adding : needed;
        decision.partner_saving_ms = decision.partners.empty() ? 0 : saving;
    }
}

void LazySet::shrink(std::vector<Decision>& decisions) {
    for (bool changed = true; changed;) {
        changed = false;
        for (bool project : {true, false}) {
            std::vector<bool> after = m_cold.reachable(m_cut);
            for (Decision& decision : decisions) {
                if (!decision.lazy || decision.project != project)
                    continue;
                Tier tier = tier_of(revert_cost(decision, after), usage_of(decision), m_thresholds);
                bool borderline =
                    (tier == Tier::cold || tier == Tier::heavy_cold) && straddles_lazy_line(decision, after);
                if ((tier == Tier::cold || tier == Tier::heavy_cold || tier == Tier::none) && !borderline)
                    continue;
                // A module-level import whose cost may be light in another run stays.
                decision.borderline = borderline;
                decision.lazy = false;
                for (Edge e : decision.edges)
                    m_cut.erase(e);
                after = m_cold.reachable(m_cut);
                changed = true;
            }
        }
    }
}

/// Whether the fastest run would put the decision's cost below fast-ms.
bool LazySet::straddles_lazy_line(const Decision& decision, const std::vector<bool>& after) const {
    CostSpread spread = m_cold.spread_of_difference(m_cold.reachable(cut_without(decision)), after);
    return spread.low_ms < m_thresholds.fast_ms;
}

/// The lazy imports' edges but those of `decision`: the plan with it put back.
Cut LazySet::cut_without(const Decision& decision) const {
    return without(m_cut, decision.edges);
}

/// What would come back to the cold path if `decision` alone were put back.
double LazySet::revert_cost(const Decision& decision, const std::vector<bool>& after) const {
    return m_cold.weight_of_difference(m_cold.reachable(cut_without(decision)), after);
}

/// What leaves the cold path when `decision` joins the lazy cut.
double LazySet::marginal_ms(const Decision& decision, const std::vector<bool>& base) const {
    return m_cold.weight_of_difference(base, m_cold.reachable(with(m_cut, decision.edges)));
}

Prices LazySet::price(const std::vector<Decision>& decisions) const {
    std::vector<bool> after = m_cold.reachable(m_cut);
    // What comes back to the cold path if one lazy decision alone is
    // reverted; a module that more than one would bring back is shared.
    std::unordered_map<size_t, std::vector<bool>> back;
    std::vector<int> holders(after.size(), 0);
    for (size_t d = 0; d < decisions.size(); ++d) {
        if (!decisions[d].lazy)
            continue;
        std::vector<bool> returned = m_cold.reachable(cut_without(decisions[d]));
        for (size_t m = 0; m < returned.size(); ++m) {
            returned[m] = returned[m] && !after[m];
            holders[m] += returned[m] ? 1 : 0;
        }
        back.emplace(d, std::move(returned));
    }
    Prices prices;
    prices.decisions.resize(decisions.size());
    for (size_t d = 0; d < decisions.size(); ++d) {
        const Decision& decision = decisions[d];
        DecisionPrice& price = prices.decisions[d];
        if (decision.candidate && decision.lazy) {
            const std::vector<bool>& returned = back.at(d);
            std::vector<bool> exclusive(returned.size(), false);
            for (size_t m = 0; m < returned.size(); ++m)
                exclusive[m] = returned[m] && holders[m] == 1;
            price.cost_ms = m_cold.weight(returned);
            price.spread = m_cold.spread_of_difference(returned, std::vector<bool>(returned.size(), false));
            price.saving_ms = m_cold.weight(exclusive);
            prices.exclusive_ms += price.saving_ms;
            price.load_ms =
                m_cold.weight_of_difference(m_cold.reachable_from(decision.targets, m_cut), after);
        } else if (decision.pending_cost) {
            price.cost_ms = decision.pending_cost;
        } else if (decision.candidate) {
            price.cost_ms = marginal_ms(decision, after);
            price.spread = m_cold.spread_of_difference(after, m_cold.reachable(with(m_cut, decision.edges)));
            // A hot import is documented with what it costs to load, even
            // when another eager import would keep its modules anyway.
            std::optional<double> usage = usage_of(decision);
            if (usage && *usage > m_thresholds.hot_usage) {
                std::vector<bool> loaded = m_cold.reachable_from(decision.targets, m_cut);
                for (size_t m = 0; m < loaded.size(); ++m)
                    loaded[m] = loaded[m] && after[m];
                if (m_cold.weight(loaded) > *price.cost_ms) {
                    price.cost_ms = m_cold.weight(loaded);
                    price.spread =
                        m_cold.spread_of_difference(loaded, std::vector<bool>(loaded.size(), false));
                }
            }
        }
    }
    return prices;
}

}  // namespace lmms::policy
