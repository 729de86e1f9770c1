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
from itertools import repeat
from pathlib import Path
from typing import Iterator

import networkx as nx

from .attributes import attribute_types, listed, plain, text_columns
from .graphml import gephi_interval
from .xmltext import in_chunks

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
    nodes, edges = listed(graph.nodes(data=True)), listed(graph.edges(data=True))
    names = {node: plain(node) for node in graph}
    node_types = attribute_types([d for _, d in nodes])
    edge_types = attribute_types([d for _, _, d in edges])
    interval = ["Interval"] if dynamic else []
    kind = "Directed" if graph.is_directed() else "Undirected"

    handle, writer = _writer(nodes_path)
    with handle:
        writer.writerow([*NODE_COLUMNS, *interval, *node_types])
        for part in in_chunks(nodes):
            data = [d for _, d in part]
            firsts = [(names[node], _text(plain(d.get("label")))) for node, d in part]
            writer.writerows(_rows(firsts, data, node_types, dynamic))

    handle, writer = _writer(edges_path)
    with handle:
        writer.writerow([*EDGE_COLUMNS, *interval, *edge_types])
        index = 0
        for part in in_chunks(edges):
            data = [d for _, _, d in part]
            firsts = [(names[a], names[b], kind, index + i, _text(plain(d.get("label"))), _text(plain(d.get("weight"))))
                      for i, (a, b, d) in enumerate(part)]
            index += len(part)
            writer.writerows(_rows(firsts, data, edge_types, dynamic))
    return nodes_path, edges_path


def _text(value):
    return "" if value is None else value


def _rows(firsts: list[tuple], data: list[dict], types: dict[str, str], dynamic: bool) -> Iterator[tuple]:
    """The rows of a chunk of nodes or edges: their first cells, the interval, the attributes.

    The attributes are formatted a column at a time
    (:func:`~esfgraph.export.attributes.text_columns`); an empty cell where there is no value.
    """
    columns = [[_text(text) for text in texts] for texts in text_columns(data, types).values()]
    if dynamic:
        columns.insert(0, [_text(gephi_interval(d.get("spells"))) for d in data])
    return (first + rest for first, rest in zip(firsts, zip(*columns) if columns else repeat((), len(firsts))))
