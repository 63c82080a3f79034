#include "model/import_graph.hpp"

#include <gtest/gtest.h>

namespace lmms::model {

namespace {

Retained retained_with_unit_weights(const ImportGraph& graph) {
    std::vector<double> weight(graph.node_count(), 1.0);
    weight[0] = 0;
    std::vector<bool> counted(graph.node_count(), true);
    counted[0] = false;
    return retained(graph, weight, counted);
}

}  // namespace

TEST(ImportGraph, ChainDominatesEverythingBelow) {
    ImportGraph graph(4);  // 0 -> 1 -> 2 -> 3
    graph.add_edge(0, 1);
    graph.add_edge(1, 2);
    graph.add_edge(2, 3);
    auto idom = graph.immediate_dominators();
    EXPECT_EQ(idom[3], 2u);
    EXPECT_EQ(retained_with_unit_weights(graph).weight[1], 3);
}

TEST(ImportGraph, SharedDependencyIsRetainedByNeitherImporter) {
    // 0 -> 1 -> 3, 0 -> 2 -> 3: module 3 is shared.
    ImportGraph graph(4);
    graph.add_edge(0, 1);
    graph.add_edge(0, 2);
    graph.add_edge(1, 3);
    graph.add_edge(2, 3);
    auto idom = graph.immediate_dominators();
    EXPECT_EQ(idom[3], 0u);
    Retained result = retained_with_unit_weights(graph);
    EXPECT_EQ(result.weight[1], 1);
    EXPECT_EQ(result.weight[2], 1);
    EXPECT_EQ(result.nodes[0], 3);
}

TEST(ImportGraph, CyclesAndSelfEdgesDoNotConfuseDominators) {
    // 0 -> 1 <-> 2, 2 -> 3, 1 -> 1
    ImportGraph graph(4);
    graph.add_edge(0, 1);
    graph.add_edge(1, 2);
    graph.add_edge(2, 1);
    graph.add_edge(1, 1);
    graph.add_edge(2, 3);
    auto idom = graph.immediate_dominators();
    EXPECT_EQ(idom[2], 1u);
    EXPECT_EQ(idom[3], 2u);
    EXPECT_EQ(retained_with_unit_weights(graph).weight[1], 3);
}

TEST(ImportGraph, UnreachableNodesKeepTheirOwnWeight) {
    ImportGraph graph(3);
    graph.add_edge(0, 1);
    graph.add_edge(2, 1);  // 2 is not reachable from the root
    auto idom = graph.immediate_dominators();
    EXPECT_EQ(idom[2], k_unreachable);
    Retained result = retained_with_unit_weights(graph);
    EXPECT_EQ(result.weight[2], 1);
    EXPECT_EQ(result.weight[0], 1);
}

TEST(ImportGraph, DuplicateEdgesAreIgnored) {
    ImportGraph graph(2);
    graph.add_edge(0, 1);
    graph.add_edge(0, 1);
    EXPECT_EQ(graph.successors(0).size(), 1u);
}

}  // namespace lmms::model
