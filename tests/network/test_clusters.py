"""Louvain clusters: membership, names, modularity, stability, agreement measures."""

from __future__ import annotations

import networkx as nx
import pytest

from esfgraph.network import find_clusters, networks_from_store
from esfgraph.network.clusters import adjusted_rand_index, normalised_mutual_information

from .graphs import AF_J, AF_V, AME, FK, IT, K0680, LONE, SF


@pytest.fixture(scope="module")
def clustering(tiny_store):
    return find_clusters(networks_from_store(tiny_store).organisations, seed=42, runs=5)


def test_the_two_groups_are_two_clusters(clustering):
    m = clustering.membership
    assert m[AME] == m[AF_J] == m[FK] == m[IT] == 1
    assert m[SF] == m[AF_V] == m[K0680] == 2
    assert LONE not in m  # no partners, no cluster
    assert [c.size for c in clustering.clusters] == [4, 3]


def test_clusters_are_named_by_their_most_central_members(clustering):
    first = clustering.clusters[0]
    assert first.name == "AME - Arbetsmarknadsenheten / Arbetsförmedlingen Jönköping / Försäkringskassan"
    assert first.members[-1] == IT  # the least connected inside the cluster comes last


def test_modularity_and_stability(clustering):
    assert clustering.modularity == pytest.approx(0.3163, abs=1e-4)
    assert clustering.stability_ari == 1.0 and clustering.stability_nmi == 1.0
    assert clustering.runs == 5


def test_same_seed_same_clusters():
    graph = nx.les_miserables_graph()
    first = find_clusters(graph, seed=3, runs=0)
    again = find_clusters(graph, seed=3, runs=0)
    assert first.membership == again.membership
    assert [c.name for c in first.clusters] == [c.name for c in again.clusters]


def test_agreement_measures():
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    # index 0, expected 6 * 3 / 15 = 1.2, maximum 4.5: (0 - 1.2) / (4.5 - 1.2)
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]) == pytest.approx(-4 / 11)
    assert normalised_mutual_information([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(0.0)
    assert 0 < normalised_mutual_information([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 1]) < 1


def test_empty_network_has_no_clusters():
    graph = nx.Graph()
    graph.add_nodes_from(["a", "b"])
    result = find_clusters(graph)
    assert result.clusters == [] and result.membership == {} and result.stability_ari is None
