"""GraphML files for Gephi, yEd, Cytoscape and igraph.

Written by ``networkx.write_graphml`` from a cleaned copy of the graph: every attribute
has one type over all nodes (or edges), ``None`` values are left out, lists become
``;``-joined text, and the ``viz`` dict becomes the flat keys Gephi's GraphML importer
reads (``r``, ``g``, ``b``, ``size``, ``x``, ``y``, ``z``). Time spells, which GraphML
has no notion of, become a text attribute ``interval`` in Gephi's interval-set syntax
(``<[2008-05-01, 2010-10-31]>``).

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> g = nx.Graph(); g.add_edge("a", "b", weight=2, projects=("p1", "p2"))
>>> path = write_graphml(g, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
>>> b"p1;p2" in path.read_bytes()
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from .attributes import attribute_types, clean_text, typed_value

__all__ = ["write_graphml", "gephi_interval"]


def gephi_interval(spells) -> str | None:
    """Return spells in Gephi's interval-set syntax, or ``None`` when there are none.

    Examples
    --------
    >>> gephi_interval([("2008-01-01", "2009-12-31"), ("2012-01-01", "2012-06-30")])
    '<[2008-01-01, 2009-12-31]; [2012-01-01, 2012-06-30]>'
    """
    spells = sorted(spells or ())
    if not spells:
        return None
    return "<" + "; ".join(f"[{start}, {end}]" for start, end in spells) + ">"


def _flat_viz(viz: dict | None) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    if not viz:
        return flat
    colour = viz.get("color")
    if colour is not None:
        r, g, b = (colour["r"], colour["g"], colour["b"]) if isinstance(colour, dict) else colour[:3]
        flat.update(r=int(r), g=int(g), b=int(b))
    if viz.get("size") is not None:
        flat["size"] = float(viz["size"])
    position = viz.get("position")
    if position is not None:
        x, y, *z = (position["x"], position["y"], position.get("z", 0.0)) if isinstance(position, dict) else position
        flat.update(x=float(x), y=float(y), z=float(z[0]) if z else 0.0)
    return flat


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("viz", "spells")}
    out.update(_flat_viz(data.get("viz")))
    interval = gephi_interval(data.get("spells"))
    if interval:
        out["interval"] = interval
    return out


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML with one consistent type per attribute.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes and edges with attributes (see :mod:`esfgraph.export.gexf` for ``viz``
        and ``spells``).
    path : str or pathlib.Path
        The file to write (folders are created).

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nodes = {n: _clean(d) for n, d in graph.nodes(data=True)}
    edges = [(a, b, _clean(d)) for a, b, d in graph.edges(data=True)]
    node_types = attribute_types(nodes.values(), reserved=())
    edge_types = attribute_types((d for _, _, d in edges), reserved=())

    clean = nx.DiGraph() if graph.is_directed() else nx.Graph()
    for node, data in nodes.items():
        values = {k: typed_value(data.get(k), kind) for k, kind in node_types.items()}
        clean.add_node(clean_text(str(node)), **{k: v for k, v in values.items() if v is not None})
    for a, b, data in edges:
        values = {k: typed_value(data.get(k), kind) for k, kind in edge_types.items()}
        clean.add_edge(clean_text(str(a)), clean_text(str(b)), **{k: v for k, v in values.items() if v is not None})
    nx.write_graphml(clean, path, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return path


