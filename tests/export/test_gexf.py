"""GEXF 1.3 files: the structure the schema requires, the content Gephi users need."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from esfgraph.export import TYPE_COLOURS, export_gephi, gephi_graph, write_gexf

from ..network.graphs import AF_J, AME, K0680, LONE, PROJECTS
from .gexf_checks import check_gexf


@pytest.fixture(scope="module")
def gephi(analysis, tmp_path_factory):
    return export_gephi(analysis, tmp_path_factory.mktemp("gephi"))


def test_export_writes_the_gephi_folder(gephi):
    assert sorted(gephi) == [
        "bipartite.gexf", "organisations.gexf", "organisations.graphml",
        "organisations_dynamic.gexf", "organisations_edges.csv", "organisations_nodes.csv",
    ]


def test_organisations_gexf(gephi):
    found = check_gexf(gephi["organisations.gexf"])
    assert found["graph"]["mode"] == "static" and found["graph"]["defaultedgetype"] == "undirected"
    types = found["node_types"]
    assert {k: types[k] for k in ("type", "parent", "municipality_code", "county", "degree", "betweenness",
                                  "cluster")} == {
        "type": "string", "parent": "string", "municipality_code": "string", "county": "string",
        "degree": "integer", "betweenness": "double", "cluster": "integer"}
    assert found["edge_types"]["co_financing"] == "integer"
    bridge = found["nodes"][K0680]
    assert bridge["attrs"]["label"] == "Jönköpings kommun"
    assert bridge["values"]["betweenness"] == "0.38095238" and bridge["values"]["degree"] == "5"
    assert bridge["values"]["county"] == "Jönköpings län" and bridge["values"]["municipality_code"] == "0680"
    assert bridge["color"] == TYPE_COLOURS["municipality"]
    assert bridge["size"] == max(n["size"] for n in found["nodes"].values())  # highest degree
    assert found["nodes"][AF_J]["values"]["parent"].endswith("/org/arbetsformedlingen")
    assert "cluster" not in found["nodes"][LONE]["values"]  # no partners, no cluster: no value, not "None"
    assert all(n["position"] is not None and n["color"] is not None for n in found["nodes"].values())
    assert len(found["nodes"]) == 8 and len(found["edges"]) == 12
    pair = next(e for e in found["edges"] if {e["attrs"]["source"], e["attrs"]["target"]} == {AME, AF_J})
    assert pair["attrs"]["weight"] == "3"
    assert pair["values"]["first_year"] == "2008" and pair["values"]["last_year"] == "2015"


def test_bipartite_gexf(gephi):
    found = check_gexf(gephi["bipartite.gexf"])
    kinds = {n: v["values"]["kind"] for n, v in found["nodes"].items()}
    assert sum(k == "project" for k in kinds.values()) == 6 and sum(k == "organisation" for k in kinds.values()) == 8
    assert found["nodes"][PROJECTS[1]]["values"]["start"] == "2008-05-01"
    edge = next(e for e in found["edges"] if {e["attrs"]["source"], e["attrs"]["target"]} == {PROJECTS[1], AME})
    assert edge["values"]["roles"] == "owner"
    assert len(found["edges"]) == 18


def test_dynamic_gexf_has_spells_from_project_periods(gephi):
    found = check_gexf(gephi["organisations_dynamic.gexf"])
    graph = found["graph"]
    assert (graph["mode"], graph["timeformat"], graph["start"], graph["end"]) == (
        "dynamic", "date", "2008-05-01", "2020-12-31")
    # P1 and P2 overlap and merge; P3 comes later.
    assert found["nodes"][AF_J]["spells"] == [("2008-05-01", "2011-12-31"), ("2015-03-01", "2017-02-28")]
    assert found["nodes"][LONE]["spells"] == [("2019-01-01", "2020-12-31")]
    pair = next(e for e in found["edges"] if {e["attrs"]["source"], e["attrs"]["target"]} == {AME, AF_J})
    assert pair["spells"] == [("2008-05-01", "2011-12-31"), ("2015-03-01", "2017-02-28")]


def test_files_are_byte_identical(analysis, tmp_path):
    one = export_gephi(analysis, tmp_path / "one")
    two = export_gephi(analysis, tmp_path / "two")
    for name in one:
        assert one[name].read_bytes() == two[name].read_bytes(), name


def test_awkward_values_make_a_valid_file(tmp_path):
    graph = nx.Graph()
    graph.add_node("a", label="  spaced \n label ", count=np.int64(3), share=np.float32(0.5), tags=["x", "y"],
                   missing=None, flag=True, viz={"color": (10, 20, 30), "size": 4, "position": (1.0, 2.0)})
    graph.add_node("b", count=7, share=float("nan"), tags=("z",), missing=None, flag=False, big=2**40)
    graph.add_edge("a", "b", weight=np.int64(2), kinds=("x",), note=None)
    found = check_gexf(write_gexf(graph, tmp_path / "odd.gexf"))
    assert found["node_types"] == {"count": "integer", "share": "double", "tags": "string", "flag": "boolean",
                                   "big": "long"}
    assert "missing" not in found["node_types"] and "note" not in found["edge_types"]
    a, b = found["nodes"]["a"], found["nodes"]["b"]
    assert a["attrs"]["label"] == "spaced label"
    assert a["values"] == {"count": "3", "share": "0.5", "tags": "x;y", "flag": "true"}
    assert "share" not in b["values"]  # NaN is no value
    assert a["position"] == (1.0, 2.0, 0.0)  # the missing z is filled in
    assert found["edges"][0]["attrs"]["weight"] == "2"


def test_bad_spells_are_refused(tmp_path):
    graph = nx.Graph()
    graph.add_node("a", spells=[("2010-01-01", "2009-01-01")])
    with pytest.raises(ValueError, match="ends"):
        write_gexf(graph, tmp_path / "bad.gexf", dynamic=True)
    graph.nodes["a"]["spells"] = [("2010", "2011-01-01")]
    with pytest.raises(ValueError, match="ISO dates"):
        write_gexf(graph, tmp_path / "bad.gexf", dynamic=True)


def test_refusals_are_export_errors_with_exit_code_1(tmp_path):
    from esfgraph.export import ExportError
    from esfgraph.runtime.errors import EsfgraphError, exit_code_for

    graph = nx.Graph()
    graph.add_node("a", spells=[("2010-01-01", "2009-01-01")])
    with pytest.raises(ExportError, match="node a: spell ends") as caught:
        write_gexf(graph, tmp_path / "bad.gexf", dynamic=True)
    assert isinstance(caught.value, EsfgraphError) and exit_code_for(caught.value) == 1


def test_colour_by_type_and_unknown_network(analysis):
    graph = gephi_graph(analysis, "organisations")
    assert graph.nodes[AF_J]["viz"]["color"] == TYPE_COLOURS["agency_office"]
    with pytest.raises(ValueError, match="unknown network"):
        gephi_graph(analysis, "people")
