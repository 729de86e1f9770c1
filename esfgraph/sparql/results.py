"""Query results: :class:`QueryResult`, a sequence of rows of Python values that keeps
the RDF terms (see :mod:`esfgraph.sparql`)."""

from __future__ import annotations

import os
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox  # noqa: F401 (the docstring examples)

from .formats import csv_text
from .header import QueryInfo
from .terms import XSD, term_value  # noqa: F401 (XSD: the docstring examples)

__all__ = ["QueryResult"]


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
        text = csv_text(self.columns, self.rows)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text
