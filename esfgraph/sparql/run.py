"""Running a query: on the embedded store or an endpoint, parameters looked up and bound,
rows ordered, parameter columns dropped (see :mod:`esfgraph.sparql`)."""

from __future__ import annotations

import os
import re
import time
from operator import itemgetter
from typing import Any

import pyoxigraph as ox

from ..endpoint import DEFAULT_TIMEOUT, Endpoint, EndpointError, run_remote
from ..runtime.collector import collector_paused
from ..lookup import ValueNotFound, find_municipality, find_organisation
from ..store import StoreError, open_store
from .errors import BindingError, ParameterValueError, QueryError
from .header import QueryInfo, find_query
from .ordering import ordered_rows, sorted_list
from .params import resolve_params
from .results import QueryResult
from .terms import XSD
from .tokens import tokenize

__all__ = ["run_query", "syntax_error_message"]


def _solutions(answer) -> tuple[list[str], list[tuple]]:
    """The columns and rows of the embedded store's answer."""
    if isinstance(answer, ox.QueryBoolean):
        literal = ox.Literal("true" if bool(answer) else "false", datatype=ox.NamedNode(XSD + "boolean"))
        return ["ask"], [(literal,)]
    if isinstance(answer, ox.QueryTriples):
        return ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in answer]
    columns = [v.value for v in answer.variables]
    # tuple(solution) gives the values in the order of the variables, None where unbound:
    # several times faster than looking each one up by name (2 µs a lookup).
    return columns, [tuple(solution) for solution in answer]


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
        Seconds to wait for a remote endpoint, retries of busy answers included.

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
    An in-memory store with two projects (``store="build/demo/store"`` opens a build's):

    >>> store = ox.Store()
    >>> store.load(b'''@prefix esf: <https://w3id.org/esfgraph/ontology#> .
    ... <https://w3id.org/esfgraph/id/project/2019-00144> a esf:Project ;
    ...     esf:startYear 2019 ; esf:esfGrantSEK 1200000 .
    ... <https://w3id.org/esfgraph/id/project/2016-00023> a esf:Project ; esf:startYear 2016 .
    ... ''', ox.RdfFormat.TURTLE)
    >>> result = run_query("projects-per-year", store=store)
    >>> result.columns
    ['year', 'projects', 'esf_grant_sek', 'total_budget_sek']
    >>> [(row.year, row.projects, row.esf_grant_sek) for row in result]
    [(2016, 1, 0), (2019, 1, 1200000)]
    >>> len(run_query("projects-per-year", {"region": "stockholm"}, store=store))
    0
    """
    if (store is None) == (endpoint is None):
        raise QueryError("give exactly one of a store and an endpoint")
    info = find_query(name_or_path)
    bindings = resolve_params(info, params)
    started = time.perf_counter()
    opened, source = _open(store, endpoint, timeout)
    bindings = _looked_up(info, params, bindings, opened, store)
    with collector_paused():
        columns, rows, order = _run(info, bindings, opened)
        if order is not None:
            rows = ordered_rows(rows, columns, order.keys)
        keep = [i for i, c in enumerate(columns) if info.param(c) is None or c in info.columns]
        sort = {i for i, c in enumerate(columns) if c in info.lists}
        if sort:
            rows = [tuple(sorted_list(row[i]) if i in sort else row[i] for i in keep) for row in rows]
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
        prepared = info.prepared
        order = prepared.python_order(bindings)
        if isinstance(opened, Endpoint):
            columns, rows = run_remote(opened, prepared.bind(bindings), prepared.form)
        else:
            # The store sorts by reading every compared term's text from disk (seconds on
            # large results), so the final ORDER BY is left to Python when it can be.
            # Parameters are written into the text as terms, exactly as for an endpoint:
            # Oxigraph plans with the constants (pyoxigraph's substitutions bind them after
            # planning, up to 15 times slower on some library queries).
            sent = prepared.bind(bindings, ordered=True)
            try:
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


