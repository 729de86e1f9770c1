"""Canonical N-Triples and N-Quads lines, written without rdflib's serialiser.

The graph is written one record at a time and sorted as text, so every triple must have
exactly one spelling: IRIs in angle brackets, literals with the escapes of canonical
N-Triples (RDF 1.1), ``xsd:string`` left implicit. rdflib and Oxigraph both parse the
result; sorting the lines gives a byte-stable file.

:func:`iri_text` and :func:`literal_text` spell terms from plain strings: the per-page
writer (:mod:`esfgraph.rdf.project`) uses them to build lines without creating an rdflib
term per triple, which cost more than everything else it does. :func:`nt_term` spells
rdflib terms the same way (``tests/rdf/test_ntriples.py`` checks both against the parsers).

Examples
--------
>>> from rdflib import Literal, URIRef
>>> nt_term(Literal('Say "hi"\\n'))
'"Say \\\\"hi\\\\"\\\\n"'
>>> nt_line((URIRef("https://e.org/s"), URIRef("https://e.org/p"), Literal(3)))
'<https://e.org/s> <https://e.org/p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["nt_term", "nt_line", "nq_line", "iri_text", "literal_text", "term_value", "Triple"]

#: A triple of rdflib terms.
Triple = tuple

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERAL_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# Characters that may not appear in an IRIREF (plus controls and space), and any other
# white space (U+00A0, U+2028...): valid in an IRIREF, but rdflib's N-Triples parser
# stops at it, so it is written as \uXXXX too.
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\\s]')


def _escape_literal_char(match: re.Match) -> str:
    char = match.group(0)
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def _escape_iri_char(match: re.Match) -> str:
    return f"\\u{ord(match.group(0)):04X}"


def iri_text(iri: str) -> str:
    """Return ``<iri>`` with the characters an IRIREF may not hold written as ``\\uXXXX``.

    Examples
    --------
    >>> iri_text("https://e.org/a b")
    '<https://e.org/a\\\\u0020b>'
    """
    return "<" + _IRI_ESCAPE.sub(_escape_iri_char, iri) + ">"


#: The spelling of IRIs seen often (predicates, classes, concepts), kept.
_iri_term = lru_cache(maxsize=1 << 14)(iri_text)


def literal_text(lexical: str, datatype: str | None = None, language: str | None = None) -> str:
    """Return a literal in canonical N-Triples.

    Parameters
    ----------
    lexical : str
        The lexical form, any text.
    datatype : str, optional
        The datatype IRI; ``xsd:string`` (or none) is left implicit.
    language : str, optional
        A language tag (lower-cased); takes precedence over ``datatype``.

    Examples
    --------
    >>> literal_text('Say "hi"\\n')
    '"Say \\\\"hi\\\\"\\\\n"'
    >>> literal_text("3", "http://www.w3.org/2001/XMLSchema#integer")
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    text = '"' + _LITERAL_ESCAPE.sub(_escape_literal_char, lexical) + '"'
    if language:
        return f"{text}@{language.lower()}"
    if datatype and datatype != _XSD_STRING:
        return f"{text}^^{iri_text(datatype)}"
    return text


_XSD_STRING = str(XSD.string)


def nt_term(term) -> str:
    """Return the canonical N-Triples spelling of one rdflib term.

    Parameters
    ----------
    term : rdflib.URIRef, rdflib.Literal or rdflib.BNode

    Returns
    -------
    str
        ``<iri>``, ``"lexical"``, ``"lexical"@lang``, ``"lexical"^^<datatype>`` or ``_:id``.

    Raises
    ------
    TypeError
        For anything that is not an RDF term.
    """
    if isinstance(term, URIRef):
        return _iri_term(str(term))
    if isinstance(term, Literal):
        return literal_text(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nt_line(triple: Iterable) -> str:
    """Return one N-Triples line (without the newline) for a ``(s, p, o)`` triple."""
    s, p, o = triple
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."


def nq_line(triple: Iterable, graph: URIRef | None) -> str:
    """Return one N-Quads line (without the newline); ``graph=None`` is the default graph."""
    s, p, o = triple
    if graph is None:
        return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ."
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(graph)} ."


_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR_VALUE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape_char(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHAR_VALUE.get(match.group(3), match.group(0))


def term_value(term: str) -> str:
    """Return what one N-Triples term stands for: an IRI, a literal's lexical form, a blank node's label.

    The inverse of :func:`iri_text` and :func:`literal_text` (escapes undone; a literal's
    language tag or datatype dropped), for reading back lines this module wrote without
    running a parser over them (:mod:`esfgraph.rdf.registry`).

    Examples
    --------
    >>> term_value('"Say \\\\"hi\\\\"\\\\n"@sv'), term_value("<https://e.org/a\\\\u0020b>"), term_value("_:b1")
    ('Say "hi"\\n', 'https://e.org/a b', 'b1')
    """
    if term.startswith('"'):
        text = term[1:term.rfind('"')]
    elif term.startswith("_:"):
        return term[2:]
    else:
        text = term[1:-1]
    return _UNESCAPE.sub(_unescape_char, text) if "\\" in text else text


def rdflib_term(term):
    """The rdflib term for a pyoxigraph term (``None`` stays ``None``).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> rdflib_term(ox.Literal("Umeå", language="sv")), rdflib_term(None)
    (rdflib.term.Literal('Umeå', lang='sv'), None)
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
