#include "model/import_graph.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "model/profile.hpp"

namespace lmms::model {

void ImportGraph::add_edge(uint32_t from, uint32_t to) {
    auto& list = m_successors[from];
    if (std::find(list.begin(), list.end(), to) == list.end())
        list.push_back(to);
}

namespace {

/// Postorder numbers from an iterative depth-first search from node 0.
std::vector<uint32_t> postorder_numbers(const ImportGraph& graph, std::vector<uint32_t>& order) {
    std::vector<uint32_t> number(graph.node_count(), k_unreachable);
    std::vector<bool> seen(graph.node_count(), false);
    std::vector<std::pair<uint32_t, size_t>> stack{{0, 0}};
    seen[0] = true;
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        auto successors = graph.successors(node);
        if (next < successors.size()) {
            uint32_t child = successors[next++];
            if (!seen[child]) {
                seen[child] = true;
                stack.emplace_back(child, 0);
            }
            continue;
        }
        number[node] = static_cast<uint32_t>(order.size());
        order.push_back(node);
        stack.pop_back();
    }
    return number;
}

}  // namespace

std::vector<uint32_t> ImportGraph::immediate_dominators() const {
    std::vector<uint32_t> order;  // nodes by postorder number
    std::vector<uint32_t> number = postorder_numbers(*this, order);
    std::vector<std::vector<uint32_t>> predecessors(node_count());
    for (uint32_t node : order)
        for (uint32_t child : successors(node))
            predecessors[child].push_back(node);

    std::vector<uint32_t> idom(node_count(), k_unreachable);
    idom[0] = 0;
    auto intersect = [&](uint32_t a, uint32_t b) {
        while (a != b) {
            while (number[a] < number[b])
                a = idom[a];
            while (number[b] < number[a])
                b = idom[b];
        }
        return a;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            uint32_t node = *it;
            if (node == 0)
                continue;
            uint32_t candidate = k_unreachable;
            for (uint32_t predecessor : predecessors[node]) {
                if (idom[predecessor] == k_unreachable)
                    continue;
                candidate = candidate == k_unreachable ? predecessor : intersect(predecessor, candidate);
            }
            if (candidate != idom[node]) {
                idom[node] = candidate;
                changed = true;
            }
        }
    }
    return idom;
}

Retained retained(const ImportGraph& graph, std::span<const double> weight,
                  const std::vector<bool>& counted) {
    std::vector<uint32_t> idom = graph.immediate_dominators();
    std::vector<uint32_t> order;
    postorder_numbers(graph, order);
    Retained result{std::vector<double>(weight.begin(), weight.end()),
                    std::vector<int64_t>(graph.node_count(), 0)};
    for (uint32_t node = 0; node < graph.node_count(); ++node)
        result.nodes[node] = counted[node] ? 1 : 0;
    // A dominator is a depth-first ancestor, so it comes later in postorder:
    // one pass in postorder folds every subtree into its root. Unreachable
    // nodes are not in `order` and keep their own weight.
    for (uint32_t node : order) {
        if (node == 0)
            continue;
        result.weight[idom[node]] += result.weight[node];
        result.nodes[idom[node]] += result.nodes[node];
    }
    return result;
}

ProfileGraph profile_graph(const Profile& profile) {
    auto module_count = static_cast<uint32_t>(profile.modules.size());
    auto node_of = [](ModuleIndex module) { return module.value + 1; };
    ProfileGraph result;
    result.first_group = module_count + 1;
    result.first_site = result.first_group + static_cast<uint32_t>(profile.groups.size());
    result.graph = ImportGraph(result.first_site + static_cast<uint32_t>(profile.sites.size()));
    ImportGraph& graph = result.graph;
    std::unordered_set<uint32_t> imported_by_statement;
    for (const ImportEdge& edge : profile.edges)
        imported_by_statement.insert(edge.to.value);
    std::unordered_map<std::string_view, ModuleIndex> by_name;
    for (uint32_t i = 0; i < module_count; ++i)
        by_name.emplace(profile.modules[i].name, ModuleIndex{i});
    for (uint32_t i = 0; i < module_count; ++i) {
        const Module& module = profile.modules[i];
        if (module.top_level)
            graph.add_edge(0, i + 1);
        // The import tree only says an import happened while another module
        // ran (its code may call into a library that imports lazily); an
        // import statement seen by the probe names the real importer.
        if (module.first_importer && !imported_by_statement.contains(i))
            graph.add_edge(node_of(*module.first_importer), i + 1);
        // A submodule needs its package.
        size_t dot = module.name.rfind('.');
        if (dot != std::string::npos)
            if (auto it = by_name.find(std::string_view(module.name).substr(0, dot)); it != by_name.end())
                graph.add_edge(i + 1, node_of(it->second));
    }
    for (const ImportEdge& edge : profile.edges) {
        if (!edge.site) {
            graph.add_edge(node_of(edge.from), node_of(edge.to));
            continue;
        }
        uint32_t group = result.first_group + profile.at(*edge.site).group.value;
        graph.add_edge(node_of(edge.from), group);
        graph.add_edge(group, result.first_site + edge.site->value);
        graph.add_edge(result.first_site + edge.site->value, node_of(edge.to));
    }
    return result;
}

}  // namespace lmms::model
