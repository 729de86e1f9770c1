"""How run_query turns solutions into rows: values by position (None where unbound),
parameter columns dropped (one or several kept), and the garbage collector left as it was."""

from __future__ import annotations

import gc

import pyoxigraph as ox
import pytest

from esfgraph.query import QueryError, parse_query_text, run_query

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def store():
    graph = ox.Store()
    ex = "http://example.org/"
    for name, value in (("a", 1), ("b", 2)):
        graph.add(ox.Quad(ox.NamedNode(ex + name), ox.NamedNode(ex + "n"),
                          ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))))
    return graph


def test_rows_by_position_with_unbound_values(store):
    info = parse_query_text("SELECT ?s ?n ?none WHERE { ?s <http://example.org/n> ?n } ORDER BY ?s")
    result = run_query(info, store=store)
    assert result.columns == ["s", "n", "none"]
    assert [(row[0].value, row[1].value, row[2]) for row in result.rows] == [
        ("http://example.org/a", "1", None), ("http://example.org/b", "2", None)]


@pytest.mark.parametrize("select, columns, first", [
    ("?n ?min", ["n"], ("1",)),                     # one column kept
    ("?s ?min ?n", ["s", "n"], ("http://example.org/a", "1")),  # several, the parameter between them
])
def test_parameter_columns_are_dropped(store, select, columns, first):
    info = parse_query_text(
        "# @param min integer default 1\n"
        f"SELECT {select} WHERE {{ ?s <http://example.org/n> ?n FILTER (?n >= ?min) }} ORDER BY ?n")
    result = run_query(info, store=store)
    assert result.columns == columns
    assert all(isinstance(row, tuple) and len(row) == len(columns) for row in result.rows)
    assert tuple(term.value for term in result.rows[0]) == first
    assert len(result.rows) == 2


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collector_is_left_as_it_was(store, enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        run_query(parse_query_text("SELECT ?s WHERE { ?s ?p ?o }"), store=store)
        assert gc.isenabled() is enabled
        with pytest.raises(QueryError):
            run_query(parse_query_text("SELECT ?s WHERE { ?s ?p "), store=store)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
