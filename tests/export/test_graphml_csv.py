"""GraphML and Gephi spreadsheet CSV, and the export command."""

from __future__ import annotations

import csv

import networkx as nx
from click.testing import CliRunner
from lxml import etree

from esfgraph.cli import main
from esfgraph.export import gephi_graph, write_csv, write_graphml

from ..network.graphs import AF, AF_J, AME, K0680
from .gexf_checks import check_gexf


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_graphml_reads_back_with_types(analysis, tmp_path):
    path = write_graphml(gephi_graph(analysis, "organisations"), tmp_path / "o.graphml")
    keys = etree.parse(str(path)).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert len({k.get("id") for k in keys}) == len(keys)  # key ids unique
    graph = nx.read_graphml(path)
    node = graph.nodes[K0680]
    assert node["label"] == "Jönköpings kommun" and node["degree"] == 5
    assert abs(node["betweenness"] - 8 / 21) < 1e-6
    assert (node["r"], node["g"], node["b"]) == (44, 160, 44)  # Gephi reads r, g, b, x, y, size
    assert graph.edges[AME, AF_J]["weight"] == 3
    assert "cluster" not in graph.nodes[next(n for n in graph if n.endswith("ensam-forening"))]


def test_graphml_of_the_dynamic_network_keeps_intervals(analysis, tmp_path):
    graph = nx.read_graphml(write_graphml(gephi_graph(analysis, "dynamic"), tmp_path / "d.graphml"))
    assert graph.nodes[AF_J]["interval"] == "<[2008-05-01, 2011-12-31]; [2015-03-01, 2017-02-28]>"


def test_csv_in_gephi_spreadsheet_format(analysis, tmp_path):
    nodes, edges = write_csv(gephi_graph(analysis, "dynamic"), tmp_path / "n.csv", tmp_path / "e.csv", dynamic=True)
    node_rows, edge_rows = _rows(nodes), _rows(edges)
    assert node_rows[0][:4] == ["Id", "Label", "Interval", "type"]
    assert edge_rows[0][:7] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Interval"]
    assert len(node_rows) == 9 and len(edge_rows) == 13
    pair = next(r for r in edge_rows[1:] if {r[0], r[1]} == {AME, AF_J})
    assert pair[2] == "Undirected" and pair[5] == "3"
    bridge = next(r for r in node_rows[1:] if r[0] == K0680)
    assert bridge[1] == "Jönköpings kommun"


def test_cli_export_every_format(analysis, tmp_path):
    store = str(analysis.store_dir)
    runner = CliRunner()
    run = runner.invoke(main, ["export", "gexf", "--store", store, "--network", "dynamic", "--out", str(tmp_path / "d.gexf")])
    assert run.exit_code == 0, run.output
    assert check_gexf(tmp_path / "d.gexf")["graph"]["mode"] == "dynamic"
    run = runner.invoke(main, ["export", "gexf", "--store", store, "--network", "bipartite", "--level", "parent",
                               "--out", str(tmp_path / "b.gexf")])
    assert run.exit_code == 0, run.output
    assert AF in check_gexf(tmp_path / "b.gexf")["nodes"]
    run = runner.invoke(main, ["export", "csv", "--store", store, "--out", str(tmp_path / "net.csv")])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "net_nodes.csv").is_file() and (tmp_path / "net_edges.csv").is_file()
    run = runner.invoke(main, ["export", "graphml", "--store", store, "--roles", "owner,co_financier",
                               "--out", str(tmp_path / "g.graphml")])
    assert run.exit_code == 0, run.output
    assert K0680 not in nx.read_graphml(tmp_path / "g.graphml")


def test_cli_export_bad_store_is_one_line(tmp_path):
    run = CliRunner().invoke(main, ["export", "gexf", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "x.gexf")])
    assert run.exit_code == 2
    assert run.output.strip().startswith("esfgraph export:") and len(run.output.strip().splitlines()) == 1
    run = CliRunner().invoke(main, ["export", "--help"])
    assert "Examples:" in run.output and "--network dynamic" in run.output
