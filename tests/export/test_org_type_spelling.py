"""One spelling of organisation types (issue 13, item 7): the Gephi files write the
vocabulary's concept key (agency-office), as SPARQL answers do, not the model's
agency_office."""

from __future__ import annotations

import csv

import networkx as nx

from esfgraph.export import gephi_graph, write_csv, write_gexf
from esfgraph.store import vocabulary_files

from ..network.graphs import AF_J


def _concept_keys() -> set[str]:
    import rdflib

    graph = rdflib.Graph().parse(next(f for f in vocabulary_files() if f.name == "org-types.ttl"))
    prefix = "https://w3id.org/esfgraph/vocab/org-type/"
    return {str(s)[len(prefix):] for s in graph.subjects() if str(s).startswith(prefix)}


def test_exports_spell_organisation_types_as_the_vocabulary(analysis, tmp_path):
    keys = _concept_keys()
    assert "agency-office" in keys and "study-association" in keys
    organisations = gephi_graph(analysis, "organisations")
    assert organisations.nodes[AF_J]["type"] == "agency-office"
    write_csv(organisations, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        types = {row["type"] for row in csv.DictReader(handle)}
    assert types and types <= keys, types - keys
    write_gexf(gephi_graph(analysis, "bipartite"), tmp_path / "b.gexf")
    read = nx.read_gexf(tmp_path / "b.gexf")
    written = {data["type"] for _, data in read.nodes(data=True) if data.get("type")}
    assert written and written <= keys, written - keys
