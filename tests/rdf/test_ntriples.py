"""The N-Triples spellings the writer builds by hand parse back to exactly the value written."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from esfgraph.rdf.ntriples import iri_text, literal_text, nt_term

HOSTILE = [
    "",
    'quote " backslash \\ both \\" end',
    "new\nline\r\n tab\t nul-free bell\x07 escape\x1b del\x7f",
    "\\u0041 is not an escape here, nor \\n",
    "Åäö – “quotes” 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u2028\u2029 \ufeff \u00a0",
    " .\n<https://e.org/x> <https://e.org/y> \"z\" .",
    "\ud7ff\ue000\U0010ffff",
]
S, P = "<https://e.org/s>", "<https://e.org/p>"


def _parse_both(line: str):
    (quad,) = list(ox.parse(input=line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    ((_s, _p, term),) = list(Graph().parse(data=line, format="nt"))
    return quad.object, term


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_literals_parse_back_unchanged(text):
    oxigraph_term, rdflib_term = _parse_both(f"{S} {P} {literal_text(text)} .\n")
    assert oxigraph_term.value == text and str(rdflib_term) == text
    assert rdflib_term == Literal(text) and nt_term(Literal(text)) == literal_text(text)


# Any text without surrogates (which UTF-8 cannot encode, so no page can hold them).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, language=st.sampled_from([None, "sv", "EN-gb"]))
def test_any_literal_round_trips_through_both_parsers(text, language):
    oxigraph_term, rdflib_term = _parse_both(f"{S} {P} {literal_text(text, language=language)} .\n")
    assert oxigraph_term.value == text and str(rdflib_term) == text
    assert (oxigraph_term.language or None) == (language.lower() if language else None)


@settings(max_examples=200, deadline=None)
@given(tail=_TEXT)
def test_any_iri_round_trips_through_both_parsers(tail):
    iri = "https://e.org/" + tail
    line = f"{S} {P} {iri_text(iri)} .\n"
    (quad,) = list(ox.parse(input=line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True))
    ((_s, _p, term),) = list(Graph().parse(data=line, format="nt"))
    assert quad.object.value == iri and str(term) == iri
    assert iri_text(iri) == nt_term(URIRef(iri))


def test_typed_literals_match_rdflib_spelling():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for lexical, datatype in (("3", "integer"), ("0.95", "decimal"), ("2008-05-01", "date"), ("x", "string")):
        assert literal_text(lexical, xsd + datatype) == nt_term(Literal(lexical, datatype=URIRef(xsd + datatype)))
    assert literal_text("x", xsd + "string") == '"x"'
    assert literal_text("Hej", language="SV") == '"Hej"@sv'
