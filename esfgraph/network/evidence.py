"""What counts as collaboration evidence, and how much of it each programme period offers.

Pages of 2007–2013 print who takes part (Medfinansiärer, Samarbetspartners); pages of
2014–2020 and 2021–2027 print no such lists, and name their partners only in the
description (role ``mentioned``). The rules, applied per project before the network is
built (:func:`select_members`):

1. **Listed roles always count** (owner, co-financier, partner, transnational partner).
2. **Organisations named in the text count where the page prints no lists**
   (``text_mentions="unlisted"``, the default): a project with no co-financier, partner or
   transnational partner gets its ties from its text. Where the page prints lists, they
   are what it says about who takes part, and the names in its text are context
   ("deltagarna är inskrivna på Arbetsförmedlingen"). ``"all"`` counts text everywhere,
   ``"none"`` never (the listed roles only, as before).
3. **A national agency named in general is not a partner**: a text mention of a national
   agency as a whole (type ``agency``: "Arbetsförmedlingen", "Försäkringskassan") is left
   out of the pairs unless ``include_national``; nearly every description names them, and
   counted they make every pair of projects a partnership through them. A named office
   ("Arbetsförmedlingen Botkyrka", type ``agency_office``) counts, as do agencies in a
   printed list.
4. **An organisation's own parent is not its partner**: a text mention of the
   organisation a listed member is a unit of ("Folkuniversitetet" on a page that
   Folkuniversitetet Jönköping owns) is left out.

Each organisation in a project then has the evidence ``listed`` (it holds a listed role)
or ``text`` (named in the text only); a pair in a project is ``listed`` when both are
listed, else ``text``; a pair over its shared projects is ``listed``, ``text`` or ``both``.

Examples
--------
>>> pair_evidence(3, 0), pair_evidence(0, 2), pair_evidence(1, 1)
('listed', 'text', 'both')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable

from ..model import LISTED_ROLES

__all__ = [
    "TEXT_MENTIONS",
    "NATIONAL_TYPES",
    "EVIDENCE",
    "PRINTED_LIST_ROLES",
    "check_text_mentions",
    "pair_evidence",
    "select_members",
    "select_grouped_members",
    "coverage",
    "coverage_lines",
]

#: Where organisations named in the text count: pages without printed lists, every page, none.
TEXT_MENTIONS: tuple[str, ...] = ("unlisted", "all", "none")
#: Organisation types that stand for a national agency as a whole.
NATIONAL_TYPES = frozenset({"agency"})
#: A tie's evidence over its shared projects.
EVIDENCE: tuple[str, ...] = ("listed", "text", "both")
#: Roles that only a printed list gives (the owner is printed on every page).
PRINTED_LIST_ROLES = frozenset({"co_financier", "partner", "transnational_partner"})

_LISTED = frozenset(LISTED_ROLES)


def check_text_mentions(value: str) -> str:
    """Return ``value`` when it is one of :data:`TEXT_MENTIONS`; raise ``ValueError`` otherwise."""
    if value not in TEXT_MENTIONS:
        raise ValueError(f"unknown text-mentions choice {value!r}; choose from {', '.join(TEXT_MENTIONS)}")
    return value


def pair_evidence(listed: int, text: int) -> str:
    """The evidence of a pair from the number of its shared projects of each kind."""
    if listed and text:
        return "both"
    return "text" if text else "listed"


def select_members(
    participations: Iterable[tuple[str, str, str]],
    org_types: dict[str, str | None],
    text_mentions: str = "unlisted",
    include_national: bool = False,
    parents: dict[str, str | None] | None = None,
) -> tuple[dict[str, dict[str, set[str]]], Counter]:
    """Apply the rules of this module to ``(project, organisation, role)`` rows.

    Parameters
    ----------
    participations : iterable of (str, str, str)
        One row per participation, role as a key (``co_financier``), in any order.
    org_types : dict
        Organisation IRI -> type key (``agency``, ``agency_office``...).
    text_mentions : {"unlisted", "all", "none"}
    include_national : bool
        Count text mentions of national agencies as a whole too.
    parents : dict, optional
        Organisation IRI -> the IRI it is a unit of (``org:unitOf``).

    Returns
    -------
    (dict, collections.Counter)
        Project -> {organisation -> roles that count}, at the level of the rows; and per
        project the number of national-agency text mentions left out.

    Examples
    --------
    >>> rows = [("p", "af", "mentioned"), ("p", "ame", "owner"), ("p", "bo", "mentioned"), ("p", "k", "mentioned")]
    >>> members, left_out = select_members(rows, {"af": "agency"}, parents={"ame": "k"})
    >>> sorted(members["p"]), left_out["p"]
    (['ame', 'bo'], 1)
    """
    raw: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for project, org, role in participations:
        raw[project][org].add(role)
    return select_grouped_members(raw, org_types, text_mentions, include_national, parents)


def select_grouped_members(
    raw: dict[str, dict[str, set[str]]],
    org_types: dict[str, str | None],
    text_mentions: str = "unlisted",
    include_national: bool = False,
    parents: dict[str, str | None] | None = None,
) -> tuple[dict[str, dict[str, set[str]]], Counter]:
    """:func:`select_members` for participations already grouped: project -> {organisation -> roles}.

    Examples
    --------
    >>> members, _ = select_grouped_members({"p": {"a": {"owner"}, "b": {"mentioned"}}}, {})
    >>> members["p"]
    {'a': {'owner'}, 'b': {'mentioned'}}
    """
    check_text_mentions(text_mentions)
    members: dict[str, dict[str, set[str]]] = {}
    left_out: Counter = Counter()
    for project, orgs in raw.items():
        prints_lists = any(roles & PRINTED_LIST_ROLES for roles in orgs.values())
        count_text = text_mentions == "all" or (text_mentions == "unlisted" and not prints_lists)
        kept: dict[str, set[str]] = {}
        own = _ancestors((org for org, roles in orgs.items() if roles & _LISTED), parents or {})
        for org, roles in orgs.items():
            listed = roles & _LISTED
            if listed:
                kept[org] = listed | ({"mentioned"} & roles if count_text else set())
            elif count_text and "mentioned" in roles and org not in own:
                if not include_national and org_types.get(org) in NATIONAL_TYPES:
                    left_out[project] += 1
                    continue
                kept[org] = {"mentioned"}
        if kept:
            members[project] = kept
    return members, left_out


def _ancestors(orgs: Iterable[str], parents: dict[str, str | None]) -> set[str]:
    """Every organisation that one of ``orgs`` is a unit of, at any depth."""
    found: set[str] = set()
    for org in orgs:
        parent = parents.get(org)
        while parent and parent not in found:
            found.add(parent)
            parent = parents.get(parent)
    return found


def coverage(
    members: dict[str, dict[str, tuple[str, ...]]],
    periods: dict[str, str | None],
    ties: Iterable[tuple[tuple[str, ...], tuple[str, ...]]],
    left_out: Counter,
) -> list[dict[str, Any]]:
    """Per programme period: what the network can say about it, and why it is thin.

    Parameters
    ----------
    members : dict
        Project -> {organisation -> roles}, as the network counts them.
    periods : dict
        Every project of the store -> its programme period (``None`` when unknown).
    ties : iterable of (projects, evidences)
        Each tie of the organisation network: its shared projects and, in the same order,
        the evidence (``listed`` or ``text``) of the pair in each.
    left_out : Counter
        Per project, national-agency text mentions left out (:func:`select_members`).

    Returns
    -------
    list of dict
        One per period in order (unknown last): ``period``, ``projects``,
        ``with_two_or_more`` (projects with two or more organisations that count),
        ``listed`` (of these, with two or more listed organisations), ``text`` (the rest:
        two or more only with the names in their text), ``ties`` (pairs sharing a project of
        the period) and ``ties_listed``/``ties_text``/``ties_both`` (those ties by their
        evidence within the period), ``national_left_out`` (text mentions of national
        agencies not counted).

    Examples
    --------
    >>> rows = coverage({"p": {"a": ("owner",), "b": ("mentioned",)}}, {"p": "2014-2020", "q": None},
    ...                 [(("p",), ("text",))], Counter())
    >>> [(r["period"], r["projects"], r["with_two_or_more"], r["text"], r["ties_text"]) for r in rows]
    [('2014-2020', 1, 1, 1, 1), ('unknown', 1, 0, 0, 0)]
    """
    rows: dict[str, dict[str, Any]] = {}

    def row(period: str | None) -> dict[str, Any]:
        key = period or "unknown"
        if key not in rows:
            rows[key] = {"period": key, "projects": 0, "with_two_or_more": 0, "listed": 0, "text": 0,
                         "ties": 0, "ties_listed": 0, "ties_text": 0, "ties_both": 0, "national_left_out": 0}
        return rows[key]

    for project, period in periods.items():
        entry = row(period)
        entry["projects"] += 1
        entry["national_left_out"] += left_out.get(project, 0)
        orgs = members.get(project, {})
        if len(orgs) >= 2:
            entry["with_two_or_more"] += 1
            listed = sum(1 for roles in orgs.values() if _LISTED.intersection(roles))
            entry["listed" if listed >= 2 else "text"] += 1
    counted: Counter = Counter()  # (period, "ties_" + evidence) -> ties
    for projects, evidences in ties:
        if len(projects) == 1:  # most ties: one shared project, one period, one kind
            counted[(periods.get(projects[0]), "ties_" + evidences[0])] += 1
            continue
        by_period: dict[str | None, set[str]] = defaultdict(set)
        for project, evidence in zip(projects, evidences):
            by_period[periods.get(project)].add(evidence)
        for period, kinds in by_period.items():
            counted[(period, "ties_" + ("both" if len(kinds) > 1 else next(iter(kinds))))] += 1
    for (period, column), number in counted.items():
        entry = row(period)
        entry["ties"] += number
        entry[column] += number
    return [rows[key] for key in sorted(rows, key=lambda k: (k == "unknown", k))]


def coverage_lines(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Lines for a terminal: per programme period, how much of it the network can see.

    Examples
    --------
    >>> coverage_lines([{"period": "2014-2020", "projects": 5, "with_two_or_more": 2, "listed": 0, "text": 2,
    ...                  "ties": 3, "ties_listed": 0, "ties_text": 3, "ties_both": 0, "national_left_out": 4}])[1]
    '  2014-2020: 5 projects, 2 with two or more organisations (0 by printed lists, 2 by names in the text); 3 ties (0 listed, 3 text, 0 both); 4 general mentions of national agencies not counted'
    """
    def count(number: int, noun: str) -> str:
        return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"

    lines = ["coverage per programme period:"]
    for row in rows:
        line = (f"  {row['period']}: {count(row['projects'], 'project')}, {row['with_two_or_more']:,} with two or "
                f"more organisations ({row['listed']:,} by printed lists, {row['text']:,} by names in the text); "
                f"{count(row['ties'], 'tie')} ({row['ties_listed']:,} listed, {row['ties_text']:,} text, "
                f"{row['ties_both']:,} both)")
        if row["national_left_out"]:
            line += f"; {count(row['national_left_out'], 'general mention')} of national agencies not counted"
        lines.append(line)
    return lines
