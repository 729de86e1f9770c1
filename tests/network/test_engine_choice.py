"""Choosing the engine: ``analyze(engine=...)`` and ``esfgraph analyze --engine``.

On the tiny graph (graphs.py) and the shared fixture graph (tests/fixtures/graph), NetworkX
and igraph give the same degrees, exact betweenness and core numbers and PageRank within
1e-6; each engine's Louvain is repeatable for its seed; the engine that ran is recorded.
(The sample corpus is compared in test_sample_corpus.py.)
"""

from __future__ import annotations

import csv
import json
import sys

import pytest
from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.cli.analyze import ENGINE_CHOICES
from esfgraph.network import analyze
from esfgraph.network.engine import ENGINES
from esfgraph.store import load_store
from tests.fixtures.graph import FIXTURE, org

from .graphs import K0680

pytest.importorskip("igraph")


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """A store of tests/fixtures/graph/fixture.trig (eight projects)."""
    folder = tmp_path_factory.mktemp("fixture-graph") / "store"
    load_store(folder, [FIXTURE])
    return folder


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["org"]: row for row in csv.DictReader(handle)}


def _both(store, tmp_path, **options):
    """Analyse ``store`` with each engine (nothing written back); return both results."""
    return {
        engine: analyze(store, tmp_path / engine, engine=engine, write_back=False, report=False, **options)
        for engine in ("networkx", "igraph")
    }


def assert_same_scores(by_nx, by_ig) -> None:
    """The two engines' scores of one network agree (PageRank to 1e-6, the rest exactly)."""
    assert (by_nx.engine, by_ig.engine) == ("networkx", "igraph")
    assert by_nx.method == by_ig.method == "exact"
    assert by_ig.degree == by_nx.degree
    assert by_ig.weighted_degree == by_nx.weighted_degree
    assert by_ig.core_number == by_nx.core_number
    assert by_ig.betweenness == pytest.approx(by_nx.betweenness, abs=1e-12)
    assert by_ig.pagerank == pytest.approx(by_nx.pagerank, abs=1e-6, rel=0)


@pytest.mark.parametrize("level", ["unit", "parent"])
def test_tiny_graph_same_scores_with_both_engines(tiny_store, tmp_path, level):
    results = _both(tiny_store, tmp_path, level=level)
    assert_same_scores(results["networkx"].scores, results["igraph"].scores)
    if level == "unit":
        assert results["igraph"].scores.betweenness[K0680] == pytest.approx(8 / 21)
    # The CSV columns computed by both engines print the same (eight decimals).
    tables = {engine: _rows(tmp_path / engine / "centrality.csv") for engine in results}
    assert tables["networkx"].keys() == tables["igraph"].keys()
    for node, row in tables["networkx"].items():
        other = tables["igraph"][node]
        for column in ("degree", "weighted_degree", "betweenness", "core_number"):
            assert row[column] == other[column], (node, column)
        assert abs(float(row["pagerank"]) - float(other["pagerank"])) <= 1e-6


def test_fixture_graph_same_scores_with_both_engines(fixture_store, tmp_path):
    results = _both(fixture_store, tmp_path)
    by_nx, by_ig = results["networkx"].scores, results["igraph"].scores
    assert_same_scores(by_nx, by_ig)
    fk = org("forsakringskassan")  # the fixture's hub, in every project but one
    assert len(by_nx.degree) == 15 and by_ig.ranked("betweenness")[0] == fk
    assert (by_ig.degree[fk], by_ig.core_number[fk]) == (12, 5)
    assert by_ig.betweenness[fk] == pytest.approx(95 / 182)
    # The clear-cut clusters of the fixture are the same under both engines.
    assert results["networkx"].clustering.membership == results["igraph"].clustering.membership


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_louvain_is_repeatable_per_engine(fixture_store, tmp_path, engine):
    first = analyze(fixture_store, tmp_path / "one", engine=engine, seed=7, write_back=False, report=False)
    second = analyze(fixture_store, tmp_path / "two", engine=engine, seed=7, write_back=False, report=False)
    assert first.clustering.engine == engine and first.clustering.stability_ari == 1.0
    for name in ("clusters.csv", "centrality.csv", "summary.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert [c.size for c in first.clustering.clusters] == [7, 5, 2]


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_the_engine_is_recorded(tiny_store, tmp_path, engine):
    result = analyze(tiny_store, tmp_path, engine=engine, write_back=False, report=False)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"] == result.summary["engine"] == engine
    assert result.scores.engine == result.clustering.engine == engine


def test_auto_keeps_networkx_on_small_networks(tiny_store, tmp_path):
    assert analyze(tiny_store, tmp_path, write_back=False, report=False).summary["engine"] == "networkx"


def test_cli_engine_option(tiny_store, tmp_path):
    runner = CliRunner()
    for engine in ("igraph", "networkx"):
        out = tmp_path / engine
        run = runner.invoke(main, ["analyze", "--store", str(tiny_store), "--out", str(out), "--engine", engine,
                                   "--no-write-back", "--no-report"])
        assert run.exit_code == 0, run.output
        assert f"  engine: {engine} (--engine {engine})\n" in run.output
        assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["engine"] == engine
    run = runner.invoke(main, ["analyze", "--store", str(tiny_store), "--out", str(tmp_path / "auto"),
                               "--no-write-back", "--no-report"])
    assert "  engine: networkx (auto: igraph above 1,000 organisations, when installed)\n" in run.output


def test_cli_rejects_an_unknown_engine(tiny_store, tmp_path):
    run = CliRunner().invoke(main, ["analyze", "--store", str(tiny_store), "--out", str(tmp_path / "o"),
                                    "--engine", "graph-tool"])
    assert run.exit_code == 2
    assert "Invalid value for '--engine': 'graph-tool' is not one of 'auto', 'networkx', 'igraph'." in run.stderr
    assert not (tmp_path / "o").exists()


def test_cli_igraph_missing_is_one_line_and_exit_2(tiny_store, tmp_path, monkeypatch):
    # A None entry in sys.modules makes ``import igraph`` raise ImportError, as on a
    # machine without python-igraph.
    monkeypatch.setitem(sys.modules, "igraph", None)
    runner = CliRunner()
    run = runner.invoke(main, ["analyze", "--store", str(tiny_store), "--out", str(tmp_path / "o"),
                               "--engine", "igraph"])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == ("esfgraph analyze: engine 'igraph' asked for, but python-igraph cannot be imported "
                          "(pip install igraph, or use engine 'auto' or 'networkx')\n")
    assert not (tmp_path / "o").exists()  # refused before anything was computed or written
    # auto falls back to NetworkX quietly.
    run = runner.invoke(main, ["analyze", "--store", str(tiny_store), "--out", str(tmp_path / "auto"),
                               "--no-write-back", "--no-report"])
    assert run.exit_code == 0, run.output
    assert json.loads((tmp_path / "auto" / "summary.json").read_text(encoding="utf-8"))["engine"] == "networkx"


def test_cli_choices_are_the_library_engines():
    assert ENGINE_CHOICES == ENGINES

