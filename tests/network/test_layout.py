"""packed_layout: each component in a square of its own, the squares packed largest first."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from esfgraph.network.layout import PADDING, packed_layout


def _scattered() -> nx.Graph:
    """A 9-clique, a 4-path, a 4-star and two organisations without ties."""
    graph = nx.Graph()
    graph.add_edges_from((f"k{a}", f"k{b}") for a, b in nx.complete_graph(9).edges)
    nx.add_path(graph, ["p0", "p1", "p2", "p3"])
    graph.add_edges_from([("s0", "s1"), ("s0", "s2"), ("s0", "s3")])
    graph.add_nodes_from(["i1", "i0"])
    return graph


def _apart(a, b) -> bool:
    return a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0


def test_components_get_the_boxes_the_packing_promises():
    layout = packed_layout(_scattered(), seed=1)
    # Largest first; side sqrt(nodes); 0.3 apart. The 9-clique and the path share the
    # first row (3 + 0.3 + 2 wide); the star opens the second, the single nodes follow it.
    assert [(box.nodes[0], len(box.nodes)) for box in layout.boxes] == [
        ("k0", 9), ("p0", 4), ("s0", 4), ("i0", 1), ("i1", 1)]
    assert [(box.x0, box.y0, box.x1, box.y1) for box in layout.boxes] == [
        (0.0, -3.0, 3.0, 0.0),
        pytest.approx((3.3, -2.0, 5.3, 0.0)),
        pytest.approx((0.0, -5.3, 2.0, -3.3)),
        pytest.approx((2.3, -4.3, 3.3, -3.3)),
        pytest.approx((3.6, -4.3, 4.6, -3.3)),
    ]
    assert (layout.width, layout.height) == pytest.approx((5.3, 5.3))
    assert layout.positions["i0"] == pytest.approx((2.8, -3.8))  # a single node sits in its box's centre


def test_boxes_do_not_overlap_and_hold_their_nodes():
    layout = packed_layout(_scattered(), seed=1)
    boxes = layout.boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert _apart(a, b) and not a.overlaps(b), (a.nodes[0], b.nodes[0])
    for box in boxes:
        assert box.side == pytest.approx(math.sqrt(len(box.nodes)))
        inner = box.side * PADDING
        for node in box.nodes:
            x, y = layout.positions[node]
            assert box.x0 + inner - 1e-9 <= x <= box.x1 - inner + 1e-9, node
            assert box.y0 + inner - 1e-9 <= y <= box.y1 - inner + 1e-9, node
    # Each component fills its padded box along its longer axis.
    clique = [layout.positions[f"k{i}"] for i in range(9)]
    spread = max(max(x for x, _ in clique) - min(x for x, _ in clique),
                 max(y for _, y in clique) - min(y for _, y in clique))
    assert spread == pytest.approx(3.0 * (1 - 2 * PADDING))
    assert set(layout.positions) == set(_scattered())


def test_many_components_around_a_large_one():
    graph = nx.relabel_nodes(nx.barabasi_albert_graph(120, 2, seed=4), lambda n: f"big-{n:03d}")
    for number, size in enumerate([12, 9, 7, 5, 5, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1]):
        members = [f"small-{number:02d}-{i}" for i in range(size)]
        graph.add_nodes_from(members)
        nx.add_path(graph, members)
    layout = packed_layout(graph, seed=9, aspect=4 / 3)
    boxes = layout.boxes
    assert [len(b.nodes) for b in boxes] == [120, 12, 9, 7, 5, 5, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1]
    assert (boxes[0].x0, boxes[0].y1) == (0.0, 0.0)  # the largest at the top left
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert _apart(a, b), (a.nodes[0], b.nodes[0])
    for box in boxes:
        for node in box.nodes:
            x, y = layout.positions[node]
            assert box.x0 < x < box.x1 and box.y0 < y < box.y1
    assert 0 <= min(b.x0 for b in boxes) and max(b.x1 for b in boxes) == pytest.approx(layout.width)
    assert max(b.y1 for b in boxes) == 0.0 and min(b.y0 for b in boxes) == pytest.approx(-layout.height)
    # The small components use the room beside the large one: the packing is wider than tall.
    assert layout.width > boxes[0].side + 1 and layout.width / layout.height > 1.0


def test_same_graph_same_positions_whatever_the_insertion_order():
    graph = _scattered()
    reordered = nx.Graph()
    reordered.add_nodes_from(sorted(graph, reverse=True))
    reordered.add_edges_from(sorted(graph.edges, reverse=True))
    big = nx.relabel_nodes(nx.barabasi_albert_graph(80, 2, seed=2), str)  # spring layout, seeded
    assert packed_layout(graph, seed=3).positions == packed_layout(reordered, seed=3).positions
    assert packed_layout(big, seed=3).positions == packed_layout(big.copy(), seed=3).positions
    assert packed_layout(big, seed=3).positions != packed_layout(big, seed=4).positions


def test_empty_graph():
    layout = packed_layout(nx.Graph())
    assert (layout.positions, layout.boxes, layout.width, layout.height) == ({}, [], 0.0, 0.0)
