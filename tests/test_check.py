"""esfgraph check: each library query with a CSV twin gives the CSV's rows, or says where not."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esfgraph.build import BuildOptions, build
from esfgraph.check import check_build
from esfgraph.cli import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory, sample_pages):
    out = tmp_path_factory.mktemp("check") / "demo"
    build([sample_pages], out, BuildOptions(workers=1, progress=False))
    return out


def test_a_fresh_build_answers_as_its_files_say(demo):
    outcomes = check_build(demo)
    assert [(o.twin.query, o.status, o.query_rows, o.csv_rows) for o in outcomes] == [
        ("recurring-partnerships", "equal", 0, 0),
        ("recurring-partnerships-live", "equal", 0, 0),
        ("organisation-scores", "equal", 25, 25),
    ]
    result = CliRunner().invoke(main, ["check", str(demo)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"esfgraph check: {demo / 'store'} answers as {demo / 'analysis'}/ says",
        "  recurring-partnerships          0 rows = recurring_partnerships.csv",
        "  recurring-partnerships-live     0 rows = recurring_partnerships.csv",
        "  organisation-scores            25 rows = centrality.csv",
    ]


def test_analyze_into_the_store_is_caught_then_a_rebuild_agrees_again(demo, tmp_path, sample_pages):
    runner = CliRunner()
    parent = tmp_path / "parent"
    assert runner.invoke(main, ["analyze", "--store", str(demo / "store"), "--out", str(parent),
                                "--level", "parent"]).exit_code == 0
    stale = runner.invoke(main, ["check", str(demo)])
    assert stale.exit_code == 1
    assert "does NOT answer as" in stale.output
    assert "recurring-partnerships       differs from recurring_partnerships.csv: 1 rows, " \
           "recurring_partnerships.csv has 0" in stale.output
    assert "only in the store: https://w3id.org/esfgraph/id/org/arbetsformedlingen, Arbetsförmedlingen, " \
           "https://w3id.org/esfgraph/id/org/forsakringskassan, Försäkringskassan, 2.000000" in stale.output

    # The store agrees with the folder analyze wrote; the live query counts units: skipped.
    outcomes = {o.twin.query: o for o in check_build(store_dir=demo / "store", analysis_dir=parent)}
    assert (outcomes["recurring-partnerships"].status, outcomes["recurring-partnerships"].query_rows) == ("equal", 1)
    assert (outcomes["organisation-scores"].status, outcomes["organisation-scores"].query_rows) == ("equal", 17)
    assert outcomes["recurring-partnerships-live"].status == "skipped"
    assert "parent level" in outcomes["recurring-partnerships-live"].detail

    build([sample_pages], demo, BuildOptions(workers=1, progress=False))
    assert [o.status for o in check_build(demo)] == ["equal", "equal", "equal"]


def test_a_missing_store_is_an_error_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.output.strip() == f"esfgraph check: {tmp_path / 'nothing' / 'store'}: no such store"


def test_a_damaged_store_is_an_error_in_one_line(demo, tmp_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(demo / "store", store)
    (store / "CURRENT").write_text("garbage\n")
    result = CliRunner().invoke(main, ["check", "--store", str(store), "--analysis", str(demo / "analysis")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"esfgraph check: {store}: store is damaged")
