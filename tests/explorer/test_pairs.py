"""The partnership table counted from arrays (esfgraph.explorer.pairs) gives exactly the rows of
the rule applied to the chosen projects alone, filtered and sorted one row at a time: the way
the explorer counted before the arrays, written here as the specification. Compared on the
sample build and on a hand-made index with the corners (no start year, no period, a parent
outside the graph, two organisations with one name, a general agency named in the text,
``min_shared=0`` with ``evidence=listed``)."""

from __future__ import annotations

import itertools
import random

import pytest

from esfgraph.explorer import PairTable, PartnershipFilter, build_index, filter_partnerships, pair_projects, \
    project_members
from esfgraph.explorer.index import ExplorerIndex, Organisation, Participation, Project
from esfgraph.explorer.members import make_row, projects_of, subtree
from esfgraph.explorer.pairs import SETTINGS, pair_index, project_places
from esfgraph.store import open_store

from .conftest import BASE


def _chosen(index: ExplorerIndex, flt: PartnershipFilter) -> list[Project]:
    if flt.municipality.isdigit():
        codes = {flt.municipality.zfill(4)}
    else:
        codes = {c for c, (label, _) in index.municipalities.items() if label.casefold() == flt.municipality.casefold()}
    pool = index.projects.values()
    if flt.org:
        pool = [index.projects[p] for p in sorted(projects_of(index, subtree(index, flt.org)))]
    chosen = []
    for p in pool:
        places, counties = project_places(index, p)
        if ((flt.region and p.region != flt.region) or (flt.period and p.period != flt.period)
                or (flt.year_from is not None and (p.year is None or p.year < flt.year_from))
                or (flt.year_to is not None and (p.year is None or p.year > flt.year_to))
                or (flt.county and flt.county not in counties) or (flt.municipality and not codes & places)):
            continue
        chosen.append(p)
    return chosen


def reference(index: ExplorerIndex, flt: PartnershipFilter) -> list[tuple]:
    """The rows, one pair at a time: count the chosen projects, keep, sort."""
    rows = []
    for (a, b), projects in pair_projects(project_members(index, _chosen(index, flt), flt)).items():
        if flt.evidence == "listed":
            projects = {p: e for p, e in projects.items() if e == "listed"}
        types = {getattr(index.orgs.get(o), "type", None) for o in (a, b)}
        if (len(projects) < flt.min_shared or (flt.org_type and flt.org_type not in types)
                or (flt.org and not {a, b, index.root(a), index.root(b)} & {flt.org})):
            continue
        row = make_row(a, b, projects)
        if not (flt.evidence == "text" and row.evidence == "listed"):
            rows.append(row)

    def years(row):
        return [index.projects[p].year for p in row.projects if index.projects[p].year is not None]

    key = {"shared": lambda r: len(r.projects), "first_year": lambda r: min(years(r), default=0),
           "last_year": lambda r: max(years(r), default=0),
           "grant": lambda r: sum(index.projects[p].grant or 0 for p in r.projects),
           "org_a": lambda r: index.org_label(r.org_a).casefold(), "org_b": lambda r: index.org_label(r.org_b).casefold(),
           "periods": lambda r: len({index.projects[p].period for p in r.projects})}[flt.sort]
    rows.sort(key=lambda r: (r.org_a, r.org_b))
    rows.sort(key=key, reverse=flt.order == "desc")
    return [(r.org_a, r.org_b, r.projects, r.evidence) for r in rows]


def fast(index: ExplorerIndex, flt: PartnershipFilter) -> list[tuple]:
    table = filter_partnerships(index, flt)
    assert isinstance(table, PairTable)
    return [(r.org_a, r.org_b, r.projects, r.evidence) for r in table]


def filters(index: ExplorerIndex, n: int, seed: int) -> list[PartnershipFilter]:
    """Every choice on its own, then ``n`` seeded mixtures of two to four."""
    orgs = sorted(index.by_org) + [BASE + "org/not-in-this-graph"]
    names = sorted({label for label, _ in index.municipalities.values()})
    options = {
        "region": sorted({p.region for p in index.projects.values() if p.region}) + ["nowhere"],
        "county": sorted(index.counties) or ["06"], "municipality": sorted(index.municipalities)[:6] + names[:3],
        "period": ["2007-2013", "2014-2020"], "year_from": [2008, 2015], "year_to": [2010, 2020],
        "org_type": sorted({o.type for o in index.orgs.values() if o.type}), "org": orgs,
        "evidence": ["listed", "text"], "level": ["parent"], "min_shared": [0, 1, 2, 3], "general": [True],
        "text": ["all", "none"], "sort": ["first_year", "last_year", "grant", "org_a", "org_b", "periods"],
        "order": ["asc"],
    }
    found = [PartnershipFilter(**{"min_shared": 1, name: value}) for name, values in options.items() for value in values]
    rng = random.Random(seed)
    for _ in range(n):
        chosen = {name: rng.choice(options[name]) for name in rng.sample(sorted(options), rng.randint(2, 4))}
        found.append(PartnershipFilter(**{"min_shared": rng.choice([0, 1, 1, 2]), **chosen}))
    return found


@pytest.fixture(scope="module")
def sample_index(sample_build):
    return build_index(open_store(sample_build / "store", read_only=True))


def test_the_arrays_count_as_the_rule_on_the_sample_build(sample_index):
    checked = filters(sample_index, 400, seed=17)
    nonempty = 0
    for flt in checked:
        expected = reference(sample_index, flt)
        assert fast(sample_index, flt) == expected, flt
        nonempty += bool(expected)
    assert nonempty > len(checked) // 3  # many of them keep rows: the comparison says something


def corner_index() -> ExplorerIndex:
    """Projects and organisations with the corners the arrays must get right."""
    org = lambda key, **facts: Organisation(BASE + "org/" + key, facts.pop("label", key), **facts)  # noqa: E731
    orgs = {o.iri: o for o in (
        org("af", label="Arbetsförmedlingen", type="agency"),
        org("af/sala", label="Af Sala", type="agency_office", parent=BASE + "org/af", municipality="1981", county="19"),
        org("kommun", label="Kommunen", type="municipality", municipality="0665", county="06"),
        org("twin-1", label="Tvilling", type="company"), org("twin-2", label="tvilling", type="company"),
        org("orphan", label="Orphan unit", type="non_profit", parent=BASE + "org/gone"),
    )}
    orgs[BASE + "org/af"].units.append(BASE + "org/af/sala")
    projects = {}
    plan = [  # (key, year, period, region, grant, municipalities, [(org, role)])
        ("p1", 2009, "2007-2013", "stockholm", 100, ["0665"], [("kommun", "owner"), ("af/sala", "partner"),
                                                               ("af", "mentioned"), ("twin-1", "mentioned")]),
        ("p2", None, None, None, None, [], [("kommun", "owner"), ("twin-1", "mentioned"), ("twin-2", "mentioned"),
                                            ("af", "mentioned"), ("orphan", "mentioned")]),
        ("p3", 2016, "2014-2020", "stockholm", 300, [], [("af/sala", "owner"), ("twin-2", "mentioned"),
                                                          ("kommun", "mentioned"), ("orphan", "mentioned")]),
        ("p4", 2019, "2014-2020", "ovre-norrland", 50, ["1981"], [("twin-1", "owner"), ("twin-2", "co_financier"),
                                                                  ("kommun", "partner"), ("orphan", "partner")]),
        ("p5", 2001, "2000-2006", None, 10, [], [("af/sala", "owner"), ("twin-1", "partner")]),
    ]
    by_org: dict[str, list[Participation]] = {}
    for key, year, period, region, grant, places, parts in plan:
        project = projects[BASE + "project/" + key] = Project(BASE + "project/" + key, year=year, period=period,
                                                              region=region, grant=grant, municipalities=places)
        for who, role in parts:
            part = Participation(project.iri, BASE + "org/" + who, role)
            project.participations.append(part)
            by_org.setdefault(part.org, []).append(part)
    municipalities = {"0665": ("Vaggeryd", "06"), "1981": ("Sala", "19")}
    return ExplorerIndex(orgs, projects, municipalities, {"06": "Jönköping", "19": "Västmanland"}, {}, by_org)


def test_the_arrays_count_as_the_rule_in_the_corners():
    index = corner_index()
    for flt in filters(index, 600, seed=3) + [PartnershipFilter(min_shared=0, evidence="listed"),
                                             PartnershipFilter(min_shared=0, evidence="listed", sort="first_year"),
                                             PartnershipFilter(org=BASE + "org/gone", level="parent", min_shared=1)]:
        assert fast(index, flt) == reference(index, flt), flt
    # The corners are there: a row without projects, rows sorted by a name two organisations share.
    assert [r for r in fast(index, PartnershipFilter(min_shared=0, evidence="listed")) if not r[2]]
    parent = fast(index, PartnershipFilter(min_shared=1, level="parent", text="all"))
    assert (BASE + "org/gone", BASE + "org/kommun") in {(a, b) for a, b, _, _ in parent}


def test_each_setting_is_counted_once_and_sorting_reuses_the_count(sample_index):
    pairs = pair_index(sample_index)
    pairs.warm()
    assert set(pairs._settings) == set(SETTINGS) and len(SETTINGS) == 12
    counted = pairs.pairs(SETTINGS[0])
    assert pairs.pairs(("unlisted", False, "unit")) is counted  # the default, not counted again
    table = filter_partnerships(sample_index, PartnershipFilter(min_shared=1))
    by_grant = table.sorted(PartnershipFilter(sort="grant", order="asc"))
    assert by_grant.counted is table.counted and sorted(by_grant, key=lambda r: (r.org_a, r.org_b)) == sorted(
        table, key=lambda r: (r.org_a, r.org_b))
    assert [(a, b, n) for a, b, n in table.edges()] == [(r.org_a, r.org_b, len(r.projects)) for r in table]
    assert table[:3] == list(itertools.islice(table, 3)) and table[0] == next(iter(table))
