"""Build the collaboration networks from the store.

Two networks come out of the same three reads of the store (participations,
organisations, projects; :mod:`esfgraph.network.rows`), so they describe exactly the
graph that researchers query:

- the *bipartite* network: projects and organisations, one edge per organisation's part
  in a project, carrying its role(s) and the project's dates and years;
- the *organisation* network: the projection onto organisations, one edge per pair that
  shares a project, weighted by the number of shared projects, with a separate count per
  kind of tie (:data:`TIE_KINDS`).

Pairs are counted in Python from each project's member list: on 10,000 projects that
takes a fraction of a second where ``networkx.bipartite.weighted_projected_graph`` takes
many seconds and a SPARQL ``GROUP BY`` over pairs takes longer still.

Examples
--------
>>> from esfgraph.network import networks_from_store
>>> networks = networks_from_store("build/demo/store")          # doctest: +SKIP
>>> networks.organisations.number_of_nodes()                     # doctest: +SKIP
12
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from ..model import LISTED_ROLES, ROLES
from ..runtime.errors import InputError
from .evidence import EVIDENCE, TEXT_MENTIONS, check_text_mentions, coverage, pair_evidence, select_grouped_members
from .rows import ProjectInfo, open_analysis_store, read_organisations, read_participations, read_projects

__all__ = [
    "LEVELS",
    "TIE_KINDS",
    "TEXT_MENTIONS",
    "EVIDENCE",
    "NetworkError",
    "Networks",
    "networks_from_store",
    "normalise_roles",
    "tie_kind",
]

#: Levels of analysis: organisations as resolved, or rolled up to their parent.
LEVELS: tuple[str, ...] = ("unit", "parent")

#: Kinds of tie between two organisations in one project, in the order they are
#: reported. Each shared project counts under exactly one kind (see :func:`tie_kind`),
#: so the kinds of an edge add up to its ``weight``.
TIE_KINDS: tuple[str, ...] = ("co_financing", "partnership", "transnational", "mentioned")

class NetworkError(InputError):
    """Bad input to the network stage (unknown role or level), one line; exit code 2."""


@dataclass
class Networks:
    """The bipartite and the organisation network of one store, at one level.

    Attributes
    ----------
    bipartite : networkx.Graph
        Projects (``kind="project"``) and organisations (``kind="organisation"``);
        edges carry ``roles`` (tuple, in :data:`~esfgraph.model.ROLES` order),
        ``evidence`` (``listed``, or ``text`` when named in the text only), ``start``,
        ``end``, ``start_year``, ``end_year``.
    organisations : networkx.Graph
        Every organisation with a part in a selected role (isolated ones too); node
        attributes ``label``, ``type``, ``parent``, ``parent_label``,
        ``municipality_code``, ``county_code``, ``county``, ``country``, ``projects``
        (count); edges ``weight`` (shared projects), one count per kind in
        ``tie_kinds``, ``projects`` (sorted IRIs), ``first_year``, ``last_year``,
        ``first_date``, ``last_date``, and the tie's evidence
        (:mod:`esfgraph.network.evidence`): ``listed_count`` and ``text_count`` (shared
        projects of each kind), ``evidence`` (``listed``, ``text`` or ``both``) and
        ``project_evidence`` (per shared project, in the order of ``projects``).
    projects : dict
        Project IRI -> :class:`ProjectInfo`, for projects with at least one member.
    members : dict
        Project IRI -> {organisation IRI -> tuple of roles}, at this level.
    level, roles, tie_kinds, text_mentions, include_national
        How the networks were built.
    coverage : list of dict
        Per programme period: projects, projects with two or more organisations by
        evidence, ties (:func:`esfgraph.network.evidence.coverage`).
    """

    bipartite: nx.Graph
    organisations: nx.Graph
    projects: dict[str, ProjectInfo]
    members: dict[str, dict[str, tuple[str, ...]]]
    level: str = "unit"
    roles: tuple[str, ...] = LISTED_ROLES
    tie_kinds: tuple[str, ...] = TIE_KINDS[:3]
    base: str | None = None  # IRI base the data uses, inferred from organisation IRIs
    organisation_info: dict[str, dict[str, Any]] = field(default_factory=dict)
    text_mentions: str = "unlisted"
    include_national: bool = False
    coverage: list[dict[str, Any]] = field(default_factory=list)


def normalise_roles(roles: Iterable[str] | str | None) -> tuple[str, ...]:
    """Return roles as a tuple of role keys in :data:`~esfgraph.model.ROLES` order.

    Parameters
    ----------
    roles : iterable of str, str or None
        Role keys (``co_financier``), their hyphenated forms (``co-financier``), or
        one comma-separated string; ``None`` means every role (``mentioned`` then counts
        as :mod:`esfgraph.network.evidence` says).

    Returns
    -------
    tuple of str

    Raises
    ------
    NetworkError
        On an unknown role or an empty selection.

    Examples
    --------
    >>> normalise_roles("partner,owner")
    ('owner', 'partner')
    """
    if roles is None:
        return ROLES
    if isinstance(roles, str):
        roles = roles.split(",")
    wanted = {r.strip().replace("-", "_") for r in roles if r and r.strip()}
    unknown = sorted(wanted - set(ROLES))
    if unknown:
        raise NetworkError(f"unknown role {unknown[0]!r}; choose from {', '.join(ROLES)}")
    if not wanted:
        raise NetworkError(f"no roles selected; choose from {', '.join(ROLES)}")
    return tuple(r for r in ROLES if r in wanted)


def tie_kind(roles_a: Iterable[str], roles_b: Iterable[str]) -> str:
    """Return the kind of tie between two organisations in one project.

    The tie takes the most specific role either of the two holds: a transnational
    partner makes it ``transnational``, else a partner (or two joint owners) makes it
    ``partnership``, else a co-financier makes it ``co_financing``, else ``mentioned``.

    Examples
    --------
    >>> tie_kind(["owner"], ["co_financier"])
    'co_financing'
    >>> tie_kind(["co_financier"], ["partner"])
    'partnership'
    """
    both = set(roles_a) | set(roles_b)
    if "transnational_partner" in both:
        return "transnational"
    if "partner" in both:
        return "partnership"
    if "co_financier" in both:
        return "co_financing"
    if "mentioned" in both:
        return "mentioned"
    return "partnership"  # two owners of one project run it jointly


def _root(org: str, info: dict[str, dict[str, Any]]) -> str:
    """The top of ``org``'s ``org:unitOf`` chain (cycles stop where they repeat)."""
    seen = {org}
    while (parent := (info.get(org) or {}).get("parent")) and parent not in seen:
        seen.add(parent)
        org = parent
    return org


def _infer_base(orgs: Iterable[str]) -> str | None:
    for iri in orgs:
        cut = iri.find("/org/")
        if cut > 0:
            return iri[: cut + 1]
    return None


def _fallback_label(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- building

def networks_from_store(store, level: str = "unit", roles: Iterable[str] | str | None = None,
                        text_mentions: str = "unlisted", include_national: bool = False) -> Networks:
    """Build the bipartite and the organisation network of a store.

    Parameters
    ----------
    store : pyoxigraph.Store or str or pathlib.Path
        An open store, or the folder of an embedded store (opened read-only).
    level : {"unit", "parent"}
        ``"unit"`` keeps organisations as resolved (a local office is its own node);
        ``"parent"`` rolls every unit up to the top of its ``org:unitOf`` chain.
    roles : iterable of str
        The roles that count (default: all; ``mentioned`` counts as ``text_mentions`` says).
    text_mentions : {"unlisted", "all", "none"}
        Where organisations named in the text are collaboration evidence: on pages that
        print no lists (default), on every page, or nowhere
        (:mod:`esfgraph.network.evidence`).
    include_national : bool
        Count text mentions of a national agency as a whole ("Arbetsförmedlingen") too.

    Returns
    -------
    Networks

    Raises
    ------
    NetworkError
        On an unknown level or role, or a folder that is not a store.

    Examples
    --------
    >>> nets = networks_from_store("build/demo/store", level="parent")  # doctest: +SKIP
    >>> nets.organisations.edges["https://w3id.org/esfgraph/id/org/arbetsformedlingen",
    ...                          "https://w3id.org/esfgraph/id/org/kommun-0665"]["weight"]  # doctest: +SKIP
    3
    """
    roles = _checked_options(level, roles, text_mentions)
    if isinstance(store, (str, Path)):
        store = open_analysis_store(store, read_only=True)
    info, projects_all, participations = _read_store(store, roles)
    selected, left_out = select_grouped_members(participations,
                                                {org: entry["type"] for org, entry in info.items()},
                                                text_mentions, include_national,
                                                {org: entry["parent"] for org, entry in info.items()})
    frozen = _frozen_members(selected, info, level)
    projects = {p: projects_all.get(p) or ProjectInfo(p) for p in frozen}
    kinds = tuple(k for k in TIE_KINDS if k != "mentioned" or "mentioned" in roles)
    org_nodes = sorted({o for ms in frozen.values() for o in ms})
    node_info = {o: _node_attributes(o, info) for o in org_nodes}
    if level == "parent":
        for attrs in node_info.values():
            attrs["parent"] = attrs["parent_label"] = None

    bipartite = _bipartite(frozen, projects, node_info)
    organisations = _projection(frozen, projects, node_info, kinds)
    ties = ((data["projects"], data["project_evidence"]) for _, _, data in organisations.edges(data=True))
    covered = coverage(frozen, {iri: p.period for iri, p in projects_all.items()}, ties, left_out)
    return Networks(
        bipartite=bipartite,
        organisations=organisations,
        projects=projects,
        members=frozen,
        level=level,
        roles=roles,
        tie_kinds=kinds,
        base=_infer_base(org_nodes),
        organisation_info=node_info,
        text_mentions=text_mentions,
        include_national=include_national,
        coverage=covered,
    )


def _read_store(store, roles: tuple[str, ...]):
    """Organisations, projects and participations, read side by side.

    Oxigraph evaluates a query without holding the interpreter lock, so the three reads
    overlap on a second core (at 10,000 pages they take 0.3, 0.5 and 0.6 s of CPU).
    Each builds its own dict, so the results do not depend on which finishes first.
    """
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="esfgraph-read") as pool:
        organisations = pool.submit(read_organisations, store)
        projects = pool.submit(read_projects, store)
        participations = read_participations(store, roles)
        return organisations.result(), projects.result(), participations


def _checked_options(level: str, roles, text_mentions: str) -> tuple[str, ...]:
    """The roles that count, once the level, roles and text-mentions choice are known good."""
    if level not in LEVELS:
        raise NetworkError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    roles = normalise_roles(roles)
    try:
        check_text_mentions(text_mentions)
    except ValueError as error:
        raise NetworkError(str(error)) from None
    if text_mentions == "none":
        roles = tuple(r for r in roles if r != "mentioned") or LISTED_ROLES
    return roles


def _frozen_members(selected: dict[str, dict[str, set[str]]], info: dict[str, dict[str, Any]],
                    level: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Project -> {organisation -> roles in :data:`ROLES` order}, sorted, at ``level``."""
    if level == "parent":
        rolled: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for project, orgs in selected.items():
            for org, org_roles in orgs.items():
                rolled[project][_root(org, info)].update(org_roles)
        selected = rolled
    ordered: dict[frozenset, tuple[str, ...]] = {}  # a handful of distinct role sets

    def in_order(roles: set[str]) -> tuple[str, ...]:
        key = frozenset(roles)
        found = ordered.get(key)
        if found is None:
            found = ordered[key] = tuple(r for r in ROLES if r in key)
        return found

    return {p: {o: in_order(rs) for o, rs in sorted(ms.items())} for p, ms in sorted(selected.items())}


def _node_attributes(org: str, info: dict[str, dict[str, Any]]) -> dict[str, Any]:
    entry = info.get(org, {})
    parent = entry.get("parent")
    return {
        "label": entry.get("label") or _fallback_label(org),
        "type": entry.get("type") or "unknown",
        "parent": parent,
        "parent_label": (info.get(parent, {}).get("label") if parent else None),
        "municipality_code": entry.get("municipality_code"),
        "county_code": entry.get("county_code"),
        "county": entry.get("county"),
        "country": entry.get("country"),
    }


def _bipartite(members, projects, node_info) -> nx.Graph:
    graph = nx.Graph(kind="bipartite")
    graph.add_nodes_from(
        (iri, {"kind": "project", "bipartite": 0, "label": p.title or _fallback_label(iri), "start": p.start,
               "end": p.end, "start_year": p.start_year, "end_year": p.end_year, "period": p.period})
        for iri, p in projects.items()
    )
    graph.add_nodes_from((org, {"kind": "organisation", "bipartite": 1, **attrs}) for org, attrs in node_info.items())
    graph.add_edges_from(
        (project, org, {"roles": roles, "evidence": "listed" if _listed(roles) else "text", "start": p.start,
                        "end": p.end, "start_year": p.start_year, "end_year": p.end_year})
        for project, orgs in members.items()
        for p in (projects[project],)
        for org, roles in orgs.items()
    )
    return graph


_LISTED_SET = frozenset(LISTED_ROLES)


def _listed(roles: tuple[str, ...]) -> bool:
    return not _LISTED_SET.isdisjoint(roles)


def _projection(members, projects, node_info, kinds) -> nx.Graph:
    """The organisation network: pairs counted with integer ids, one pass over the projects.

    ``members`` and ``node_info`` are sorted by IRI, so organisation ``i`` < ``j`` as
    integers exactly when it is as IRIs, a pair's key ``i * n + j`` sorts as the pair,
    and each pair's project list fills in sorted order.
    """
    orgs = list(node_info)
    index = {org: i for i, org in enumerate(orgs)}
    n = len(orgs)
    kind_position = {kind: i for i, kind in enumerate(kinds)}
    # (roles of a, roles of b) -> 2 * (position in kinds) + (1 when the pair is named in text only)
    code_of: dict[tuple, int] = {}
    pair_projects: dict[int, list[int]] = {}
    pair_codes: dict[int, list[int]] = {}
    project_count = [0] * n
    for number, orgs_in_project in enumerate(members.values()):
        ids = [index[org] for org in orgs_in_project]
        role_sets = list(orgs_in_project.values())
        for i in ids:
            project_count[i] += 1
        for x in range(len(ids) - 1):
            base, roles_a = ids[x] * n, role_sets[x]
            for y in range(x + 1, len(ids)):
                key = base + ids[y]
                code = code_of.get((roles_a, role_sets[y]))
                if code is None:
                    code = code_of[(roles_a, role_sets[y])] = (
                        2 * kind_position[tie_kind(roles_a, role_sets[y])]
                        + (not (_listed(roles_a) and _listed(role_sets[y]))))
                shared = pair_projects.get(key)
                if shared is None:
                    pair_projects[key] = [number]
                    pair_codes[key] = [code]
                else:
                    shared.append(number)
                    pair_codes[key].append(code)

    graph = nx.Graph(kind="organisations")
    graph.add_nodes_from((org, {"projects": project_count[i], **node_info[org]}) for i, org in enumerate(orgs))
    tie = _tie_maker(list(members), [projects[p] for p in members], kinds)
    graph.add_edges_from((orgs[key // n], orgs[key % n], tie(pair_projects[key], pair_codes[key]))
                         for key in sorted(pair_projects))
    return graph


def _tie_maker(project_list: list[str], info: list[ProjectInfo], kinds: tuple[str, ...]):
    """Return ``tie(shared, codes)``: the attributes of an edge from its shared projects'
    numbers and their codes (``2 * kind position + text``, as :func:`_projection` counts).

    Most ties share one project, and all pairs of one project with one code have the same
    attributes: those are made once and handed out again (``add_edges_from`` copies them
    into each edge's own dict).
    """
    evidence_of = ("listed", "text")
    single: dict[tuple[int, int], dict[str, Any]] = {}

    def tie(shared: list[int], codes: list[int]) -> dict[str, Any]:
        if len(shared) == 1:
            key = (shared[0], codes[0])
            found = single.get(key)
            if found is None:
                found = single[key] = attributes(shared, codes)
            return found
        return attributes(shared, codes)

    def attributes(shared: list[int], codes: list[int]) -> dict[str, Any]:
        counts = [0] * len(kinds)
        for code in codes:
            counts[code >> 1] += 1
        text_count = sum(code & 1 for code in codes)
        if len(shared) == 1:  # most ties: one shared project
            p = info[shared[0]]
            first_year = last_year = p.start_year
            first_date, last_date = p.start or None, p.end or None
        else:
            years = [info[p].start_year for p in shared if info[p].start_year is not None]
            starts = [info[p].start for p in shared if info[p].start]
            ends = [info[p].end for p in shared if info[p].end]
            first_year, last_year = (min(years), max(years)) if years else (None, None)
            first_date, last_date = min(starts) if starts else None, max(ends) if ends else None
        return {"weight": len(shared), **dict(zip(kinds, counts)),
                "projects": tuple([project_list[p] for p in shared]),
                "first_year": first_year, "last_year": last_year, "first_date": first_date, "last_date": last_date,
                "listed_count": len(shared) - text_count, "text_count": text_count,
                "evidence": pair_evidence(len(shared) - text_count, text_count),
                "project_evidence": tuple([evidence_of[code & 1] for code in codes])}

    return tie
