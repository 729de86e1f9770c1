"""ORDER BY done in Python: which clauses qualify, SPARQL's order of terms, ties broken
by the whole row, and the same sequence as the engine's own ORDER BY for every library
query (on the fixture graph and on a generated one)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from benchmarks.bench_query import REQUIRED, Synthesiser
from esfgraph.sparql import bind_parameters
from esfgraph.query import list_queries, order_keys, resolve_params, run_query
from esfgraph.store import load_store, open_store

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("query, keys", [
    ("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY DESC(?n) ?a", (("n", True), ("a", False))),
    ("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY asc(?n)", (("n", False),)),
    ("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a ORDER BY DESC(?n)", (("n", True),)),
    # an ORDER BY inside a subquery is not the final one
    ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?o } } ORDER BY ?a", (("a", False),)),
])
def test_simple_final_order_by_is_taken(query, keys):
    found = order_keys(query)
    assert found.keys == keys
    assert "ORDER BY" not in found.text.split("}")[-1]
    assert found.text.strip().endswith("}") or "GROUP BY" in found.text


@pytest.mark.parametrize("query", [
    "SELECT ?a WHERE { ?a ?p ?n } ORDER BY ?n",                 # not selected
    "SELECT * WHERE { ?a ?p ?n } ORDER BY ?n",                  # SELECT *
    "SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY STR(?a)",         # an expression
    "SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY ?n LIMIT 5",      # LIMIT after it
    "SELECT ?a ?n WHERE { ?a ?p ?n }",                          # none
    "ASK { ?a ?p ?n }",
])
def test_other_order_by_is_left_to_the_engine(query):
    assert order_keys(query) is None


def test_an_ordered_parameter_is_left_to_the_engine():
    assert order_keys("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY ?n ?a", {"n": 1}) is None


def test_sparql_order_of_terms_and_ties_by_the_whole_row(tmp_path):
    store = ox.Store()
    rows = [("b", '"10"^^<%sinteger>' % XSD), ("a", '"9"^^<%sinteger>' % XSD), ("c", '"9.5"^^<%sdecimal>' % XSD),
            ("d", '"Zebra"'), ("e", '"apple"'), ("f", "<http://example.org/x>"), ("g", '"9"^^<%sinteger>' % XSD)]
    data = "".join(f"<http://example.org/{s}> <http://example.org/v> {o} .\n" for s, o in rows)
    data += "<http://example.org/h> <http://example.org/w> \"1\" .\n"  # no value: unbound sorts first
    store.load(input=data.encode(), format=ox.RdfFormat.N_TRIPLES)
    query = ("SELECT ?s ?v WHERE { ?s ?any ?o OPTIONAL { ?s <http://example.org/v> ?v } } ORDER BY ?v")
    text = "\n".join(["# Question: In what order?", "# Columns: s, v", "# Example: a | 1", query])
    path = tmp_path / "order.rq"
    path.write_text(text, encoding="utf-8")
    ordered = [s.rsplit("/", 1)[-1] for s, _ in run_query(str(path), store=store).values()]
    # unbound, IRIs, then literals: numbers by value (9 = 9 tie broken by the row), then strings
    assert ordered == ["h", "f", "a", "g", "c", "b", "d", "e"]


def _engine_order(store, info, bindings):
    """The rows as the engine orders them (the query as written, ORDER BY included)."""
    answer = store.query(bind_parameters(info.bindable, bindings))
    columns = [v.value for v in answer.variables]
    return [tuple(s[c] for c in columns) for s in answer], columns


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("order")
    files, _ = Synthesiser(200, seed=3).write(folder)
    load_store(folder / "store", files)
    return open_store(folder / "store")


@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_python_order_is_the_engine_order(info, fixture_store, generated_store):
    for store in (fixture_store, generated_store):
        params = {p.name: REQUIRED.get(p.name, "kommun-0665") for p in info.params if p.required}
        bindings = resolve_params(info, params)
        engine, columns = _engine_order(store, info, bindings)
        ours = run_query(info, params, store=store)
        keep = [columns.index(c) for c in ours.columns]
        assert [row for row in ours.rows] == [tuple(_sorted_list_free(r, keep, info, columns)) for r in engine]


def _sorted_list_free(row, keep, info, columns):
    """The engine's row with @list cells sorted (as run_query does) and parameter columns dropped."""
    from esfgraph.sparql.ordering import sorted_list as _sorted_list  # noqa: PLC0415

    return [_sorted_list(row[i]) if columns[i] in info.lists else row[i] for i in keep]
