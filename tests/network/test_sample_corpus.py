"""The analysis of the sample corpus (data/pages), built by the whole pipeline.

What the five pages say: Trappsteget (2008, Vaggeryd) lists eight organisations; the
Jokkmokk project (2009) lists thirteen; Eskilstuna's project two; Kävlinge's and
Folkuniversitetet's only their owner. No office or unit is in two projects, but
Arbetsförmedlingen and Försäkringskassan are (through their local offices) in both
Trappsteget and the Jokkmokk project.
"""

from __future__ import annotations

import csv

import pytest

from esfgraph.build import BuildOptions, build
from esfgraph.network import analyze, read_back
from esfgraph.store import open_store

from ..export.gexf_checks import check_gexf

pytestmark = pytest.mark.slow

ORG = "https://w3id.org/esfgraph/id/org/"


@pytest.fixture(scope="module")
def built(sample_pages, tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "out"
    result = build([sample_pages], out, BuildOptions(workers=1, progress=False, cache=False))
    assert result.stages.get("analyze") == "done", result.stages
    return out


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_unit_level(built):
    import json

    summary = json.loads((built / "analysis" / "summary.json").read_text(encoding="utf-8"))
    assert summary["projects"] == 5
    # Folkuniversitetet Jönköping's 2014 page prints no lists: Folkbildningsrådet, named in its
    # text, is its partner; Arbetsförmedlingen and Försäkringskassan, named in general, are not.
    assert summary["projects_with_two_or_more_organisations"] == 4
    assert summary["organisations_without_partners"] == 1  # Kävlinge Lärcentrum
    coverage = {row["period"]: row for row in summary["coverage"]}
    assert {k: coverage["2014-2020"][k] for k in ("projects", "with_two_or_more", "listed", "text", "ties",
                                                  "ties_text", "national_left_out")} == {
        "projects": 1, "with_two_or_more": 1, "listed": 0, "text": 1, "ties": 1, "ties_text": 1,
        "national_left_out": 2}
    assert {k: coverage["2007-2013"][k] for k in ("projects", "with_two_or_more", "listed", "text")} == {
        "projects": 4, "with_two_or_more": 3, "listed": 3, "text": 0}
    assert summary["largest_component"] == 13  # the Jokkmokk project
    assert summary["betweenness"] == "exact"
    assert summary["recurring_partnerships"] == 0  # no office or unit is in two projects
    assert _rows(built / "analysis" / "recurring_partnerships.csv") == []
    centrality = {r["org"]: r for r in _rows(built / "analysis" / "centrality.csv")}
    jokkmokk = centrality[ORG + "kommun-2510/kommunledningskontoret"]
    assert (jokkmokk["degree"], jokkmokk["county"]) == ("12", "Norrbottens län")
    office = centrality[ORG + "arbetsformedlingen/jonkoping"]
    assert (office["municipality_code"], office["parent"]) == ("0680", ORG + "arbetsformedlingen")


def test_parent_level_finds_the_agencies_partnership(built, tmp_path):
    result = analyze(built / "store", tmp_path / "parent", level="parent", report=False)
    [pair] = _rows(tmp_path / "parent" / "recurring_partnerships.csv")
    assert (pair["org_a"], pair["org_b"]) == (ORG + "arbetsformedlingen", ORG + "forsakringskassan")
    assert (pair["shared_projects"], pair["first_year"], pair["last_year"]) == ("2", "2008", "2009")
    assert result.scores.ranked("betweenness")[0] == ORG + "arbetsformedlingen"  # in three projects
    stored = read_back(open_store(built / "store"))
    assert stored["level"] == "parent" and ORG + "arbetsformedlingen" in stored["scores"]


def test_gephi_files_of_the_build(built):
    found = check_gexf(built / "gephi" / "organisations.gexf")
    office = found["nodes"][ORG + "arbetsformedlingen/jonkoping"]
    assert office["values"]["county"] == "Jönköpings län" and office["values"]["type"] == "agency-office"
    dynamic = check_gexf(built / "gephi" / "organisations_dynamic.gexf")
    assert dynamic["nodes"][ORG + "arbetsformedlingen/jonkoping"]["spells"] == [("2008-05-01", "2010-10-31")]
    assert check_gexf(built / "gephi" / "bipartite.gexf")["graph"]["mode"] == "static"


@pytest.mark.parametrize("level", ["unit", "parent"])
def test_both_engines_agree_on_the_sample_corpus(built, tmp_path, level):
    pytest.importorskip("igraph")
    from .test_engine_choice import assert_same_scores

    results = {engine: analyze(built / "store", tmp_path / engine, level=level, engine=engine,
                               write_back=False, report=False)
               for engine in ("networkx", "igraph")}
    assert_same_scores(results["networkx"].scores, results["igraph"].scores)
    assert [results[e].summary["engine"] for e in ("networkx", "igraph")] == ["networkx", "igraph"]
    # The sample's clusters are its components with ties, under both engines.
    assert results["networkx"].clustering.membership == results["igraph"].clustering.membership
    # the last 2: Folkuniversitetet Jönköping and Folkbildningsrådet, named in its text (2014)
    expected = {"unit": [13, 8, 2, 2], "parent": [9, 6, 2]}[level]
    assert [c.size for c in results["igraph"].clustering.clusters] == expected
