"""The query library: every query is documented, declares its parameters, and answers
its question on the fixture graph with exactly the rows worked out by hand."""

from __future__ import annotations

import pytest

from esfgraph.sparql import bind_parameters, check_parameter_scopes, query_form
from esfgraph.query import list_queries, resolve_params, run_query

from .expected import CASES, LIVE_PAIRS

LIBRARY = list_queries()
NAMES = [q.name for q in LIBRARY]

#: Research questions issue 5 asks for, by the query that answers each.
ASKED_FOR = [
    "recurring-partnerships", "organisation-projects", "projects-in-municipality",
    "funding-by-region-period", "agency-offices", "top-co-financiers",
    "transnational-partners-by-country", "projects-per-year", "owners-by-org-type",
    "multi-municipality-projects", "bridging-organisations",
    "quality-projects-without-partners", "quality-low-confidence-mentions",
]


def test_the_library_answers_every_question_asked():
    assert len(LIBRARY) >= 12
    assert set(ASKED_FOR) <= set(NAMES)


@pytest.mark.parametrize("info", LIBRARY, ids=NAMES)
def test_every_query_is_documented(info):
    assert info.question.endswith("?") or "?" in info.question, info.question
    assert len(info.columns) >= 2
    assert info.example.count("|") == len(info.columns) - 1, "one example value per column"
    assert query_form(info.text) == "SELECT"
    check_parameter_scopes(info.bindable, [p.name for p in info.params])
    for param in info.params:
        assert param.description, f"{info.name}: describe parameter {param.name}"
        assert param.name not in info.columns


@pytest.mark.parametrize("info", LIBRARY, ids=NAMES)
def test_every_query_gives_its_documented_columns(info, fixture_store):
    params = {p.name: "kommun-0665" for p in info.params if p.required}
    result = run_query(info, params, store=fixture_store)
    assert result.columns == list(info.columns)
    assert result.rows, f"{info.name} should have rows on the fixture graph"


@pytest.mark.parametrize("info", LIBRARY, ids=NAMES)
def test_every_query_binds_for_remote_endpoints(info):
    params = {p.name: "kommun-0665" for p in info.params if p.required}
    bound = bind_parameters(info.bindable, resolve_params(info, params))
    for param in info.params:
        if param.required or param.default is not None:
            # Only the projected name survives, as `(TERM AS ?name)` or the name a
            # GROUP BY / subquery binds; never a free variable in a pattern.
            assert f"AS ?{param.name})" in bound


def test_every_query_is_covered_by_expected_rows():
    assert {name for name, _, _ in CASES} == set(NAMES)


@pytest.mark.parametrize("name, params, expected", CASES,
                         ids=[f"{n}-{'-'.join(map(str, p.values())) or 'defaults'}" for n, p, _ in CASES])
def test_query_returns_the_expected_rows(name, params, expected, fixture_store):
    assert run_query(name, params, store=fixture_store).values() == expected


def test_live_partnerships_agree_with_the_stored_analysis(fixture_store):
    live = run_query("recurring-partnerships-live", store=fixture_store)
    stored = run_query("recurring-partnerships", store=fixture_store)
    assert [row[:-1] for row in live.rows] == stored.rows  # the live query adds the evidence column
    assert live.values() == LIVE_PAIRS


def test_store_folder_and_open_store_give_the_same_rows(fixture_store, fixture_store_dir):
    assert (run_query("projects-per-year", store=fixture_store_dir).rows
            == run_query("projects-per-year", store=fixture_store).rows)


@pytest.mark.parametrize("info", LIBRARY, ids=NAMES)
def test_the_text_writes_each_parameter_default_in_values_blocks(info):
    """Issue 13: a query pasted into another engine runs with the defaults esfgraph uses."""
    import re

    import pyoxigraph as ox

    empty = ox.Store()
    for param in info.params:
        written = re.findall(r"VALUES \?%s \{ ([^}]*) \}" % param.name, info.text)
        assert written, f"{info.name}: no VALUES block for ?{param.name}"
        for value in written:
            if param.default is None:
                assert value.strip() == "UNDEF", (info.name, param.name)
                continue
            term = next(iter(empty.query(f"SELECT ?v WHERE {{ VALUES ?v {{ {value} }} }}")))[0]
            assert term == param.to_term(param.default), (info.name, param.name, value)
    for param in info.params:  # esfgraph takes the blocks out and binds the values itself
        assert f"VALUES ?{param.name} " not in info.bindable
        assert len(info.bindable.splitlines()) == len(info.text.splitlines())
