"""Which library computes the analyses: NetworkX on small networks, igraph on large ones.

NetworkX holds every network and computes every analysis of a small one. Its
algorithms are pure Python, though: on 10,000 projects (8,000 organisations, 50,000
ties) sampled betweenness takes 10-20 s and one Louvain run 2-6 s; on 100,000 projects
minutes. igraph (C) computes the same betweenness and core numbers (identical numbers,
for the same sampled sources), PageRank to within 1e-8 (NetworkX iterates to a
tolerance of 1e-10; igraph solves the system), and Louvain ("multilevel") in a
fraction of a second, so :func:`choose_engine` picks it above :data:`IGRAPH_FROM`
organisations when it is installed. ``esfgraph analyze --engine networkx|igraph``
forces one library at any size. The engine used is recorded in the analysis summary
(``summary.json``'s ``engine``), so a reader knows where a number came from.

Examples
--------
>>> choose_engine(50), choose_engine(50, "networkx")
('networkx', 'networkx')
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from typing import Iterator

import networkx as nx

__all__ = ["ENGINES", "IGRAPH_FROM", "igraph_available", "choose_engine", "to_igraph", "seeded_igraph"]

#: ``auto`` chooses by size; the others force one library.
ENGINES = ("auto", "networkx", "igraph")

#: Networks with more organisations than this are analysed with igraph (when installed).
IGRAPH_FROM = 1000


def igraph_available() -> bool:
    """Return whether python-igraph can be imported."""
    try:
        import igraph  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def choose_engine(nodes: int, engine: str = "auto") -> str:
    """Return ``"networkx"`` or ``"igraph"`` for a network of ``nodes`` organisations.

    Parameters
    ----------
    nodes : int
        Size of the network.
    engine : {"auto", "networkx", "igraph"}
        ``auto``: igraph above :data:`IGRAPH_FROM` nodes when it is installed;
        ``networkx`` or ``igraph``: that library at any size.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        An unknown engine, or ``igraph`` when it is not installed.

    Examples
    --------
    >>> choose_engine(IGRAPH_FROM + 1, "networkx")
    'networkx'
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "igraph" and not igraph_available():
        raise ValueError("engine 'igraph' asked for, but python-igraph cannot be imported "
                         "(pip install igraph, or use engine 'auto' or 'networkx')")
    if engine == "auto":
        return "igraph" if nodes > IGRAPH_FROM and igraph_available() else "networkx"
    return engine


def to_igraph(graph: nx.Graph, nodes: list | None = None, weight: str = "weight"):
    """Return ``(igraph.Graph, weights)`` for an undirected NetworkX graph.

    Vertex ``i`` is ``nodes[i]`` (default: the graph's node order); ``weights`` lists
    the edges' ``weight`` (1 when missing) in igraph's edge order.
    """
    import igraph as ig  # noqa: PLC0415

    nodes = list(graph.nodes) if nodes is None else nodes
    index = {node: i for i, node in enumerate(nodes)}
    edges, weights = [], []
    for a, b, w in graph.edges(data=weight, default=1):
        edges.append((index[a], index[b]))
        weights.append(w)
    return ig.Graph(n=len(nodes), edges=edges, directed=False), weights


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's randomised algorithms with ``random.Random(seed)``, then restore its generator."""
    import igraph as ig  # noqa: PLC0415

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
