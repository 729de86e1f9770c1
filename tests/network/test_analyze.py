"""analyze(): the files, the results in the store, determinism, the command line."""

from __future__ import annotations

import csv
import json
import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.network import analyze, load_analysis, read_back
from esfgraph.store import open_store
from esfgraph.vocab import ANALYSIS_GRAPH, PREFIXES

from .graphs import AF, AF_J, AME, FK, K0680, PROJECTS

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def analysed(fresh_store, tmp_path):
    result = analyze(fresh_store, tmp_path / "analysis", seed=42)
    return fresh_store, tmp_path / "analysis", result


def test_writes_every_file(analysed):
    _, out, result = analysed
    assert sorted(p.name for p in out.iterdir()) == sorted(result.files) == [
        "centrality.csv", "clusters.csv", "clusters.png", "collaborations_per_year.png",
        "cross_period_partnerships.csv", "degree_distribution.png", "recurring_groups.csv",
        "recurring_partnerships.csv", "report.html", "summary.json", "top_organisations.png",
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["betweenness"] == "exact"
    assert (summary["organisations"], summary["ties"], summary["clusters"]) == (8, 12, 2)
    assert result.counts["recurring_partnerships"] == 6


def test_recurring_partnerships_csv(analysed):
    _, out, _ = analysed
    with (out / "recurring_partnerships.csv").open(encoding="utf-8") as handle:
        header = handle.readline().strip()
    assert header == ("org_a,org_a_label,org_b,org_b_label,shared_projects,projects,first_year,last_year,"
                      "evidence,project_numbers,project_titles,regions,programme_periods,esf_grant_sek")
    rows = _rows(out / "recurring_partnerships.csv")
    assert len(rows) == 6
    pair = next(r for r in rows if (r["org_a"], r["org_b"]) == (AF_J, AME))
    assert pair == {
        "org_a": AF_J, "org_a_label": "Arbetsförmedlingen Jönköping",
        "org_b": AME, "org_b_label": "AME - Arbetsmarknadsenheten",
        "shared_projects": "3", "projects": ";".join(PROJECTS[n] for n in (1, 2, 3)),
        "first_year": "2008", "last_year": "2015",
        "evidence": "listed", "project_numbers": "2009/00001;2009/00002;2009/00003",
        "project_titles": "Projekt 1;Projekt 2;Projekt 3",
        "regions": "Småland och Öarna;Småland och Öarna;Småland och Öarna",
        "programme_periods": "2007-2013;2007-2013;2014-2020", "esf_grant_sek": "600000",
    }


def test_centrality_and_cluster_tables(analysed):
    _, out, _ = analysed
    top = _rows(out / "centrality.csv")[0]
    assert (top["org"], top["label"], top["degree"], top["betweenness"]) == (K0680, "Jönköpings kommun", "5", "0.38095238")
    clusters = _rows(out / "clusters.csv")
    assert [(r["cluster"], r["org"]) for r in clusters[:3]] == [("1", AME), ("1", AF_J), ("1", FK)]
    groups = _rows(out / "recurring_groups.csv")
    assert [(g["size"], g["shared_projects"]) for g in groups] == [("3", "3"), ("3", "2")]
    cross = _rows(out / "cross_period_partnerships.csv")
    assert {r["periods"] for r in cross} == {"2007-2013;2014-2020"}


def test_results_go_into_the_store(analysed):
    store_dir, _, result = analysed
    store = open_store(store_dir)
    query = PROLOGUE + """
    SELECT ?count ?first ?last (COUNT(?p) AS ?projects) WHERE { GRAPH <%s> {
      ?pair a esf:Partnership ; esf:member <%s>, <%s> ;
            esf:sharedProjectCount ?count ; esf:firstYear ?first ; esf:lastYear ?last ;
            esf:sharedProject ?p } } GROUP BY ?count ?first ?last""" % (ANALYSIS_GRAPH, AME, AF_J)
    [row] = list(store.query(query))
    assert [int(row[v].value) for v in ("count", "first", "last", "projects")] == [3, 2008, 2015, 3]
    [between] = list(store.query(PROLOGUE + f"SELECT ?b WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ <{K0680}> esf:betweenness ?b }} }}"))
    assert float(between["b"].value) == pytest.approx(8 / 21)
    assert result.quads_written == sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(str(ANALYSIS_GRAPH))))
    # The instance data in the default graph is untouched.
    projects = PROLOGUE + "SELECT (COUNT(?p) AS ?n) WHERE { ?p a esf:Project }"
    assert int(list(store.query(projects))[0]["n"].value) == 6


def test_each_run_replaces_the_analysis_graph(fresh_store, tmp_path):
    analyze(fresh_store, tmp_path / "a", seed=42)
    analyze(fresh_store, tmp_path / "b", level="parent", seed=42, report=False)
    store = open_store(fresh_store)
    stored = read_back(store)
    assert stored["level"] == "parent"
    assert AF_J not in stored["scores"]  # the unit-level scores are gone
    count = PROLOGUE + f"SELECT (COUNT(?p) AS ?n) WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?p a esf:Partnership }} }}"
    assert int(list(store.query(count))[0]["n"].value) == 6  # the parent level's 6 pairs, no leftovers
    unit_pair = PROLOGUE + f"ASK {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?p esf:member <{AME}> }} }}"
    assert not store.query(unit_pair)
    agency_pair = PROLOGUE + f"""SELECT ?n WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{
        ?p esf:member <{AF}>, <{K0680}> ; esf:sharedProjectCount ?n }} }}"""
    assert int(list(store.query(agency_pair))[0]["n"].value) == 3  # P1 through Jönköping, P4-P5 through Vaggeryd


def test_same_input_gives_byte_identical_files(fresh_store, tmp_path):
    first = analyze(fresh_store, tmp_path / "one", seed=42)
    second = analyze(fresh_store, tmp_path / "two", seed=42)
    for name in first.files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert first.clustering.membership == second.clustering.membership


def test_report_is_self_contained(analysed):
    _, out, _ = analysed
    page = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "<link" not in page and "<script" not in page
    assert page.count('src="data:image/png;base64,') == 4
    assert "Jönköpings kommun" in page and "Betweenness: exact" in page
    assert (out / "clusters.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_load_analysis_reuses_the_stored_results(analysed):
    store_dir, _, result = analysed
    loaded = load_analysis(store_dir)
    assert loaded.scores.betweenness == pytest.approx(result.scores.betweenness)
    assert loaded.clustering.membership == result.clustering.membership
    assert loaded.scores.method == "exact"


def test_cli_analyze(fresh_store, tmp_path):
    out = tmp_path / "cli"
    run = CliRunner().invoke(main, ["analyze", "--store", str(fresh_store), "--out", str(out), "--level", "parent",
                                    "--roles", "owner,co_financier", "--seed", "3", "--gephi", str(tmp_path / "g")])
    assert run.exit_code == 0, run.output
    assert "recurring partnerships" in run.output
    assert json.loads((out / "summary.json").read_text())["roles"] == "owner,co_financier"
    assert (tmp_path / "g" / "organisations.gexf").is_file()


def test_cli_analyze_bad_input_is_one_line(tmp_path):
    run = CliRunner().invoke(main, ["analyze", "--store", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert "missing" in run.output and "Traceback" not in run.output and len(run.output.strip().splitlines()) == 1
    run = CliRunner().invoke(main, ["analyze", "--store", str(tmp_path), "--out", str(tmp_path / "o"), "--roles", "boss"])
    assert run.exit_code == 2 and "unknown role 'boss'" in run.output


def test_load_analysis_recomputes_for_another_network(analysed):
    store_dir, _, _ = analysed
    other = load_analysis(store_dir, roles=["owner", "co_financier"])
    assert K0680 not in other.scores.degree  # computed for the network asked for
    assert other.scores.degree[AME] == 2


def test_cli_analyze_finds_the_store_beside_out(fresh_store):
    out = fresh_store.parent / "analysis"  # fresh_store is .../data/store
    run = CliRunner().invoke(main, ["analyze", "--out", str(out), "--no-report", "--stability-runs", "0"])
    assert run.exit_code == 0, run.output
    assert "8 organisations (unit level), 12 ties" in run.output
    assert not (out / "report.html").exists() and (out / "centrality.csv").exists()


def test_the_garbage_collector_is_left_as_it_was(tiny_store, tmp_path):
    import gc

    assert gc.isenabled()
    result = analyze(tiny_store, tmp_path / "on", write_back=False, report=False)
    assert gc.isenabled() and result.summary["organisations"] > 0
    gc.disable()
    try:
        analyze(tiny_store, tmp_path / "off", write_back=False, report=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert (tmp_path / "on" / "centrality.csv").read_bytes() == (tmp_path / "off" / "centrality.csv").read_bytes()
