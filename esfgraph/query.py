"""The SPARQL query library: list it, run a query by name with safe parameters, format rows.

Each research question is one file ``queries/NAME.rq`` whose opening comment block
documents it and declares its parameters::

    # Question: Which projects take place in a municipality?
    #
    # Any further lines are a description.
    #
    # @param municipality_code string default "0665" -- four-digit municipality code
    # @param org org required -- an organisation IRI or key (arbetsformedlingen/jonkoping)
    # @param region string optional -- ESF region key; all regions when omitted
    #
    # Columns: project, project_number, title
    # Example: https://w3id.org/esfgraph/id/project/2019-00144 | 2019/00144 | Trappsteget

``# @list COLUMN ...`` names columns that hold ``;``-separated lists (GROUP_CONCAT):
esfgraph sorts their items, because SPARQL does not define the order of GROUP_CONCAT and
an ORDER BY inside the query costs seconds on a large on-disk store.
``Question:``, ``Columns:`` (comma-separated) and ``Example:`` (values separated by
``|``) may continue on the following comment lines; a blank comment line ends them, and
other lines are the description.
``# @param NAME TYPE (required | optional | default VALUE) [-- description]`` declares the
variable ``?NAME``. TYPE is one of :data:`PARAM_TYPES`: ``iri`` (an absolute IRI or a
prefixed name such as ``region:stockholm``), ``org`` (an organisation: a name in any printed
spelling, a key such as ``arbetsformedlingen/jonkoping``, or an IRI), ``municipality`` (a
four-digit code or a name), ``string``, ``integer``, ``decimal``, ``boolean`` or ``date``.
:func:`run_query` looks ``org`` and ``municipality`` values up in the store or endpoint
(:mod:`esfgraph.lookup`) and raises :class:`ParameterValueError`, with the nearest values,
when one names nothing there or several things. An optional parameter left out stays an unbound variable, so the query can
test ``!BOUND(?region)``. Parameter columns are dropped from the result unless
``Columns:`` lists them.

Parameters are bound as RDF terms, never pasted into the text as they come: on the
embedded store and on a remote endpoint alike, :func:`esfgraph.endpoint.bind_parameters`
replaces variable tokens with terms serialised by pyoxigraph and proves that the query's
structure did not change, so both run the very same query (and Oxigraph plans with the
constants). A final ``ORDER BY`` of selected variables is done in Python (see
:func:`order_keys`): Oxigraph's on-disk store reads every compared term's text from disk
while sorting, seconds on large answers.

Examples
--------
>>> [q.name for q in list_queries()][:2]                                 # doctest: +SKIP
['agency-offices', 'bridging-organisations']
>>> result = run_query("projects-in-municipality", {"municipality_code": "0665"},
...                    store="build/demo/store")                         # doctest: +SKIP
>>> print(format_result(result, "csv"))                                  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import difflib
import gc
import io
import json
import os
import re
import time
from collections import namedtuple
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .endpoint import (
    DEFAULT_TIMEOUT,
    BindingError,
    Endpoint,
    EndpointError,
    bind_parameters,
    check_parameter_scopes,
    query_form,
    run_remote,
    strip_parameter_values,
    tokenize,
)
from .iris import DEFAULT_BASE, org_iri
from .lookup import ValueNotFound, find_municipality, find_organisation
from .resources import queries_dir
from .store import StoreError, open_store
from .vocab import PREFIXES

__all__ = [
    "QueryError",
    "ParameterValueError",
    "Parameter",
    "QueryInfo",
    "QueryResult",
    "PARAM_TYPES",
    "FORMATS",
    "list_queries",
    "load_query",
    "parse_query_text",
    "find_query",
    "resolve_params",
    "run_query",
    "format_result",
    "term_value",
    "order_keys",
    "OrderBy",
    "sparql_iri",
    "syntax_error_message",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("iri", "org", "municipality", "string", "integer", "decimal", "boolean", "date")
FORMATS = ("table", "csv", "json")

#: Prefixes accepted in ``iri``/``org`` parameter values; ``id:`` abbreviates the default
#: instance base (``id:org/x`` is accepted here, though it is not a valid SPARQL name:
#: tables print such IRIs in full, see :func:`sparql_iri`).
DISPLAY_PREFIXES: dict[str, str] = {**PREFIXES, "id": DEFAULT_BASE}


class QueryError(Exception):
    """A query could not be found, bound or run; ``str(error)`` is one line for the user."""


class ParameterValueError(QueryError):
    """A parameter names no organisation or municipality in the store, or several.

    ``str(error)`` is one line, then the nearest values (``key  label``), one per line.

    Attributes
    ----------
    parameter : str
        The parameter's name.
    suggestions : list of esfgraph.lookup.Match
        Each with ``key`` (a value to give instead), ``label`` and ``value`` (IRI or code).
    ambiguous : bool
        The value names several organisations (all listed), rather than none.
    """

    def __init__(self, parameter: str, error: ValueNotFound):
        self.parameter, self.suggestions, self.ambiguous = parameter, error.suggestions, error.ambiguous
        super().__init__(f"--param {parameter}: {error}")


# --------------------------------------------------------------------------- headers

@dataclass(frozen=True)
class Parameter:
    """A declared query parameter (``# @param NAME TYPE ...``)."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    description: str = ""

    def to_term(self, value: Any) -> ox.NamedNode | ox.Literal:
        """Return ``value`` (text from the command line, a Python value or a term) as an RDF term.

        Raises
        ------
        QueryError
            The value is not valid for the parameter's type.

        Examples
        --------
        >>> str(Parameter("n", "integer").to_term("007"))
        '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
        >>> Parameter("o", "org").to_term("arbetsformedlingen/jonkoping").value
        'https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping'
        """
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            return value
        try:
            return _CONVERTERS[self.type](value)
        except (ValueError, InvalidOperation, TypeError) as error:
            shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
            raise QueryError(f"parameter {self.name}: {shown!r} is not a valid {self.type} ({error})") from None


def _expand(text: str) -> str:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in DISPLAY_PREFIXES and not local.startswith("//"):
        return DISPLAY_PREFIXES[prefix] + local
    return text


def _iri(value: Any) -> ox.NamedNode:
    return ox.NamedNode(_expand(str(value)))


def _org(value: Any) -> ox.NamedNode:
    text = _expand(str(value))
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text):
        return ox.NamedNode(text)
    return ox.NamedNode(org_iri(text))


def _integer(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        raise ValueError("a boolean is not an integer")
    number = int(value) if isinstance(value, int) else int(str(value).strip(), 10)
    return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer"))


def _decimal(value: Any) -> ox.Literal:
    number = Decimal(str(value).strip())
    if not number.is_finite():
        raise ValueError("not a finite number")
    text = format(number, "f")
    return ox.Literal(text if "." in text else text + ".0", datatype=ox.NamedNode(XSD + "decimal"))


def _boolean(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        flag = value
    else:
        text = str(value).strip().lower()
        if text not in ("true", "false", "yes", "no", "1", "0"):
            raise ValueError("use true or false")
        flag = text in ("true", "yes", "1")
    return ox.Literal("true" if flag else "false", datatype=ox.NamedNode(XSD + "boolean"))


def _date(value: Any) -> ox.Literal:
    day = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))


_CONVERTERS = {
    "iri": _iri,
    "org": _org,
    "string": lambda value: ox.Literal(str(value)),
    "municipality": lambda value: ox.Literal(str(value).strip()),
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "date": _date,
}


@dataclass(frozen=True)
class QueryInfo:
    """A query of the library (or any ``.rq`` file) and its documented header."""

    name: str
    path: Path | None
    text: str
    question: str = ""
    description: str = ""
    params: tuple[Parameter, ...] = ()
    columns: tuple[str, ...] = ()
    example: str = ""
    lists: tuple[str, ...] = ()  # columns holding ";"-separated lists that esfgraph sorts

    def param(self, name: str) -> Parameter | None:
        """Return the declared parameter ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    @property
    def bindable(self) -> str:
        """The text esfgraph binds and runs: :attr:`text` without the ``VALUES`` blocks
        that write the parameters' defaults (see :func:`esfgraph.endpoint.strip_parameter_values`)."""
        return strip_parameter_values(self.text, [p.name for p in self.params])


_PARAM_LINE = re.compile(
    r"^@param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)\s+"
    r"(?P<mode>required|optional|default\s+(?P<default>\"[^\"]*\"|\S+))"
    r"\s*(?:--\s*(?P<description>.*))?$"
)
_KEY_LINE = re.compile(r"^(Question|Columns|Example):\s*(.*)$")
_LIST_LINE = re.compile(r"^@list\s+(?P<names>[A-Za-z_][A-Za-z0-9_]*(?:[\s,]+[A-Za-z_][A-Za-z0-9_]*)*)\s*$")


def parse_query_text(text: str, name: str = "query", path: Path | None = None) -> QueryInfo:
    """Read the header comment of a query and return its :class:`QueryInfo`.

    Parameters
    ----------
    text : str
        The query, starting with its ``#`` comment block.
    name : str
        What to call it in messages.
    path : pathlib.Path, optional
        Where it was read from.

    Returns
    -------
    QueryInfo

    Raises
    ------
    QueryError
        A malformed ``@param`` line, an unknown type, or a parameter declared twice.

    Examples
    --------
    >>> info = parse_query_text('# Question: Anything?\\n# @param n integer default 2\\nSELECT ?n { }')
    >>> info.question, info.params[0].default
    ('Anything?', '2')
    """
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            header.append(stripped[1:].strip())
        elif stripped:
            break
    fields: dict[str, list[str]] = {"Question": [], "Columns": [], "Example": []}
    description: list[str] = []
    params: list[Parameter] = []
    lists: list[str] = []
    current: str | None = None
    where = path or name
    for line in header:
        key_match = _KEY_LINE.match(line)
        if line.startswith("@list"):
            match = _LIST_LINE.match(line)
            if not match:
                raise QueryError(f"{where}: bad list line {line!r}; write '@list COLUMN [COLUMN...]'")
            lists += re.split(r"[\s,]+", match["names"].strip())
            current = None
        elif line.startswith("@param"):
            match = _PARAM_LINE.match(line)
            if not match:
                raise QueryError(
                    f"{where}: bad parameter line {line!r}; write "
                    "'@param NAME TYPE (required | optional | default VALUE) -- description'"
                )
            if match["type"] not in PARAM_TYPES:
                raise QueryError(f"{where}: parameter {match['name']}: unknown type {match['type']!r} "
                                 f"(use {', '.join(PARAM_TYPES)})")
            if any(p.name == match["name"] for p in params):
                raise QueryError(f"{where}: parameter {match['name']} is declared twice")
            default = match["default"]
            if default is not None and len(default) >= 2 and default[0] == default[-1] == '"':
                default = default[1:-1]
            params.append(Parameter(match["name"], match["type"], match["mode"] == "required",
                                    default, (match["description"] or "").strip()))
            current = None
        elif key_match:
            current = key_match.group(1)
            fields[current].append(key_match.group(2))
        elif not line:
            current = None
            description.append("")
        elif current is not None:  # a continuation line of Question, Columns or Example
            fields[current].append(line)
        else:
            current = None
            description.append(line)
    columns = tuple(c.strip() for c in " ".join(fields["Columns"]).split(",") if c.strip())
    info = QueryInfo(
        name=name,
        path=path,
        text=text,
        question=" ".join(fields["Question"]).strip(),
        description="\n".join(description).strip(),
        params=tuple(params),
        columns=columns,
        example=" ".join(fields["Example"]).strip(),
        lists=tuple(lists),
    )
    for param in info.params:  # defaults must be valid values of their type
        if param.default is not None:
            param.to_term(param.default)
    return info


def load_query(path: str | os.PathLike[str]) -> QueryInfo:
    """Read a ``.rq`` file.

    Raises
    ------
    QueryError
        The file does not exist, is not UTF-8, or has a malformed header.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{file}: query file does not exist") from None
    except UnicodeDecodeError:
        raise QueryError(f"{file}: query file is not UTF-8 text") from None
    except OSError as error:
        raise QueryError(f"{file}: cannot read ({error.strerror})") from None
    return parse_query_text(text, name=file.stem, path=file)


def list_queries(directory: str | os.PathLike[str] | None = None) -> list[QueryInfo]:
    """Return the query library (``queries/*.rq``), sorted by name.

    Parameters
    ----------
    directory : path, optional
        Another folder of ``.rq`` files; defaults to :func:`esfgraph.resources.queries_dir`.

    Returns
    -------
    list of QueryInfo

    Examples
    --------
    >>> "recurring-partnerships" in [q.name for q in list_queries()]
    True
    """
    folder = Path(directory) if directory is not None else queries_dir()
    return [load_query(path) for path in sorted(folder.glob("*.rq"))]


def find_query(name_or_path: str | os.PathLike[str] | QueryInfo) -> QueryInfo:
    """Return a library query by name, or read a ``.rq`` file.

    Raises
    ------
    QueryError
        No such query (with the closest names) or file.

    Examples
    --------
    >>> find_query("projects-per-year").name
    'projects-per-year'
    """
    if isinstance(name_or_path, QueryInfo):
        return name_or_path
    text = str(name_or_path)
    candidate = Path(text)
    if text.endswith(".rq") or candidate.is_file() or os.sep in text:
        return load_query(candidate)
    library = queries_dir() / f"{text}.rq"
    if library.is_file():
        return load_query(library)
    names = [p.stem for p in sorted(queries_dir().glob("*.rq"))]
    close = difflib.get_close_matches(text, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'esfgraph query --list' shows the library"
    raise QueryError(f"unknown query {text!r}{hint}")


def resolve_params(info: QueryInfo, params: dict[str, Any] | None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Return the RDF terms to bind: given values, then defaults; check names and types.

    Parameters
    ----------
    info : QueryInfo
    params : dict, optional
        Parameter name -> value (command-line text, Python value or pyoxigraph term).

    Returns
    -------
    dict
        Variable name -> term, for every parameter that has a value.

    Raises
    ------
    QueryError
        An undeclared name, a missing required parameter, or an invalid value.

    Examples
    --------
    >>> info = parse_query_text('# @param n integer default 2\\nSELECT ?n { }')
    >>> resolve_params(info, {})["n"].value
    '2'
    """
    given = dict(params or {})
    declared = {p.name for p in info.params}
    unknown = sorted(set(given) - declared)
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise QueryError(f"query {info.name} has no parameter {unknown[0]!r} (its parameters: {known})")
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    for param in info.params:
        if param.name in given and given[param.name] is not None:
            bindings[param.name] = param.to_term(given[param.name])
        elif param.default is not None:
            bindings[param.name] = param.to_term(param.default)
        elif param.required:
            hint = f" ({param.description})" if param.description else ""
            raise QueryError(f"query {info.name} needs --param {param.name}=VALUE{hint}")
    return bindings


# --------------------------------------------------------------------------- results

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


# --------------------------------------------------------------------------- running

def _solutions(answer) -> tuple[list[str], list[tuple]]:
    if isinstance(answer, ox.QueryBoolean):
        literal = ox.Literal("true" if bool(answer) else "false", datatype=ox.NamedNode(XSD + "boolean"))
        return ["ask"], [(literal,)]
    if isinstance(answer, ox.QueryTriples):
        return ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in answer]
    columns = [v.value for v in answer.variables]
    # tuple(solution) gives the values in the order of the variables, None where unbound:
    # several times faster than looking each one up by name (2 µs a lookup).
    return columns, [tuple(solution) for solution in answer]


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector: rows of terms hold no reference cycles, and
    its passes over the tens of thousands of tuples and lists a large answer allocates
    cost a sixth of the time spent on such an answer."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def run_query(
    name_or_path: str | os.PathLike[str] | QueryInfo,
    params: dict[str, Any] | None = None,
    store: ox.Store | str | os.PathLike[str] | None = None,
    endpoint: Endpoint | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run a library query (by name) or a ``.rq`` file on the embedded store or an endpoint.

    Parameters
    ----------
    name_or_path : str, path or QueryInfo
        ``recurring-partnerships``, ``my/query.rq``, or a parsed query.
    params : dict, optional
        Parameter values; text is converted by each parameter's declared type.
    store : pyoxigraph.Store or path, optional
        An open store or a store folder (opened read-only).
    endpoint : Endpoint or str, optional
        A SPARQL endpoint URL (credentials from the environment, see
        :mod:`esfgraph.endpoint`). A URL without a path gets Oxigraph's ``/query``.
    timeout : float
        Seconds to wait for a remote endpoint.

    Returns
    -------
    QueryResult
        Parameter columns are left out unless the header's ``Columns:`` lists them.
        Rows come in the order of the query's ``ORDER BY``; when that orders by
        selected variables only, esfgraph sorts them itself (see :func:`order_keys`),
        with the whole row breaking ties, so the store and any endpoint give the very
        same sequence.

    Raises
    ------
    QueryError
        Unknown query, bad parameters, neither or both of ``store`` and ``endpoint``,
        a syntax error, or a store/endpoint failure (one line; no credentials).

    Examples
    --------
    >>> run_query("recurring-partnerships-live", {"min_shared": 3},
    ...           store="build/demo/store").columns                     # doctest: +SKIP
    ['org_a', 'org_a_label', 'org_b', 'org_b_label', 'shared_projects', 'projects', 'first_year', 'last_year']
    """
    if (store is None) == (endpoint is None):
        raise QueryError("give exactly one of a store and an endpoint")
    info = find_query(name_or_path)
    bindings = resolve_params(info, params)
    started = time.perf_counter()
    opened, source = _open(store, endpoint, timeout)
    bindings = _looked_up(info, params, bindings, opened, store)
    with _collector_paused():
        columns, rows, order = _run(info, bindings, opened)
        if order is not None:
            rows = _ordered(rows, columns, order.keys)
        keep = [i for i, c in enumerate(columns) if info.param(c) is None or c in info.columns]
        sort = {i for i, c in enumerate(columns) if c in info.lists}
        if sort:
            rows = [tuple(_sorted_list(row[i]) if i in sort else row[i] for i in keep) for row in rows]
        elif len(keep) > 1 and len(keep) < len(columns):  # parameter columns dropped
            rows = list(map(itemgetter(*keep), rows))  # (itemgetter of one index gives no tuple)
        elif len(keep) < len(columns):
            rows = [tuple(row[i] for i in keep) for row in rows]
    return QueryResult(
        columns=[columns[i] for i in keep],
        rows=rows,
        query=info,
        source=source,
        elapsed_s=time.perf_counter() - started,
    )


def _open(store, endpoint, timeout: float):
    """Return the open store or the endpoint (with Oxigraph's ``/query`` path when it has
    none) and how results name it."""
    try:
        if endpoint is not None:
            remote = endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_env(endpoint, timeout)
            remote = remote.with_path("/query")
            return remote, remote.url
        opened = store if isinstance(store, ox.Store) else open_store(store)
        return opened, str(store) if not isinstance(store, ox.Store) else "store"
    except (EndpointError, StoreError) as error:
        raise QueryError(str(error)) from None


def _looked_up(info: QueryInfo, params: dict[str, Any] | None, bindings: dict, opened, store) -> dict:
    """Replace the given organisation and municipality values by what the store calls them
    (see :mod:`esfgraph.lookup`); defaults are used as they are."""
    wanted = [p for p in info.params if p.type in ("org", "municipality")
              and params and params.get(p.name) is not None and not isinstance(params[p.name], (ox.NamedNode, ox.Literal))]
    if not wanted:
        return bindings
    where = None if isinstance(opened, Endpoint) else (str(store) if not isinstance(store, ox.Store) else "the store")
    store_dir = None if isinstance(store, ox.Store) or isinstance(opened, Endpoint) else store
    found = dict(bindings)
    try:
        for param in wanted:
            text = str(params[param.name])
            if param.type == "org":
                iri = find_organisation(opened, text, bindings[param.name].value, where=where, store_dir=store_dir)
                found[param.name] = ox.NamedNode(iri)
            else:
                found[param.name] = ox.Literal(find_municipality(opened, text, where=where, store_dir=store_dir))
    except ValueNotFound as error:
        raise ParameterValueError(param.name, error) from None
    except (EndpointError, OSError, RuntimeError) as error:
        raise QueryError(f"query {info.name}: cannot look up --param {param.name} "
                         f"({' '.join(str(error).split())[:200]})") from None
    return found


def _run(info: QueryInfo, bindings: dict, opened):
    """Run the bound query on an open store or an endpoint; return its columns, rows and
    final ORDER BY (or None)."""
    try:
        bindable = info.bindable
        query_form(bindable)
        check_parameter_scopes(bindable, [p.name for p in info.params])
        order = order_keys(bindable, bindings)
        if isinstance(opened, Endpoint):
            columns, rows = run_remote(opened, bind_parameters(bindable, bindings))
        else:
            # The store sorts by reading every compared term's text from disk (seconds on
            # large results), so the final ORDER BY is left to Python when it can be.
            text = order.text if order is not None else bindable
            # Parameters are written into the text as terms, exactly as for an endpoint:
            # Oxigraph plans with the constants (pyoxigraph's substitutions bind them after
            # planning, up to 15 times slower on some library queries).
            try:
                sent = bind_parameters(text, bindings)
                answer = opened.query(sent)
            except SyntaxError as error:
                raise QueryError(syntax_error_message(info.path or info.name, sent, error)) from None
            columns, rows = _solutions(answer)
    except (BindingError, EndpointError, StoreError) as error:
        raise QueryError(f"{info.path or info.name}: {error}" if isinstance(error, BindingError) else str(error)) from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"query {info.name} failed: {' '.join(str(error).split())[:300]}") from None
    return columns, rows, order


_ERROR_AT = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)


def syntax_error_message(where, text: str, error: BaseException) -> str:
    """Return a SPARQL syntax error as the user reads it: what and where, the line, a caret.

    Oxigraph reports ``error at LINE:COLUMN: expected ...``; the message quotes that line
    of the query text with a caret under the column, and names a prefixed name with a
    ``/`` in it (``id:org/x``), the usual cause of a puzzling error some tokens later.

    Examples
    --------
    >>> text = chr(10).join(["SELECT * WHERE {", "  ?s ?p", "}"])
    >>> print(syntax_error_message("q.rq", text, SyntaxError("error at 3:1: expected [_]")))
    q.rq: SPARQL syntax error at line 3, column 1: expected [_]
        3 | }
          | ^
    """
    message = " ".join(str(error).split())
    match = _ERROR_AT.match(message)
    if match is None:
        return f"{where}: SPARQL syntax error: {message}"
    line_number, column, detail = int(match[1]), int(match[2]), match[3]
    lines = text.splitlines() or [""]
    source = lines[min(line_number, len(lines)) - 1]
    gutter = f"    {line_number} | "
    parts = [f"{where}: SPARQL syntax error at line {line_number}, column {column}: {detail}",
             gutter + source.rstrip(),
             " " * (len(gutter) - 2) + "| " + " " * min(max(column - 1, 0), len(source)) + "^"]
    slashed = _slashed_prefixed_name(text)
    if slashed is not None:
        name, where_line = slashed
        parts.append(f"    (line {where_line}: {name} is not a SPARQL prefixed name, a local name cannot "
                     "hold '/': write the full IRI in <...>)")
    return "\n".join(parts)


def _slashed_prefixed_name(text: str) -> tuple[str, int] | None:
    """The first ``prefix:local/more`` in the text (a path ``a:b/c:d`` has a colon after
    the slash and is left alone), with its line."""
    try:
        tokens = [t for t in tokenize(text) if t.kind != "comment"]
    except BindingError:
        return None
    for first, slash, rest in zip(tokens, tokens[1:], tokens[2:]):
        if first.kind == "word" and ":" in first.text and slash.text == "/" \
                and rest.kind == "word" and ":" not in rest.text:
            return f"{first.text}/{rest.text}", first.line
    return None


# --------------------------------------------------------------------------- ordering

@dataclass(frozen=True)
class OrderBy:
    """A query's final ``ORDER BY`` of selected variables: the keys and the text without it."""

    keys: tuple[tuple[str, bool], ...]  # (variable, descending)
    text: str


def order_keys(text: str, bindings: dict[str, Any] | None = None) -> OrderBy | None:
    """Return the final ``ORDER BY`` of a SELECT query when Python can sort by it.

    That is when it is the last clause and orders by variables the query selects,
    each bare or in ``ASC()``/``DESC()``, none of them a bound parameter; otherwise
    ``None`` (an expression, a ``LIMIT`` after it, ``SELECT *``...), and the engine sorts.

    Parameters
    ----------
    text : str
        The query.
    bindings : dict, optional
        Parameters that will be bound (ordering by a constant is left to the engine).

    Returns
    -------
    OrderBy or None

    Examples
    --------
    >>> order_keys("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY DESC(?n) ?a").keys
    (('n', True), ('a', False))
    >>> order_keys("SELECT ?a WHERE { ?a ?p ?n } ORDER BY ?n") is None
    True
    """
    tokens = tokenize(text)
    significant = [i for i, t in enumerate(tokens) if t.kind not in ("ws", "comment")]
    words = [tokens[i].text.upper() if tokens[i].kind == "word" else tokens[i].text for i in significant]
    if "SELECT" not in words:
        return None
    depth, last_order = 0, None
    for position, word in enumerate(words):
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif word == "ORDER" and depth == 0 and position + 1 < len(words) and words[position + 1] == "BY":
            last_order = position
    if last_order is None:
        return None
    projected = _top_projection(words, [tokens[i] for i in significant])
    if projected is None:
        return None
    keys: list[tuple[str, bool]] = []
    rest = [tokens[i] for i in significant[last_order + 2:]]
    position = 0
    while position < len(rest):
        token = rest[position]
        direction = token.text.upper() if token.kind == "word" else ""
        if token.kind == "var":
            keys.append((token.text[1:], False))
            position += 1
        elif direction in ("ASC", "DESC") and [t.text for t in rest[position + 1:position + 4:2]] == ["(", ")"] \
                and rest[position + 2].kind == "var":
            keys.append((rest[position + 2].text[1:], direction == "DESC"))
            position += 4
        else:
            return None
    bound = set(bindings or ())
    if not keys or any(name not in projected or name in bound for name, _ in keys):
        return None
    cut = significant[last_order]
    return OrderBy(tuple(keys), "".join(t.text for t in tokens[:cut]).rstrip() + "\n")


def _top_projection(words: list[str], tokens) -> set[str] | None:
    """The variables the top-level SELECT projects (bare or ``AS``); None for ``SELECT *``."""
    start = words.index("SELECT")
    names: set[str] = set()
    for word, token in zip(words[start + 1:], tokens[start + 1:]):
        if word in ("WHERE", "{", "FROM"):
            return names
        if word == "*":
            return None
        if token.kind == "var":
            names.add(token.text[1:])
    return names


_NUMERIC_TYPES = _INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}


def _order_value(term) -> tuple:
    """A sort key in SPARQL's order: unbound, blank nodes, IRIs, then literals
    (numbers by value, everything else by its text; other kinds apart, by datatype)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    datatype = term.datatype.value
    if datatype in _NUMERIC_TYPES:
        try:
            number = int(term.value) if datatype in _INTEGER_TYPES else Decimal(term.value)
            return (3, 0, "", number, "")
        except (ValueError, InvalidOperation):
            pass
    if term.language or datatype == XSD + "string":
        return (3, 1, "", 0, term.value)
    return (3, 2, datatype, 0, term.value)


def _ordered(rows: list[tuple], columns: list[str], keys: tuple[tuple[str, bool], ...]) -> list[tuple]:
    """Sort rows by ``keys``, whole rows breaking ties (Python's sort is stable: sort by
    the tie-breaker first, then by each key from the last to the first)."""
    positions = [columns.index(name) for name, _ in keys]
    decorated = [([_order_value(row[i]) for i in positions], row) for row in rows]
    if len({tuple(k) for k, _ in decorated}) < len(decorated):  # ties: order them by the whole row
        decorated.sort(key=lambda pair: [_order_value(t) for t in pair[1]])
    if not any(descending for _, descending in keys):  # one pass on the list of keys does
        decorated.sort(key=lambda pair: pair[0])     # what the passes below do, faster
    else:
        for number in reversed(range(len(keys))):
            decorated.sort(key=lambda pair: pair[0][number], reverse=keys[number][1])
    return [row for _, row in decorated]


def _sorted_list(term):
    """Sort the items of a ``;``-separated list literal (a GROUP_CONCAT column)."""
    if not isinstance(term, ox.Literal) or ";" not in term.value:
        return term
    value = ";".join(sorted(term.value.split(";")))
    if term.language:
        return ox.Literal(value, language=term.language)
    return ox.Literal(value, datatype=term.datatype)


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
