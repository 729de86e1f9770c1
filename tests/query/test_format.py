"""Formatting results as a table, CSV and SPARQL JSON."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from esfgraph.query import QueryError, QueryResult, format_result, run_query

XSD = "http://www.w3.org/2001/XMLSchema#"
RESULT = QueryResult(
    ["org", "label", "n"],
    [
        (ox.NamedNode("https://w3id.org/esfgraph/id/org/kommun-0665"), ox.Literal("Vaggeryds kommun"),
         ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))),
        (ox.NamedNode("http://example.org/x y"[:20]), ox.Literal("Italien", language="sv"), None),
        (ox.NamedNode("https://w3id.org/esfgraph/vocab/region/stockholm"), ox.Literal('a "quoted",\nvalue'),
         ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))),
    ],
)


def test_table():
    assert format_result(RESULT, "table") == (
        "org                                             label               n\n"
        "----------------------------------------------  -----------------  --\n"
        "<https://w3id.org/esfgraph/id/org/kommun-0665>  Vaggeryds kommun   12\n"
        "<http://example.org/x>                          Italien\n"
        "region:stockholm                                a \"quoted\", value   3\n"
        "(3 rows)\n"
    )


def test_every_iri_in_a_table_pastes_into_a_sparql_query(fixture_store):
    """Issue 13: tables printed id:org/x, which is not SPARQL (a '/' in a local name)."""
    import re

    import pyoxigraph as ox

    from esfgraph.vocab import PREFIXES

    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    for name, params in [("top-co-financiers", {}), ("organisation-projects", {"org": "kommun-0665"}),
                         ("transnational-partners-by-country", {})]:
        table = format_result(run_query(name, params, store=fixture_store), "table")
        printed = set(re.findall(r"<[^>\s]+>|\b[a-z]+:[^\s]+", table))
        assert printed, name
        for iri in printed:  # each one, pasted as the object of a pattern, parses and matches
            query = f"{prologue}ASK {{ ?s ?p {iri} }}"
            assert bool(fixture_store.query(query)), (name, iri)
    assert "id:org/" not in format_result(run_query("top-co-financiers", store=fixture_store), "table")


def test_csv_keeps_full_iris_and_plain_values():
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows == [
        ["org", "label", "n"],
        ["https://w3id.org/esfgraph/id/org/kommun-0665", "Vaggeryds kommun", "12"],
        ["http://example.org/x", "Italien", ""],
        ["https://w3id.org/esfgraph/vocab/region/stockholm", 'a "quoted",\nvalue', "3"],
    ]


def test_json_is_sparql_results_json():
    document = json.loads(format_result(RESULT, "json"))
    assert document["head"] == {"vars": ["org", "label", "n"]}
    first, second, _ = document["results"]["bindings"]
    assert first == {
        "org": {"type": "uri", "value": "https://w3id.org/esfgraph/id/org/kommun-0665"},
        "label": {"type": "literal", "value": "Vaggeryds kommun"},
        "n": {"type": "literal", "value": "12", "datatype": XSD + "integer"},
    }
    assert second["label"] == {"type": "literal", "value": "Italien", "xml:lang": "sv"}
    assert "n" not in second  # unbound


def test_json_round_trips_through_pyoxigraph(fixture_store):
    result = run_query("top-co-financiers", store=fixture_store)
    text = format_result(result, "json")
    parsed = ox.parse_query_results(text, ox.QueryResultsFormat.JSON)
    assert [[s[v] for v in result.columns] for s in parsed] == [list(r) for r in result.rows]


def test_same_input_same_bytes(fixture_store):
    outputs = {format_result(run_query("recurring-partnerships-live", store=fixture_store), "csv")
               for _ in range(3)}
    assert len(outputs) == 1


def test_empty_result_and_unknown_format():
    empty = QueryResult(["a"], [])
    assert format_result(empty, "table") == "a\n-\n(0 rows)\n"
    assert format_result(empty, "csv") == "a\n"
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(empty, "xml")


def test_records_give_python_values(fixture_store):
    record = run_query("top-co-financiers", store=fixture_store).records()[0]
    assert record == {"organisation": "https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping",
                      "label": "Arbetsförmedlingen Jönköping", "org_type": "agency-office",
                      "projects": 4, "esf_grant_sek": 8074500, "total_budget_sek": 19436300}


def test_a_result_without_columns():
    """``SELECT * WHERE { }``: one solution binding nothing."""
    empty = QueryResult([], [()])
    assert format_result(empty, "table") == "\n\n\n(1 row)\n"
    assert format_result(empty, "csv") == "\n\n"
    assert json.loads(format_result(empty, "json")) == {"head": {"vars": []}, "results": {"bindings": [{}]}}
