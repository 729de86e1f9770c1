"""The networks as Gephi should see them: attributes, colours, sizes, positions, spells.

:func:`gephi_graph` turns an analysis (:class:`esfgraph.network.AnalysisResult`) into
one of three graphs ready for the writers:

- ``organisations``: the weighted organisation network. Node attributes ``type``,
  ``parent``, ``parent_label``, ``municipality_code``, ``county_code``, ``county``,
  ``country``, ``projects``, ``degree``, ``weighted_degree``, ``betweenness``,
  ``pagerank``, ``core_number``, ``cluster``; colour by organisation type, size by
  degree. Edge ``weight`` (shared projects), one count per kind of tie, the tie's
  ``evidence`` (``listed``, ``text`` or ``both``; :mod:`esfgraph.network.evidence`) with
  ``listed_count`` and ``text_count``, ``first_year``, ``last_year``, ``projects``.
- ``bipartite``: projects (grey, sized by their number of organisations) and
  organisations (coloured by type, sized by their number of projects); edges carry
  the roles, the ``evidence`` (``listed``, or ``text`` for an organisation named in the
  project's text only) and years.
- ``dynamic``: the organisation network with spells: an organisation exists while one
  of its projects runs, a tie while one of its shared projects runs (project start and
  end dates; overlapping periods merged).

Positions come from a seeded spring layout on networks of up to
:data:`SPRING_LIMIT` nodes, and from a cheap cluster-by-cluster spiral above that
(Gephi users run ForceAtlas 2 anyway; the spiral keeps clusters together to start from).

:func:`export_gephi` writes the build's ``gephi/`` folder.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import networkx as nx

from ..runtime import collector_paused
from .attributes import concept_key
from .csv import write_csv
from .errors import ExportError
from .gexf import write_gexf, write_gexf_files
from .graphml import write_graphml

__all__ = ["NETWORKS", "TYPE_COLOURS", "gephi_graph", "export_gephi", "merge_spells"]

NETWORKS = ("organisations", "bipartite", "dynamic")

#: Node colour per organisation type (a colour-blind-aware qualitative palette).
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "agency": (31, 119, 180),
    "agency_office": (120, 170, 220),
    "county_board": (255, 127, 14),
    "municipality": (44, 160, 44),
    "municipal_unit": (152, 223, 138),
    "region": (214, 39, 40),
    "regional_unit": (255, 152, 150),
    "coordination_association": (148, 103, 189),
    "study_association": (197, 176, 213),
    "folk_high_school": (140, 86, 75),
    "school": (196, 156, 148),
    "company": (227, 119, 194),
    "non_profit": (247, 182, 210),
    "social_enterprise": (188, 189, 34),
    "foreign": (23, 190, 207),
    "unknown": (127, 127, 127),
}
PROJECT_COLOUR = (205, 205, 205)

#: Largest network laid out with the spring layout.
SPRING_LIMIT = 1000
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def merge_spells(spells) -> list[tuple[str, str]]:
    """Merge overlapping ``(start, end)`` ISO date intervals.

    Examples
    --------
    >>> merge_spells([("2010-01-01", "2011-12-31"), ("2008-05-01", "2010-10-31"), ("2015-01-01", "2015-02-01")])
    [('2008-05-01', '2011-12-31'), ('2015-01-01', '2015-02-01')]
    """
    merged: list[list[str]] = []
    for start, end in sorted(spells):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _project_spell(info) -> tuple[str, str] | None:
    if not info.start:
        return None
    end = info.end if info.end and info.end >= info.start else info.start
    return info.start, end


def _size(value: float, largest: float) -> float:
    return round(5 + 35 * math.sqrt(value / largest), 2) if largest > 0 else 5.0


def _spiral_layout(graph: nx.Graph, membership: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Clusters as sunflower discs laid out on a sunflower spiral; no iteration, O(n)."""
    groups: dict[Any, list[str]] = {}
    for node in graph:
        groups.setdefault(membership.get(node, math.inf), []).append(node)
    positions, placed = {}, 0
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        members = groups[key]
        # Centre at the radius that leaves room for the nodes placed before this cluster.
        centre_r = 12.0 * math.sqrt(placed + len(members) / 2) * 1.6
        angle = placed * _GOLDEN_ANGLE
        cx, cy = centre_r * math.cos(angle), centre_r * math.sin(angle)
        for i, node in enumerate(members):
            r = 12.0 * math.sqrt(i)
            positions[node] = (cx + r * math.cos(i * _GOLDEN_ANGLE), cy + r * math.sin(i * _GOLDEN_ANGLE))
        placed += len(members)
    return positions


def _layout(graph: nx.Graph, membership: dict[str, int], seed: int) -> dict[str, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() <= SPRING_LIMIT:
        layout = nx.spring_layout(graph, seed=seed, weight="weight", scale=1000.0)
        return {n: (float(x), float(y)) for n, (x, y) in layout.items()}
    return _spiral_layout(graph, membership)


def _organisations(analysis, seed: int, dynamic: bool) -> nx.Graph:
    networks, scores, clustering = analysis.networks, analysis.scores, analysis.clustering
    source = networks.organisations
    positions = _layout(source, clustering.membership, seed)
    largest = max(scores.degree.values(), default=0)
    unknown = TYPE_COLOURS["unknown"]
    membership = clustering.membership

    def nodes():
        for org, data in source.nodes(data=True):
            degree = scores.degree.get(org)
            yield org, {
                "label": data.get("label"),
                "type": concept_key(data.get("type")),
                "parent": data.get("parent"),
                "parent_label": data.get("parent_label"),
                "municipality_code": data.get("municipality_code"),
                "county_code": data.get("county_code"),
                "county": data.get("county"),
                "country": data.get("country"),
                "projects": data.get("projects"),
                "degree": degree,
                "weighted_degree": scores.weighted_degree.get(org),
                "betweenness": round(scores.betweenness.get(org, 0.0), 8),
                "pagerank": round(scores.pagerank.get(org, 0.0), 8),
                "core_number": scores.core_number.get(org),
                "cluster": membership.get(org),
                "viz": {
                    "color": TYPE_COLOURS.get(data.get("type") or "unknown", unknown),
                    "size": _size(degree or 0, largest),
                    "position": positions[org],
                },
            }

    keys = ("weight", *networks.tie_kinds, "evidence", "listed_count", "text_count", "first_year", "last_year",
            "projects")
    graph = nx.Graph()
    graph.add_nodes_from(nodes())
    graph.add_edges_from((a, b, {k: data.get(k) for k in keys}) for a, b, data in source.edges(data=True))
    if dynamic:
        _add_spells(graph, analysis)
    return graph


def _add_spells(graph: nx.Graph, analysis) -> None:
    """Give the organisation graph's nodes and edges the ``spells`` of their projects, in place."""
    networks = analysis.networks
    project_spells = {p: _project_spell(info) for p, info in networks.projects.items()}
    org_projects: dict[str, list[str]] = {}
    for project, orgs in networks.members.items():
        for org in orgs:
            org_projects.setdefault(org, []).append(project)
    for org, data in graph.nodes(data=True):
        data["spells"] = merge_spells(s for s in (project_spells[p] for p in org_projects.get(org, ())) if s)
    for _, _, data in graph.edges(data=True):
        projects = data["projects"]
        if len(projects) == 1:  # most ties: one shared project, nothing to merge
            (project,) = projects
            spell = project_spells[project]
            data["spells"] = [spell] if spell else []
        else:
            data["spells"] = merge_spells(s for s in (project_spells[p] for p in projects) if s)


def _bipartite(analysis, seed: int) -> nx.Graph:
    networks = analysis.networks
    source = networks.bipartite
    positions = _layout(source, {}, seed)
    degree = dict(source.degree())
    largest_project = max((degree[n] for n, k in source.nodes(data="kind") if k == "project"), default=0)
    largest_org = max((degree[n] for n, k in source.nodes(data="kind") if k == "organisation"), default=0)
    graph = nx.Graph()
    for node, data in source.nodes(data=True):
        is_project = data["kind"] == "project"
        attrs = {k: v for k, v in data.items() if k != "bipartite"}
        if "type" in attrs:
            attrs["type"] = concept_key(attrs["type"])
        attrs["viz"] = {
            "color": PROJECT_COLOUR if is_project
            else TYPE_COLOURS.get(data.get("type") or "unknown", TYPE_COLOURS["unknown"]),
            "size": _size(degree[node], largest_project if is_project else largest_org),
            "position": positions[node],
        }
        graph.add_node(node, **attrs)
    for a, b, data in source.edges(data=True):
        graph.add_edge(a, b, weight=1, roles=data["roles"], evidence=data.get("evidence"),
                       start_year=data.get("start_year"), end_year=data.get("end_year"))
    return graph


def gephi_graph(analysis, network: str = "organisations", seed: int | None = None) -> nx.Graph:
    """Return one of the networks of ``analysis`` prepared for the Gephi writers.

    Parameters
    ----------
    analysis : esfgraph.network.AnalysisResult
        From :func:`esfgraph.network.analyze` or :func:`esfgraph.network.load_analysis`.
    network : {"organisations", "bipartite", "dynamic"}
    seed : int, optional
        Layout seed (default: the analysis seed).

    Returns
    -------
    networkx.Graph

    Raises
    ------
    ExportError
        On an unknown network name.
    """
    seed = analysis.seed if seed is None else seed
    if network == "organisations":
        return _organisations(analysis, seed, dynamic=False)
    if network == "dynamic":
        return _organisations(analysis, seed, dynamic=True)
    if network == "bipartite":
        return _bipartite(analysis, seed)
    raise ExportError(f"unknown network {network!r}; choose from {', '.join(NETWORKS)}")


def _description(analysis, network: str) -> str:
    what = {
        "organisations": "organisations linked by shared ESF projects (weight: shared projects)",
        "bipartite": "ESF projects and the organisations taking part in them",
        "dynamic": "organisations linked by shared ESF projects, over time (spells: project periods)",
    }[network]
    return f"esfgraph: {what}; level {analysis.level}; roles {', '.join(analysis.networks.roles)}"


def export_gephi(analysis, out_dir: str | Path) -> dict[str, Path]:
    """Write the Gephi files of an analysis into ``out_dir`` (a build's ``gephi/``).

    Files: ``organisations.gexf``, ``bipartite.gexf``, ``organisations_dynamic.gexf``,
    ``organisations.graphml``, ``organisations_nodes.csv``, ``organisations_edges.csv``.

    Parameters
    ----------
    analysis : esfgraph.network.AnalysisResult
    out_dir : str or pathlib.Path

    Returns
    -------
    dict
        File name -> path.

    Examples
    --------
    >>> from esfgraph.network import load_analysis
    >>> files = export_gephi(load_analysis(sample_build / "store"), out / "gephi")  # the sample pages' build
    >>> sorted(files)[0]
    'bipartite.gexf'
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # The writers make hundreds of thousands of short-lived strings and tuples next to the
    # build's large heap, and no reference cycle: the collector's walks over that heap
    # would cost a fifth of the export.
    with collector_paused():
        return _write_files(analysis, out)


def _write_files(analysis, out: Path) -> dict[str, Path]:
    # One graph at a time, and the dynamic one made from the static one (spells added
    # in place), so that a large network is held once, not three times; the static and
    # dynamic GEXF files are written in one pass, their attribute values formatted once.
    organisations = gephi_graph(analysis, "organisations")
    files = {"organisations.graphml": write_graphml(organisations, out / "organisations.graphml")}
    nodes, edges = write_csv(organisations, out / "organisations_nodes.csv", out / "organisations_edges.csv")
    files["organisations_nodes.csv"], files["organisations_edges.csv"] = nodes, edges
    _add_spells(organisations, analysis)  # GraphML would write them: after it; GEXF static ignores them
    files["organisations.gexf"], files["organisations_dynamic.gexf"] = write_gexf_files(organisations, [
        (out / "organisations.gexf", False, _description(analysis, "organisations")),
        (out / "organisations_dynamic.gexf", True, _description(analysis, "dynamic")),
    ])
    del organisations
    files["bipartite.gexf"] = write_gexf(gephi_graph(analysis, "bipartite"), out / "bipartite.gexf",
                                         description=_description(analysis, "bipartite"))
    return dict(sorted(files.items()))
