"""Recurring partnerships: pairs and groups that work together again and again.

- :func:`recurring_partnerships`: pairs of organisations that share at least
  ``min_shared`` projects (read off the organisation network's edges);
- :func:`recurring_groups`: groups of three or more organisations that take part
  together in at least ``min_shared`` projects (frequent itemsets, mined from the
  triangles of recurring pairs inside each project, then closed: a group is the largest
  set of organisations that all the projects of one recurring triple share);
- :func:`cross_period_partnerships`: recurring pairs whose shared projects run in two
  consecutive programme periods (2007-2013 then 2014-2020, say).

Years are the start years of the shared projects (``esf:startYear``).

Examples
--------
>>> from esfgraph.network import networks_from_store
>>> nets = networks_from_store("build/demo/store")              # doctest: +SKIP
>>> [(p.org_a, p.org_b, p.shared) for p in recurring_partnerships(nets)][:1]  # doctest: +SKIP
[('https://w3id.org/esfgraph/id/org/arbetsformedlingen', '.../org/kommun-0665', 3)]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .networks import Networks

__all__ = [
    "Partnership",
    "RecurringGroup",
    "recurring_partnerships",
    "recurring_groups",
    "cross_period_partnerships",
    "consecutive_periods",
]


@dataclass(frozen=True)
class Partnership:
    """A pair of organisations (``org_a < org_b``) and the projects they share."""

    org_a: str
    org_b: str
    projects: tuple[str, ...]
    first_year: int | None
    last_year: int | None
    kinds: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    periods: tuple[str, ...] = ()
    evidence: str = "listed"  # "listed", "text" or "both", over the shared projects
    listed_count: int = 0  # shared projects where both are listed
    text_count: int = 0  # shared projects where one or both are named in the text only

    @property
    def shared(self) -> int:
        return len(self.projects)


@dataclass(frozen=True)
class RecurringGroup:
    """Three or more organisations (sorted) and the projects all of them take part in."""

    members: tuple[str, ...]
    projects: tuple[str, ...]
    first_year: int | None
    last_year: int | None

    @property
    def shared(self) -> int:
        return len(self.projects)


def _years(networks: Networks, projects) -> tuple[int | None, int | None]:
    years = [networks.projects[p].start_year for p in projects if networks.projects[p].start_year is not None]
    return (min(years), max(years)) if years else (None, None)


def _periods(networks: Networks, projects) -> tuple[str, ...]:
    return tuple(sorted({networks.projects[p].period for p in projects if networks.projects[p].period}))


def recurring_partnerships(networks: Networks, min_shared: int = 2) -> list[Partnership]:
    """Return the pairs that share at least ``min_shared`` projects.

    Parameters
    ----------
    networks : Networks
        From :func:`~esfgraph.network.networks_from_store`.
    min_shared : int
        Least number of shared projects.

    Returns
    -------
    list of Partnership
        Most shared projects first, then by the two IRIs.
    """
    found = []
    for a, b, data in networks.organisations.edges(data=True):
        if data["weight"] < min_shared:
            continue
        a, b = min(a, b), max(a, b)
        projects = tuple(data["projects"])
        kinds = {k: data.get(k, 0) for k in networks.tie_kinds}
        found.append(Partnership(a, b, projects, data["first_year"], data["last_year"], kinds,
                                 _periods(networks, projects), data.get("evidence", "listed"),
                                 data.get("listed_count", len(projects)), data.get("text_count", 0)))
    return sorted(found, key=lambda p: (-p.shared, p.org_a, p.org_b))


def recurring_groups(networks: Networks, min_size: int = 3, min_shared: int = 2) -> list[RecurringGroup]:
    """Return the groups of ``min_size`` or more organisations in ``min_shared`` or more projects.

    Every triple of a recurring group is a triangle of recurring pairs inside each of
    its projects, so only those triangles are enumerated; each triple found in enough
    projects is closed to the largest group those projects all share.

    Parameters
    ----------
    networks : Networks
    min_size : int
        Least group size (at least 3).
    min_shared : int
        Least number of projects the whole group takes part in.

    Returns
    -------
    list of RecurringGroup
        Most shared projects first, then larger groups, then by members.
    """
    graph = networks.organisations
    recurring = defaultdict(set)
    for a, b, w in graph.edges(data="weight"):
        if w >= min_shared:
            recurring[a].add(b)
            recurring[b].add(a)

    triples: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for project, orgs in networks.members.items():
        inside = [o for o in orgs if o in recurring]  # sorted, like the member dict
        if len(inside) < 3:
            continue
        present = set(inside)
        for a in inside:
            later = sorted(n for n in recurring[a] if n in present and n > a)
            for i, b in enumerate(later):
                for c in later[i + 1:]:
                    if c in recurring[b]:
                        triples[(a, b, c)].append(project)

    org_projects: dict[str, set[str]] = defaultdict(set)
    for project, orgs in networks.members.items():
        for org in orgs:
            org_projects[org].add(project)

    groups: dict[tuple[str, ...], tuple[str, ...]] = {}
    for triple, projects in triples.items():
        if len(projects) < min_shared:
            continue
        closure = set.intersection(*(set(networks.members[p]) for p in projects))
        members = tuple(sorted(closure))
        if len(members) < max(3, min_size) or members in groups:
            continue
        support = set.intersection(*(org_projects[m] for m in members))
        groups[members] = tuple(sorted(support))
    found = [RecurringGroup(m, p, *_years(networks, p)) for m, p in groups.items()]
    return sorted(found, key=lambda g: (-g.shared, -len(g.members), g.members))


def _period_bounds(period: str) -> tuple[int, int] | None:
    try:
        first, last = period.split("-")[:2]
        return int(first), int(last)
    except ValueError:
        return None


def consecutive_periods(periods) -> bool:
    """Return whether two of ``periods`` follow one another (``2007-2013``, ``2014-2020``).

    Examples
    --------
    >>> consecutive_periods(["2007-2013", "2014-2020"]), consecutive_periods(["2007-2013", "2021-2027"])
    (True, False)
    """
    bounds = [b for b in (_period_bounds(p) for p in periods) if b]
    ends = {last for _, last in bounds}
    return any(first - 1 in ends for first, _ in bounds)


def cross_period_partnerships(partnerships: list[Partnership]) -> list[Partnership]:
    """Return the partnerships whose shared projects run in consecutive programme periods.

    Parameters
    ----------
    partnerships : list of Partnership
        Usually :func:`recurring_partnerships` (a pair in two periods shares at least
        two projects).

    Returns
    -------
    list of Partnership
        In the given order.
    """
    return [p for p in partnerships if consecutive_periods(p.periods)]
