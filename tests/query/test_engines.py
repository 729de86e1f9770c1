"""Every library query, as printed in queries/*.rq, gives the same rows on Oxigraph and on
rdflib, and the same rows as ``esfgraph query`` with its defaults (issue 13, item 6).

The texts run unchanged: their parameters' defaults are written in VALUES blocks. The
graph is the sample corpus's build (data/pages through the real pipeline), with its named
graph of analysis results, dumped from the store as N-Quads and parsed by rdflib into a
Dataset, so both engines read the very same quads."""

from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox
import pytest
import rdflib

from esfgraph.build import BuildOptions, build
from esfgraph.sparql import term_text
from esfgraph.query import find_query, list_queries, run_query, term_value
from esfgraph.store import open_store

# rdflib 7 warns about its own use of Dataset.default_context while parsing N-Quads.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

LIBRARY = list_queries()


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory, sample_pages):
    out = tmp_path_factory.mktemp("engines") / "build"
    build([sample_pages], out, BuildOptions(workers=1, progress=False, cache=False))
    return out


@pytest.fixture(scope="module")
def oxigraph_store(sample_build):
    return open_store(sample_build / "store")


@pytest.fixture(scope="module")
def rdflib_dataset(oxigraph_store):
    dataset = rdflib.Dataset()
    dataset.parse(data=oxigraph_store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return dataset


def _from_rdflib(term):
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def _comparable(value):
    """Numbers compare by value (SUM gives xsd:integer on one engine, xsd:decimal on another)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return ("number", Decimal(str(value)))
    return ("value", value)


def _normalised(info, columns, rows):
    """Rows as sorted tuples of comparable values, parameter columns left out and the
    ``@list`` columns' items sorted (GROUP_CONCAT's order is not defined)."""
    keep = [i for i, c in enumerate(columns) if info.param(c) is None or c in info.columns]
    lists = {i for i, c in enumerate(columns) if c in info.lists}
    out = []
    for row in rows:
        values = []
        for i in keep:
            value = term_value(row[i])
            if i in lists and isinstance(value, str):
                value = ";".join(sorted(value.split(";")))
            values.append(_comparable(value))
        out.append(tuple(values))
    return sorted(out, key=repr)


@pytest.mark.parametrize("info", LIBRARY, ids=[q.name for q in LIBRARY])
def test_the_printed_query_gives_the_same_rows_on_oxigraph_rdflib_and_esfgraph(info, oxigraph_store, rdflib_dataset):
    answer = oxigraph_store.query(info.text)
    columns = [v.value for v in answer.variables]
    on_oxigraph = _normalised(info, columns, [tuple(solution) for solution in answer])
    result = rdflib_dataset.query(info.text)
    assert [str(v) for v in result.vars] == columns
    on_rdflib = _normalised(info, columns, [tuple(_from_rdflib(t) for t in row) for row in result])
    through_esfgraph = run_query(info, store=oxigraph_store)
    expected = _normalised(info, through_esfgraph.columns, through_esfgraph.rows)
    assert on_oxigraph == expected
    assert on_rdflib == expected


def with_values(info, params: dict) -> str:
    """The query text with its VALUES lines edited, as a user of another engine would."""
    text = info.text
    for name, value in params.items():
        written = term_text(info.param(name).to_term(value))
        text, count = re.subn(r"VALUES \?%s \{ [^}]* \}" % name, lambda _: f"VALUES ?{name} {{ {written} }}", text)
        assert count, (info.name, name)
    return text


#: Other values than the defaults, several of them giving no rows at all (where rdflib 7
#: would give one empty row for a GROUP BY that matches nothing, RDFLib/rdflib#3382).
OTHER_VALUES = [
    ("recurring-partnerships-live", {"min_shared": 99}),
    ("recurring-partnerships-live", {"min_shared": 1}),
    ("recurring-partnerships", {"min_shared": 1}),
    ("bridging-organisations", {"min_regions": 1}),
    ("multi-municipality-projects", {"min_municipalities": 99}),
    ("multi-municipality-projects", {"min_municipalities": 3}),
    ("agency-offices", {"agency": "forsakringskassan"}),
    ("agency-offices", {"agency": "samhall"}),
    ("organisation-projects", {"org": "forsakringskassan", "include_units": "false"}),
    ("organisation-projects", {"org": "kommun-0665"}),
    ("organisation-projects", {"org": "forsakringskassan"}),
    ("projects-in-municipality", {"municipality_code": "0680"}),
    ("funding-by-region-period", {"period": "2007-2013", "lang": "en"}),
    ("funding-by-region-period", {"region": "smaland-och-oarna"}),
    ("funding-by-region-period", {"period": "1999-2000"}),
    ("owners-by-org-type", {"lang": "en"}),
    ("transnational-partners-by-country", {"lang": "en"}),
    ("quality-low-confidence-mentions", {"max_confidence": "0.9"}),
    ("quality-low-confidence-mentions", {"max_confidence": "0"}),
    ("top-co-financiers", {"by_parent": "true"}),
    ("projects-per-year", {"region": "smaland-och-oarna"}),
    ("projects-per-year", {"region": "no-such-region"}),
]


@pytest.mark.parametrize("name, params", OTHER_VALUES,
                         ids=[f"{n}-{'-'.join(map(str, p.values()))}" for n, p in OTHER_VALUES])
def test_edited_values_give_the_same_rows_on_both_engines_as_esfgraph_params(name, params, oxigraph_store,
                                                                             rdflib_dataset):
    info = find_query(name)
    text = with_values(info, params)
    answer = oxigraph_store.query(text)
    columns = [v.value for v in answer.variables]
    on_oxigraph = _normalised(info, columns, [tuple(solution) for solution in answer])
    on_rdflib = _normalised(info, columns, [tuple(_from_rdflib(t) for t in row) for row in rdflib_dataset.query(text)])
    result = run_query(name, params, store=oxigraph_store)
    assert on_oxigraph == on_rdflib == _normalised(info, result.columns, result.rows)


def test_some_edited_values_give_rows_and_some_none(oxigraph_store):
    """The cases above are not all empty: the comparison means something."""
    sizes = {(n, tuple(p.items())): len(run_query(n, p, store=oxigraph_store)) for n, p in OTHER_VALUES}
    assert sizes[("recurring-partnerships-live", (("min_shared", 99),))] == 0
    assert sizes[("recurring-partnerships-live", (("min_shared", 1),))] > 10
    assert sizes[("projects-per-year", (("region", "smaland-och-oarna"),))] == 2  # Trappsteget, SMÖT
    assert sizes[("organisation-projects", (("org", "kommun-0665"),))] == 6  # five listed in Trappsteget, and Vaggeryd named in its text
    assert sizes[("organisation-projects", (("org", "forsakringskassan"),))] > sizes[
        ("organisation-projects", (("org", "forsakringskassan"), ("include_units", "false")))] > 0
