"""igraph and NetworkX give the same scores: exact and sampled betweenness, core numbers,
PageRank to within 1e-6, and the same clusters on clear-cut graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from esfgraph.network import centrality, find_clusters, networks_from_store
from esfgraph.network.engine import IGRAPH_FROM, choose_engine

from .graphs import K0680

pytest.importorskip("igraph")


def _graphs():
    ba = nx.barabasi_albert_graph(300, 2, seed=3)
    ba.add_nodes_from(["isolated-1", "isolated-2"])  # isolated organisations, as in real networks
    two = nx.disjoint_union(nx.karate_club_graph(), nx.les_miserables_graph())
    for i, (a, b) in enumerate(sorted(two.edges(), key=str)):
        two.edges[a, b]["weight"] = 1 + i % 4
    return {"barabasi-albert with isolates": ba, "two weighted components": two}


@pytest.mark.parametrize("name", list(_graphs()))
def test_exact_betweenness_and_cores_are_identical(name):
    graph = _graphs()[name]
    by_nx = centrality(graph, engine="networkx", exact_limit=10_000)
    by_ig = centrality(graph, engine="igraph", exact_limit=10_000)
    assert by_nx.method == by_ig.method == "exact"
    assert (by_nx.engine, by_ig.engine) == ("networkx", "igraph")
    assert by_ig.betweenness == pytest.approx(by_nx.betweenness, abs=1e-12)
    assert by_ig.core_number == by_nx.core_number
    assert by_ig.degree == by_nx.degree and by_ig.weighted_degree == by_nx.weighted_degree
    # NetworkX iterates PageRank to a tolerance (1e-10), igraph solves it: close, not equal.
    assert by_ig.pagerank == pytest.approx(by_nx.pagerank, abs=1e-6, rel=0)


@pytest.mark.parametrize("name", list(_graphs()))
def test_sampled_betweenness_uses_the_same_sources(name):
    graph = _graphs()[name]
    by_nx = centrality(graph, seed=7, exact_limit=50, sample=30, engine="networkx")
    by_ig = centrality(graph, seed=7, exact_limit=50, sample=30, engine="igraph")
    assert by_nx.method == by_ig.method == "sampled k=30, seed=7"
    assert by_ig.betweenness == pytest.approx(by_nx.betweenness, abs=1e-12)
    assert max(by_ig.betweenness.values()) > 0


def test_the_tiny_network_gives_the_same_bridge(tiny_store):
    graph = networks_from_store(tiny_store).organisations
    by_ig = centrality(graph, engine="igraph")
    assert by_ig.ranked("betweenness")[0] == K0680
    assert by_ig.betweenness[K0680] == pytest.approx(8 / 21)
    igraph_clusters = find_clusters(graph, seed=42, runs=3, engine="igraph")
    networkx_clusters = find_clusters(graph, seed=42, runs=3, engine="networkx")
    assert igraph_clusters.membership == networkx_clusters.membership
    assert igraph_clusters.modularity == pytest.approx(networkx_clusters.modularity)
    assert igraph_clusters.engine == "igraph" and igraph_clusters.stability_ari == 1.0


def test_igraph_clusters_are_repeatable_and_found():
    graph = nx.relaxed_caveman_graph(40, 8, 0.05, seed=2)
    first = find_clusters(graph, seed=5, runs=2, engine="igraph")
    assert first.membership == find_clusters(graph, seed=5, runs=2, engine="igraph").membership
    assert 30 <= len(first.clusters) <= 50 and first.modularity > 0.8


def test_auto_takes_igraph_only_on_large_networks():
    assert choose_engine(IGRAPH_FROM) == "networkx"
    assert choose_engine(IGRAPH_FROM + 1) == "igraph"
    with pytest.raises(ValueError, match="unknown engine"):
        choose_engine(10, "graph-tool")
