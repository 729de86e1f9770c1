"""A QueryResult is a sequence of rows: index, iterate, len, columns, records, CSV."""

from __future__ import annotations

import csv
import io

from esfgraph.query import run_query

from .expected import AF_JKPG, FK


def test_a_result_indexes_iterates_and_has_a_length(fixture_store):
    result = run_query("recurring-partnerships", {"min_shared": 3}, store=fixture_store)
    assert len(result) == 1
    first = result[0]
    assert first == (AF_JKPG, "Arbetsförmedlingen Jönköping", FK, "Försäkringskassan", 3,
                     "https://w3id.org/esfgraph/id/project/p1;https://w3id.org/esfgraph/id/project/p2;"
                     "https://w3id.org/esfgraph/id/project/p8", 2008, 2018)
    assert (first.org_b_label, first.shared_projects) == ("Försäkringskassan", 3)
    assert [row.org_a for row in result] == [AF_JKPG]
    assert result[-1] == first and result[0:1] == [first]
    assert list(result) == result.values()


def test_columns_records_and_csv(fixture_store, tmp_path):
    result = run_query("top-co-financiers", store=fixture_store)
    assert result.columns == ["organisation", "label", "org_type", "projects", "esf_grant_sek", "total_budget_sek"]
    assert result.records()[1] == {"organisation": FK, "label": "Försäkringskassan", "org_type": "agency",
                                   "projects": 3, "esf_grant_sek": 11844554, "total_budget_sek": 26436300}
    written = tmp_path / "co-financiers.csv"
    text = result.to_csv(written)
    assert written.read_text(encoding="utf-8") == text
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == result.columns
    assert table[2] == [FK, "Försäkringskassan", "agency", "3", "11844554", "26436300"]
    assert len(table) == len(result) + 1
