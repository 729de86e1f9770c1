"""Fixtures of the explorer tests: a build of the sample pages, a store with hostile text,
and the explorer served over them (the real server: Werkzeug in front, Oxigraph behind)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from werkzeug.test import Client

from esfgraph.build import BuildOptions, build
from esfgraph.explorer import ExplorerApp, StoreWatcher
from esfgraph.network import networks_from_store
from esfgraph.serve import start_server
from esfgraph.store import load_store
from esfgraph import vocab

BASE = "https://w3id.org/esfgraph/id/"
#: Page text that would run, break out of an attribute, or be evaluated by a template.
HOSTILE = "<script>alert('x')</script> \"quoted\" {{ 7*7 }}"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, sample_pages) -> Path:
    """A full build of data/pages (store with analysis). Read it, never change it."""
    out = tmp_path_factory.mktemp("explorer-sample") / "out"
    build([sample_pages], out, BuildOptions(workers=1, progress=False, cache=False))
    return out


@pytest.fixture(scope="session")
def sample_client(sample_build):
    """The explorer application over the sample store, without the HTTP server."""
    watcher = StoreWatcher(sample_build / "store")
    yield Client(ExplorerApp(watcher))
    watcher.stop()


@pytest.fixture(scope="session")
def served(sample_build, tmp_path_factory):
    """``esfgraph serve`` (start_server) over a copy of the sample store, on a free port."""
    store = tmp_path_factory.mktemp("explorer-served") / "store"
    shutil.copytree(sample_build / "store", store)
    with start_server(store, bind="127.0.0.1:0") as server:
        yield server


def _hostile_graph() -> Graph:
    graph = Graph()
    evil, good = URIRef(BASE + "org/evil"), URIRef(BASE + "org/good")
    graph.add((evil, vocab.RDF.type, vocab.ORG.Organization))
    graph.add((evil, vocab.RDFS.label, Literal(HOSTILE)))
    graph.add((good, vocab.RDF.type, vocab.ORG.Organization))
    graph.add((good, vocab.RDFS.label, Literal("Good & Co <b>bold</b>")))
    for number in (1, 2):
        project = URIRef(f"{BASE}project/evil-{number}")
        graph.add((project, vocab.RDF.type, vocab.ESF.Project))
        graph.add((project, vocab.DCTERMS.title, Literal(f"{HOSTILE} <img src=x onerror=alert({number})>")))
        graph.add((project, vocab.ESF.projectNumber, Literal(f"2020/{number}'\"><b>")))
        graph.add((project, vocab.ESF.startYear, Literal(2020, datatype=vocab.XSD.integer)))
        graph.add((project, vocab.ESF.programmePeriod, URIRef(str(vocab.PERIOD) + "2014-2020")))
        graph.add((project, vocab.ESF.region, URIRef(str(vocab.REGION) + "stockholm")))
        graph.add((project, vocab.ESF.esfGrantSEK, Literal(1000 * number, datatype=vocab.XSD.integer)))
        for org, role in ((evil, "owner"), (good, "partner")):
            part = URIRef(f"{project}/participation/{role}")
            graph.add((part, vocab.RDF.type, vocab.ESF.Participation))
            graph.add((part, vocab.ESF.project, project))
            graph.add((part, vocab.ESF.organisation, org))
            graph.add((part, vocab.ORG.role, URIRef(str(vocab.ROLE) + role)))
            graph.add((part, vocab.ESF.printedName, Literal(HOSTILE if org == evil else "Good & Co")))
    return graph


@pytest.fixture(scope="session")
def hostile_client(tmp_path_factory):
    """The explorer over a store whose names and titles hold markup and template syntax."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "graph.nt").write_text(_hostile_graph().serialize(format="nt"), encoding="utf-8")
    load_store(folder / "store", [folder / "graph.nt"])
    watcher = StoreWatcher(folder / "store")
    yield Client(ExplorerApp(watcher))
    watcher.stop()


def network_partners(build: Path, org: str) -> dict[str, str]:
    """The partners of ``org`` as the network stage counts them (its neighbours in the
    unit-level organisation network of the build's store): label -> tie evidence."""
    graph = networks_from_store(build / "store").organisations
    return {graph.nodes[other]["label"]: graph.edges[org, other]["evidence"] for other in graph.neighbors(org)}
