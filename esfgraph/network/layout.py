"""Positions for drawing a disconnected network: each component laid out alone, packed largest first.

A force layout of a whole disconnected network holds its components together only by
their repulsion: the small ones are flung to the edges and the large one is squeezed
into a blob in the middle. :func:`packed_layout` instead lays out every connected
component on its own (Kamada-Kawai up to :data:`KAMADA_KAWAI_UP_TO` nodes, a seeded
spring layout above), gives it a square box whose area grows with its number of
nodes, and packs the boxes in rows, largest first: the largest component at the top
left, then smaller ones to its right and below, small ones stacked in columns. Boxes
never overlap, so every component can be told apart.

Everything is sorted and seeded: the same graph and seed give the same positions.

Examples
--------
>>> import networkx as nx
>>> graph = nx.disjoint_union(nx.complete_graph(9), nx.path_graph(4))
>>> layout = packed_layout(graph, seed=1)
>>> [len(box.nodes) for box in layout.boxes]
[9, 4]
>>> layout.boxes[0].x0, layout.boxes[0].y1
(0.0, 0.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["ComponentBox", "PackedLayout", "packed_layout", "KAMADA_KAWAI_UP_TO"]

#: Components of up to this many nodes get a Kamada-Kawai layout (even, but its cost
#: grows with the square of the nodes); larger ones a seeded spring layout.
KAMADA_KAWAI_UP_TO = 50

#: Share of a box's side left empty on each side, so that markers stay inside.
PADDING = 0.1


@dataclass(frozen=True)
class ComponentBox:
    """One connected component's nodes (sorted) and the square it is drawn in.

    ``x0 < x1`` and ``y0 < y1``; the packing grows rightwards and downwards from
    ``(0, 0)``, so ``y`` is 0 at the top and negative below.
    """

    nodes: tuple
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def side(self) -> float:
        return self.x1 - self.x0

    def overlaps(self, other: "ComponentBox") -> bool:
        """Return whether the two boxes share any area (touching edges do not count)."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@dataclass
class PackedLayout:
    """Node positions, the component boxes (largest first) and the whole extent."""

    positions: dict = field(default_factory=dict)  # node -> (x, y)
    boxes: list[ComponentBox] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def packed_layout(graph: nx.Graph, seed: int = 42, aspect: float = 1.0, gap: float = 0.3) -> PackedLayout:
    """Lay out each connected component of ``graph`` on its own and pack them, largest first.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected; node names must be sortable (IRIs are).
    seed : int
        Seed of the spring layout of large components.
    aspect : float
        Width / height of the drawing area: of the row widths tried, the packing that
        fills such an area best is kept.
    gap : float
        Empty space between boxes, in the units of a box's side (``sqrt(nodes)``).

    Returns
    -------
    PackedLayout
        A box of side ``sqrt(n)`` per component of ``n`` nodes (largest first, ties by
        their first node), and every node's position inside its box.

    Examples
    --------
    >>> import networkx as nx
    >>> layout = packed_layout(nx.empty_graph(3))
    >>> [box.nodes for box in layout.boxes]
    [(0,), (1,), (2,)]
    >>> layout.positions[0]
    (0.5, -0.5)
    """
    components = sorted((tuple(sorted(c)) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    if not components:
        return PackedLayout()
    sides = [math.sqrt(len(c)) for c in components]
    squares = _pack(sides, gap, aspect)
    boxes = [ComponentBox(nodes, x, y - side, x + side, y) for nodes, side, (x, y) in zip(components, sides, squares)]
    positions: dict = {}
    for box in boxes:
        centre_x, centre_y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        half = box.side * (0.5 - PADDING)
        for node, (x, y) in _unit_layout(graph, box.nodes, seed).items():
            positions[node] = (centre_x + half * x, centre_y + half * y)
    width = max(box.x1 for box in boxes)
    height = -min(box.y0 for box in boxes)
    return PackedLayout(positions, boxes, width, height)


def _unit_layout(graph: nx.Graph, nodes: tuple, seed: int) -> dict:
    """Positions of one component, centred on (0, 0), within [-1, 1] on both axes."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
    # A fresh graph with sorted nodes and edges: both layouts depend on their order.
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in graph.subgraph(nodes).edges if a != b))
    if len(nodes) <= KAMADA_KAWAI_UP_TO:
        raw = nx.kamada_kawai_layout(sub, weight=None)
    else:
        raw = nx.spring_layout(sub, seed=seed)
    xs = [float(raw[n][0]) for n in nodes]
    ys = [float(raw[n][1]) for n in nodes]
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    reach = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((x - mid_x) / reach, (y - mid_y) / reach) for n, x, y in zip(nodes, xs, ys)}


def _pack(sides: list[float], gap: float, aspect: float) -> list[tuple[float, float]]:
    """Top-left corners for squares of ``sides`` (largest first), the best of a few row widths.

    Each candidate width packs the squares into rows: a row is as high as its first
    (largest) square; inside it, squares stack in columns while they fit under that
    height, and a new column opens to the right while it fits in the width. Of the
    widths tried (the largest side, and the widths of the first row holding the first
    k squares side by side), the packing kept is the one whose extent, stretched to
    ``aspect``, is smallest: it draws the squares largest in the given area.
    """
    candidates = {round(sides[0], 9)}
    running = 0.0
    for side in sides[:64]:
        running += side
        candidates.add(round(running, 9))
        running += gap
    best, best_extent = None, math.inf
    for width in sorted(candidates):
        corners, used_width, used_height = _shelves(sides, gap, width)
        extent = max(used_width / aspect, used_height)
        if extent < best_extent - 1e-9:
            best, best_extent = corners, extent
    return best


def _shelves(sides: list[float], gap: float, width: float):
    """Pack the squares in rows no wider than ``width`` (or the largest side); return corners and extent."""
    corners: list[tuple[float, float]] = []
    row_top = row_height = 0.0
    column_x = column_width = column_used = None  # the open column of the open row
    limit = max(width, sides[0]) + 1e-9
    for side in sides:
        if column_x is not None and column_used + gap + side <= row_height + 1e-9:
            y = row_top - column_used - gap  # under the last square of the open column
            column_used += gap + side
        elif column_x is not None and column_x + column_width + gap + side <= limit:
            column_x, column_width, column_used = column_x + column_width + gap, side, side
            y = row_top
        else:  # a new row under the last one
            row_top = row_top - row_height - gap if corners else 0.0
            row_height = side
            column_x, column_width, column_used = 0.0, side, side
            y = row_top
        corners.append((column_x, y))
    used_width = max(x + s for (x, _), s in zip(corners, sides))
    used_height = max(s - y for (_, y), s in zip(corners, sides))
    return corners, used_width, used_height
