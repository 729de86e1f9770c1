"""The query library's documented import path: ``from esfgraph.query import run_query``.

Everything lives in :mod:`esfgraph.sparql`; this module re-exports all of it, so code
written against ``esfgraph.query`` (README, docs/queries.md, docs/architecture.md) keeps
working.

Examples
--------
>>> from esfgraph.query import run_query, QueryResult, ParameterValueError
>>> run_query.__module__
'esfgraph.sparql.run'
"""

from ..sparql import *  # noqa: F403 (the whole public API, by design)
from ..sparql import __all__  # noqa: F401
