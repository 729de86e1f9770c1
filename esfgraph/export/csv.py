"""Node and edge tables in Gephi's spreadsheet-import format.

Gephi's *Import spreadsheet* reads a node table with the columns ``Id`` and ``Label``
and an edge table with ``Source``, ``Target``, ``Type``, ``Id``, ``Label`` and
``Weight``; any further column becomes an attribute. Dynamic graphs get an
``Interval`` column in Gephi's interval-set syntax (``<[2008-05-01, 2010-10-31]>``),
which Gephi can read as an interval set. Files are UTF-8 with ``\\n`` line ends.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> g = nx.Graph(); g.add_node("a", label="A"); g.add_edge("a", "b", weight=2)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> nodes, edges = write_csv(g, folder / "nodes.csv", folder / "edges.csv")
>>> edges.read_text().splitlines()[1]
'a,b,Undirected,0,,2'
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from .attributes import attribute_types, formatter, plain
from .graphml import gephi_interval

__all__ = ["write_csv", "NODE_COLUMNS", "EDGE_COLUMNS"]

NODE_COLUMNS = ("Id", "Label")
EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight")


def _writer(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("w", encoding="utf-8", newline="")
    return handle, csv.writer(handle, lineterminator="\n")


def write_csv(graph: nx.Graph, nodes_path: str | Path, edges_path: str | Path,
              dynamic: bool = False) -> tuple[Path, Path]:
    """Write the node and edge tables of ``graph`` for Gephi's spreadsheet import.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes and edges with attributes (``label``, ``weight``, ``spells``; ``viz`` is
        not written: the spreadsheet format has no place for it).
    nodes_path, edges_path : str or pathlib.Path
        The two files to write.
    dynamic : bool
        Add the ``Interval`` column from the ``spells`` of nodes and edges.

    Returns
    -------
    tuple of pathlib.Path
        ``(nodes_path, edges_path)``.
    """
    nodes_path, edges_path = Path(nodes_path), Path(edges_path)
    node_types = attribute_types(d for _, d in graph.nodes(data=True))
    edge_types = attribute_types(d for _, _, d in graph.edges(data=True))
    interval = ["Interval"] if dynamic else []
    kind = "Directed" if graph.is_directed() else "Undirected"

    node_columns = [(k, formatter(t)) for k, t in node_types.items()]
    edge_columns = [(k, formatter(t)) for k, t in edge_types.items()]

    def cells(data, columns):
        values = []
        for key, fmt in columns:
            value = data.get(key)
            values.append("" if value is None else fmt(value) or "")
        return values

    handle, writer = _writer(nodes_path)
    with handle:
        writer.writerow([*NODE_COLUMNS, *interval, *node_types])
        for node, data in graph.nodes(data=True):
            label = plain(data.get("label"))
            row = [plain(node), "" if label is None else label]
            if dynamic:
                row.append(gephi_interval(data.get("spells")) or "")
            row += cells(data, node_columns)
            writer.writerow(row)

    handle, writer = _writer(edges_path)
    with handle:
        writer.writerow([*EDGE_COLUMNS, *interval, *edge_types])
        for index, (a, b, data) in enumerate(graph.edges(data=True)):
            label, weight = plain(data.get("label")), plain(data.get("weight"))
            row = [plain(a), plain(b), kind, index, "" if label is None else label, "" if weight is None else weight]
            if dynamic:
                row.append(gephi_interval(data.get("spells")) or "")
            row += cells(data, edge_columns)
            writer.writerow(row)
    return nodes_path, edges_path
