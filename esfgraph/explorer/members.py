"""Who counts in a project, and the pairs they make: the analysis's rule, applied by the explorer.

:func:`project_members` applies the network stage's rule of collaboration evidence
(:func:`esfgraph.network.evidence.select_members`, with the same defaults as
``esfgraph analyze``) to the participations of chosen projects, and :func:`pair_projects`
counts, for every pair of organisations, the projects they share. The explorer holds no
rule of its own:

- a name printed in a list (owner, co-financier, partner, transnational partner) always
  counts and is *listed* evidence; a name found in the prose (role ``mentioned``) is
  *text* evidence and counts on pages that print no lists (``text=unlisted``, the
  default; ``text=all`` counts it everywhere, ``text=none`` nowhere);
- a national agency named in general (type ``agency``) is left out of pairs unless
  ``general=1`` (``include_national``), and so is the parent of a listed organisation named
  in its text (Arbetsförmedlingen on a page that lists Arbetsförmedlingen Jönköping).

The partnership table counts every project once per store generation
(:mod:`esfgraph.explorer.pairs`); an organisation's page and a pair's page count over
their own projects here (:func:`partners_of`, :func:`pair_row`).

Examples
--------
>>> pair_projects({"p1": {"a": "listed", "b": "text"}, "p2": {"a": "listed", "b": "listed"}})
{('a', 'b'): {'p1': 'text', 'p2': 'listed'}}
>>> make_row("a", "b", {"p2": "listed", "p1": "text"})
PairRow(org_a='a', org_b='b', projects=['p1', 'p2'], evidence='both')
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..model import LISTED_ROLES, ROLES
from ..network import NATIONAL_TYPES
from ..network import pair_evidence, select_members
from .filters import PartnershipFilter
from .index import ExplorerIndex, Project

__all__ = ["PairRow", "make_row", "pair_projects", "counted_roles", "members_at", "project_members", "is_national",
           "subtree", "projects_of", "partners_of", "pair_row"]

_LISTED = frozenset(LISTED_ROLES)
_ROLES = frozenset(ROLES)


@dataclass(slots=True)
class PairRow:
    """One partnership row of the table, the CSV and the GEXF."""

    org_a: str
    org_b: str
    projects: list[str]  # sorted
    evidence: str  # listed, text or both


def make_row(a: str, b: str, projects: Mapping[str, str]) -> PairRow:
    """A row from a pair's ``{project: evidence}``; evidence over them as the network says it."""
    text = sum(1 for e in projects.values() if e == "text")
    return PairRow(a, b, sorted(projects), pair_evidence(len(projects) - text, text))


def pair_projects(members: Mapping[str, Mapping[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """Count pairs: ``{project: {org: evidence}}`` -> ``{(a, b): {project: evidence}}``.

    A pair's evidence in one project is ``listed`` when both organisations are listed,
    else ``text``. Each pair's projects fill in sorted order.

    Examples
    --------
    >>> pair_projects({"p": {"b": "listed", "a": "listed", "c": "text"}})
    {('a', 'b'): {'p': 'listed'}, ('a', 'c'): {'p': 'text'}, ('b', 'c'): {'p': 'text'}}
    """
    pairs: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for project in sorted(members):
        orgs = sorted(members[project].items())
        for i, (a, evidence_a) in enumerate(orgs):
            for b, evidence_b in orgs[i + 1:]:
                both_listed = evidence_a == "listed" and evidence_b == "listed"
                pairs[(a, b)][project] = "listed" if both_listed else "text"
    return dict(pairs)


def subtree(index: ExplorerIndex, org: str) -> set[str]:
    """``org`` and its units, their units, and so on."""
    found, todo = set(), [org]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(getattr(index.orgs.get(current), "units", []))
    return found


def projects_of(index: ExplorerIndex, orgs: Iterable[str]) -> set[str]:
    """The projects in which any of ``orgs`` takes part, in any role."""
    return {part.project for org in orgs for part in index.by_org.get(org, [])}


def _org_facts(index: ExplorerIndex) -> tuple[dict[str, str | None], dict[str, str | None], dict[str, str]]:
    """Per index, once: organisation types and parents (what the rule reads), and each
    organisation's root (the top of its ``org:unitOf`` chain, for ``level=parent``)."""
    if "org_facts" not in index.memo:
        types = {iri: org.type for iri, org in index.orgs.items()}
        parents = {iri: org.parent for iri, org in index.orgs.items()}
        roots = {iri: index.root(iri) for iri in index.orgs}
        index.memo["org_facts"] = (types, parents, roots)
    return index.memo["org_facts"]


def counted_roles(index: ExplorerIndex, projects: Iterable[Project], text: str, general: bool
                  ) -> dict[str, dict[str, set[str]]]:
    """The network stage's rule (:func:`esfgraph.network.evidence.select_members`) over the
    participations of ``projects`` alone: ``{project: {organisation: roles that count}}``."""
    types, parents, _ = _org_facts(index)
    rows = ((part.project, part.org, part.role) for project in projects for part in project.participations
            if part.role in _ROLES)
    return select_members(rows, types, text, general, parents)[0]


def members_at(index: ExplorerIndex, selected: Mapping[str, Mapping[str, set[str]]], level: str
               ) -> dict[str, dict[str, str]]:
    """``{project: {organisation: evidence}}`` from :func:`counted_roles`' answer, at ``level``:
    at ``parent`` each organisation rolled up to its root, as ``esfgraph analyze --level
    parent`` does. Projects with fewer than two organisations are left out."""
    roots = _org_facts(index)[2]
    members: dict[str, dict[str, str]] = {}
    for project, orgs in selected.items():
        found: dict[str, str] = {}
        for org, roles in orgs.items():
            key = roots.get(org, org) if level == "parent" else org
            if found.get(key) != "listed":
                found[key] = "listed" if roles & _LISTED else "text"
        if len(found) > 1:
            members[project] = found
    return members


def project_members(index: ExplorerIndex, projects: Iterable[Project], flt: PartnershipFilter
                    ) -> dict[str, dict[str, str]]:
    """Who counts in each of ``projects``: ``{project: {organisation: evidence}}``.

    The network stage's rule (:func:`esfgraph.network.evidence.select_members`) over the
    participations of ``projects`` alone, with ``flt.text`` as ``text_mentions`` and
    ``flt.general`` as ``include_national``; at ``level=parent`` each organisation is then
    rolled up to its root, as ``esfgraph analyze --level parent`` does. An organisation's
    evidence is ``listed`` when it holds a listed role, else ``text``. Projects with fewer
    than two organisations make no pairs and are left out.
    """
    return members_at(index, counted_roles(index, projects, flt.text, flt.general), flt.level)


def is_national(index: ExplorerIndex, iri: str) -> bool:
    """Whether ``iri`` is a national agency as a whole (type in ``NATIONAL_TYPES``), whose
    text mentions the pair counts leave out unless ``general=1``."""
    return getattr(index.orgs.get(iri), "type", None) in NATIONAL_TYPES


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
    return [make_row(min(org, other), max(org, other), shared) for other, shared in found.items()]


def partners_of(index: ExplorerIndex, org: str, general: bool = False, text: str = "unlisted") -> list[PairRow]:
    """Every pair of ``org`` as resolved (unit level), over its own projects, most shared first."""
    flt = PartnershipFilter(min_shared=1, general=general, text=text)
    rows = _rows_with(index, projects_of(index, [org]), flt, org)
    return sorted(rows, key=lambda r: (-len(r.projects), index.org_label(r.org_b if r.org_a == org else r.org_a)))


def pair_row(index: ExplorerIndex, a: str, b: str, level: str = "unit", text: str = "unlisted") -> PairRow | None:
    """The pair ``a``, ``b`` (general agencies counted: the pair is asked for by name).

    Text mentions count as ``text`` says (the default as in the analysis), so that the
    pair's page shows the projects its row in ``/partnerships`` counts.
    """
    flt = PartnershipFilter(min_shared=1, general=True, level=level, text=text)
    if level == "parent":
        shared = projects_of(index, subtree(index, a)) & projects_of(index, subtree(index, b))
    else:
        shared = projects_of(index, [a]) & projects_of(index, [b])
    found = [r for r in _rows_with(index, shared, flt, a) if {r.org_a, r.org_b} == {a, b}]
    return found[0] if found else None
