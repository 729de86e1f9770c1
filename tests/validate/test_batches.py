"""Batched validation finds exactly what whole-graph validation finds; reports are stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfgraph.rdf import RDFOptions, write_graph
from esfgraph.validate import validate_graph, write_validation
from esfgraph.validate.batches import iter_batches, open_source, target_classes
from esfgraph.validate import load_shapes

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
        ("Organisation-label", "Violation"),
        ("Municipality-codeInTable", "Violation"),
        ("Municipality-code", "Violation"),
        ("Municipality-label", "Warning"),
        ("Municipality-county", "Violation"),
        ("County-label", "Warning"),
    }
    assert whole.batches == 1 and not whole.conforms
    assert (whole.violations, whole.warnings) == (11, 4)


@pytest.mark.parametrize("batch_size, workers", [(1, 1), (3, 1), (7, 2), (500, 1)])
def test_batched_validation_finds_exactly_what_whole_graph_validation_finds(defective_graph, whole, batch_size, workers):
    batched = validate_graph(defective_graph, batch_size=batch_size, workers=workers)
    assert _signature(batched) == _signature(whole)
    assert batched.text == whole.text
    assert batched.conforms == whole.conforms
    if batch_size < 21:
        assert batched.batches > 1


def test_leaving_out_predicates_no_shape_reads_changes_nothing(defective_graph, whole):
    """Plain pySHACL over every triple (plus the class axioms) finds what validate_graph finds."""
    import pyshacl

    from esfgraph.validate.batches import graph_from_batch
    from esfgraph.validate.engine import CLASS_AXIOMS
    from esfgraph.validate.results import results_from_report

    store = open_source(defective_graph)
    (everything,) = iter_batches(store, [], batch_size=None, keep=None)
    data = graph_from_batch(everything)
    assert len(data) == sum(1 for _ in open(defective_graph, encoding="utf-8"))
    for axiom in CLASS_AXIOMS:
        data.add(axiom)
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=load_shapes(), allow_warnings=True)
    assert [(r.key, r.severity) for r in results_from_report(report)] == _signature(whole)


def test_batches_cover_every_focus_node_and_reach_referenced_nodes(defective_graph):
    store = open_source(defective_graph)
    batches = list(iter_batches(store, target_classes(load_shapes()), batch_size=5))  # every triple
    # 21 pages but 20 projects (the twin shares an IRI): 4 project batches, then the orphans.
    assert len(batches) == 5
    subjects = [{s[1] for s, _p, _o in batch} for batch in batches]
    assert "https://w3id.org/esfgraph/id/org/arbetsformedlingen" in subjects[0]  # parent of an office
    assert "https://w3id.org/esfgraph/id/county/06" in subjects[0]  # county of a municipality
    assert subjects[-1] == {"https://w3id.org/esfgraph/id/org/name/orphan", "https://w3id.org/esfgraph/id/municipality/12"}


def test_text_report_groups_by_project_and_names_the_page(whole):
    text = whole.text
    assert "Conforms: no" in text
    assert "11 violation(s), 4 warning(s); 20 project(s) checked, 6 with findings." in text
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
    assert "sh:conforms false" in report and report.count("a sh:ValidationResult") == 15
