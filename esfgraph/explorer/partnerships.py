"""Recurring partnerships under filters, counted in Python from the explorer's index.

A request's filters select projects first (ESF region, county, municipality, programme
period, start years), then :func:`pair_projects` counts, for every pair of organisations,
the selected projects they share, and pair filters (organisation type, one organisation,
least shared) keep the rows. The pair rule lives in :func:`counts_as_tie` and
:func:`pair_projects` alone, so that it can follow the network stage's rule:

- a name printed in a list (owner, co-financier, partner, transnational partner) is
  *listed* evidence; a name found in the prose (role ``mentioned``) is *text* evidence;
- the general national agencies (:data:`GENERAL_AGENCIES`, named without an office) are
  left out of pair counts unless asked for: "Arbetsförmedlingen" in a project's prose
  says little about who works with whom.

Examples
--------
>>> f = PartnershipFilter.from_args({"region": "smaland-och-oarna", "min_shared": "1"})
>>> f.region, f.min_shared, f.level
('smaland-och-oarna', 1, 'unit')
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
from .index import PERIODS, ExplorerIndex, Participation

__all__ = [
    "CSV_COLUMNS",
    "GENERAL_AGENCIES",
    "SORT_KEYS",
    "FilterError",
    "PartnershipFilter",
    "PairRow",
    "counts_as_tie",
    "pair_projects",
    "filter_partnerships",
    "partnership_csv",
    "partnership_gexf",
    "row_values",
    "general_iris",
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

#: Keys (after ``/org/``) of national agencies whose general node is left out of pairs.
GENERAL_AGENCIES: tuple[str, ...] = ("arbetsformedlingen", "forsakringskassan")

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
    general: bool = False  # count the general national agencies too
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
                   "sort": SORT_KEYS, "order": ("asc", "desc")}
        for name, allowed in choices.items():
            if name in values and values[name] not in allowed:
                raise FilterError(f"{name}: expected one of {', '.join(allowed)}, got {values[name]!r}")
        if "general" in values:
            values["general"] = values["general"].lower() in ("1", "true", "yes", "on")
        if values.get("period") and values["period"] not in PERIODS:
            raise FilterError(f"period: expected one of {', '.join(PERIODS)}, got {values['period']!r}")
        return cls(**values)

    def args(self, **changes: Any) -> dict[str, str]:
        """The non-default filters as request arguments (for links and the CSV/GEXF links)."""
        default = PartnershipFilter()
        current = {**{f.name: getattr(self, f.name) for f in fields(self)}, **changes}
        return {k: ("1" if v is True else str(v)) for k, v in current.items()
                if v != getattr(default, k, None) and v not in (None, "")}


@dataclass
class PairRow:
    """One partnership row of the table, the CSV and the GEXF."""

    org_a: str
    org_b: str
    projects: list[str]
    evidence: str  # listed, text or both


def general_iris(base: str) -> frozenset[str]:
    """The IRIs of the general national agency nodes under ``base``."""
    return frozenset(f"{base}org/{key}" for key in GENERAL_AGENCIES)


def counts_as_tie(part: Participation, flt: PartnershipFilter, general: frozenset[str]) -> bool:
    """Whether ``part`` makes its organisation a member of the project for pair counting.

    The one place (with :func:`pair_projects`) that says what a tie is: listed and text
    evidence both count unless the filter asks for one; a general national agency (no
    office named) counts only with ``general``.

    Examples
    --------
    >>> general = general_iris("https://w3id.org/esfgraph/id/")
    >>> part = Participation("p", "https://w3id.org/esfgraph/id/org/arbetsformedlingen", "mentioned")
    >>> counts_as_tie(part, PartnershipFilter(), general), counts_as_tie(part, PartnershipFilter(general=True), general)
    (False, True)
    """
    if flt.evidence == "listed" and part.role == "mentioned":
        return False
    return flt.general or part.org not in general


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
    for project in sorted(members):
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


def _members(index: ExplorerIndex, projects, flt: PartnershipFilter) -> dict[str, dict[str, str]]:
    members: dict[str, dict[str, str]] = {}
    general = general_iris(index.base)
    for project in projects:
        found: dict[str, str] = {}
        for part in project.participations:
            if not counts_as_tie(part, flt, general):
                continue
            org = index.root(part.org) if flt.level == "parent" else part.org
            found[org] = "listed" if part.evidence == "listed" or found.get(org) == "listed" else "text"
        if len(found) > 1:
            members[project.iri] = found
    return members


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
    pairs = pair_projects(_members(index, _selected_projects(index, flt), flt))
    rows = []
    for (a, b), projects in pairs.items():
        if len(projects) < flt.min_shared:
            continue
        if flt.org and not (_wanted_org(index, flt, a) or _wanted_org(index, flt, b)):
            continue
        if flt.org_type and flt.org_type not in (getattr(index.orgs.get(a), "type", None),
                                                 getattr(index.orgs.get(b), "type", None)):
            continue
        kinds = set(projects.values())
        if flt.evidence == "text" and "text" not in kinds:
            continue
        rows.append(PairRow(a, b, sorted(projects), "both" if len(kinds) > 1 else kinds.pop()))
    return sort_rows(index, rows, flt)


def sort_rows(index: ExplorerIndex, rows: list[PairRow], flt: PartnershipFilter) -> list[PairRow]:
    """``rows`` sorted as ``flt`` asks (ties in IRI order); a new list."""
    ordered = sorted(rows, key=lambda r: (r.org_a, r.org_b))
    ordered.sort(key=_sort_key(index, flt), reverse=flt.order == "desc")
    return ordered


def _rows_with(index: ExplorerIndex, projects: set[str], flt: PartnershipFilter, org: str) -> list[PairRow]:
    """The pairs of ``org`` (at ``flt.level``) counted over ``projects`` only: the same
    rule as :func:`pair_projects`, restricted to pairs that hold ``org``."""
    members = _members(index, [index.projects[p] for p in sorted(projects)], flt)
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for project, orgs in members.items():
        mine = orgs.get(org)
        if mine is None:
            continue
        for other, evidence in orgs.items():
            if other != org:
                found[other][project] = "listed" if mine == "listed" and evidence == "listed" else "text"
    rows = []
    for other, shared in found.items():
        kinds = set(shared.values())
        a, b = min(org, other), max(org, other)
        rows.append(PairRow(a, b, sorted(shared), "both" if len(kinds) > 1 else kinds.pop()))
    return rows


def partners_of(index: ExplorerIndex, org: str, general: bool = False) -> list[PairRow]:
    """Every pair of ``org`` as resolved (unit level), over its own projects, most shared first."""
    flt = PartnershipFilter(min_shared=1, general=general)
    rows = _rows_with(index, _projects_of(index, [org]), flt, org)
    return sorted(rows, key=lambda r: (-len(r.projects), index.org_label(r.org_b if r.org_a == org else r.org_a)))


def pair_row(index: ExplorerIndex, a: str, b: str, level: str = "unit") -> PairRow | None:
    """The pair ``a``, ``b`` (general agencies counted: the pair is asked for by name)."""
    flt = PartnershipFilter(min_shared=1, general=True, level=level)
    if level == "parent":
        shared = _projects_of(index, _subtree(index, a)) & _projects_of(index, _subtree(index, b))
    else:
        shared = _projects_of(index, [a]) & _projects_of(index, [b])
    found = [r for r in _rows_with(index, shared, flt, a) if {r.org_a, r.org_b} == {a, b}]
    return found[0] if found else None


def _cells(index: ExplorerIndex) -> dict[str, tuple]:
    """Per project, the values the CSV lists: computed once per index."""
    if "cells" not in index.memo:
        index.memo["cells"] = {
            iri: (p.number or "", (p.title or "").replace(";", ","), index.regions.get(p.region, p.region or ""),
                  p.period or "", p.grant or 0, p.year)
            for iri, p in index.projects.items()}
    return index.memo["cells"]


def row_values(index: ExplorerIndex, row: PairRow) -> dict[str, Any]:
    """The CSV values of a row (lists in the order of ``projects``)."""
    cells = _cells(index)
    found = [cells[p] for p in row.projects]
    years = [c[5] for c in found if c[5] is not None]
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
        "esf_grant_sek": sum(c[4] for c in found),
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
                       esf_grant_sek=values["esf_grant_sek"], projects=values["projects"])
    return gexf_bytes(graph, description=description)
