"""The SPARQL query library: list it, run a query by name with safe parameters, format rows.

Each research question is one file ``queries/NAME.rq`` whose opening comment block
documents it and declares its parameters::

    # Question: Which projects take place in a municipality?
    #
    # Any further lines are a description.
    #
    # @param municipality_code municipality default "0665" -- four-digit code, or the name
    # @param org org required -- an organisation: name, key (arbetsformedlingen/jonkoping) or IRI
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
when one names nothing there or several things. An optional parameter left out stays an
unbound variable, which the query tests with ``COALESCE(?region, true) = true``. Parameter
columns are dropped from the result unless ``Columns:`` lists them.

The text writes each parameter's default in a ``VALUES ?NAME { VALUE }`` block of its own
(``UNDEF`` for an optional one), so that the query runs as printed on any SPARQL 1.1
engine; esfgraph blanks those blocks (:attr:`QueryInfo.bindable`) and binds the values.

Parameters are bound as RDF terms, never pasted into the text as they come: a query is
prepared once (:class:`PreparedQuery`: tokenized, its defaults blanked, its parameters
found and their scopes checked), then bound by writing terms serialised by pyoxigraph in
the place of the parameters' variable tokens, so the embedded store and a remote
endpoint run the very same query (and Oxigraph plans with the constants). A final
``ORDER BY`` of selected variables is done in Python (see :func:`order_keys`):
Oxigraph's on-disk store reads every compared term's text from disk while sorting,
seconds on large answers.

The modules, one topic each: :mod:`.header` (the ``.rq`` header format, the library),
:mod:`.params` (parameter types and their converters), :mod:`.tokens` (the tokenizer),
:mod:`.scopes` (where parameters stand, the binding rules), :mod:`.binding` (the prepared
query), :mod:`.ordering` (the final ``ORDER BY`` in Python), :mod:`.run` (running),
:mod:`.results` and :mod:`.terms` (rows and their Python values), :mod:`.formats`
(table, CSV, JSON). Remote endpoints are :mod:`esfgraph.endpoint`.

Examples
--------
>>> [q.name for q in list_queries()][:2]
['agency-offices', 'bridging-organisations']
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/esfgraph/id/project/1"),
...                   ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("Trappsteget")))
>>> result = run_query(parse_query_text("SELECT ?title { ?p <http://purl.org/dc/terms/title> ?title }"),
...                    store=store)
>>> print(format_result(result, "csv"), end="")
title
Trappsteget
"""

from __future__ import annotations

import pyoxigraph as ox  # noqa: F401 (the docstring examples)

from .binding import PreparedQuery, bind_parameters, strip_parameter_values
from .errors import BindingError, ParameterValueError, QueryError
from .formats import FORMATS, format_result, sparql_iri
from .header import Parameter, QueryInfo, find_query, list_queries, load_query, parse_query_text
from .ordering import OrderBy, order_keys
from .params import DISPLAY_PREFIXES, PARAM_TYPES, resolve_params
from .results import QueryResult
from .run import run_query, syntax_error_message
from .scopes import check_parameter_scopes
from .terms import XSD, term_value
from .tokens import Token, query_form, term_text, tokenize

__all__ = [
    "QueryError",
    "ParameterValueError",
    "BindingError",
    "Parameter",
    "QueryInfo",
    "QueryResult",
    "PreparedQuery",
    "PARAM_TYPES",
    "FORMATS",
    "DISPLAY_PREFIXES",
    "XSD",
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
    "bind_parameters",
    "strip_parameter_values",
    "check_parameter_scopes",
    "query_form",
    "tokenize",
    "Token",
    "term_text",
]
