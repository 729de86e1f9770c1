"""Recurring partnerships: pairs, groups of three or more, across programme periods."""

from __future__ import annotations

import pytest

from esfgraph.network import (
    cross_period_partnerships,
    networks_from_store,
    recurring_groups,
    recurring_partnerships,
)
from esfgraph.network.recurring import consecutive_periods

from .graphs import AF, AF_J, AF_V, AME, FK, K0665, K0680, PROJECTS, SF


@pytest.fixture(scope="module")
def unit(tiny_store):
    return networks_from_store(tiny_store)


def test_pairs_sharing_two_or_more_projects(unit):
    pairs = recurring_partnerships(unit)
    assert [(p.org_a, p.org_b, p.shared) for p in pairs] == [
        (AF_J, FK, 3), (AF_J, AME, 3), (FK, AME, 3),
        (AF_V, K0680, 2), (AF_V, SF, 2), (K0680, SF, 2),
    ]
    first = pairs[1]
    assert first.projects == (PROJECTS[1], PROJECTS[2], PROJECTS[3])
    assert (first.first_year, first.last_year) == (2008, 2015)
    assert first.periods == ("2007-2013", "2014-2020")
    assert first.kinds == {"co_financing": 3, "partnership": 0, "transnational": 0, "mentioned": 0}
    assert len(recurring_partnerships(unit, min_shared=3)) == 3


def test_groups_of_three_that_recur(unit):
    groups = recurring_groups(unit)
    assert [(g.members, g.shared) for g in groups] == [
        ((AF_J, FK, AME), 3),
        ((AF_V, K0680, SF), 2),
    ]
    assert (groups[1].first_year, groups[1].last_year) == (2014, 2016)
    assert groups[1].projects == (PROJECTS[4], PROJECTS[5])


def test_a_group_is_closed_to_everyone_its_projects_share(tiny_store):
    parent = networks_from_store(tiny_store, level="parent")
    groups = {g.members: g.shared for g in recurring_groups(parent)}
    # At parent level AF is in all of P1-P5, so it joins both groups.
    assert groups[tuple(sorted((AF, FK, K0665)))] == 3
    assert groups[tuple(sorted((AF, K0680, SF)))] == 2


def test_partnerships_across_programme_periods(unit):
    cross = cross_period_partnerships(recurring_partnerships(unit))
    assert {(p.org_a, p.org_b) for p in cross} == {(AF_J, FK), (AF_J, AME), (FK, AME)}
    assert consecutive_periods(["2000-2006", "2007-2013"])
    assert not consecutive_periods(["2007-2013", "2021-2027"])
    assert not consecutive_periods(["2014-2020"])
