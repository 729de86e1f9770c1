"""Large files are written in pieces: the streamed files equal the whole documents, and
networkx reads the GraphML back with every value and type."""

from __future__ import annotations

import networkx as nx

from esfgraph.export.gexf import gexf_bytes, write_gexf
from esfgraph.export.graphml import graphml_bytes, write_graphml


def _graph():
    graph = nx.Graph()
    for i in range(3000):  # more lines than one piece holds
        graph.add_node(f"n{i}", label=f"Node & <{i}>", degree=i % 7, share=i / 3, projects=(f"p{i}", f"p{i + 1}"),
                       viz={"color": (i % 256, 0, 0), "size": 1 + i % 5, "position": (i, -i)},
                       spells=[("2010-01-01", "2011-12-31")])
    for i in range(2999):
        graph.add_edge(f"n{i}", f"n{i + 1}", weight=1 + i % 3, kinds="a;b", spells=[("2010-06-01", "2010-12-31")])
    return graph


def test_streamed_files_equal_the_whole_documents(tmp_path):
    graph = _graph()
    assert write_gexf(graph, tmp_path / "g.gexf").read_bytes() == gexf_bytes(graph)
    assert write_gexf(graph, tmp_path / "d.gexf", dynamic=True).read_bytes() == gexf_bytes(graph, dynamic=True)
    assert write_graphml(graph, tmp_path / "g.graphml").read_bytes() == graphml_bytes(graph)


def test_graphml_reads_back_every_value(tmp_path):
    graph = _graph()
    back = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    assert back.number_of_nodes() == 3000 and back.number_of_edges() == 2999
    node = back.nodes["n10"]
    assert node["label"] == "Node & <10>" and node["degree"] == 3 and node["projects"] == "p10;p11"
    assert abs(node["share"] - 10 / 3) < 1e-12 and (node["r"], node["x"], node["y"]) == (10, 10.0, -10.0)
    assert node["interval"] == "<[2010-01-01, 2011-12-31]>"
    assert back.edges["n10", "n11"]["weight"] == 2
