"""The partnership table, counted fast: every pair's projects as integer ids, once per store generation.

Who counts in a project depends on three choices alone (``text``, ``general``, ``level``:
:attr:`~esfgraph.explorer.filters.PartnershipFilter.setting`), never on which projects a
request chooses: the rule reads one project's participations at a time. So
:class:`PairIndex` applies the rule (:func:`~esfgraph.explorer.members.counted_roles`, once
for both levels, and :func:`~esfgraph.explorer.members.members_at`) to every project once
per setting, makes the pairs of each project with numpy as
:func:`~esfgraph.explorer.members.pair_projects` says, and keeps each pair's projects as
integer ids in arrays, next to each project's ESF region, programme period, start year,
grant and places. A request then marks the projects its filters choose (region, county,
municipality, period, years, one organisation's projects), counts each pair's chosen
projects with ``numpy.bincount``, keeps the pairs that pass the pair filters (least shared,
organisation, organisation type, evidence) and sorts them once (:class:`PairTable`); only
the rows that are shown or downloaded become :class:`~esfgraph.explorer.members.PairRow`
objects. The rows are those the rule gives when applied to the chosen projects alone.

Examples
--------
>>> from esfgraph.explorer.index import ExplorerIndex, Participation, Project
>>> projects = {p: Project(p, year=y, period="2014-2020") for p, y in (("p1", 2015), ("p2", 2018))}
>>> for p, org in (("p1", "a"), ("p1", "b"), ("p2", "a"), ("p2", "b"), ("p2", "c")):
...     projects[p].participations.append(Participation(p, org, "owner" if org == "a" else "partner"))
>>> index = ExplorerIndex({}, projects, {}, {}, {}, {})
>>> [(r.org_a, r.org_b, r.projects) for r in filter_partnerships(index, PartnershipFilter(min_shared=1))]
[('a', 'b', ['p1', 'p2']), ('a', 'c', ['p2']), ('b', 'c', ['p2'])]
>>> [(r.org_a, r.org_b) for r in filter_partnerships(index, PartnershipFilter(year_from=2016, min_shared=1,
...                                                                        sort="org_b", order="asc"))]
[('a', 'b'), ('a', 'c'), ('b', 'c')]
>>> len(filter_partnerships(index, PartnershipFilter()))
1
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from ..network import TEXT_MENTIONS
from ..network import pair_evidence
from .filters import FilterError, PartnershipFilter
from .index import ExplorerIndex, Project
from .members import PairRow, counted_roles, members_at, projects_of, subtree

__all__ = ["PairIndex", "PairTable", "pair_index", "count_partnerships", "filter_partnerships", "project_places",
           "SETTINGS"]

#: Every ``(text, general, level)``: the default first (what the table shows unasked).
SETTINGS = tuple(sorted(((t, g, lv) for t in TEXT_MENTIONS for g in (False, True) for lv in ("unit", "parent")),
                        key=lambda s: s != PartnershipFilter().setting))

_UNKNOWN = -1  # a start year the graph lacks
_NO_CODE = -2  # a filter value no project has


def project_places(index: ExplorerIndex, project: Project) -> tuple[set[str], set[str]]:
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


def _codes(values: list) -> tuple[np.ndarray, dict]:
    """``values`` as integer codes (``None`` gets one too), and the code of each value."""
    codes: dict = {}
    array = np.fromiter((codes.setdefault(v, len(codes)) for v in values), dtype=np.int64, count=len(values))
    return array, codes


def _ids(lists: dict[str, list[int]]) -> dict[str, np.ndarray]:
    return {key: np.array(found, dtype=np.int64) for key, found in lists.items()}


@dataclass
class _Pairs:
    """Every pair of one setting: pairs numbered in ``(org_a, org_b)`` order, and one
    entry per (pair, shared project), grouped by pair, projects in IRI order."""

    orgs: np.ndarray  # organisation IRIs (object array); a and b index it
    types: list  # organisation type key of each of orgs
    roots: list[str]  # top of each one's org:unitOf chain
    label_rank: np.ndarray  # place of each one's casefolded label in sorted order
    a: np.ndarray  # per pair
    b: np.ndarray
    pair: np.ndarray  # per entry
    project: np.ndarray
    listed: np.ndarray  # both organisations listed in that project


def _pairs_of(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every pair within each project, as :func:`~esfgraph.explorer.members.pair_projects`
    makes them: ``flat`` holds one (project, organisation, listed) a row; the answer is
    ``(a, b, project, listed)`` per pair and project, ``a < b``, listed when both are."""
    flat = flat[np.lexsort((flat[:, 1], flat[:, 0]))]
    _, starts, sizes = np.unique(flat[:, 0], return_index=True, return_counts=True)
    found = []
    for size in np.unique(sizes[sizes > 1]).tolist():  # projects of one size at a time
        rows = starts[sizes == size][:, None] + np.arange(size)[None, :]
        first, second = np.triu_indices(size, 1)
        one, two = rows[:, first].ravel(), rows[:, second].ravel()
        found.append((flat[one, 1], flat[two, 1], flat[one, 0], (flat[one, 2] & flat[two, 2]).astype(bool)))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty.astype(bool)
    return tuple(np.concatenate(parts) for parts in zip(*found))


class PairIndex:
    """Per store generation: projects as arrays, and the pairs of each setting, built on demand."""

    def __init__(self, index: ExplorerIndex):
        self.index = index
        self.iris = np.array(sorted(index.projects), dtype=object)  # project ids follow IRI order
        projects = [index.projects[iri] for iri in self.iris]
        self.region, self.regions = _codes([p.region for p in projects])
        self.period, self.periods = _codes([p.period for p in projects])
        self.year = np.array([_UNKNOWN if p.year is None else p.year for p in projects], dtype=np.int64)
        self.grant = np.array([p.grant or 0 for p in projects], dtype=np.int64)
        municipalities, counties = defaultdict(list), defaultdict(list)
        for number, project in enumerate(projects):
            codes, county_codes = project_places(index, project)
            for code in codes:
                municipalities[code].append(number)
            for code in county_codes:
                counties[code].append(number)
        self.municipalities, self.counties = _ids(municipalities), _ids(counties)
        self.number = {iri: number for number, iri in enumerate(self.iris)}
        self._settings: dict[tuple, _Pairs] = {}
        self._selected: dict[tuple, dict] = {}  # who counts per (text, general), for both levels
        self._locks = {setting: threading.Lock() for setting in SETTINGS}

    def pairs(self, setting: tuple[str, bool, str]) -> _Pairs:
        """The pairs of ``setting`` (``(text, general, level)``), counted once."""
        found = self._settings.get(setting)
        if found is None:
            with self._locks[setting]:  # a second request for it waits for the first
                found = self._settings.get(setting)
                if found is None:
                    found = self._settings[setting] = self._count(setting)
        return found

    def warm(self) -> None:
        """Count the pairs of every setting (the default first)."""
        for setting in SETTINGS:
            self.pairs(setting)

    def _count(self, setting: tuple[str, bool, str]) -> _Pairs:
        text, general, level = setting
        selected = self._selected.get((text, general))
        if selected is None:  # the two levels share who counts; they roll it up apart
            everything = (self.index.projects[iri] for iri in self.iris)
            selected = self._selected[(text, general)] = counted_roles(self.index, everything, text, general)
        members = members_at(self.index, selected, level)
        if (text, general, "parent" if level == "unit" else "unit") in self._settings:
            self._selected.pop((text, general), None)  # both levels made: spare the garbage collector
        orgs = sorted({org for found in members.values() for org in found})
        number = {org: i for i, org in enumerate(orgs)}
        flat = [(self.number[project], number[org], evidence == "listed")
                for project, found in members.items() for org, evidence in found.items()]
        a, b, project, listed = _pairs_of(np.array(flat, dtype=np.int64).reshape(-1, 3))
        keys, pair = np.unique(a * max(len(orgs), 1) + b, return_inverse=True)
        order = np.lexsort((project, pair))  # by pair, in (org_a, org_b) order, then by project
        labels = [self.index.org_label(org).casefold() for org in orgs]
        rank = {label: i for i, label in enumerate(sorted(set(labels)))}
        return _Pairs(
            orgs=np.array(orgs, dtype=object), types=[getattr(self.index.orgs.get(o), "type", None) for o in orgs],
            roots=[self.index.root(org) for org in orgs],
            label_rank=np.array([rank[label] for label in labels], dtype=np.int64),
            a=keys // max(len(orgs), 1), b=keys % max(len(orgs), 1),
            pair=pair.reshape(-1)[order], project=project[order], listed=listed[order])

    def chosen(self, flt: PartnershipFilter) -> np.ndarray | None:
        """Which projects the filters choose, one flag a project (``None``: all of them).

        Raises
        ------
        FilterError
            A municipality name the graph does not hold.
        """
        codes = _municipality_codes(self.index, flt.municipality) if flt.municipality else set()
        masks = []
        if flt.org:  # only the projects of the organisation and its units
            masks.append(self._mark(self.number[p] for p in projects_of(self.index, subtree(self.index, flt.org))))
        if flt.region:
            masks.append(self.region == self.regions.get(flt.region, _NO_CODE))
        if flt.period:
            masks.append(self.period == self.periods.get(flt.period, _NO_CODE))
        if flt.year_from is not None:
            masks.append((self.year != _UNKNOWN) & (self.year >= flt.year_from))
        if flt.year_to is not None:
            masks.append((self.year != _UNKNOWN) & (self.year <= flt.year_to))
        if flt.county:
            masks.append(self._mark(self.counties.get(flt.county, ())))
        if codes:
            masks.append(self._mark(n for code in codes for n in self.municipalities.get(code, ())))
        return np.logical_and.reduce(masks) if masks else None

    def _mark(self, numbers) -> np.ndarray:
        mask = np.zeros(len(self.iris), dtype=bool)
        mask[np.fromiter(numbers, dtype=np.int64)] = True
        return mask

    def count(self, flt: PartnershipFilter) -> "PairTable":
        """The pairs ``flt`` keeps, each counted over the projects it chooses (in pair order)."""
        chosen = self.chosen(flt)
        pairs = self.pairs(flt.setting)
        keep = np.ones(len(pairs.pair), dtype=bool) if chosen is None else chosen[pairs.project]
        present = None
        if flt.evidence == "listed":  # only the projects where both are listed count
            present = np.bincount(pairs.pair[keep], minlength=len(pairs.a)) > 0
            keep &= pairs.listed
        shared = np.bincount(pairs.pair[keep], minlength=len(pairs.a))
        text = np.bincount(pairs.pair[keep & ~pairs.listed], minlength=len(pairs.a))
        wanted = (shared > 0 if present is None else present) & (shared >= flt.min_shared)
        if flt.org:  # the organisation, or a unit whose top is the organisation, on either side
            side = np.fromiter((o == flt.org or r == flt.org for o, r in zip(pairs.orgs, pairs.roots)), dtype=bool,
                               count=len(pairs.orgs))
            wanted &= side[pairs.a] | side[pairs.b]
        if flt.org_type:
            side = np.fromiter((t == flt.org_type for t in pairs.types), dtype=bool, count=len(pairs.types))
            wanted &= side[pairs.a] | side[pairs.b]
        if flt.evidence == "text":  # pairs with a shared project where a side is named in the prose
            wanted &= text > 0
        kept = np.flatnonzero(wanted)
        starts = np.concatenate(([0], np.cumsum(shared[kept]))).astype(np.int64)
        return PairTable(self, _Counted(pairs, kept, shared[kept], text[kept],
                                        pairs.project[keep & wanted[pairs.pair]], starts))


@dataclass
class _Counted:
    """The pairs one filter keeps (``kept``, in pair order), their counts, and their
    chosen projects one after the other (row ``j``'s are ``projects[starts[j]:starts[j + 1]]``)."""

    pairs: _Pairs
    kept: np.ndarray
    shared: np.ndarray
    text: np.ndarray  # shared projects where a side is named in the prose only
    projects: np.ndarray
    starts: np.ndarray
    lists: tuple | None = None  # the same as Python lists, made once when rows are asked for


class PairTable(Sequence):
    """The rows of one filter, sorted; a sequence of :class:`PairRow`, made when asked for."""

    def __init__(self, owner: PairIndex, counted: _Counted, order: np.ndarray | None = None):
        self.owner, self.counted = owner, counted
        self.order = np.arange(len(counted.kept)) if order is None else order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self._row(j) for j in self.order[item].tolist()]
        return self._row(int(self.order[item]))

    def __iter__(self) -> Iterator[PairRow]:
        for j in self.order.tolist():
            yield self._row(j)

    def _lists(self) -> tuple:
        c = self.counted
        if c.lists is None:  # Python lists index faster than arrays, row by row
            c.lists = (c.pairs.orgs[c.pairs.a[c.kept]].tolist(), c.pairs.orgs[c.pairs.b[c.kept]].tolist(),
                       self.owner.iris[c.projects].tolist(), c.starts.tolist(), c.text.tolist())
        return c.lists

    def _row(self, j: int) -> PairRow:
        a, b, iris, starts, text = self._lists()
        start, end = starts[j], starts[j + 1]
        return PairRow(a[j], b[j], iris[start:end], pair_evidence(end - start - text[j], text[j]))

    def edges(self) -> Iterator[tuple[str, str, int]]:
        """``(org_a, org_b, shared projects)`` of each row, without the rows' project lists."""
        c = self.counted
        a = c.pairs.orgs[c.pairs.a[c.kept[self.order]]].tolist()
        b = c.pairs.orgs[c.pairs.b[c.kept[self.order]]].tolist()
        return zip(a, b, c.shared[self.order].tolist())

    def sorted(self, flt: PartnershipFilter) -> "PairTable":
        """The same rows sorted as ``flt`` asks; ties in ``(org_a, org_b)`` order."""
        key = self._key(flt.sort)
        return PairTable(self.owner, self.counted, np.argsort(-key if flt.order == "desc" else key, kind="stable"))

    def _key(self, name: str) -> np.ndarray:
        c, owner = self.counted, self.owner
        if name == "shared":
            return c.shared
        if name in ("org_a", "org_b"):
            return c.pairs.label_rank[(c.pairs.a if name == "org_a" else c.pairs.b)[c.kept]]
        if name == "periods":  # distinct programme periods (unknown is one) among the row's projects
            width = len(owner.periods) + 1
            row = np.repeat(np.arange(len(c.kept), dtype=np.int64), c.shared)
            return np.bincount(np.unique(row * width + owner.period[c.projects]) // width, minlength=len(c.kept))
        if name == "grant":
            return self._per_row(np.add, owner.grant[c.projects], 0)
        years = owner.year[c.projects]
        if name == "first_year":
            unknown = np.iinfo(np.int64).max
            first = self._per_row(np.minimum, np.where(years == _UNKNOWN, unknown, years), unknown)
            return np.where(first == unknown, 0, first)
        last = self._per_row(np.maximum, years, _UNKNOWN)
        return np.where(last == _UNKNOWN, 0, last)

    def _per_row(self, ufunc: np.ufunc, values: np.ndarray, empty: int) -> np.ndarray:
        """``ufunc`` over each row's projects' ``values`` (``empty`` for a row without projects)."""
        c = self.counted
        out = np.full(len(c.kept), empty, dtype=np.int64)
        filled = c.shared > 0
        if filled.any():
            out[filled] = ufunc.reduceat(values, c.starts[:-1][filled])
        return out


_CREATE = threading.Lock()


def pair_index(index: ExplorerIndex) -> PairIndex:
    """The :class:`PairIndex` of ``index``, made once."""
    found = index.memo.get("pairs")
    if found is None:
        with _CREATE:
            found = index.memo.get("pairs")
            if found is None:
                found = index.memo["pairs"] = PairIndex(index)
    return found


def count_partnerships(index: ExplorerIndex, flt: PartnershipFilter) -> PairTable:
    """The partnerships the filter selects, in ``(org_a, org_b)`` order (sort with :meth:`PairTable.sorted`).

    Raises
    ------
    FilterError
        A municipality name the graph does not hold.
    """
    return pair_index(index).count(flt)


def filter_partnerships(index: ExplorerIndex, flt: PartnershipFilter) -> PairTable:
    """The partnerships the filter selects, sorted as it asks.

    Raises
    ------
    FilterError
        A municipality name the graph does not hold.
    """
    return count_partnerships(index, flt).sorted(flt)
