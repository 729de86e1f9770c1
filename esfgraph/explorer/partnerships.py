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


def _is_general(iri: str, base: str) -> bool:
    return iri[len(base) + 4:] in GENERAL_AGENCIES if iri.startswith(base + "org/") else False


def counts_as_tie(part: Participation, flt: PartnershipFilter, base: str) -> bool:
    """Whether ``part`` makes its organisation a member of the project for pair counting.

    The one place (with :func:`pair_projects`) that says what a tie is: listed and text
    evidence both count unless the filter asks for one; a general national agency (no
    office named) counts only with ``general``.

    Examples
    --------
    >>> base = "https://w3id.org/esfgraph/id/"
    >>> part = Participation("p", base + "org/arbetsformedlingen", "mentioned")
    >>> counts_as_tie(part, PartnershipFilter(), base), counts_as_tie(part, PartnershipFilter(general=True), base)
    (False, True)
    """
    if flt.evidence == "listed" and part.evidence != "listed":
        return False
    return flt.general or not _is_general(part.org, base)


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
        wanted, todo = set(), [flt.org]
        while todo:
            org = todo.pop()
            if org not in wanted:
                wanted.add(org)
                todo.extend(getattr(index.orgs.get(org), "units", []))
        pool = [index.projects[i] for i in sorted({p.project for o in wanted for p in index.by_org.get(o, [])})]
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
    for project in projects:
        found: dict[str, str] = {}
        for part in project.participations:
            if not counts_as_tie(part, flt, index.base):
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
    rows.sort(key=lambda r: (r.org_a, r.org_b))  # ties of the sort key stay in IRI order
    rows.sort(key=_sort_key(index, flt), reverse=flt.order == "desc")
    return rows


def row_values(index: ExplorerIndex, row: PairRow) -> dict[str, Any]:
    """The CSV values of a row (lists in the order of ``projects``)."""
    projects = [index.projects[p] for p in row.projects]
    years = [p.year for p in projects if p.year is not None]
    return {
        "org_a": row.org_a, "org_a_label": index.org_label(row.org_a),
        "org_b": row.org_b, "org_b_label": index.org_label(row.org_b),
        "shared_projects": len(projects), "projects": ";".join(row.projects),
        "first_year": min(years) if years else "", "last_year": max(years) if years else "",
        "evidence": row.evidence,
        "project_numbers": ";".join(p.number or "" for p in projects),
        "project_titles": ";".join((p.title or "").replace(";", ",") for p in projects),
        "regions": ";".join(index.regions.get(p.region, p.region or "") for p in projects),
        "programme_periods": ";".join(p.period or "" for p in projects),
        "esf_grant_sek": sum(p.grant or 0 for p in projects),
    }


def partnership_csv(index: ExplorerIndex, rows: list[PairRow]) -> str:
    """The rows as CSV with :data:`CSV_COLUMNS` (UTF-8 text, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = row_values(index, row)
        writer.writerow([_safe_cell(values[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _safe_cell(value: Any) -> str:
    """A cell that a spreadsheet will not run as a formula (page text is untrusted)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not text.lstrip("-").isdigit() else text


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
