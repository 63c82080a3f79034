#pragma once
/// The lazy-set solver (pure): which module-level imports become lazy, given
/// the profile's import graph and the tier table. A module shared by several
/// imports leaves the cold path only when all of them are lazy, so the set is
/// found as a fixed point and each decision is priced against the others.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "config/config.hpp"
#include "model/import_graph.hpp"
#include "model/profile.hpp"
#include "policy/reason.hpp"
#include "policy/remedy.hpp"

namespace lmms::policy {

using Edge = uint64_t;  ///< (from node << 32) | to node
inline Edge edge(uint32_t from, uint32_t to) {
    return static_cast<Edge>(from) << 32 | to;
}
using Cut = std::unordered_set<Edge>;

/// The profile's import graph, asked which modules stay on the cold path
/// when some import edges are cut (imports made lazy). Modules are profile
/// module indices; weights are self times in ms.
class ColdPath {
public:
    explicit ColdPath(const model::Profile& profile);

    /// Modules reachable from the entry, as a flag per module.
    std::vector<bool> reachable(const Cut& cut) const { return reach({0}, cut); }
    /// Modules reachable from the given modules (not the entry).
    std::vector<bool> reachable_from(const std::vector<uint32_t>& modules, const Cut& cut) const;
    /// Self time (ms) of the modules flagged in `a` and not in `b`.
    double weight_of_difference(const std::vector<bool>& a, const std::vector<bool>& b) const;
    /// Self time (ms) of the modules flagged.
    double weight(const std::vector<bool>& flags) const;
    /// The range of weight_of_difference across runs: each module's fastest
    /// and slowest self time (its median when it has no samples).
    CostSpread spread_of_difference(const std::vector<bool>& a, const std::vector<bool>& b) const;
    size_t count(const std::vector<bool>& flags) const;

    uint32_t site_node(model::SiteIndex site) const { return m_nodes.first_site + site.value; }
    static uint32_t module_node(model::ModuleIndex module) { return module.value + 1; }
    std::optional<uint32_t> find(const std::string& name) const;
    const model::Profile& profile() const { return m_profile; }

private:
    std::vector<bool> reach(const std::vector<uint32_t>& starts, const Cut& cut) const;

    const model::Profile& m_profile;
    model::ProfileGraph m_nodes;
    std::unordered_map<std::string, uint32_t> m_by_name;
};

/// Rows decided together: the imports of one library by one file, or one
/// name of a split `from package import a, b`.
struct Decision {
    std::vector<size_t> rows;       ///< indices of the plan's rows
    std::vector<uint32_t> targets;  ///< profile modules the rows import, in row order
    Cut edges;
    bool project = false;         ///< its rows import a project module
    bool unread = false;          ///< a row is read by no function of its file: never made lazy
    bool read_elsewhere = false;  ///< another module reads a row's names: never lazy by function style
    bool borderline = false;      ///< kept at module level: its cost range straddles fast-ms
    std::optional<size_t> used;   ///< none when a row has no usage data
    std::optional<uint32_t> import_time_line;
    std::string import_time_function;
    std::string import_time_file;
    bool candidate = false;  ///< module level, on the cold path, may be made lazy
    bool lazy = false;
    std::optional<double>
        pending_cost;  ///< would be lazy, but is used at import time or its usage is unknown
    /// Blocked (used at import time or read elsewhere) with a remedy lmms fix applies
    /// (policy/remedies: mechanical_remedy_of): how it treats it. The solver prices the
    /// lazy set these remedies open as well (LazySet::decide).
    std::optional<RemedyFix> remedy_fix;
    bool remedied_lazy = false;  ///< lazy in the set that assumes the mechanical remedies applied
    /// Movable, but saving nothing alone: the decisions whose remedies free its
    /// modules (each of them needed), and what it saves with them.
    std::vector<size_t> partners;
    double partner_saving_ms = 0;
};

/// What a decision costs once the lazy set is fixed.
struct DecisionPrice {
    std::optional<double> cost_ms;
    double saving_ms = 0;              ///< lazy: what leaves the cold path through it alone
    double load_ms = 0;                ///< lazy: what its first use in a process pays
    std::optional<CostSpread> spread;  ///< cost_ms's range across runs
};

struct Prices {
    std::vector<DecisionPrice> decisions;  ///< one per decision
    double exclusive_ms = 0;               ///< the lazy decisions' savings alone, summed
};

class LazySet {
public:
    LazySet(const ColdPath& cold, const config::Thresholds& thresholds, size_t invocations)
        : m_cold(cold), m_thresholds(thresholds), m_invocations(invocations) {}

    /// Sets each decision's `lazy` and `pending_cost`; the cut is then the
    /// edges of the lazy ones.
    void decide(std::vector<Decision>& decisions);
    Prices price(const std::vector<Decision>& decisions) const;
    const Cut& cut() const { return m_cut; }

private:
    enum class Pass : uint8_t {
        pending,   ///< every candidate, blocked or not: what each blocked one would save
        remedied,  ///< the movable ones and the blocked ones whose remedy lmms fix applies
        plain,     ///< the movable ones: the plan
    };
    bool movable(const Decision& decision, Pass pass) const;
    void start(std::vector<Decision>& decisions, Pass pass);
    void find_partners(std::vector<Decision>& decisions, const Cut& remedied) const;
    void shrink(std::vector<Decision>& decisions);
    Cut cut_without(const Decision& decision) const;
    double revert_cost(const Decision& decision, const std::vector<bool>& after) const;
    bool straddles_lazy_line(const Decision& decision, const std::vector<bool>& after) const;
    double marginal_ms(const Decision& decision, const std::vector<bool>& base) const;
    std::optional<double> usage_of(const Decision& decision) const;

    const ColdPath& m_cold;
    const config::Thresholds& m_thresholds;
    size_t m_invocations;
    Cut m_cut;
};

}  // namespace lmms::policy
