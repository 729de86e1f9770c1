"""One spelling of organisation types (issue 13, item 7): the analysis tables
``centrality.csv`` and ``clusters.csv`` write the vocabulary's concept key
(``agency-office``), as the exports and SPARQL answers do; the networks keep the model's
keys (``agency_office``), which the evidence rule reads (``NATIONAL_TYPES``)."""

from __future__ import annotations

import csv

import rdflib

from esfgraph.model import ORG_TYPES
from esfgraph.network import NATIONAL_TYPES, analyze
from esfgraph.store import open_store, vocabulary_files

from .graphs import AF_J, AME, FK, SF

ORGTYPE = "https://w3id.org/esfgraph/vocab/org-type/"


def _rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _vocabulary_keys() -> set[str]:
    graph = rdflib.Graph().parse(next(f for f in vocabulary_files() if f.name == "org-types.ttl"))
    return {str(s)[len(ORGTYPE):] for s in graph.subjects() if str(s).startswith(ORGTYPE)}


def _sparql_types(store_dir) -> dict[str, str]:
    """Organisation -> its type as a SPARQL answer names it (the concept's local name)."""
    store = open_store(store_dir, read_only=True)
    query = "SELECT ?org ?type WHERE { ?org <https://w3id.org/esfgraph/ontology#orgType> ?type }"
    return {row[0].value: row[1].value[len(ORGTYPE):] for row in store.query(query)}


def test_centrality_and_clusters_spell_types_as_the_vocabulary_and_sparql(tiny_store, tmp_path):
    result = analyze(tiny_store, tmp_path, write_back=False, report=False)
    centrality = {row["org"]: row["type"] for row in _rows(tmp_path / "centrality.csv")}
    clusters = {row["org"]: row["type"] for row in _rows(tmp_path / "clusters.csv")}
    assert (centrality[AF_J], centrality[AME], centrality[SF]) == (
        "agency-office", "municipal-unit", "coordination-association")
    assert clusters[AF_J] == "agency-office" and set(clusters) <= set(centrality)
    keys = _vocabulary_keys()
    assert set(centrality.values()) <= keys and set(clusters.values()) <= keys
    sparql = _sparql_types(tiny_store)
    assert {org: sparql[org] for org in centrality} == centrality
    assert {org: sparql[org] for org in clusters} == clusters
    # Inside, the model's keys stay: the rule that leaves national agencies out reads them.
    nodes = result.networks.organisations.nodes
    assert nodes[AF_J]["type"] == "agency_office" and nodes[FK]["type"] in NATIONAL_TYPES
    assert {nodes[org]["type"] for org in nodes} <= set(ORG_TYPES)
