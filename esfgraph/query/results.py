"""Query results: :class:`QueryResult` (a sequence of rows), Python values of RDF terms,
and the table, CSV and SPARQL JSON formats (see :mod:`esfgraph.query`)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .params import QueryError, QueryInfo

__all__ = ["QueryResult", "term_value", "format_result", "sparql_iri", "FORMATS", "XSD"]

XSD = "http://www.w3.org/2001/XMLSchema#"
FORMATS = ("table", "csv", "json")

@dataclass(eq=True)
class QueryResult(Sequence):
    """The answer to a query: a sequence of rows, each a named tuple of Python values.

    ``result[0]``, ``for row in result``, ``len(result)`` give rows whose fields are the
    columns (``row.label`` or ``row[1]``), with values as :func:`term_value` gives them;
    ``rows`` keeps the pyoxigraph terms (``None`` = unbound) for datatypes and languages.

    Examples
    --------
    >>> result = QueryResult(["org", "n"], [(ox.NamedNode("http://x/a"),
    ...                      ox.Literal("2", datatype=ox.NamedNode(XSD + "integer")))])
    >>> len(result), result[0].n, result[0] == ("http://x/a", 2)
    (1, 2, True)
    >>> [row.org for row in result], result.columns
    (['http://x/a'], ['org', 'n'])
    >>> print(result.to_csv(), end="")
    org,n
    http://x/a,2
    """

    columns: list[str]
    rows: list[tuple]
    query: QueryInfo | None = field(default=None, compare=False, repr=False)
    source: str = field(default="", compare=False)
    elapsed_s: float = field(default=0.0, compare=False)

    def __len__(self) -> int:
        return len(self.rows)

    def _row_type(self):
        # A named tuple class per result (columns are SPARQL variable names; rename=True
        # turns any that is a Python keyword into _N).
        row_type = self.__dict__.get("_row_class")
        if row_type is None:
            row_type = namedtuple("Row", self.columns, rename=True)
            self.__dict__["_row_class"] = row_type
        return row_type

    def __getitem__(self, index):
        row_type = self._row_type()
        if isinstance(index, slice):
            return [row_type._make(map(term_value, row)) for row in self.rows[index]]
        return row_type._make(map(term_value, self.rows[index]))

    def __iter__(self):
        row_type = self._row_type()
        for row in self.rows:
            yield row_type._make(map(term_value, row))

    def values(self) -> list[tuple]:
        """Return the rows as plain tuples of Python values (see :func:`term_value`)."""
        return [tuple(term_value(t) for t in row) for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts of Python values, keyed by column."""
        return [dict(zip(self.columns, row)) for row in self.values()]

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str:
        """Return the rows as CSV (full IRIs, plain values), and write them to ``path`` if given."""
        text = _csv(self)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text


_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def term_value(term) -> Any:
    """Return a Python value for an RDF term.

    IRIs and blank nodes give their string, integers ``int``, ``xsd:decimal``
    :class:`~decimal.Decimal`, ``xsd:double``/``float`` ``float``, booleans ``bool``;
    every other literal its lexical form; ``None`` stays ``None``.

    Examples
    --------
    >>> term_value(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    3
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    datatype = term.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
    except (ValueError, InvalidOperation):
        pass
    return term.value



_NUMERIC_TYPES = _INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}


# --------------------------------------------------------------------------- formatting

#: A local name that SPARQL reads without escapes (PN_LOCAL of SPARQL 1.1, without the
#: ``\\``-escapes and ``%`` codes): no ``/``, ``#``, ``?`` and no final ``.``.
_PLAIN_LOCAL = re.compile(r"[\w:](?:[\w\-.:]*[\w\-:])?")


def sparql_iri(iri: str) -> str:
    """Return how tables print an IRI: text that pastes into a SPARQL query as it is.

    A prefixed name when the IRI starts with one of :data:`esfgraph.vocab.PREFIXES`
    (declare the prefix in the query) and the rest is a local name that needs no
    escaping; otherwise the full IRI in angle brackets. Instance IRIs
    (``https://w3id.org/esfgraph/id/org/...``) have a ``/`` in what follows any prefix,
    so they are always written in full: ``id:org/x`` would not be valid SPARQL.

    Examples
    --------
    >>> sparql_iri("https://w3id.org/esfgraph/vocab/region/stockholm")
    'region:stockholm'
    >>> sparql_iri("https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping")
    '<https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping>'
    """
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            if _PLAIN_LOCAL.fullmatch(iri[len(namespace):]):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return sparql_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split()) if "\n" in term.value or "\r" in term.value else term.value


def _numeric(term) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in (
        _INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"})


def _table(result: QueryResult) -> str:
    cells = [[_cell(t) for t in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    right = [bool(result.rows) and all(_numeric(r[i]) or r[i] is None for r in result.rows)
             for i in range(len(result.columns))]

    def line(values):
        parts = [v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right)]
        return "  ".join(parts).rstrip()

    lines = [line(result.columns), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in cells]
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return buffer.getvalue()


def _json_term(term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _json(result: QueryResult) -> str:
    bindings = [
        {c: _json_term(t) for c, t in zip(result.columns, row) if t is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Return a result as text.

    Parameters
    ----------
    result : QueryResult
    fmt : {"table", "csv", "json"}
        ``table``: aligned columns for reading, IRIs shortened with the usual prefixes
        (``id:`` for the instance base), a row count at the end. ``csv``: a header and
        one line per row with full IRIs and plain literal values. ``json``: the W3C
        SPARQL 1.1 Query Results JSON format (types, datatypes and languages kept).

    Returns
    -------
    str

    Raises
    ------
    QueryError
        Unknown format.

    Examples
    --------
    >>> r = QueryResult(["n"], [(ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),)])
    >>> print(format_result(r, "csv"), end="")
    n
    1
    """
    if fmt == "table":
        return _table(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "json":
        return _json(result)
    raise QueryError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
