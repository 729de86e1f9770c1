"""The explorer: a web interface to one store for people who do not write SPARQL.

``esfgraph serve`` runs it (see :mod:`esfgraph.serve`); the URL contract is in
docs/explorer.md.

| module | does |
|---|---|
| :mod:`.index` | the in-memory index of a store: organisations, projects, participations |
| :mod:`.search` | search by any spelling (the build's resolver, then rapidfuzz) |
| :mod:`.filters` | the partnership filters of a request, parsed and checked |
| :mod:`.members` | who counts in a project and the pairs they make (the analysis's rule); an organisation's partners |
| :mod:`.pairs` | the partnership table: every pair's projects as arrays once per generation, counted per request |
| :mod:`.partnerships` | the table's rows as values, CSV and GEXF |
| :mod:`.network` | the network view's data, laid out in Python, coloured by cluster |
| :mod:`.pages` | what the organisation, project and partnership pages show |
| :mod:`.rdfview` | a resource's triples and their Turtle, JSON-LD, N-Triples |
| :mod:`.generation` | one generation of the store, and the watcher that follows its folder |
| :mod:`.app` | the WSGI application: routes, escaping, CSP, the ``/query`` hand-over |

Examples
--------
>>> from esfgraph.explorer import StoreWatcher, ExplorerApp
>>> app = ExplorerApp(StoreWatcher("build/demo/store"))          # doctest: +SKIP
"""

from .app import CSP, ExplorerApp
from .generation import Generation, StoreWatcher, open_generation, signature
from .index import ExplorerIndex, build_index
from .filters import FilterError, PartnershipFilter
from .members import PairRow, is_national, pair_projects, project_members
from .pairs import PairTable, filter_partnerships
from .partnerships import CSV_COLUMNS, partnership_csv, partnership_gexf
from .search import Searcher, normalise

__all__ = [
    "CSP",
    "ExplorerApp",
    "Generation",
    "StoreWatcher",
    "open_generation",
    "signature",
    "ExplorerIndex",
    "build_index",
    "CSV_COLUMNS",
    "FilterError",
    "PartnershipFilter",
    "filter_partnerships",
    "PairRow",
    "PairTable",
    "is_national",
    "pair_projects",
    "project_members",
    "partnership_csv",
    "partnership_gexf",
    "Searcher",
    "normalise",
]
