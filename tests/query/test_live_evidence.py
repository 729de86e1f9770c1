"""recurring-partnerships-live counts what the analysis counts, evidence included.

The corpus mixes printed lists and names in the text: the five sample pages (2007–2013
pages that print lists and name other organisations in their text; a 2019 page of
Folkuniversitetet Jönköpings län och Gotland that names Folkuniversitetet, its parent,
and Arbetsförmedlingen and Försäkringskassan in general) and the pages of
``tests/fixtures/pages/evidence`` (Bodens kommun and Region Norrbotten listed in 2008 and
2011, named in the text in 2015 and 2018). Each evidence choice is compared with the
analysis (its CSV at ``min_shared`` 2, every tie of its network at 1), on Oxigraph and on
rdflib (the printed query with its VALUES lines edited).
"""

from __future__ import annotations

import csv
from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib

from esfgraph.build import BuildOptions, build
from esfgraph.network import analyze, networks_from_store
from esfgraph.query import find_query, run_query
from esfgraph.store import open_store

from .test_engines import _from_rdflib, _normalised, with_values

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ORG = "https://w3id.org/esfgraph/id/org/"
BODEN, REGION = ORG + "kommun-2582", ORG + "region-25"
AF, FK = ORG + "arbetsformedlingen", ORG + "forsakringskassan"
COLUMNS = ("org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year", "last_year",
           "evidence")

#: The analysis's choices (keyword arguments) and the same as query parameters.
CHOICES = [
    ({}, {}),
    ({"text_mentions": "none"}, {"text_mentions": "none"}),
    ({"text_mentions": "all"}, {"text_mentions": "all"}),
    ({"include_national": True}, {"include_national": "true"}),
    ({"text_mentions": "all", "include_national": True}, {"text_mentions": "all", "include_national": "true"}),
]
IDS = ["unlisted", "none", "all", "national", "all-national"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, sample_pages, fixtures_dir):
    out = tmp_path_factory.mktemp("live") / "mixed"
    result = build([sample_pages, fixtures_dir / "pages" / "evidence"], out,
                   BuildOptions(workers=1, progress=False, cache=False))
    assert result.stages.get("analyze") == "done", result.stages
    return out


@pytest.fixture(scope="module")
def store(mixed):
    return open_store(mixed / "store")


def _text(value) -> str:
    return "" if value is None else str(value)


def _query_rows(store, params) -> list[tuple[str, ...]]:
    return sorted(tuple(_text(r[c]) for c in COLUMNS) for r in run_query("recurring-partnerships-live", params,
                                                                          store=store).records())


def _csv_rows(path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return sorted(tuple(r[c] for c in COLUMNS) for r in csv.DictReader(handle))


def test_the_default_build_gives_the_csv_rows_with_every_kind_of_evidence(mixed, store):
    rows = _query_rows(store, {})
    assert rows == _csv_rows(mixed / "analysis" / "recurring_partnerships.csv")
    assert Counter(r[-1] for r in rows) == {"both": 3, "listed": 3, "text": 2}
    boden_region = next(r for r in rows if (r[0], r[2]) == (BODEN, REGION))
    assert boden_region[4:5] + boden_region[6:] == ("4", "2008", "2018", "both")


@pytest.mark.parametrize("choices, params", CHOICES, ids=IDS)
def test_each_choice_gives_the_rows_of_an_analysis_made_with_it(store, tmp_path, choices, params):
    result = analyze(store, tmp_path / "analysis", write_back=False, report=False, **choices)
    assert _query_rows(store, params) == _csv_rows(tmp_path / "analysis" / "recurring_partnerships.csv")


def _ties(store, choices) -> list[tuple[str, ...]]:
    graph = networks_from_store(store, **choices).organisations
    return sorted((min(a, b), max(a, b), str(d["weight"]), ";".join(d["projects"]), _text(d["first_year"]),
                   _text(d["last_year"]), d["evidence"]) for a, b, d in graph.edges(data=True))


@pytest.mark.parametrize("choices, params", CHOICES, ids=IDS)
def test_with_min_shared_1_every_tie_of_the_network_is_a_row(store, choices, params):
    rows = [(r[0], r[2], r[4], r[5], r[6], r[7], r[8]) for r in _query_rows(store, {**params, "min_shared": 1})]
    assert rows == _ties(store, choices)


def test_the_choices_count_different_ties(store):
    """The comparisons above are not all of one network: the rules change what counts."""
    counts = {name: Counter(r[-1] for r in _query_rows(store, {**params, "min_shared": 1}))
              for name, (_, params) in zip(IDS, CHOICES)}
    assert counts["none"] == {"listed": 113}
    assert counts["unlisted"] == {"listed": 110, "text": 4, "both": 3}
    assert counts["all"] == {"listed": 110, "text": 381, "both": 3}  # names in the text of pages with lists
    assert counts["national"] == {"listed": 110, "text": 17, "both": 3}
    # Folkuniversitetet, named on a page its own office owns, is no partner of that office.
    rows = _query_rows(store, {"text_mentions": "all", "include_national": "true", "min_shared": 1})
    assert not [r for r in rows if r[0] == ORG + "folkuniversitetet" or r[2] == ORG + "folkuniversitetet"]
    # Arbetsförmedlingen and Försäkringskassan named together: the 2019 page, a 2007 page
    # that prints lists, the 2015 and 2018 pages; not the 2007 page whose listed offices
    # of both make them parents there.
    project = "https://w3id.org/esfgraph/id/project/"
    assert [r[4:] for r in rows if (r[0], r[2]) == (AF, FK)] == [(
        "4", f"{project}2015-00501;{project}2018-00733;{project}2019-00144;{project}kbd18c465603d335f",
        "2008", "2019", "text")]


@pytest.fixture(scope="module")
def dataset(store):
    graph = rdflib.Dataset()
    graph.parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return graph


@pytest.mark.parametrize("params", [p for _, p in CHOICES] + [{"text_mentions": "all", "min_shared": 1}],
                         ids=IDS + ["all-1"])
def test_the_printed_query_with_edited_values_gives_the_same_rows_on_rdflib(store, dataset, params):
    info = find_query("recurring-partnerships-live")
    text = with_values(info, params) if params else info.text
    answer = store.query(text)
    columns = [v.value for v in answer.variables]
    on_oxigraph = _normalised(info, columns, [tuple(solution) for solution in answer])
    on_rdflib = _normalised(info, columns, [tuple(_from_rdflib(t) for t in row) for row in dataset.query(text)])
    result = run_query(info, params, store=store)
    assert len(result) > 0
    assert on_oxigraph == on_rdflib == _normalised(info, result.columns, result.rows)
