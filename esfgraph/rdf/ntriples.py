"""Canonical N-Triples and N-Quads lines for rdflib terms, written without rdflib's serialiser.

The graph is written one record at a time and sorted as text, so every triple must have
exactly one spelling: IRIs in angle brackets, literals with the escapes of canonical
N-Triples (RDF 1.1), ``xsd:string`` left implicit. rdflib and Oxigraph both parse the
result; sorting the lines gives a byte-stable file.

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
from typing import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["nt_term", "nt_line", "nq_line", "Triple"]

#: A triple of rdflib terms.
Triple = tuple

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERAL_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# Characters that may not appear in an IRIREF (plus controls and space).
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape_literal_char(match: re.Match) -> str:
    char = match.group(0)
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def _escape_iri_char(match: re.Match) -> str:
    return f"\\u{ord(match.group(0)):04X}"


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
        return "<" + _IRI_ESCAPE.sub(_escape_iri_char, str(term)) + ">"
    if isinstance(term, Literal):
        text = '"' + _LITERAL_ESCAPE.sub(_escape_literal_char, str(term)) + '"'
        if term.language:
            return f"{text}@{term.language.lower()}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^{nt_term(term.datatype)}"
        return text
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
