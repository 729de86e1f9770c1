"""Build the collaboration networks from the store, through SPARQL.

Two networks come out of the same three queries (participations, organisations,
projects), so they describe exactly the graph that researchers query:

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

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import networkx as nx

from ..model import LISTED_ROLES, ROLES
from ..vocab import ORGTYPE, PERIOD, PREFIXES, REGION, ROLE, role_concept
from .evidence import EVIDENCE, TEXT_MENTIONS, check_text_mentions, coverage, pair_evidence, select_members

__all__ = [
    "LEVELS",
    "TIE_KINDS",
    "TEXT_MENTIONS",
    "EVIDENCE",
    "NetworkError",
    "ProjectInfo",
    "Networks",
    "open_analysis_store",
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

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class NetworkError(Exception):
    """Bad input to the network stage (unknown role or level), one line."""


@dataclass(frozen=True)
class ProjectInfo:
    """What the networks need to know about one project."""

    iri: str
    title: str | None = None
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date
    start_year: int | None = None
    end_year: int | None = None
    period: str | None = None  # programme period key, e.g. "2007-2013"
    number: str | None = None  # project number (else diary number) as printed
    region: str | None = None  # ESF region: its name (the concept's label), else as printed
    grant: int | None = None  # ESF grant, SEK


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


def open_analysis_store(store_dir: str | Path, read_only: bool = True):
    """Open the embedded store at ``store_dir`` (see :func:`esfgraph.store.open_store`).

    Raises
    ------
    esfgraph.store.StoreError
        When ``store_dir`` is missing, not a store, locked or damaged (one line).
    """
    from ..store import open_store  # noqa: PLC0415 - the network stage calls the store stage

    return open_store(store_dir, read_only=read_only)


# --------------------------------------------------------------------------- queries

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

# Each property is read in a subquery of its own: Oxigraph joins subqueries by hashing,
# where a basic graph pattern looks every participation or project up on disk in turn
# (at 100,000 projects 4 s against 7.5 s for the participations, 1.8 s against 2.8 s
# for the projects).
_PARTICIPATIONS = _PROLOGUE + """
SELECT ?project ?org ?role WHERE {
  { SELECT ?participation ?role WHERE { VALUES ?role { %s } ?participation org:role ?role } }
  { SELECT ?participation ?project WHERE { ?participation esf:project ?project } }
  { SELECT ?participation ?org WHERE { ?participation esf:organisation ?org } }
}"""

_ORGANISATIONS = _PROLOGUE + """
SELECT ?org ?label ?type ?parent ?mcode ?ccode ?county ?country WHERE {
  { SELECT DISTINCT ?org WHERE { VALUES ?class { org:Organization org:OrganizationalUnit } ?org a ?class } }
  OPTIONAL { SELECT ?org ?label WHERE { ?org rdfs:label ?label } }
  OPTIONAL { SELECT ?org ?type WHERE { ?org esf:orgType ?type } }
  OPTIONAL { SELECT ?org ?parent WHERE { ?org org:unitOf ?parent } }
  OPTIONAL {
    SELECT ?org ?mcode ?ccode ?county WHERE {
      { SELECT ?org ?place WHERE { VALUES ?link { esf:locatedIn esf:governs } ?org ?link ?place } }
      {
        # Each place once: a municipality (with its county) or a county (regions, county boards).
        SELECT ?place ?mcode (COALESCE(?ccode_of_municipality, ?ccode_of_county) AS ?ccode)
               (COALESCE(?county_of_municipality, ?county_itself) AS ?county) WHERE {
          { SELECT DISTINCT ?place WHERE { VALUES ?link { esf:locatedIn esf:governs } ?any ?link ?place } }
          OPTIONAL { ?place esf:municipalityCode ?mcode }
          OPTIONAL { ?place esf:county ?c .
                     OPTIONAL { ?c esf:countyCode ?ccode_of_municipality }
                     OPTIONAL { ?c rdfs:label ?county_of_municipality } }
          OPTIONAL { ?place a esf:County .
                     OPTIONAL { ?place esf:countyCode ?ccode_of_county }
                     OPTIONAL { ?place rdfs:label ?county_itself } }
        }
      }
    }
  }
  OPTIONAL { SELECT ?org ?country WHERE { ?org esf:country ?co . ?co esf:isoCode ?country } }
}"""

_PROJECTS = _PROLOGUE + """
SELECT ?project ?title ?start ?end ?year ?period ?number ?diary ?region ?regionText ?grant WHERE {
  { SELECT ?project WHERE { ?project a esf:Project } }
  OPTIONAL { SELECT ?project ?title WHERE { ?project dcterms:title ?title } }
  OPTIONAL { SELECT ?project ?number WHERE { ?project esf:projectNumber ?number } }
  OPTIONAL { SELECT ?project ?diary WHERE { ?project esf:diaryNumber ?diary } }
  OPTIONAL { SELECT ?project ?region WHERE { ?project esf:region ?region } }
  OPTIONAL { SELECT ?project ?regionText WHERE { ?project esf:regionText ?regionText } }
  OPTIONAL { SELECT ?project ?grant WHERE { ?project esf:esfGrantSEK ?grant } }
  OPTIONAL { SELECT ?project ?start WHERE { ?project schema:startDate ?start } }
  OPTIONAL { SELECT ?project ?end WHERE { ?project schema:endDate ?end } }
  OPTIONAL { SELECT ?project ?year WHERE { ?project esf:startYear ?year } }
  OPTIONAL { SELECT ?project ?period WHERE { ?project esf:programmePeriod ?period } }
}"""


def _select(store, query: str) -> Iterator[tuple[str | None, ...]]:
    """Run a SELECT and yield its rows as tuples of plain strings (``None`` when unbound).

    Rows stream in the engine's order, which is not defined: callers must not depend on
    it (they keep sets, or the smallest value, never "the first one seen").
    """
    for solution in store.query(query):  # a solution iterates its variables' terms, None when unbound
        yield tuple([None if term is None else term.value for term in solution])


def _role_key(iri: str) -> str | None:
    prefix = str(ROLE)
    if not iri.startswith(prefix):
        return None
    key = iri[len(prefix):].replace("-", "_")
    return key if key in ROLES else None


def _concept_key(iri: str | None, namespace) -> str | None:
    if iri is None:
        return None
    prefix = str(namespace)
    return iri[len(prefix):].replace("-", "_") if iri.startswith(prefix) else iri


def _iso_date(text: str | None) -> str | None:
    return text if text and _DATE.match(text) else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _period_for_year(year: int | None) -> str | None:
    """Programme period of a start year, for projects whose period is not stated."""
    if year is None:
        return None
    for first, last in ((2000, 2006), (2007, 2013), (2014, 2020), (2021, 2027)):
        if first <= year <= last:
            return f"{first}-{last}"
    return None


def _first(current, new):
    """Keep the smallest non-empty value: the same choice whatever order rows come in."""
    if new in (None, ""):
        return current
    return new if current in (None, "") or new < current else current


def _read_organisations(store) -> dict[str, dict[str, Any]]:
    info: dict[str, dict[str, Any]] = {}
    for org, label, otype, parent, mcode, ccode, county, country in _select(store, _ORGANISATIONS):
        entry = info.setdefault(org, dict.fromkeys(
            ("label", "type", "parent", "municipality_code", "county_code", "county", "country")
        ))
        entry["label"] = _first(entry["label"], label)
        entry["type"] = _first(entry["type"], _concept_key(otype, ORGTYPE))
        entry["parent"] = _first(entry["parent"], parent if parent != org else None)
        entry["municipality_code"] = _first(entry["municipality_code"], mcode)
        entry["county_code"] = _first(entry["county_code"], ccode)
        entry["county"] = _first(entry["county"], county)
        entry["country"] = _first(entry["country"], country)
    for entry in info.values():
        # A municipality code's first two digits are its county's code.
        if entry["county_code"] is None and entry["municipality_code"]:
            entry["county_code"] = entry["municipality_code"][:2]
    return info


_PROJECT_KEYS = ("title", "start", "end", "year", "period", "number", "diary", "region", "region_text", "grant")


def _read_projects(store) -> dict[str, ProjectInfo]:
    found: dict[str, dict[str, Any]] = {}
    for project, title, start, end, year, period, number, diary, region, region_text, grant in _select(
            store, _PROJECTS):
        entry = found.setdefault(project, dict.fromkeys(_PROJECT_KEYS))
        for key, value in (("title", title), ("start", _iso_date(start)), ("end", _iso_date(end)),
                           ("year", _int(year)), ("period", _concept_key(period, PERIOD)), ("number", number),
                           ("diary", diary), ("region", region), ("region_text", region_text),
                           ("grant", _int(grant))):
            entry[key] = _first(entry[key], value)
    projects = {}
    region_names: dict[str | None, str | None] = {}  # a handful of regions, ~0.2 ms per label lookup
    for iri, e in found.items():
        start_year = e["year"] if e["year"] is not None else (int(e["start"][:4]) if e["start"] else None)
        end_year = int(e["end"][:4]) if e["end"] else start_year
        period = e["period"].replace("_", "-") if e["period"] else _period_for_year(start_year)
        projects[iri] = ProjectInfo(iri, e["title"], e["start"], e["end"], start_year, end_year, period,
                                    e["number"] or e["diary"], _cached_region_name(region_names, e["region"]) or e["region_text"],
                                    e["grant"])
    return projects


def _cached_region_name(names: dict[str | None, str | None], concept: str | None) -> str | None:
    if concept not in names:
        names[concept] = _region_name(concept)
    return names[concept]


def _region_name(concept: str | None) -> str | None:
    """The Swedish label of an ESF region concept (from the shipped concept scheme)."""
    if not concept or not concept.startswith(str(REGION)):
        return None
    from rdflib import URIRef  # noqa: PLC0415

    from ..rdf import concept_index  # noqa: PLC0415 - the concept schemes are the rdf stage's

    return concept_index().label(URIRef(concept))


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
    if level not in LEVELS:
        raise NetworkError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    roles = normalise_roles(roles)
    try:
        check_text_mentions(text_mentions)
    except ValueError as error:
        raise NetworkError(str(error)) from None
    if text_mentions == "none":
        roles = tuple(r for r in roles if r != "mentioned") or LISTED_ROLES
    if isinstance(store, (str, Path)):
        store = open_analysis_store(store, read_only=True)

    values = " ".join(f"<{role_concept(r)}>" for r in roles)
    info = _read_organisations(store)
    projects_all = _read_projects(store)

    rows = ((project, org, _role_key(role_iri)) for project, org, role_iri in _select(store, _PARTICIPATIONS % values))
    selected, left_out = select_members(((p, o, r) for p, o, r in rows if r is not None),
                                        {org: entry["type"] for org, entry in info.items()},
                                        text_mentions, include_national,
                                        {org: entry["parent"] for org, entry in info.items()})
    members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for project, orgs in selected.items():
        for org, org_roles in orgs.items():
            members[project][_root(org, info) if level == "parent" else org].update(org_roles)

    role_order = {r: i for i, r in enumerate(ROLES)}
    frozen = {
        p: {o: tuple(sorted(rs, key=role_order.__getitem__)) for o, rs in sorted(ms.items())}
        for p, ms in sorted(members.items())
    }
    projects = {p: projects_all.get(p, ProjectInfo(p)) for p in frozen}
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
    # (roles of a, roles of b) -> (position in kinds, whether the pair is named in text only)
    kind_of: dict[tuple, tuple[int, bool]] = {}
    pair_projects: dict[int, list[int]] = {}
    pair_kinds: dict[int, list[int]] = {}
    pair_text: dict[int, list[bool]] = {}  # per shared project: the pair's evidence is text
    project_count = [0] * n
    project_list = list(members)
    for number, orgs_in_project in enumerate(members.values()):
        ids = [index[org] for org in orgs_in_project]
        role_sets = list(orgs_in_project.values())
        for i in ids:
            project_count[i] += 1
        for x in range(len(ids) - 1):
            base, roles_a = ids[x] * n, role_sets[x]
            for y in range(x + 1, len(ids)):
                key = base + ids[y]
                known = kind_of.get((roles_a, role_sets[y]))
                if known is None:
                    known = kind_of[(roles_a, role_sets[y])] = (
                        kind_position[tie_kind(roles_a, role_sets[y])],
                        not (_listed(roles_a) and _listed(role_sets[y])))
                kind, text = known
                shared = pair_projects.get(key)
                if shared is None:
                    pair_projects[key] = [number]
                    counts = pair_kinds[key] = [0] * len(kinds)
                    pair_text[key] = [text]
                else:
                    shared.append(number)
                    counts = pair_kinds[key]
                    pair_text[key].append(text)
                counts[kind] += 1

    info = [projects[p] for p in project_list]
    graph = nx.Graph(kind="organisations")
    graph.add_nodes_from((org, {"projects": project_count[i], **node_info[org]}) for i, org in enumerate(orgs))

    def edges():
        for key in sorted(pair_projects):
            shared = pair_projects[key]
            years = [info[p].start_year for p in shared if info[p].start_year is not None]
            starts = [info[p].start for p in shared if info[p].start]
            ends = [info[p].end for p in shared if info[p].end]
            texts = pair_text[key]
            text_count = sum(texts)
            tie = {"weight": len(shared), **dict(zip(kinds, pair_kinds[key])),
                   "projects": tuple(project_list[p] for p in shared),
                   "first_year": min(years) if years else None, "last_year": max(years) if years else None,
                   "first_date": min(starts) if starts else None, "last_date": max(ends) if ends else None,
                   "listed_count": len(shared) - text_count, "text_count": text_count,
                   "evidence": pair_evidence(len(shared) - text_count, text_count),
                   "project_evidence": tuple("text" if t else "listed" for t in texts)}
            yield orgs[key // n], orgs[key % n], tie

    graph.add_edges_from(edges())
    return graph
