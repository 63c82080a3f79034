#pragma once
/// The import graph as compressed adjacency over dense node numbers, and the
/// dominator tree that gives each node its *retained* weight: the weight of
/// every node that becomes unreachable from the root without it (as
/// "retained size" in heap profilers). Node 0 is the root.

#include <cstdint>
#include <span>
#include <vector>

namespace lmms::model {

inline constexpr uint32_t k_unreachable = UINT32_MAX;

class ImportGraph {
public:
    explicit ImportGraph(uint32_t node_count) : m_successors(node_count) {}

    void add_edge(uint32_t from, uint32_t to);
    uint32_t node_count() const { return static_cast<uint32_t>(m_successors.size()); }
    std::span<const uint32_t> successors(uint32_t node) const { return m_successors[node]; }

    /// Immediate dominator of every node (the root is its own); k_unreachable
    /// for nodes the root cannot reach. Cooper, Harvey & Kennedy's iterative
    /// algorithm over reverse postorder.
    std::vector<uint32_t> immediate_dominators() const;

private:
    std::vector<std::vector<uint32_t>> m_successors;
};

struct Retained {
    std::vector<double> weight;  ///< per node: its weight plus that of all it dominates
    std::vector<int64_t> nodes;  ///< per node: how many nodes it dominates, itself included
};

struct Profile;

/// The import graph of a profile. Nodes: 0 the probe, 1..M the modules, then
/// one per group, then one per site: importer -> group -> site -> targets.
/// A submodule also leads to its package; the import tree's parent leads to a
/// module that no recorded statement imports (a library importing lazily).
struct ProfileGraph {
    ImportGraph graph{0};
    uint32_t first_group = 0;
    uint32_t first_site = 0;
};

ProfileGraph profile_graph(const Profile& profile);

/// `counted[n]` says whether node n counts in `nodes` (e.g. not site nodes).
Retained retained(const ImportGraph& graph, std::span<const double> weight, const std::vector<bool>& counted);

}  // namespace lmms::model
