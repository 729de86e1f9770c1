"""Batched validation finds exactly what whole-graph validation finds; reports are stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfgraph.rdf import RDFOptions, write_graph
from esfgraph.validate import validate_graph, write_validation
from esfgraph.validate import load_shapes
from esfgraph.validate.batches import RDF_TYPE, TypeIndex, iter_batches, plan_shapes
from esfgraph.validate.source import sorted_ntriples

from .synthetic import ORPHAN_LINES, PLACES, synthetic_pairs

ESFSH = "https://w3id.org/esfgraph/shapes#"


@pytest.fixture(scope="module")
def defective_graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    pairs = synthetic_pairs(20)
    files = write_graph([p[0] for p in pairs], [p[1] for p in pairs], out, RDFOptions(reference=PLACES))
    with open(files.nt, "a", encoding="utf-8") as handle:
        handle.write("\n".join(ORPHAN_LINES) + "\n")
    return files.nt


def _signature(outcome):
    return [(r.key, r.severity) for r in outcome.results]


@pytest.fixture(scope="module")
def whole(defective_graph):
    return validate_graph(defective_graph, batch_size=None)


def test_the_defective_graph_has_the_planted_findings(whole):
    found = {(str(r.shape).removeprefix(ESFSH), r.severity) for r in whole.results}
    assert found == {
        ("Project-grantNotAboveBudget", "Violation"),
        ("Project-regionMissing", "Warning"),
        ("Project-startNotAfterEnd", "Violation"),
        ("Project-endDate", "Violation"),
        ("Project-title", "Violation"),
        ("Participation-confidence", "Violation"),
        ("Organisation-number", "Violation"),
        ("Organisation-labelLanguage", "Violation"),
        ("Project-datesInPeriod", "Violation"),
        ("Municipality-codeInTable", "Violation"),
        ("Municipality-code", "Violation"),
        ("Municipality-label", "Warning"),
        ("Municipality-county", "Violation"),
        ("County-label", "Warning"),
    }
    assert whole.batches == 1 and not whole.conforms
    assert (whole.violations, whole.warnings) == (13, 4)


@pytest.mark.parametrize("batch_size, workers", [(1, 1), (3, 1), (7, 2), (500, 1)])
def test_batched_validation_finds_exactly_what_whole_graph_validation_finds(defective_graph, whole, batch_size, workers):
    batched = validate_graph(defective_graph, batch_size=batch_size, workers=workers)
    assert _signature(batched) == _signature(whole)
    assert batched.text == whole.text
    assert batched.conforms == whole.conforms
    if batch_size < 21:
        assert batched.batches > 1


def test_leaving_out_predicates_no_shape_reads_changes_nothing(defective_graph, whole):
    """Plain pySHACL over every triple, shapes file only, finds what validate_graph finds."""
    import pyshacl
    from rdflib import Graph

    from esfgraph.validate.results import results_from_report

    data = Graph().parse(defective_graph, format="nt")
    assert len(data) == sum(1 for _ in open(defective_graph, encoding="utf-8"))
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=load_shapes(), allow_warnings=True)
    assert [(r.key, r.severity) for r in results_from_report(report)] == _signature(whole)


def test_batches_own_every_subject_once_and_hold_the_types_of_what_they_point_to(defective_graph):
    plan = plan_shapes(load_shapes())
    assert plan.batchable and plan.reason is None
    assert "<https://w3id.org/esfgraph/ontology#resolutionMethod>" not in plan.keep
    with sorted_ntriples(defective_graph, normalise=True) as path:  # the orphans were appended unsorted
        index = TypeIndex.scan(path)
        batches = list(iter_batches(path, index, keep=None, batch_size=5))  # every triple
        subjects = {line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()}
    assert index.projects == 20
    owned = [batch.owned for batch in batches]
    assert sum(len(o) for o in owned) == len(subjects) and set().union(*owned) == subjects
    af = "<https://w3id.org/esfgraph/id/org/arbetsformedlingen>"
    owners = [n for n, batch in enumerate(batches) if af in batch.owned]
    assert len(owners) == 1  # a shared organisation is validated once
    for batch in batches:
        lines = batch.data.decode("utf-8").splitlines()
        refs = batch.refs.decode("utf-8").splitlines()
        typed = {line.split(" ", 1)[0] for line in lines + refs if f" {RDF_TYPE} " in line}
        for line in lines:
            subject, predicate, rest = line.split(" ", 2)
            target = rest[:-2]
            if subject in batch.owned and predicate != RDF_TYPE and target.startswith("<") and target in index.types:
                assert target in typed, (target, line)
        # Of a node it does not own, a batch holds the types only, and apart (in refs).
        foreign = {line.split(" ", 1)[0] for line in lines} - batch.owned
        assert all(" <http://www.w3.org/2000/01/rdf-schema#subClassOf> " in line
                   for line in lines if line.split(" ", 1)[0] in foreign)
        assert all(f" {RDF_TYPE} " in line and line.split(" ", 1)[0] not in batch.owned for line in refs)
    office = "<https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping>"
    pointing = [b for b in batches if office not in b.owned
                and f"{office} {RDF_TYPE} <http://www.w3.org/ns/org#OrganizationalUnit> ." in b.refs.decode()]
    assert pointing and not any(f"{office} <http://www.w3.org/2000/01/rdf-schema#label>" in b.data.decode() for b in pointing)


def test_a_batch_graph_shows_what_it_points_to_only_to_lookups_by_subject(defective_graph):
    """sh:class finds a referenced node's type; a shape's target (by class) does not find the node."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from esfgraph.validate.batchgraph import graph_from_ntriples

    org = "https://w3id.org/esfgraph/id/org/arbetsformedlingen"
    unit = URIRef("http://www.w3.org/ns/org#Organization")
    owned = f"<{org}/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\"@sv .\n<{org}/a> {RDF_TYPE} <{unit}> .\n"
    described = f"<{org}> {RDF_TYPE} <{unit}> .\n".encode()
    graph = graph_from_ntriples(owned.encode(), described)
    assert list(graph.objects(URIRef(org), RDF.type)) == [unit]
    assert (URIRef(org), RDF.type, unit) in graph
    assert list(graph.subjects(RDF.type, unit)) == [URIRef(f"{org}/a")]
    assert len(graph) == 3
    graph.remove((URIRef(org), None, None))
    assert len(graph) == 2 and list(graph.objects(URIRef(org), RDF.type)) == []


def test_text_report_groups_by_project_and_names_the_page(whole):
    text = whole.text
    assert "Conforms: no" in text
    assert "13 violation(s), 4 warning(s); 20 project(s) checked, 6 with findings." in text
    block = text.split('Project "Projekt 3" ')[1].split("\n\n")[0]
    assert "page: 003.txt" in block
    assert "VIOLATION  The ESF grant is larger than the total budget. (property esf:esfGrantSEK; value 5000000)" in block
    block = text.split('Project "Projekt 13" ')[1].split("\n\n")[0]
    assert 'participation "Af 13" (co-financier): The resolution confidence must be one number between 0 and 1.' in block
    organisations = text.split("\nOrganisations\n")[1].split("\n\n")[0]
    assert '"Fenix Kunskapscentrum" <https://w3id.org/esfgraph/id/org/name/fenix>' in organisations
    assert "in 20 project(s):" in organisations and "and 15 more" in organisations
    assert "WARNING    The municipality has no name in the graph." in text.split("\nPlaces\n")[1]


def test_two_validations_write_byte_identical_reports(defective_graph, whole, tmp_path):
    first = write_validation(whole, tmp_path / "a")
    second = write_validation(validate_graph(defective_graph, batch_size=4, workers=2), tmp_path / "b")
    assert first.text.read_bytes() == second.text.read_bytes()
    assert first.turtle.read_bytes() == second.turtle.read_bytes()
    report = first.turtle.read_text(encoding="utf-8")
    assert "sh:conforms false" in report and report.count("a sh:ValidationResult") == 17


def test_batch_graphs_answer_every_pattern_as_an_ordinary_rdflib_graph(defective_graph):
    from itertools import product

    from rdflib import Graph

    from esfgraph.validate.batchgraph import graph_from_ntriples

    data = defective_graph.read_bytes()
    repeated = data[:data.index(b"\n", 2000) + 1]
    batch, plain = graph_from_ntriples(data + repeated), Graph().parse(data=data.decode(), format="nt")
    assert len(batch) == len(plain) == len(set(batch))  # repeated lines are one triple
    some = list(plain)[::40]
    for s, p, o in some:
        for mask in product((True, False), repeat=3):
            pattern = tuple(term if keep else None for term, keep in zip((s, p, o), mask))
            assert set(batch.triples(pattern)) == set(plain.triples(pattern)), pattern
    s, p, o = some[0]
    batch.remove((s, None, None))
    plain.remove((s, None, None))
    assert len(batch) == len(plain) and set(batch) == set(plain)
