"""Clusters of organisations: Louvain communities, their names, and their stability.

Louvain (``networkx.community.louvain_communities``, weighted by shared projects) runs
with a fixed seed on the organisations that have at least one tie; isolated
organisations belong to no cluster. Clusters are numbered from 1 by decreasing size,
and named by their most central members (largest weighted degree inside the cluster).

Louvain is randomised, so the same network can split differently under another seed.
:func:`find_clusters` reruns it with ``runs`` further seeds and reports the mean
adjusted Rand index and normalised mutual information against the reference partition
(1.0: every run found the same clusters).

Networks of more than :data:`~esfgraph.network.engine.IGRAPH_FROM` organisations are
clustered by igraph's Louvain (``community_multilevel``, seeded the same way): a
run takes a fraction of a second where NetworkX's takes seconds (minutes at 100,000
projects). The two implementations visit nodes in different random orders, so on
a large network they may draw cluster borders a little differently; each is
repeatable for its seed. :class:`Clustering` says which engine ran.

Examples
--------
>>> import networkx as nx
>>> g = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(3))
>>> result = find_clusters(g, seed=1, runs=2)
>>> [c.size for c in result.clusters], result.stability_ari
([4, 3], 1.0)
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .engine import choose_engine, seeded_igraph, to_igraph

__all__ = [
    "Cluster",
    "Clustering",
    "find_clusters",
    "adjusted_rand_index",
    "normalised_mutual_information",
]

#: How many members name a cluster.
NAME_MEMBERS = 3


@dataclass
class Cluster:
    """One community: its number, name and members (most central first)."""

    number: int
    name: str
    members: list[str]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Clustering:
    """A partition of the organisation network and how much to trust it."""

    clusters: list[Cluster] = field(default_factory=list)
    membership: dict[str, int] = field(default_factory=dict)  # organisation -> cluster number
    modularity: float = 0.0
    seed: int = 42
    runs: int = 0  # further seeds tried for stability
    stability_ari: float | None = None  # mean adjusted Rand index vs the reference seed
    stability_nmi: float | None = None  # mean normalised mutual information
    engine: str = "networkx"


class _Louvain:
    """Louvain partitions of one graph, by NetworkX or by igraph, for any seed."""

    def __init__(self, graph: nx.Graph, engine: str):
        self.graph, self.engine = graph, engine
        if engine == "igraph":
            self.nodes = list(graph.nodes)
            self.ig_graph, self.weights = to_igraph(graph, self.nodes)

    def partition(self, seed: int) -> list[set]:
        if self.engine != "igraph":
            return nx.community.louvain_communities(self.graph, weight="weight", seed=seed)
        with seeded_igraph(seed):
            membership = self.ig_graph.community_multilevel(weights=self.weights, return_levels=False).membership
        communities: dict[int, set] = {}
        for node, number in zip(self.nodes, membership):
            communities.setdefault(number, set()).add(node)
        return [communities[number] for number in sorted(communities)]

    def modularity(self, partition: list[set]) -> float:
        if self.engine != "igraph":
            return nx.community.modularity(self.graph, partition, weight="weight")
        index = {n: i for i, community in enumerate(partition) for n in community}
        return self.ig_graph.modularity([index[n] for n in self.nodes], weights=self.weights)


def _labels(partition: list[set], nodes: list[str]) -> list[int]:
    index = {n: i for i, community in enumerate(partition) for n in community}
    return [index[n] for n in nodes]


def find_clusters(graph: nx.Graph, seed: int = 42, runs: int = 5, engine: str = "auto") -> Clustering:
    """Find Louvain clusters with a fixed seed and measure their stability.

    Parameters
    ----------
    graph : networkx.Graph
        Weighted organisation network; nodes should carry a ``label``.
    seed : int
        The reference seed; the stability runs use ``seed + 1`` ... ``seed + runs``.
    runs : int
        Number of further seeds for the stability measure (0 to skip it).
    engine : {"auto", "networkx", "igraph"}
        ``auto``: igraph on large networks (see :func:`~esfgraph.network.engine.choose_engine`).

    Returns
    -------
    Clustering

    Examples
    --------
    >>> import networkx as nx
    >>> find_clusters(nx.Graph()).clusters
    []
    """
    # A fresh graph with sorted nodes and edges: Louvain's result depends on their order.
    tied = nx.Graph()
    tied.add_nodes_from(sorted(n for n in graph if graph.degree(n) > 0))
    tied.add_weighted_edges_from(
        sorted((min(a, b), max(a, b), w) for a, b, w in graph.edges(data="weight", default=1) if a != b)
    )
    engine = choose_engine(graph.number_of_nodes(), engine)
    if tied.number_of_edges() == 0:
        return Clustering(seed=seed, runs=0, engine=engine)
    louvain = _Louvain(tied, engine)
    reference = louvain.partition(seed)
    modularity = louvain.modularity(reference)

    inside = {n: 0 for n in tied}
    membership_raw = {n: i for i, c in enumerate(reference) for n in c}
    for a, b, w in tied.edges(data="weight", default=1):
        if membership_raw[a] == membership_raw[b]:
            inside[a] += w
            inside[b] += w

    def label(n: str) -> str:
        return str(graph.nodes[n].get("label") or n)

    ordered = []
    for community in reference:
        members = sorted(community, key=lambda n: (-inside[n], label(n), n))
        ordered.append(members)
    ordered.sort(key=lambda ms: (-len(ms), ms[0]))
    clusters = [
        Cluster(i, " / ".join(label(n) for n in members[:NAME_MEMBERS]), members)
        for i, members in enumerate(ordered, start=1)
    ]
    membership = {n: c.number for c in clusters for n in c.members}

    ari = nmi = None
    if runs > 0:
        nodes = list(tied)
        ref = _labels(reference, nodes)
        others = [_labels(louvain.partition(seed + i), nodes) for i in range(1, runs + 1)]
        ari = sum(adjusted_rand_index(ref, o) for o in others) / runs
        nmi = sum(normalised_mutual_information(ref, o) for o in others) / runs
    return Clustering(clusters, membership, float(modularity), seed, runs, ari, nmi, engine)


def _comb2(n: int) -> float:
    return n * (n - 1) / 2


def adjusted_rand_index(a: list, b: list) -> float:
    """Return the adjusted Rand index of two labelings of the same items.

    1.0 for identical partitions (up to renaming), about 0 for unrelated ones.

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    """
    n = len(a)
    if n < 2:
        return 1.0
    pairs = Counter(zip(a, b))
    index = sum(_comb2(v) for v in pairs.values())
    sum_a = sum(_comb2(v) for v in Counter(a).values())
    sum_b = sum(_comb2(v) for v in Counter(b).values())
    expected = sum_a * sum_b / _comb2(n)
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:  # both partitions trivial (all singletons or one block)
        return 1.0
    return round(float((index - expected) / (maximum - expected)), 12)


def _entropy(counts, n: int) -> float:
    return -sum(c / n * math.log(c / n) for c in counts if c)


def normalised_mutual_information(a: list, b: list) -> float:
    """Return the normalised mutual information (arithmetic mean) of two labelings.

    Examples
    --------
    >>> normalised_mutual_information([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    n = len(a)
    if n == 0:
        return 1.0
    count_a, count_b = Counter(a), Counter(b)
    h_a, h_b = _entropy(count_a.values(), n), _entropy(count_b.values(), n)
    if h_a == 0 and h_b == 0:
        return 1.0
    mutual = sum(
        c / n * math.log(c * n / (count_a[x] * count_b[y])) for (x, y), c in Counter(zip(a, b)).items()
    )
    # Rounded so that identical partitions give exactly 1.0 despite floating-point sums.
    return round(float(max(0.0, min(1.0, 2 * mutual / (h_a + h_b)))), 12)
