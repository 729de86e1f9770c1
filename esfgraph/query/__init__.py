"""The query library's documented import path: ``from esfgraph.query import run_query``.

Everything lives in :mod:`esfgraph.sparql`; this module re-exports the names that
README, docs/queries.md and docs/architecture.md document, so code written against
``esfgraph.query`` keeps working.

Examples
--------
>>> from esfgraph.query import run_query, QueryResult
>>> run_query.__module__
'esfgraph.sparql.run'
"""

from ..sparql import (
    DISPLAY_PREFIXES,
    FORMATS,
    PARAM_TYPES,
    OrderBy,
    Parameter,
    ParameterValueError,
    QueryError,
    QueryInfo,
    QueryResult,
    find_query,
    format_result,
    list_queries,
    load_query,
    order_keys,
    parse_query_text,
    resolve_params,
    run_query,
    sparql_iri,
    syntax_error_message,
    term_value,
)

__all__ = [
    "QueryError",
    "ParameterValueError",
    "Parameter",
    "QueryInfo",
    "QueryResult",
    "PARAM_TYPES",
    "FORMATS",
    "DISPLAY_PREFIXES",
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
