"""Recurring partnerships under filters, counted in Python from the explorer's index.

A request's filters select projects first (ESF region, county, municipality, programme
period, start years), then :func:`project_members` applies the network stage's rule of
collaboration evidence (:func:`esfgraph.network.evidence.select_members`, with the same
defaults as ``esfgraph analyze``) to the participations of those projects alone, and
:func:`pair_projects` counts, for every pair of organisations, the selected projects they
share. Pair filters (organisation type, one organisation, evidence, least shared) keep the
rows. With no filter the rows are those of the build's ``recurring_partnerships.csv``:

- a name printed in a list (owner, co-financier, partner, transnational partner) always
  counts and is *listed* evidence; a name found in the prose (role ``mentioned``) is
  *text* evidence and counts on pages that print no lists (``text=unlisted``, the
  default; ``text=all`` counts it everywhere, ``text=none`` nowhere);
- a national agency named in general (type ``agency``) is left out of pairs unless
  ``general=1`` (``include_national``), and so is the parent of a listed organisation named
  in its text (Arbetsförmedlingen on a page that lists Arbetsförmedlingen Jönköping).

Examples
--------
>>> f = PartnershipFilter.from_args({"region": "smaland-och-oarna", "min_shared": "1"})
>>> f.region, f.min_shared, f.level, f.text, f.general
('smaland-och-oarna', 1, 'unit', 'unlisted', False)
>>> PartnershipFilter.from_args({"text": "all", "general": "1", "org_type": "agency-office"}).args()
{'org_type': 'agency-office', 'general': '1', 'text': 'all'}
>>> PartnershipFilter.from_args({"min_shared": "lots"})
Traceback (most recent call last):
...
esfgraph.explorer.partnerships.FilterError: min_shared: expected a whole number, got 'lots'
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any, Mapping

import networkx as nx

from ..export.gexf import gexf_bytes
from ..model import LISTED_ROLES, ROLES
from ..network.evidence import NATIONAL_TYPES, TEXT_MENTIONS, pair_evidence, select_members
from ..vocab import concept_key
from .index import PERIODS, ExplorerIndex

__all__ = [
    "CSV_COLUMNS",
    "SORT_KEYS",
    "FilterError",
    "PartnershipFilter",
    "PairRow",
    "is_national",
    "project_members",
    "pair_projects",
    "filter_partnerships",
    "partnership_csv",
    "partnership_gexf",
    "row_values",
    "partners_of",
    "pair_row",
    "sort_rows",
]

#: Columns of ``/partnerships?format=csv``: those of ``recurring_partnerships.csv``.
CSV_COLUMNS = (
    "org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year",
    "last_year", "evidence", "project_numbers", "project_titles", "regions", "programme_periods",
    "esf_grant_sek",
)

SORT_KEYS = ("shared", "first_year", "last_year", "grant", "org_a", "org_b", "periods")

_CODE = re.compile(r"^[0-9A-Za-z_\-]{1,40}$")


class FilterError(ValueError):
    """A filter value that cannot be used; ``str(error)`` is one line for the user (HTTP 400)."""


@dataclass(frozen=True)
class PartnershipFilter:
    """The filters of ``/partnerships``, parsed and checked."""

    region: str = ""
    county: str = ""
    municipality: str = ""
    period: str = ""
    year_from: int | None = None
    year_to: int | None = None
    org_type: str = ""
    org: str = ""
    evidence: str = "any"  # any, listed, text
    level: str = "unit"  # unit, parent
    min_shared: int = 2
    general: bool = False  # count the general national agencies too (include_national)
    text: str = "unlisted"  # where names in the text count: unlisted, all, none
    sort: str = "shared"
    order: str = "desc"

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "PartnershipFilter":
        """Parse request arguments; raise :class:`FilterError` on a value that cannot be used."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for name in known:
            raw = (args.get(name) or "").strip()
            if raw == "":
                continue
            if len(raw) > 200:
                raise FilterError(f"{name}: value too long ({len(raw)} characters)")
            values[name] = raw
        for name in ("year_from", "year_to", "min_shared"):
            if name in values:
                if not values[name].isdigit() or len(values[name]) > 6:
                    raise FilterError(f"{name}: expected a whole number, got {values[name]!r}")
                values[name] = int(values[name])
        for name in ("region", "county", "period", "org_type"):
            if name in values and not _CODE.match(values[name]):
                raise FilterError(f"{name}: unexpected characters in {values[name]!r}")
        choices = {"evidence": ("any", "listed", "text"), "level": ("unit", "parent"),
                   "sort": SORT_KEYS, "order": ("asc", "desc"), "text": TEXT_MENTIONS}
        for name, allowed in choices.items():
            if name in values and values[name] not in allowed:
                raise FilterError(f"{name}: expected one of {', '.join(allowed)}, got {values[name]!r}")
        if "org_type" in values:  # the concept's spelling (agency-office) or the key (agency_office)
            values["org_type"] = values["org_type"].replace("-", "_")
        if "general" in values:
            values["general"] = values["general"].lower() in ("1", "true", "yes", "on")
        if values.get("period") and values["period"] not in PERIODS:
            raise FilterError(f"period: expected one of {', '.join(PERIODS)}, got {values['period']!r}")
        return cls(**values)

    def args(self, **changes: Any) -> dict[str, str]:
        """The non-default filters as request arguments (for links and the CSV/GEXF links)."""
        default = PartnershipFilter()
        current = {**{f.name: getattr(self, f.name) for f in fields(self)}, **changes}
        current["org_type"] = concept_key(current["org_type"])  # links spell types as the vocabulary does
        return {k: ("1" if v is True else str(v)) for k, v in current.items()
                if v != getattr(default, k, None) and v not in (None, "")}


@dataclass
class PairRow:
    """One partnership row of the table, the CSV and the GEXF."""

    org_a: str
    org_b: str
    projects: list[str]
    evidence: str  # listed, text or both


def pair_projects(members: Mapping[str, Mapping[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """Count pairs: ``{project: {org: evidence}}`` -> ``{(a, b): {project: evidence}}``.

    A pair's evidence in one project is ``listed`` when both organisations are listed,
    else ``text``.

    Examples
    --------
    >>> pair_projects({"p1": {"a": "listed", "b": "text"}, "p2": {"a": "listed", "b": "listed"}})
    {('a', 'b'): {'p1': 'text', 'p2': 'listed'}}
    """
    pairs: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for project in sorted(members):  # each pair's projects fill in sorted order
        orgs = sorted(members[project].items())
        for i, (a, evidence_a) in enumerate(orgs):
            for b, evidence_b in orgs[i + 1:]:
                both_listed = evidence_a == "listed" and evidence_b == "listed"
                pairs[(a, b)][project] = "listed" if both_listed else "text"
    return dict(pairs)


def _subtree(index: ExplorerIndex, org: str) -> set[str]:
    """``org`` and its units, their units, and so on."""
    found, todo = set(), [org]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(getattr(index.orgs.get(current), "units", []))
    return found


def _projects_of(index: ExplorerIndex, orgs) -> set[str]:
    return {part.project for org in orgs for part in index.by_org.get(org, [])}


def _project_places(index: ExplorerIndex, project) -> tuple[set[str], set[str]]:
    """Municipality and county codes of a project: its Kommun list, else its organisations' places."""
    codes = set(project.municipalities)
    counties = {index.municipalities.get(c, (None, None))[1] or c[:2] for c in codes}
    if not codes:
        for part in project.participations:
            org = index.orgs.get(part.org)
            if org is not None:
                codes.update([org.municipality] if org.municipality else [])
                counties.update([org.county] if org.county else [])
    return codes, counties


def _municipality_codes(index: ExplorerIndex, text: str) -> set[str]:
    if text.isdigit():
        return {text.zfill(4)}
    wanted = text.casefold()
    found = {code for code, (label, _) in index.municipalities.items() if label.casefold() == wanted}
    if not found:
        raise FilterError(f"municipality: no municipality called {text!r} in this graph")
    return found


def _selected_projects(index: ExplorerIndex, flt: PartnershipFilter) -> list:
    codes = _municipality_codes(index, flt.municipality) if flt.municipality else set()
    pool = index.projects.values()
    if flt.org:  # only the projects of the organisation and its units
        pool = [index.projects[i] for i in sorted(_projects_of(index, _subtree(index, flt.org)))]
    chosen = []
    for project in pool:
        if flt.region and project.region != flt.region:
            continue
        if flt.period and project.period != flt.period:
            continue
        if flt.year_from is not None and (project.year is None or project.year < flt.year_from):
            continue
        if flt.year_to is not None and (project.year is None or project.year > flt.year_to):
            continue
        if flt.county or codes:
            places, counties = _project_places(index, project)
            if flt.county and flt.county not in counties:
                continue
            if codes and not codes & places:
                continue
        chosen.append(project)
    return chosen


def _org_facts(index: ExplorerIndex) -> tuple[dict[str, str | None], dict[str, str | None], dict[str, str]]:
    """Per index, once: organisation types and parents (what the rule reads), and each
    organisation's root (the top of its ``org:unitOf`` chain, for ``level=parent``)."""
    if "org_facts" not in index.memo:
        types = {iri: org.type for iri, org in index.orgs.items()}
        parents = {iri: org.parent for iri, org in index.orgs.items()}
        roots = {iri: index.root(iri) for iri in index.orgs}
        index.memo["org_facts"] = (types, parents, roots)
    return index.memo["org_facts"]


_LISTED = frozenset(LISTED_ROLES)
_ROLES = frozenset(ROLES)


def project_members(index: ExplorerIndex, projects, flt: PartnershipFilter) -> dict[str, dict[str, str]]:
    """Who counts in each of ``projects``: ``{project: {organisation: evidence}}``.

    The network stage's rule (:func:`esfgraph.network.evidence.select_members`) over the
    participations of ``projects`` alone, with ``flt.text`` as ``text_mentions`` and
    ``flt.general`` as ``include_national``; at ``level=parent`` each organisation is then
    rolled up to its root, as ``esfgraph analyze --level parent`` does. An organisation's
    evidence is ``listed`` when it holds a listed role, else ``text``. Projects with fewer
    than two organisations make no pairs and are left out.
    """
    types, parents, roots = _org_facts(index)
    rows = ((part.project, part.org, part.role) for project in projects for part in project.participations
            if part.role in _ROLES)
    selected, _ = select_members(rows, types, flt.text, flt.general, parents)
    members: dict[str, dict[str, str]] = {}
    for project, orgs in selected.items():
        found: dict[str, str] = {}
        for org, roles in orgs.items():
            key = roots.get(org, org) if flt.level == "parent" else org
            if found.get(key) != "listed":
                found[key] = "listed" if roles & _LISTED else "text"
        if len(found) > 1:
            members[project] = found
    return members


def is_national(index: ExplorerIndex, iri: str) -> bool:
    """Whether ``iri`` is a national agency as a whole (type in ``NATIONAL_TYPES``), whose
    text mentions the pair counts leave out unless ``general=1``."""
    return getattr(index.orgs.get(iri), "type", None) in NATIONAL_TYPES


def _wanted_org(index: ExplorerIndex, flt: PartnershipFilter, iri: str) -> bool:
    if flt.org and iri != flt.org and index.root(iri) != flt.org:
        return False
    return True


def _sort_key(index: ExplorerIndex, flt: PartnershipFilter):
    def grant(row: PairRow) -> int:
        return sum(index.projects[p].grant or 0 for p in row.projects)

    def year(row: PairRow, last: bool) -> int:
        years = [index.projects[p].year for p in row.projects if index.projects[p].year is not None]
        return (max(years) if last else min(years)) if years else 0

    keys = {
        "shared": lambda r: len(r.projects),
        "first_year": lambda r: year(r, False),
        "last_year": lambda r: year(r, True),
        "grant": grant,
        "org_a": lambda r: index.org_label(r.org_a).casefold(),
        "org_b": lambda r: index.org_label(r.org_b).casefold(),
        "periods": lambda r: len({index.projects[p].period for p in r.projects}),
    }
    return keys[flt.sort]


def filter_partnerships(index: ExplorerIndex, flt: PartnershipFilter) -> list[PairRow]:
    """Return the partnerships the filter selects, sorted as it asks.

    Raises
    ------
    FilterError
        A municipality name the graph does not hold.
    """
    pairs = pair_projects(project_members(index, _selected_projects(index, flt), flt))
    rows = []
    for (a, b), projects in pairs.items():
        if flt.evidence == "listed":  # only the projects where both are listed
            projects = {p: e for p, e in projects.items() if e == "listed"}
        if len(projects) < flt.min_shared:
            continue
        if flt.org and not (_wanted_org(index, flt, a) or _wanted_org(index, flt, b)):
            continue
        if flt.org_type and flt.org_type not in (getattr(index.orgs.get(a), "type", None),
                                                 getattr(index.orgs.get(b), "type", None)):
            continue
        row = _pair_row(a, b, projects)
        if flt.evidence == "text" and row.evidence == "listed":
            continue
        rows.append(row)
    return sort_rows(index, rows, flt)


def sort_rows(index: ExplorerIndex, rows: list[PairRow], flt: PartnershipFilter) -> list[PairRow]:
    """``rows`` sorted as ``flt`` asks (ties in IRI order); a new list."""
    ordered = sorted(rows, key=lambda r: (r.org_a, r.org_b))
    ordered.sort(key=_sort_key(index, flt), reverse=flt.order == "desc")
    return ordered


def _pair_row(a: str, b: str, projects: Mapping[str, str]) -> PairRow:
    """A row from a pair's ``{project: evidence}``; evidence over them as the network says it."""
    text = sum(1 for e in projects.values() if e == "text")
    return PairRow(a, b, sorted(projects), pair_evidence(len(projects) - text, text))


def _rows_with(index: ExplorerIndex, projects: set[str], flt: PartnershipFilter, org: str) -> list[PairRow]:
    """The pairs of ``org`` (at ``flt.level``) counted over ``projects`` only: the same
    rule as :func:`pair_projects`, restricted to pairs that hold ``org``."""
    members = project_members(index, [index.projects[p] for p in sorted(projects)], flt)
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for project, orgs in members.items():
        mine = orgs.get(org)
        if mine is None:
            continue
        for other, evidence in orgs.items():
            if other != org:
                found[other][project] = "listed" if mine == "listed" and evidence == "listed" else "text"
    return [_pair_row(min(org, other), max(org, other), shared) for other, shared in found.items()]


def partners_of(index: ExplorerIndex, org: str, general: bool = False, text: str = "unlisted") -> list[PairRow]:
    """Every pair of ``org`` as resolved (unit level), over its own projects, most shared first."""
    flt = PartnershipFilter(min_shared=1, general=general, text=text)
    rows = _rows_with(index, _projects_of(index, [org]), flt, org)
    return sorted(rows, key=lambda r: (-len(r.projects), index.org_label(r.org_b if r.org_a == org else r.org_a)))


def pair_row(index: ExplorerIndex, a: str, b: str, level: str = "unit", text: str = "unlisted") -> PairRow | None:
    """The pair ``a``, ``b`` (general agencies counted: the pair is asked for by name).

    Text mentions count as ``text`` says (the default as in the analysis), so that the
    pair's page shows the projects its row in ``/partnerships`` counts.
    """
    flt = PartnershipFilter(min_shared=1, general=True, level=level, text=text)
    if level == "parent":
        shared = _projects_of(index, _subtree(index, a)) & _projects_of(index, _subtree(index, b))
    else:
        shared = _projects_of(index, [a]) & _projects_of(index, [b])
    found = [r for r in _rows_with(index, shared, flt, a) if {r.org_a, r.org_b} == {a, b}]
    return found[0] if found else None


def _list_item(value: Any) -> str:
    """One entry of a ``;``-joined list, as ``recurring_partnerships.csv`` writes it: empty
    when unknown, white space collapsed, and never a ``;`` of its own (a title's becomes ``,``)."""
    return "" if value is None else " ".join(str(value).replace(";", ",").split())


def _cells(index: ExplorerIndex) -> dict[str, tuple]:
    """Per project, the values the CSV lists: computed once per index."""
    if "cells" not in index.memo:
        index.memo["cells"] = {
            iri: (_list_item(p.number or p.diary), _list_item(p.title),
                  _list_item(index.regions.get(p.region, p.region) if p.region else p.region_text),
                  _list_item(p.period), p.grant, p.year)
            for iri, p in index.projects.items()}
    return index.memo["cells"]


def row_values(index: ExplorerIndex, row: PairRow) -> dict[str, Any]:
    """The CSV values of a row (lists in the order of ``projects``; no grant known: empty)."""
    cells = _cells(index)
    found = [cells[p] for p in row.projects]
    years = [c[5] for c in found if c[5] is not None]
    grants = [c[4] for c in found if c[4] is not None]
    return {
        "org_a": row.org_a, "org_a_label": index.org_label(row.org_a),
        "org_b": row.org_b, "org_b_label": index.org_label(row.org_b),
        "shared_projects": len(found), "projects": ";".join(row.projects),
        "first_year": min(years) if years else "", "last_year": max(years) if years else "",
        "evidence": row.evidence,
        "project_numbers": ";".join(c[0] for c in found),
        "project_titles": ";".join(c[1] for c in found),
        "regions": ";".join(c[2] for c in found),
        "programme_periods": ";".join(c[3] for c in found),
        "esf_grant_sek": sum(grants) if grants else "",
    }


#: Columns holding page text, which a spreadsheet must not run as a formula.
_TEXT_COLUMNS = frozenset(("org_a_label", "org_b_label", "project_numbers", "project_titles"))


def partnership_csv(index: ExplorerIndex, rows: list[PairRow]) -> str:
    """The rows as CSV with :data:`CSV_COLUMNS` (UTF-8 text, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = row_values(index, row)
        for column in _TEXT_COLUMNS:
            values[column] = _safe_cell(values[column])
        writer.writerow([values[c] for c in CSV_COLUMNS])
    return out.getvalue()


def _safe_cell(text: str) -> str:
    """A cell that a spreadsheet will not run as a formula (page text is untrusted).

    Examples
    --------
    >>> _safe_cell("=HYPERLINK(1)"), _safe_cell("-12"), _safe_cell("Samhall")
    ("'=HYPERLINK(1)", '-12', 'Samhall')
    """
    if text[:1] in ("=", "+", "-", "@") and not text.lstrip("-").isdigit():
        return "'" + text
    return text


def partnership_gexf(index: ExplorerIndex, rows: list[PairRow], description: str) -> bytes:
    """The rows as a GEXF 1.3 network: the organisations of the rows, one edge per row."""
    graph = nx.Graph()
    for row in rows:
        for org in (row.org_a, row.org_b):
            if org not in graph:
                info = index.orgs.get(org)
                graph.add_node(org, label=index.org_label(org), type=getattr(info, "type", None) or "",
                               municipality_code=getattr(info, "municipality", None) or "")
        values = row_values(index, row)
        graph.add_edge(row.org_a, row.org_b, weight=len(row.projects), evidence=row.evidence,
                       first_year=values["first_year"] or None, last_year=values["last_year"] or None,
                       esf_grant_sek=values["esf_grant_sek"] if values["esf_grant_sek"] != "" else None,
                       projects=values["projects"])
    return gexf_bytes(graph, description=description)
