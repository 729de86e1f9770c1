"""The analysis graph as N-Triples: the same triples as the quads, untrusted labels intact."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from esfgraph.network import (
    Partnership,
    analysis_ntriples,
    analysis_quads,
    centrality,
    find_clusters,
    write_back,
)
from esfgraph.vocab import ANALYSIS_GRAPH, ESF, RDFS

BASE = "http://example.org/"
A, B, C = (f"{BASE}org/{name}" for name in ("a", "b", "c"))
# Page text is untrusted: quotes, a backslash, a line break, angle brackets, a tab, non-ASCII.
NASTY = 'Förening "Ett" \\ två\n<tre>\tfyra'


def _analysis():
    graph = nx.Graph()
    graph.add_node(A, label=NASTY)
    graph.add_node(B, label="Kommun B")
    graph.add_node(C, label="C")
    graph.add_edge(A, B, weight=2)
    graph.add_edge(B, C, weight=1)
    pair = Partnership(A, B, (f"{BASE}project/1", f"{BASE}project/2"), 2009, 2016,
                       kinds={"partnership": 2}, evidence="both", listed_count=1, text_count=1)
    scores = centrality(graph)
    return (graph, scores, find_clusters(graph), [pair], "unit", BASE, ("owner", "partner"), 42,
            "text=unlisted; national=no")


def _stored(triples) -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(A), ox.NamedNode(str(RDFS.label)), ox.Literal("kept")))  # default graph
    assert write_back(store, triples) == len(analysis_quads(*_analysis()))
    return store


def test_ntriples_and_quads_are_the_same_triples_in_the_same_order():
    text = analysis_ntriples(*_analysis())
    quads = analysis_quads(*_analysis())
    parsed = list(ox.parse(text, ox.RdfFormat.N_TRIPLES))
    assert [(t.subject, t.predicate, t.object) for t in parsed] == [(q.subject, q.predicate, q.object) for q in quads]
    assert {q.graph_name for q in quads} == {ox.NamedNode(str(ANALYSIS_GRAPH))}
    clusters = len(find_clusters(_analysis()[0]).clusters)
    # run 5; scores 5 per organisation; 2 per cluster and 2 per member; 14 for the pair
    assert len(text.splitlines()) == len(quads) == 5 + 3 * 5 + 2 * clusters + 2 * 3 + 14


def test_loading_the_text_stores_what_loading_the_quads_stores():
    from_text = sorted(map(str, _stored(analysis_ntriples(*_analysis()))))
    from_quads = sorted(map(str, _stored(analysis_quads(*_analysis()))))
    assert from_text == from_quads
    assert len(from_text) == len(analysis_quads(*_analysis())) + 1


def test_untrusted_label_survives_the_round_trip():
    store = _stored(analysis_ntriples(*_analysis()))
    graph = ox.NamedNode(str(ANALYSIS_GRAPH))
    labels = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None, graph)}
    assert f"{NASTY} – Kommun B" in labels
    [evidence] = store.quads_for_pattern(None, ox.NamedNode(str(ESF.tieEvidence)), None, graph)
    assert evidence.object == ox.Literal("both")
    [between] = store.quads_for_pattern(ox.NamedNode(B), ox.NamedNode(str(ESF.betweenness)), None, graph)
    assert float(between.object.value) == 1.0


def test_a_second_write_replaces_the_first():
    store = _stored(analysis_ntriples(*_analysis()))
    graph = ox.NamedNode(str(ANALYSIS_GRAPH))
    before = sorted(map(str, store.quads_for_pattern(None, None, None, graph)))
    write_back(store, analysis_ntriples(*_analysis()))
    assert sorted(map(str, store.quads_for_pattern(None, None, None, graph))) == before
