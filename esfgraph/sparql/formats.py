"""Results as text: a table for reading, CSV, and SPARQL 1.1 JSON results.

- ``table``: aligned columns printed by tabulate (its ``simple`` format: two spaces
  between columns, a dashed line under the header, numbers right-aligned), IRIs
  shortened by rdflib's :class:`~rdflib.namespace.NamespaceManager` bound to the
  project's prefixes (:data:`esfgraph.vocab.PREFIXES`) where the result pastes into a
  SPARQL query as it is, and a row count at the end;
- ``csv``: a header and one line per row, full IRIs and plain literal values;
- ``json``: the W3C SPARQL 1.1 Query Results JSON format, written by pyoxigraph
  (:meth:`pyoxigraph.QuerySolutions.serialize`) from the rows in their final order.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from functools import lru_cache

import pyoxigraph as ox

from ..vocab import PREFIXES
from .errors import QueryError
from .terms import NUMERIC_TYPES, XSD  # noqa: F401 (XSD: the docstring examples)

__all__ = ["FORMATS", "format_result", "sparql_iri", "table_text", "csv_text", "json_text"]

FORMATS = ("table", "csv", "json")

#: A local name that SPARQL reads without escapes (PN_LOCAL of SPARQL 1.1, without the
#: ``\\``-escapes and ``%`` codes): no ``/``, ``#``, ``?`` and no final ``.``.
_PLAIN_LOCAL = re.compile(r"[\w:](?:[\w\-.:]*[\w\-:])?")


_NAMESPACE_STARTS = tuple(PREFIXES.values())


@lru_cache(maxsize=1)
def _namespaces():
    # rdflib's Graph and tabulate are imported when first needed: most runs print CSV or
    # JSON, and `esfgraph query` starts faster without them.
    from rdflib import Graph
    from rdflib.namespace import NamespaceManager

    manager = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


@lru_cache(maxsize=65536)
def sparql_iri(iri: str) -> str:
    """Return how tables print an IRI: text that pastes into a SPARQL query as it is.

    A prefixed name when rdflib's namespace manager, bound to
    :data:`esfgraph.vocab.PREFIXES`, finds one (declare the prefix in the query) and the
    local name needs no escaping; otherwise the full IRI in angle brackets. Instance
    IRIs (``https://w3id.org/esfgraph/id/org/...``) have a ``/`` in what follows any
    prefix, so they are always written in full: ``id:org/x`` would not be valid SPARQL.

    Examples
    --------
    >>> sparql_iri("https://w3id.org/esfgraph/vocab/region/stockholm")
    'region:stockholm'
    >>> sparql_iri("https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping")
    '<https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping>'
    """
    if not iri.startswith(_NAMESPACE_STARTS):
        # Not under any bound namespace (instance IRIs): asking rdflib would only grow its
        # trie of seen namespaces, a cost that rises with every distinct one.
        return f"<{iri}>"
    try:
        prefix, namespace, local = _namespaces().compute_qname(iri, generate=False)
    except (KeyError, ValueError):
        return f"<{iri}>"
    if prefix and _PLAIN_LOCAL.fullmatch(local) and PREFIXES.get(prefix) == str(namespace):
        return f"{prefix}:{local}"
    return f"<{iri}>"


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return sparql_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split()) if "\n" in term.value or "\r" in term.value else term.value


def _numeric(term) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in NUMERIC_TYPES


# tabulate widens every column to its header plus two spaces (its MIN_PADDING, a module
# setting); esfgraph's tables fit the header exactly, so the setting is lifted while a
# table is printed, under a lock.
_TABULATE = threading.Lock()


def table_text(columns: list[str], rows: list[tuple]) -> str:
    """Return rows as an aligned table with a row count (see the module docstring).

    Examples
    --------
    >>> print(table_text(["n"], [(ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),)]), end="")
    n
    -
    1
    (1 row)
    """
    count = len(rows)
    if not columns:  # SELECT * of no variable: empty header, rule and rows (tabulate prints nothing)
        return "\n" * (2 + count) + f"({count} row{'s' if count != 1 else ''})\n"
    import tabulate

    cells = [[_cell(t) for t in row] for row in rows]
    right = [bool(rows) and all(_numeric(r[i]) or r[i] is None for r in rows) for i in range(len(columns))]
    with _TABULATE:
        padding, tabulate.MIN_PADDING = tabulate.MIN_PADDING, 0
        try:
            text = tabulate.tabulate(cells, headers=list(columns), tablefmt="simple", disable_numparse=True,
                                     colalign=["right" if r else "left" for r in right])
        finally:
            tabulate.MIN_PADDING = padding
    return f"{text}\n({count} row{'s' if count != 1 else ''})\n"


def csv_text(columns: list[str], rows: list[tuple]) -> str:
    """Return rows as CSV: a header, full IRIs and plain literal values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return buffer.getvalue()


def json_text(columns: list[str], rows: list[tuple]) -> str:
    """Return rows as SPARQL 1.1 JSON results, written by pyoxigraph, indented.

    The rows reach pyoxigraph as SPARQL TSV results (each term as pyoxigraph writes it),
    which it reads and writes again as JSON, keeping their order.
    """
    lines = ["\t".join("?" + c for c in columns)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    solutions = ox.parse_query_results(("\n".join(lines) + "\n").encode("utf-8"), ox.QueryResultsFormat.TSV)
    document = json.loads(solutions.serialize(format=ox.QueryResultsFormat.JSON))
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_result(result, fmt: str = "table") -> str:
    """Return a result as text.

    Parameters
    ----------
    result : QueryResult
    fmt : {"table", "csv", "json"}
        See the module docstring.

    Returns
    -------
    str

    Raises
    ------
    QueryError
        Unknown format.

    Examples
    --------
    >>> from esfgraph.sparql import QueryResult
    >>> r = QueryResult(["n"], [(ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")),)])
    >>> print(format_result(r, "csv"), end="")
    n
    1
    """
    writers = {"table": table_text, "csv": csv_text, "json": json_text}
    if fmt not in writers:
        raise QueryError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    return writers[fmt](result.columns, result.rows)
