"""GraphML files for Gephi, yEd, Cytoscape and igraph.

Written as text (as ``networkx.write_graphml`` would write it, several times faster on
large networks): every attribute has one type over all nodes (or edges), declared once
as a ``<key>``; ``None`` values are left out, lists become ``;``-joined text, and the
``viz`` dict becomes the flat keys Gephi's GraphML importer reads (``r``, ``g``, ``b``,
``size``, ``x``, ``y``, ``z``). ``networkx.read_graphml`` reads the files back with
their types. Time spells, which GraphML
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

from .attributes import attribute_types, clean_text, text_columns
from .xmltext import LineBuffer, in_chunks, quote_attribute, value_blocks

__all__ = ["write_graphml", "graphml_bytes", "gephi_interval"]


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
    if "viz" not in data and "spells" not in data:
        return data  # nothing to flatten (most edges): read as it is, never changed
    out = {k: v for k, v in data.items() if k not in ("viz", "spells")}
    out.update(_flat_viz(data.get("viz")))
    interval = gephi_interval(data.get("spells"))
    if interval:
        out["interval"] = interval
    return out


_NS = "http://graphml.graphdrawing.org/xmlns"
_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    f'<graphml xmlns="{_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    f'xsi:schemaLocation="{_NS} {_NS}/1.0/graphml.xsd">\n'
)
#: GraphML's attribute types for ours (``networkx.write_graphml`` also writes ints as ``long``).
_TYPES = {"boolean": "boolean", "integer": "long", "long": "long", "double": "double", "string": "string"}


def _data_blocks(records: list[dict[str, Any]], types: dict[str, str], first_id: int) -> list[str]:
    """Each record's ``<data>`` lines as text, made column by column."""
    columns = [(key, f'    <data key="d{first_id + i}">', kind) for i, (key, kind) in enumerate(types.items())]
    return value_blocks(text_columns(records, types), columns, "</data>", False, len(records))


def graphml_bytes(graph: nx.Graph) -> bytes:
    """Return the GraphML document for ``graph`` (see :func:`write_graphml`)."""
    chunks: list[str] = []
    _write_graphml_text(graph, chunks.append)
    return "".join(chunks).encode("utf-8")


def _write_graphml_text(graph: nx.Graph, write) -> None:
    """Hand the GraphML document to ``write`` in pieces of text (never whole in memory)."""
    ids = {n: quote_attribute(clean_text(str(n))) for n in graph}
    nodes = [(ids[n], _clean(d)) for n, d in graph.nodes(data=True)]
    edges = [(ids[a], ids[b], _clean(d)) for a, b, d in graph.edges(data=True)]
    node_types = attribute_types([d for _, d in nodes], reserved=())
    edge_types = attribute_types([d for _, _, d in edges], reserved=())
    out = LineBuffer(write)
    out.append(_HEADER.rstrip("\n"))
    for number, (key, kind) in enumerate(node_types.items()):
        out.append(f'  <key id="d{number}" for="node" attr.name={quote_attribute(key)} attr.type="{_TYPES[kind]}"/>')
    for number, (key, kind) in enumerate(edge_types.items(), start=len(node_types)):
        out.append(f'  <key id="d{number}" for="edge" attr.name={quote_attribute(key)} attr.type="{_TYPES[kind]}"/>')
    out.append(f'  <graph edgedefault="{"directed" if graph.is_directed() else "undirected"}">')
    for part in in_chunks(nodes):
        for (node, _), block in zip(part, _data_blocks([d for _, d in part], node_types, 0)):
            out.append(f"  <node id={node}>\n{block}  </node>")
            out.flush()
    for part in in_chunks(edges):
        for (a, b, _), block in zip(part, _data_blocks([d for _, _, d in part], edge_types, len(node_types))):
            out.append(f"  <edge source={a} target={b}>\n{block}  </edge>")
            out.flush()
    out.append("  </graph>")
    out.append("</graphml>")
    out.flush(force=True)


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
    with path.open("w", encoding="utf-8", newline="") as handle:
        _write_graphml_text(graph, handle.write)
    return path
