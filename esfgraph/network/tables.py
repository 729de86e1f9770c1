"""The analysis tables: CSV files with fixed columns, sorted, one row per thing.

| file | one row per | sorted by |
|---|---|---|
| ``centrality.csv`` | organisation | betweenness, weighted degree (both descending), IRI |
| ``clusters.csv`` | organisation in a cluster | cluster number, centrality inside the cluster |
| ``recurring_partnerships.csv`` | pair sharing 2+ projects | shared projects (descending), IRIs |
| ``recurring_groups.csv`` | group of 3+ sharing 2+ projects | shared projects, size (descending) |
| ``cross_period_partnerships.csv`` | pair in consecutive programme periods | shared projects (descending), IRIs |

Lists inside a cell (project IRIs, members, periods) are sorted and joined with ``;``.
Scores have eight decimals, so files compare byte for byte. Organisation types are spelled
as the vocabulary's concepts (``agency-office``, :func:`esfgraph.vocab.concept_key`), as in
the exports and SPARQL answers.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from ..vocab import concept_key
from .centrality import Centrality
from .clusters import Clustering
from .recurring import Partnership, RecurringGroup

__all__ = [
    "CENTRALITY_COLUMNS",
    "CLUSTER_COLUMNS",
    "PARTNERSHIP_COLUMNS",
    "GROUP_COLUMNS",
    "CROSS_PERIOD_COLUMNS",
    "READER_COLUMNS",
    "write_table",
    "centrality_rows",
    "cluster_rows",
    "partnership_rows",
    "group_rows",
    "cross_period_rows",
]

CENTRALITY_COLUMNS = (
    "org", "label", "type", "parent", "municipality_code", "county_code", "county", "projects",
    "degree", "weighted_degree", "betweenness", "pagerank", "core_number", "cluster",
)
CLUSTER_COLUMNS = ("cluster", "cluster_name", "cluster_size", "org", "label", "type", "degree", "weighted_degree")
#: What a reader needs without code, after the columns of the first round (DESIGN.md): the
#: tie's evidence and, per shared project in the order of ``projects``, its number, title,
#: ESF region and programme period; and the sum of the shared projects' ESF grants.
READER_COLUMNS = ("evidence", "project_numbers", "project_titles", "regions", "programme_periods", "esf_grant_sek")
PARTNERSHIP_COLUMNS = (
    "org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year", "last_year",
    *READER_COLUMNS,
)
GROUP_COLUMNS = ("group", "size", "members", "labels", "shared_projects", "projects", "first_year", "last_year")
CROSS_PERIOD_COLUMNS = (
    "org_a", "org_a_label", "org_b", "org_b_label", "periods", "shared_projects", "projects",
    "first_year", "last_year", *READER_COLUMNS,
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.8f}"
    if isinstance(value, (tuple, list)):
        return ";".join(str(v) for v in value)
    return str(value)


#: Cells the csv module writes as :func:`_cell` would (``None`` as empty, ``str(int)``), unconverted.
_AS_IS = frozenset({str, int, type(None)})


def write_table(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Path:
    """Write ``rows`` (dicts) as CSV with exactly ``columns``, UTF-8, ``\\n`` line ends.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> path = write_table(Path(tempfile.mkdtemp()) / "t.csv", ["a", "b", "c"],
    ...                    [{"a": 0.5, "b": ("x", 1)}, {"a": None, "b": "y;z", "c": 3}])
    >>> path.read_text()
    'a,b,c\\n0.50000000,x;1,\\n,y;z,3\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(columns)
    as_is = _AS_IS
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        # Hundreds of thousands of cells at 10,000 pages: most are strings and integers,
        # which the csv module writes itself exactly as _cell would.
        writer.writerows([v if type(v) in as_is else _cell(v) for v in map(row.get, columns)] for row in rows)
    return path


def _label(graph: nx.Graph, org: str) -> str:
    return graph.nodes[org].get("label") or org


def centrality_rows(graph: nx.Graph, scores: Centrality, clustering: Clustering) -> list[dict[str, Any]]:
    """Rows of ``centrality.csv``, most between first."""
    rows = []
    for org in scores.ranked("betweenness"):
        node = graph.nodes[org]
        rows.append({
            "org": org, **{k: node.get(k) for k in CENTRALITY_COLUMNS[1:8]}, "type": concept_key(node.get("type")),
            "degree": scores.degree[org], "weighted_degree": scores.weighted_degree[org],
            "betweenness": scores.betweenness[org], "pagerank": scores.pagerank[org],
            "core_number": scores.core_number[org], "cluster": clustering.membership.get(org),
        })
    return rows


def cluster_rows(graph: nx.Graph, scores: Centrality, clustering: Clustering) -> list[dict[str, Any]]:
    """Rows of ``clusters.csv``, by cluster then centrality inside it."""
    return [
        {
            "cluster": c.number, "cluster_name": c.name, "cluster_size": c.size, "org": org,
            "label": _label(graph, org), "type": concept_key(graph.nodes[org].get("type")),
            "degree": scores.degree[org], "weighted_degree": scores.weighted_degree[org],
        }
        for c in clustering.clusters
        for org in c.members
    ]


def _list_item(value: Any) -> str:
    """One entry of a ``;``-joined list: empty when unknown, and never a ``;`` of its own
    (page text is untrusted; a title's ``;`` becomes ``,`` so that the list splits right)."""
    if value is None:
        return ""
    return " ".join(str(value).replace(";", ",").split())


def _project_cells(info) -> tuple[str, str, str, str]:
    """A shared project's number, title, region and period, as list entries."""
    return (_list_item(getattr(info, "number", None)), _list_item(getattr(info, "title", None)),
            _list_item(getattr(info, "region", None)), _list_item(getattr(info, "period", None)))


def _reader_cells(p: Partnership, projects: dict | None, cells: dict[str, tuple]) -> dict[str, Any]:
    """The reader's columns of one pair; ``cells`` keeps each project's entries (projects recur across pairs)."""
    projects = projects or {}
    infos = [projects.get(iri) for iri in p.projects]
    entries = []
    for iri, info in zip(p.projects, infos):
        found = cells.get(iri)
        if found is None:
            found = cells[iri] = _project_cells(info)
        entries.append(found)
    grants = [info.grant for info in infos if info is not None and info.grant is not None]
    return {
        "evidence": p.evidence,
        "project_numbers": [e[0] for e in entries],
        "project_titles": [e[1] for e in entries],
        "regions": [e[2] for e in entries],
        "programme_periods": [e[3] for e in entries],
        "esf_grant_sek": sum(grants) if grants else None,
    }


def partnership_rows(graph: nx.Graph, partnerships: list[Partnership], projects: dict | None = None
                     ) -> list[dict[str, Any]]:
    """Rows of ``recurring_partnerships.csv`` (the columns DESIGN.md fixes).

    ``projects`` (project IRI -> :class:`~esfgraph.network.ProjectInfo`, as
    ``Networks.projects``) fills the reader's columns; without it they are empty.
    """
    cells: dict[str, tuple] = {}
    return [
        {
            "org_a": p.org_a, "org_a_label": _label(graph, p.org_a),
            "org_b": p.org_b, "org_b_label": _label(graph, p.org_b),
            "shared_projects": p.shared, "projects": p.projects,
            "first_year": p.first_year, "last_year": p.last_year,
            **_reader_cells(p, projects, cells),
        }
        for p in partnerships
    ]


def group_rows(graph: nx.Graph, groups: list[RecurringGroup]) -> list[dict[str, Any]]:
    """Rows of ``recurring_groups.csv``, numbered from 1."""
    return [
        {
            "group": i, "size": len(g.members), "members": g.members,
            "labels": " | ".join(_label(graph, m) for m in g.members),
            "shared_projects": g.shared, "projects": g.projects,
            "first_year": g.first_year, "last_year": g.last_year,
        }
        for i, g in enumerate(groups, start=1)
    ]


def cross_period_rows(graph: nx.Graph, partnerships: list[Partnership], projects: dict | None = None
                      ) -> list[dict[str, Any]]:
    """Rows of ``cross_period_partnerships.csv``."""
    return [
        {**row, "periods": p.periods}
        for row, p in zip(partnership_rows(graph, partnerships, projects), partnerships)
    ]
