"""merge_organisations, resolution.csv and the summary: deterministic whatever the order."""

from __future__ import annotations

import csv
import pickle
import random

import pytest

from esfgraph.iris import org_iri
from esfgraph.model import ProjectRecord
from esfgraph.resolve import (
    CSV_COLUMNS,
    Reference,
    Resolver,
    merge_organisations,
    resolution_summary,
    summary_lines,
    write_resolution_csv,
)

from .seeds import SEED_RECORDS, seed_record


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Reference.load())


@pytest.fixture(scope="module")
def seed_resolutions(resolver):
    return [resolver.resolve(seed_record(n)) for n in sorted(SEED_RECORDS)]


def _page(i: int, **fields) -> ProjectRecord:
    return ProjectRecord(source=f"p{i:02d}.txt", title=f"P{i}", **fields)


def test_name_key_label_is_the_most_frequent_printed_form(resolver):
    printed = ["Excentrum AB", "EXCENTRUM AB", "Excentrum AB", "Excentrum"]
    resolutions = [resolver.resolve(_page(i, partners=[name])) for i, name in enumerate(printed)]
    merged = merge_organisations(resolutions)
    assert list(merged) == [org_iri("name/excentrum")]
    assert merged[org_iri("name/excentrum")].label == "Excentrum AB"
    assert merged[org_iri("name/excentrum")].type == "company"  # a known type beats "unknown"


def test_ties_are_broken_by_sort_order_whatever_the_input_order(resolver):
    resolutions = [resolver.resolve(_page(i, partners=[name])) for i, name in enumerate(["Fenix AB", "FENIX AB"])]
    for _ in range(5):
        random.Random(_).shuffle(resolutions)
        assert merge_organisations(resolutions)[org_iri("name/fenix")].label == "FENIX AB"


def test_merge_keeps_parents_and_is_order_independent(seed_resolutions):
    merged = merge_organisations(seed_resolutions)
    assert merged == merge_organisations(list(reversed(seed_resolutions)))
    assert list(merged) == sorted(merged)
    assert merged[org_iri("arbetsformedlingen")].org_number == "2021002114"
    assert merged[org_iri("kommun-0665")].label == "Vaggeryds kommun"
    assert merged[org_iri("folkuniversitetet")].type == "study_association"
    assert len(merged) == 39  # 31 mentioned organisations (HSO named in a description) and their parents


def test_resolution_csv_columns_rows_and_bytes(tmp_path, seed_resolutions):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    rows = write_resolution_csv(seed_resolutions, first)
    write_resolution_csv(list(reversed(seed_resolutions)), second)
    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert rows == len(table) == sum(len(r.mentions) for r in seed_resolutions) == 49
    assert tuple(table[0]) == CSV_COLUMNS
    assert table[0] == {
        "source": "data/pages/000_ebc39ac141ca286d.txt", "raw": "AME - Arbetsmarknadsenheten", "role": "owner",
        "canonical": org_iri("kommun-0665/arbetsmarknadsenheten"), "label": "Arbetsmarknadsenheten, Vaggeryds kommun",
        "method": "municipal-unit-email-domain", "confidence": "0.70",
    }
    roles = [row["role"] for row in table if row["source"].endswith("002_2b3fa1d7a6e76dce.txt")]
    assert roles == sorted(roles, key=["owner", "co_financier", "partner", "transnational_partner", "mentioned"].index)
    assert "@" not in first.read_text(encoding="utf-8")  # no contact data
    # Given the merged organisations (as a build has them already), the same bytes.
    third = tmp_path / "c.csv"
    assert write_resolution_csv(seed_resolutions, third, merge_organisations(seed_resolutions)) == rows
    assert third.read_bytes() == first.read_bytes()


def test_summary_counts_methods_and_lists_what_to_review(seed_resolutions):
    summary = resolution_summary(seed_resolutions)
    assert summary["mentions"] == 49 and summary["listed"] == 36
    assert summary["organisations"] == 33
    assert summary["by_role"] == {"owner": 5, "co_financier": 14, "partner": 15, "transnational_partner": 2,
                                  "mentioned": 13}
    assert list(summary["by_method"])[:2] == ["text-mention", "agency-office"]
    assert summary["by_method"]["agency-office"] == {"count": 12, "share": round(12 / 49, 4)}
    assert summary["review"] == [
        {"mention": "Fenix Kunskapscentrum", "count": 1, "method": "name-key", "confidence": 0.5},
        {"mention": "Ingeus/Work directions", "count": 1, "method": "transnational-name", "confidence": 0.4},
        {"mention": "Obbietivo Formazione", "count": 1, "method": "transnational-name", "confidence": 0.4},
        {"mention": "Tillväxt och kommunikation", "count": 1, "method": "name-key", "confidence": 0.5},
    ]
    assert summary["resolved_share"] == round(32 / 36, 4)
    lines = summary_lines(summary)
    assert lines[0] == "resolve: 49 mentions -> 33 organisations; 89% of listed mentions resolved above confidence 0.5"
    assert lines[1].startswith("  methods: text-mention 27%, agency-office 24%, municipal-unit-email-domain 16%")
    assert lines[2].startswith('  to review: "Fenix Kunskapscentrum" x1 (name-key)')


def test_empty_input():
    assert merge_organisations([]) == {}
    summary = resolution_summary([])
    assert (summary["mentions"], summary["resolved_share"], summary["review"]) == (0, 1.0, [])
    assert summary_lines(summary) == [
        "resolve: 0 mentions -> 0 organisations; 100% of listed mentions resolved above confidence 0.5"]


def test_resolver_is_pure_and_pickles_for_worker_processes(resolver):
    record = seed_record("002")
    before = record.to_dict()
    first = resolver.resolve(record)
    assert record.to_dict() == before
    clone = pickle.loads(pickle.dumps(resolver))
    assert clone.resolve(record) == first == resolver.resolve(seed_record("002"))


def test_base_is_used_for_every_iri():
    base = "http://example.org/kg/"
    resolution = Resolver(Reference.load(), base=base).resolve(seed_record("000"))
    assert resolution.project.startswith(base)
    assert all(m.canonical.startswith(base + "org/") for m in resolution.mentions)
    assert all(o.iri.startswith(base) and (o.parent is None or o.parent.startswith(base))
               for o in resolution.organisations)
