"""The network view's data: the filtered partnerships laid out in Python, coloured by cluster.

Positions come from :func:`esfgraph.network.layout.packed_layout` (each component laid
out on its own, packed largest first), computed once per store generation and filter;
the browser only draws them (sigma.js). Colours follow the clusters of the store's
analysis (``esfgraph analyze``) where it has one for every node, else Louvain clusters of
the drawn network (seeded), so a filtered view is coloured too.

Examples
--------
>>> palette_colour(0), palette_colour(99)
('#1f77b4', '#b0b0b0')
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..network import packed_layout
from .generation import Generation
from .filters import PartnershipFilter
from .pairs import filter_partnerships

__all__ = ["network_data", "palette_colour", "PALETTE"]

#: Twenty colours that stay apart (Tableau 20, dark then light); later clusters are grey.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)


def palette_colour(rank: int) -> str:
    """The colour of the cluster ranked ``rank`` (0 = largest)."""
    return PALETTE[rank] if 0 <= rank < len(PALETTE) else "#b0b0b0"


def _clusters(gen: Generation, graph: nx.Graph) -> dict[str, int]:
    scores = (gen.index.analysis or {}).get("scores", {})
    stored = {n: scores.get(n, {}).get("cluster") for n in graph}
    if graph and all(c is not None for c in stored.values()):
        return stored
    communities = nx.community.louvain_communities(graph, weight="weight", seed=42) if graph.number_of_edges() else []
    membership = {}
    for number, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c))), 1):
        for node in members:
            membership[node] = number
    return membership


def _build(gen: Generation, flt: PartnershipFilter) -> dict[str, Any]:
    index = gen.index
    rows = filter_partnerships(index, flt)
    graph = nx.Graph()
    graph.add_weighted_edges_from(rows.edges())
    positions = packed_layout(graph, seed=42).positions if graph else {}
    membership = _clusters(gen, graph)
    sizes: dict[int, int] = {}
    for cluster in membership.values():
        if cluster is not None:
            sizes[cluster] = sizes.get(cluster, 0) + 1
    order = sorted(sizes, key=lambda c: (-sizes[c], c))
    rank = {c: i for i, c in enumerate(order)}
    degree = dict(graph.degree(weight="weight"))
    largest = max(degree.values(), default=1)
    nodes = []
    for node in sorted(graph):
        x, y = positions.get(node, (0.0, 0.0))
        cluster = membership.get(node)
        nodes.append({"key": node, "label": index.org_label(node), "x": round(x, 4), "y": round(y, 4),
                      "size": round(3 + 12 * (degree[node] / largest) ** 0.5, 2),
                      "color": palette_colour(rank.get(cluster, 99)), "cluster": cluster,
                      "url": "/id/" + node[len(index.base):] if node.startswith(index.base) else None})
    edges = [{"source": a, "target": b, "size": round(1 + min(w, 10) / 3, 2)}
             for a, b, w in sorted(graph.edges(data="weight"))]
    legend = []
    for c in order[:len(PALETTE)]:
        members = sorted((n for n in graph if membership.get(n) == c), key=lambda n: (-degree[n], n))
        legend.append({"cluster": c, "size": sizes[c], "color": palette_colour(rank[c]),
                       "name": index.org_label(members[0]) if members else ""})
    return {"nodes": nodes, "edges": edges, "clusters": legend, "rows": len(rows)}


def network_data(gen: Generation, flt: PartnershipFilter) -> dict[str, Any]:
    """Nodes (key, label, x, y, size, colour, cluster, url), edges and the cluster legend."""
    return gen.cached(("network", flt), lambda: _build(gen, flt))
