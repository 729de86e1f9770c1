"""A query is prepared once: tokenized once, then bound by replacing whole tokens
(issue 15: it was tokenized four or more times, hidden by an lru_cache)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import esfgraph.sparql.binding as binding_module
import esfgraph.sparql.tokens as tokens_module
from esfgraph.sparql import BindingError, PreparedQuery, find_query, parse_query_text, run_query


@pytest.fixture()
def tokenized(monkeypatch):
    """The texts the tokenizer is given, in order."""
    seen: list[str] = []
    real = tokens_module.tokenize

    def counting(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(tokens_module, "tokenize", counting)
    monkeypatch.setattr(binding_module, "tokenize", counting)
    return seen


def test_running_a_library_query_tokenizes_its_text_once(fixture_store, tokenized):
    library = find_query("organisation-projects")
    info = parse_query_text(library.text, name=library.name)  # a fresh one, not prepared yet
    result = run_query(info, {"org": "kommun-0665"}, store=fixture_store)
    assert len(result) > 0
    # The query's text once; the rest are the parameter values' own short texts.
    assert [text for text in tokenized if len(text) > 200] == [info.text]
    assert all(text.startswith(("<", '"')) for text in tokenized if text != info.text)
    run_query(info, {"org": "kommun-0665"}, store=fixture_store)  # the same QueryInfo: prepared already
    assert [text for text in tokenized if len(text) > 200] == [info.text]


def test_a_prepared_query_binds_many_times_the_same_way():
    query = PreparedQuery("SELECT ?s ?n WHERE { VALUES ?n { 1 } ?s ?p ?n } ORDER BY ?s", ["n"])
    first = query.bind({"n": ox.Literal("a")})
    assert query.bind({"n": ox.Literal("b")}) == first.replace('"a"', '"b"')
    assert query.bind({"n": ox.Literal("a")}, ordered=True).rstrip().endswith('?s ?p "a" }')
    assert query.bind({}) == query.bindable  # an optional parameter left out stays a variable
    assert query.form == "SELECT" and query.order.keys == (("s", False),)


def test_a_value_never_runs_on_into_the_next_token():
    # `?n-1` is ?n minus 1: a language tag written there would swallow "-1".
    query = PreparedQuery("SELECT ?s ?n WHERE { ?s ?p ?o FILTER(?o = ?n-1) }", ["n"])
    bound = query.bind({"n": ox.Literal("x", language="en")})
    assert '"x"@en -1' in bound


def test_a_blank_node_is_no_parameter_value():
    with pytest.raises(BindingError, match="only IRIs and literals"):
        PreparedQuery("SELECT ?n WHERE { ?s ?p ?n }", ["n"]).bind({"n": ox.BlankNode("b")})


def test_a_library_query_is_read_and_prepared_once_per_process(fixture_store, tokenized):
    run_query("organisation-projects", {"org": "kommun-0665"}, store=fixture_store)
    tokenized.clear()
    run_query("organisation-projects", {"org": "kommun-0665"}, store=fixture_store)
    assert find_query("organisation-projects") is find_query("organisation-projects")
    assert all(len(text) < 200 for text in tokenized)  # only the values' own texts


def test_an_edited_query_file_is_read_again(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# Question: one?\nSELECT ?s { ?s ?p ?o }\n", encoding="utf-8")
    assert find_query(path).question == "one?"
    path.write_text("# Question: two, longer?\nSELECT ?s { ?s ?p ?o }\n", encoding="utf-8")
    assert find_query(path).question == "two, longer?"
