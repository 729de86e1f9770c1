"""The ontology and its SKOS vocabularies in a store (issue 13, item 7): one preferred
label per concept and language, loaded by build and by `esfgraph load-vocab`."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.query import run_query
from esfgraph.store import load_store, load_vocabularies, open_store, vocabulary_files
from tests.fixtures.graph import FIXTURE

SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


@pytest.mark.parametrize("file", [f for f in vocabulary_files() if f.parent.name == "vocab"], ids=lambda f: f.name)
def test_every_concept_has_one_preferred_label_in_swedish_and_in_english(file):
    graph = rdflib.Graph().parse(file)
    concepts = set(graph.subjects(rdflib.RDF.type, SKOS.Concept)) | set(graph.subjects(rdflib.RDF.type, SKOS.ConceptScheme))
    assert concepts
    for concept in concepts:
        languages = Counter(label.language for label in graph.objects(concept, SKOS.prefLabel))
        assert languages == Counter({"sv": 1, "en": 1}), (concept, languages)


def test_load_vocabularies_adds_labels_and_nothing_twice(tmp_path):
    store_dir = tmp_path / "store"
    size = load_store(store_dir, [FIXTURE])
    added = load_vocabularies(store_dir)
    assert added > 1000
    store = open_store(store_dir)
    grown = len(store)
    assert size < grown <= size + added
    label = 'ASK { <https://w3id.org/esfgraph/vocab/org-type/agency-office> ' \
            '<http://www.w3.org/2004/02/skos/core#prefLabel> "myndighetskontor"@sv }'
    assert bool(store.query(label))
    del store
    load_vocabularies(store_dir)
    assert len(open_store(store_dir)) == grown


def test_into_a_named_graph():
    store = ox.Store()
    load_vocabularies(store, graph="https://example.org/vocab")
    assert {str(q.graph_name) for q in store} == {"<https://example.org/vocab>"}


def test_load_vocab_command_gives_queries_their_labels(tmp_path):
    store_dir = tmp_path / "store"
    data = tmp_path / "owners.nt"
    project, owner = "https://w3id.org/esfgraph/id/project/p1", "https://w3id.org/esfgraph/id/org/sv"
    data.write_text(
        f"<{project}> <https://w3id.org/esfgraph/ontology#owner> <{owner}> .\n"
        f"<{owner}> <https://w3id.org/esfgraph/ontology#orgType> "
        "<https://w3id.org/esfgraph/vocab/org-type/study-association> .\n", encoding="utf-8")
    load_store(store_dir, [data])
    before = run_query("owners-by-org-type", store=store_dir).values()
    assert before == [("study-association", "study-association", 1, 1)]  # no label: the key
    result = CliRunner().invoke(main, ["load-vocab", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("loaded ") and "regions.ttl" in result.output
    assert run_query("owners-by-org-type", store=store_dir).values() == [
        ("study-association", "studieförbund", 1, 1)]
    assert run_query("owners-by-org-type", {"lang": "en"}, store=store_dir).values() == [
        ("study-association", "study association", 1, 1)]
    refused = CliRunner().invoke(main, ["load-vocab"])
    assert refused.exit_code == 2 and "give --store DIR or --endpoint URL" in refused.output
