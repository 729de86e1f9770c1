"""The collaboration network: built from the store, analysed with NetworkX.

| module | does |
|---|---|
| :mod:`.rows` | what the networks read from the store: organisations, projects, participations (SPARQL rows) |
| :mod:`.networks` | the bipartite project–organisation network and its weighted projection |
| :mod:`.centrality` | degree, weighted degree, betweenness (exact or sampled), PageRank, k-core |
| :mod:`.clusters` | Louvain clusters, their names, modularity, stability across seeds |
| :mod:`.evidence` | what counts as a tie (printed lists, names in the text), coverage per programme period |
| :mod:`.recurring` | recurring pairs, recurring groups of three or more, cross-period partnerships |
| :mod:`.tables` | the CSV tables |
| :mod:`.writeback` | results into the store's analysis graph, and back out |
| :mod:`.engine` | which library computes the scores and clusters: NetworkX or igraph |
| :mod:`.layout` | positions for drawing a disconnected network: components packed largest first |
| :mod:`.report` | ``report.html`` and its PNG plots |
| :mod:`.analysis` | :func:`analyze`: all of the above in one call |

Examples
--------
>>> from esfgraph.network import analyze, networks_from_store
>>> result = analyze("build/demo/store", "build/demo/analysis")    # doctest: +SKIP
>>> result.partnerships[0].shared                                  # doctest: +SKIP
3
"""

from .analysis import AnalysisResult, analyze, analyze_networks, load_analysis
from .centrality import Centrality, centrality
from .clusters import Cluster, Clustering, find_clusters
from .engine import igraph_available
from .evidence import EVIDENCE, NATIONAL_TYPES, TEXT_MENTIONS, coverage_lines, pair_evidence, select_members
from .layout import PackedLayout, packed_layout
from .networks import LEVELS, TIE_KINDS, NetworkError, Networks, networks_from_store, normalise_roles
from .recurring import (
    Partnership,
    RecurringGroup,
    cross_period_partnerships,
    recurring_groups,
    recurring_partnerships,
)
from .rows import ProjectInfo, open_analysis_store, select_rows, smallest
from .writeback import analysis_ntriples, analysis_quads, read_back, write_back

__all__ = [
    "AnalysisResult",
    "analyze",
    "analyze_networks",
    "load_analysis",
    "Centrality",
    "centrality",
    "Cluster",
    "Clustering",
    "find_clusters",
    "EVIDENCE",
    "NATIONAL_TYPES",
    "TEXT_MENTIONS",
    "coverage_lines",
    "pair_evidence",
    "select_members",
    "PackedLayout",
    "packed_layout",
    "LEVELS",
    "TIE_KINDS",
    "NetworkError",
    "Networks",
    "ProjectInfo",
    "networks_from_store",
    "normalise_roles",
    "open_analysis_store",
    "select_rows",
    "smallest",
    "Partnership",
    "RecurringGroup",
    "cross_period_partnerships",
    "recurring_groups",
    "recurring_partnerships",
    "analysis_ntriples",
    "analysis_quads",
    "read_back",
    "write_back",
    "igraph_available",
]
