"""Centrality: who bridges, exact or sampled betweenness, k-core."""

from __future__ import annotations

import networkx as nx
import pytest

from esfgraph.network import centrality, networks_from_store

from .graphs import AF, AF_J, AME, FK, IT, K0680, LONE, SF


@pytest.fixture(scope="module")
def scores(tiny_store):
    return centrality(networks_from_store(tiny_store).organisations, seed=42)


def test_bridge_has_the_highest_betweenness(scores):
    # Jönköpings kommun is the only link between the two groups: 8 of 21 pairs pass through it.
    assert scores.ranked("betweenness")[0] == K0680
    assert scores.betweenness[K0680] == pytest.approx(8 / 21)
    assert scores.betweenness[AME] == pytest.approx(1 / 21)
    assert scores.betweenness[SF] == 0.0
    assert scores.method == "exact"


def test_degrees_and_cores(scores):
    assert scores.degree[K0680] == 5
    assert scores.weighted_degree[AME] == 8  # 3 + 3 + 1 + 1 shared projects
    assert scores.degree[LONE] == 0 and scores.core_number[LONE] == 0
    assert scores.core_number[AME] == 3 and scores.core_number[IT] == 3  # the K4 of P3
    assert scores.core_number[SF] == 2
    assert sum(scores.pagerank.values()) == pytest.approx(1.0)
    assert scores.pagerank[AF_J] > scores.pagerank[SF]


def test_parent_level_makes_the_agency_central(tiny_store):
    parent = centrality(networks_from_store(tiny_store, level="parent").organisations)
    assert parent.ranked("betweenness")[0] == AF
    assert parent.degree[AF] == 5
    assert FK in parent.degree


def test_sampled_betweenness_says_so_and_is_repeatable():
    graph = nx.barabasi_albert_graph(120, 2, seed=1)
    first = centrality(graph, seed=7, exact_limit=50, sample=30)
    again = centrality(graph, seed=7, exact_limit=50, sample=30)
    assert first.method == "sampled k=30, seed=7"
    assert first.betweenness == again.betweenness
    assert centrality(graph, exact_limit=500).method == "exact"
