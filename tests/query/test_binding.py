"""Binding parameters into query text for remote endpoints: the tokenizer, the rewrite
rules, the scoping rules, and proof that no value can change the query."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfgraph.sparql import BindingError, bind_parameters, check_parameter_scopes, query_form, tokenize

XSD = "http://www.w3.org/2001/XMLSchema#"
TWO = ox.Literal("2", datatype=ox.NamedNode(XSD + "integer"))


def kinds(text):
    return [(t.kind, t.text) for t in tokenize(text) if t.kind not in ("ws", "comment")]


def test_tokens_round_trip_and_know_strings_iris_and_comments():
    text = 'SELECT ?x # ?x in a comment\nWHERE { ?x <http://e.org/?x> "?x" , \'?x\' , """a\n"?x""" . }'
    assert "".join(t.text for t in tokenize(text)) == text
    variables = [t.text for t in tokenize(text) if t.kind == "var"]
    assert variables == ["?x", "?x"]


def test_tokens_are_cached_but_each_caller_gets_its_own_list():
    text = 'SELECT ?x WHERE { ?x ?p """multi\nline""" . }  # end'
    first = tokenize(text)
    first.clear()
    again = tokenize(text)
    assert "".join(t.text for t in again) == text
    assert [t.line for t in again if t.kind == "comment"] == [2]  # the line count runs across the string


def test_an_unterminated_string_is_refused_every_time_not_cached():
    for _ in range(2):
        with pytest.raises(BindingError, match="unterminated string on line 1"):
            tokenize("SELECT ?x { ?x ?p 'open }")


def test_less_than_is_not_an_iri():
    assert [k for k, _ in kinds("FILTER (?a < ?b && ?c > 2)")] == [
        "word", "punct", "var", "punct", "var", "punct", "var", "punct", "word", "punct"]


def test_trailing_dot_ends_a_triple():
    assert kinds("?s esf:p esf:o.")[-2:] == [("word", "esf:o"), ("punct", ".")]


def test_unterminated_string():
    with pytest.raises(BindingError, match="unterminated string on line 2"):
        tokenize('SELECT ?x\nWHERE { ?x ?p "open }')


def test_query_form():
    assert query_form("PREFIX a: <http://a/>\n# SELECT in a comment\nCONSTRUCT { } WHERE { }") == "CONSTRUCT"
    with pytest.raises(BindingError, match="SPARQL update \\(INSERT\\)"):
        query_form("INSERT DATA { <http://a> <http://b> <http://c> }")


@pytest.mark.parametrize("query, expected", [
    # selected: keeps its column name
    ("SELECT ?s ?n WHERE { ?s ?p ?n }", 'SELECT ?s ("2"^^<http://www.w3.org/2001/XMLSchema#integer> AS ?n) WHERE { ?s ?p "2"^^<http://www.w3.org/2001/XMLSchema#integer> }'),
    # grouped: GROUP BY binds it, the projection keeps the bare name
    ("SELECT ?s ?n WHERE { ?s ?p ?o FILTER(?o > ?n) } GROUP BY ?s ?n",
     'SELECT ?s ?n WHERE { ?s ?p ?o FILTER(?o > "2"^^<http://www.w3.org/2001/XMLSchema#integer>) } '
     'GROUP BY ?s ("2"^^<http://www.w3.org/2001/XMLSchema#integer> AS ?n)'),
    # a subquery selects it: the outer query gets it from there
    ("SELECT ?s ?n WHERE { { SELECT ?s ?n WHERE { ?s ?p ?n } } }",
     'SELECT ?s ?n WHERE { { SELECT ?s ("2"^^<http://www.w3.org/2001/XMLSchema#integer> AS ?n) WHERE '
     '{ ?s ?p "2"^^<http://www.w3.org/2001/XMLSchema#integer> } } }'),
    # ORDER BY a constant stays valid syntax
    ("SELECT ?s ?n WHERE { ?s ?p ?o } ORDER BY ?n DESC(?n)",
     'SELECT ?s ("2"^^<http://www.w3.org/2001/XMLSchema#integer> AS ?n) WHERE { ?s ?p ?o } '
     'ORDER BY ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) DESC("2"^^<http://www.w3.org/2001/XMLSchema#integer>)'),
])
def test_rewrite_rules(query, expected):
    assert bind_parameters(query, {"n": TWO}) == expected


def test_comments_strings_and_other_variables_are_untouched():
    query = 'SELECT ?n ?nn WHERE { ?s ?p ?nn . ?s ?q "?n" } # ?n\n'
    assert bind_parameters(query, {"n": ox.Literal("x")}) == (
        'SELECT ("x" AS ?n) ?nn WHERE { ?s ?p ?nn . ?s ?q "?n" } # ?n\n')


def test_unbound_optional_parameters_stay_variables():
    assert bind_parameters("SELECT ?n WHERE { }", {}) == "SELECT ?n WHERE { }"


@pytest.mark.parametrize("query, message", [
    ("SELECT ?s WHERE { ?s ?p ?n }", "must be selected by the query"),
    ("SELECT ?s ?n WHERE { { SELECT ?s WHERE { ?s ?p ?n } } }", "used inside a subquery that does not select it"),
    ("SELECT ?s ?n WHERE { ?s ?p ?o BIND(?o AS ?n) }", "cannot be assigned with AS"),
    ("SELECT ?s ?n WHERE { VALUES ?n { 1 } ?s ?p ?n }", "cannot be listed in VALUES"),
    ("SELECT ?s ?n WHERE { ?s ?p ?o FILTER(!BOUND(?n)) }", "cannot be tested with BOUND"),
    ("SELECT ?s ?n ?m WHERE { ?s ?p ?o BIND(?n AS ?m) }", "cannot be the whole value of an AS"),
    ("SELECT ?s ?n ?m WHERE { ?s ?p ?o BIND((?n) AS ?m) }", "cannot be the whole value of an AS"),
    ("SELECT ?s ?n ?m WHERE { ?s ?p ?o BIND(COALESCE(?x, ?n) AS ?m) }", "cannot be the whole value of an AS"),
    ("SELECT ?s ?n (?n AS ?m) WHERE { ?s ?p ?o }", "cannot be the whole value of an AS"),
])
def test_scoping_rules(query, message):
    with pytest.raises(BindingError, match=message):
        check_parameter_scopes(query, ["n"])
    with pytest.raises(BindingError, match=message):
        bind_parameters(query, {"n": TWO})


@pytest.mark.parametrize("query", [
    "SELECT ?s ?n ?m WHERE { ?s ?p ?o BIND(?o + ?n AS ?m) }",
    "SELECT ?s ?n ?m WHERE { ?s ?p ?o BIND(IF(?n > 1, ?o, 0) AS ?m) }",
    "SELECT ?s ?n (STR(?n) AS ?m) WHERE { ?s ?p ?o }",
])
def test_parameters_inside_expressions_agree_both_ways(query):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"), TWO))
    check_parameter_scopes(query, ["n"])
    rows = lambda answer: [[t.value if t is not None else None for t in r] for r in answer]  # noqa: E731
    assert (rows(store.query(query, substitutions={ox.Variable("n"): TWO}))
            == rows(store.query(bind_parameters(query, {"n": TWO}))))


def test_blank_nodes_cannot_be_values():
    with pytest.raises(BindingError, match="only IRIs and literals"):
        bind_parameters("SELECT ?n WHERE { }", {"n": ox.BlankNode("b")})


QUERY = "SELECT ?s ?v WHERE { ?s <http://example.org/p> ?v }"

HOSTILE = [
    '"} ; DROP ALL ; {"', "} ; DROP ALL ; {", '" . ?s ?p ?o . FILTER("', "'", "\\", "\\\\u0022",
    "a\nb\r\nc\t", "#", "?s", "$s", '"""', "'''", "\x00\x7f", "\u2028\u2029", "Jönköping \U0001F600",
    "> <http://evil/>", "\\u0022 } ; DROP ALL ; { \\u0022",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literals_stay_one_term(value):
    bound = bind_parameters(QUERY, {"v": ox.Literal(value)})
    serialised = str(ox.Literal(value))
    assert bound == f"SELECT ?s ({serialised} AS ?v) WHERE {{ ?s <http://example.org/p> {serialised} }}"
    assert [k for k, _ in kinds(bound)] == [
        "word", "var", "punct", "string", "word", "var", "punct", "word", "punct", "var", "iri", "string", "punct"]


def _answers(value: str) -> list:
    """Run the bound query text and the substituted query on a store holding ``value``."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal(value)))
    store.add(ox.Quad(ox.NamedNode("http://example.org/t"), ox.NamedNode("http://example.org/p"), ox.Literal("other")))
    text = [[t.value for t in row] for row in store.query(bind_parameters(QUERY, {"v": ox.Literal(value)}))]
    substituted = [[t.value for t in row] for row in
                   store.query(QUERY, substitutions={ox.Variable("v"): ox.Literal(value)})]
    return [text, substituted]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literals_match_exactly_their_own_value(value):
    text, substituted = _answers(value)
    assert text == substituted == [["http://example.org/s", value]]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_binds_to_exactly_itself(value):
    text, substituted = _answers(value)
    assert text == substituted == [["http://example.org/s", value]]


@pytest.mark.parametrize("iri", ["http://example.org/a>b", "http://example.org/a b", "http://example.org/{x}",
                                 'http://example.org/"', "http://example.org/a\\b"])
def test_iris_are_validated_before_binding(iri):
    with pytest.raises(ValueError):
        ox.NamedNode(iri)
