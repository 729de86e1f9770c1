"""Query headers and parameters: declarations, typed values, defaults, and errors."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from esfgraph.lookup import normalise_name
from esfgraph.query import (
    Parameter,
    ParameterValueError,
    QueryError,
    find_query,
    parse_query_text,
    resolve_params,
    run_query,
)
from tests.fixtures.graph import FIXTURE_QUADS, org

XSD = "http://www.w3.org/2001/XMLSchema#"

HEADER = """# Question: How many things
#   are there?
#
# A description line.
#
# @param n integer default 2 -- at least this many
# @param who org required -- an organisation
# @param label string optional
# @param code string default "0 665" -- quoted default with a space
#
# Columns: a, b,
#   c
# Example: 1 | 2 |
#   3
SELECT ?a ?b ?c ?n ?who ?label ?code WHERE { }
"""


def test_header_fields():
    info = parse_query_text(HEADER, name="demo")
    assert info.question == "How many things are there?"
    assert info.description == "A description line."
    assert info.columns == ("a", "b", "c")
    assert info.example == "1 | 2 | 3"
    assert [(p.name, p.type, p.required, p.default) for p in info.params] == [
        ("n", "integer", False, "2"), ("who", "org", True, None),
        ("label", "string", False, None), ("code", "string", False, "0 665"),
    ]
    assert info.param("n").description == "at least this many"


@pytest.mark.parametrize("line, message", [
    ("# @param n integer", "bad parameter line"),
    ("# @param n number default 2", "unknown type 'number'"),
    ("# @param n integer default two", "'two' is not a valid integer"),
    ("# @param 2n integer default 2", "bad parameter line"),
])
def test_bad_declarations(line, message):
    with pytest.raises(QueryError, match=message):
        parse_query_text(f"{line}\nSELECT ?n {{ }}", name="bad")


def test_declared_twice():
    with pytest.raises(QueryError, match="declared twice"):
        parse_query_text("# @param n integer default 1\n# @param n integer default 2\nSELECT ?n { }")


@pytest.mark.parametrize("kind, value, expected", [
    ("integer", "007", ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))),
    ("integer", 12, ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))),
    ("decimal", "0.6", ox.Literal("0.6", datatype=ox.NamedNode(XSD + "decimal"))),
    ("decimal", "1", ox.Literal("1.0", datatype=ox.NamedNode(XSD + "decimal"))),
    ("decimal", Decimal("2.50"), ox.Literal("2.50", datatype=ox.NamedNode(XSD + "decimal"))),
    ("boolean", "yes", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
    ("boolean", False, ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))),
    ("date", "2008-05-01", ox.Literal("2008-05-01", datatype=ox.NamedNode(XSD + "date"))),
    ("string", "Jönköping", ox.Literal("Jönköping")),
    ("iri", "https://example.org/x", ox.NamedNode("https://example.org/x")),
    ("iri", "region:stockholm", ox.NamedNode("https://w3id.org/esfgraph/vocab/region/stockholm")),
    ("iri", "<https://example.org/y>", ox.NamedNode("https://example.org/y")),
    ("org", "arbetsformedlingen/Jönköping", ox.NamedNode(org("arbetsformedlingen/jonkoping"))),
    ("org", "id:org/kommun-0665", ox.NamedNode(org("kommun-0665"))),
    ("org", org("kommun-0665"), ox.NamedNode(org("kommun-0665"))),
])
def test_values_become_terms(kind, value, expected):
    assert Parameter("p", kind).to_term(value) == expected


@pytest.mark.parametrize("kind, value", [
    ("integer", "2.5"), ("integer", "1e3"), ("integer", True), ("decimal", "NaN"), ("decimal", "x"),
    ("boolean", "maybe"), ("date", "2008-13-01"),
    ("iri", "not an iri"), ("iri", "https://example.org/a>b"), ("iri", 'https://example.org/"'),
    ("iri", "https://example.org/a b"), ("org", "https://example.org/x> } ; DROP ALL ; {"),
])
def test_invalid_values_are_refused_with_the_parameter_named(kind, value):
    with pytest.raises(QueryError, match=rf"parameter p: .* is not a valid {kind}"):
        Parameter("p", kind).to_term(value)


def test_resolve_params_defaults_required_and_unknown():
    info = parse_query_text(HEADER, name="demo")
    with pytest.raises(QueryError, match="needs --param who=VALUE \\(an organisation\\)"):
        resolve_params(info, {})
    bound = resolve_params(info, {"who": "kommun-0665"})
    assert set(bound) == {"n", "who", "code"}  # label is optional and left unbound
    assert bound["code"] == ox.Literal("0 665")
    with pytest.raises(QueryError, match="has no parameter 'nn' \\(its parameters: code, label, n, who\\)"):
        resolve_params(info, {"nn": "1", "who": "x"})


def test_find_query_by_name_path_and_near_miss(tmp_path):
    assert find_query("projects-per-year").path.name == "projects-per-year.rq"
    with pytest.raises(QueryError, match="did you mean recurring-partnerships"):
        find_query("recurring-partnership")
    with pytest.raises(QueryError, match="query file does not exist"):
        find_query(tmp_path / "missing.rq")
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("# Question: Hur många?\nSELECT * { }".encode("latin-1"))
    with pytest.raises(QueryError, match="not UTF-8"):
        find_query(latin1)


def test_an_ad_hoc_query_file(tmp_path, fixture_store):
    path = tmp_path / "titles.rq"
    path.write_text(
        "# Question: Which project has this title?\n# @param wanted string required -- the title\n"
        "# Columns: project\n"
        "SELECT ?project ?wanted WHERE { ?project <http://purl.org/dc/terms/title> ?wanted }\n",
        encoding="utf-8",
    )
    result = run_query(str(path), {"wanted": "Trappsteget"}, store=fixture_store)
    assert result.columns == ["project"]
    assert result.values() == [("https://w3id.org/esfgraph/id/project/p1",)]


def test_ask_and_construct_queries(tmp_path, fixture_store):
    ask = tmp_path / "ask.rq"
    ask.write_text("# @param code string required -- code\n"
                   "ASK { ?m <https://w3id.org/esfgraph/ontology#municipalityCode> ?code }", encoding="utf-8")
    assert run_query(ask, {"code": "0665"}, store=fixture_store).values() == [(True,)]
    assert run_query(ask, {"code": "9999"}, store=fixture_store).values() == [(False,)]
    construct = tmp_path / "construct.rq"
    construct.write_text("CONSTRUCT { ?m <http://example.org/code> ?c } WHERE "
                         "{ ?m <https://w3id.org/esfgraph/ontology#municipalityCode> ?c }", encoding="utf-8")
    result = run_query(construct, store=fixture_store)
    assert result.columns == ["subject", "predicate", "object"]
    assert sorted(v[2] for v in result.values()) == ["0484", "0665", "0680", "1261", "2480"]


def test_updates_and_syntax_errors_are_refused(tmp_path, fixture_store):
    update = tmp_path / "drop.rq"
    update.write_text("DROP ALL", encoding="utf-8")
    with pytest.raises(QueryError, match="SPARQL update \\(DROP\\); only queries"):
        run_query(update, store=fixture_store)
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    with pytest.raises(QueryError, match="broken.rq"):
        run_query(broken, store=fixture_store)
    assert len(fixture_store) == FIXTURE_QUADS


def test_exactly_one_of_store_and_endpoint(fixture_store):
    with pytest.raises(QueryError, match="exactly one"):
        run_query("projects-per-year")
    with pytest.raises(QueryError, match="exactly one"):
        run_query("projects-per-year", store=fixture_store, endpoint="http://127.0.0.1:1/query")


HOSTILE = [
    '" } ; DROP ALL ; { "',
    "} ; DROP ALL ; {",
    "0665\" . ?project ?p ?o . FILTER(\"",
    "0665'",
    "0665\\",
    "0665\n} DELETE WHERE { ?s ?p ?o }",
    "0665 # comment",
    "?municipality_code",
    "\x00\x01\u2028\U0001F600 Jönköping",
    '"""',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_change_nothing_on_the_store(value, fixture_store):
    result = run_query("funding-by-region-period", {"region": value}, store=fixture_store)
    assert result.rows == []  # no region has that key: the value stayed a value
    assert len(fixture_store) == FIXTURE_QUADS
    # A municipality is looked up first, its name compared without punctuation, control
    # characters or emoji: "0665'" reads as Vaggeryd's code, the last value as Jönköping.
    try:
        found = run_query("projects-in-municipality", {"municipality_code": value}, store=fixture_store)
        assert normalise_name(value) in ("0665", "jonkoping") and len(found) > 0
    except ParameterValueError as error:
        assert "no municipality" in str(error).splitlines()[0]
    assert len(fixture_store) == FIXTURE_QUADS
    # And the query still works with a real value afterwards.
    assert len(run_query("projects-in-municipality", store=fixture_store).rows) == 3


def test_list_columns_are_sorted_after_the_query(fixture_store):
    info = parse_query_text(
        "# @list names\n# Columns: names\n"
        'SELECT ?names WHERE { VALUES ?names { "b;c;a" "z" } }', name="lists")
    assert info.lists == ("names",)
    assert run_query(info, store=fixture_store).values() == [("a;b;c",), ("z",)]
    with pytest.raises(QueryError, match="bad list line"):
        parse_query_text("# @list\nSELECT * { }")
