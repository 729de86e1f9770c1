"""esfgraph check: each library query with a CSV twin gives the CSV's rows, or says where not."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esfgraph.build import BuildOptions, build
from esfgraph.check import _rows, _unmatched, check_build, live_params
from esfgraph.cli import main
from esfgraph.query import run_query


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
        ("organisation-scores", "equal", 26, 26),
    ]
    result = CliRunner().invoke(main, ["check", str(demo)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"esfgraph check: {demo / 'store'} answers as {demo / 'analysis'}/ says",
        "  recurring-partnerships          0 rows = recurring_partnerships.csv",
        "  recurring-partnerships-live     0 rows = recurring_partnerships.csv",
        "  organisation-scores            26 rows = centrality.csv",
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
    assert (outcomes["organisation-scores"].status, outcomes["organisation-scores"].query_rows) == ("equal", 18)
    assert outcomes["recurring-partnerships-live"].status == "skipped"
    assert "parent level" in outcomes["recurring-partnerships-live"].detail

    build([sample_pages], demo, BuildOptions(workers=1, progress=False))
    assert [o.status for o in check_build(demo)] == ["equal", "equal", "equal"]


def test_the_live_query_counts_with_the_evidence_choices_the_analysis_made(demo, tmp_path):
    """An analysis that counts national agencies named in the text finds Arbetsförmedlingen and
    Försäkringskassan in two projects; the live query, given the same choices from summary.json,
    finds the same pair, evidence included; the build's own analysis (the defaults) finds none."""
    import shutil

    out = tmp_path / "demo"
    shutil.copytree(demo, out)
    wide = tmp_path / "wide"
    result = CliRunner().invoke(main, ["analyze", "--store", str(out / "store"), "--out", str(wide),
                                       "--text-mentions", "all", "--include-national"])
    assert result.exit_code == 0, result.output
    outcomes = {o.twin.query: o for o in check_build(store_dir=out / "store", analysis_dir=wide)}
    live = outcomes["recurring-partnerships-live"]
    assert (live.status, live.query_rows, live.csv_rows) == ("equal", 1, 1)
    assert "evidence" in live.twin.columns
    pair = run_query("recurring-partnerships-live", {"text_mentions": "all", "include_national": True},
                     store=out / "store")[0]
    assert (pair.org_a_label, pair.org_b_label, pair.shared_projects, pair.evidence) == (
        "Arbetsförmedlingen", "Försäkringskassan", 2, "text")

    # Against the build's own files the stored results are now stale, the live query is not.
    stale = {o.twin.query: o.status for o in check_build(out)}
    assert stale == {"recurring-partnerships": "different", "recurring-partnerships-live": "equal",
                     "organisation-scores": "different"}


def test_live_params_follow_the_analysis_settings():
    listed = "owner,co_financier,partner,transnational_partner"
    assert live_params({"level": "unit", "roles": listed + ",mentioned", "text_mentions": "unlisted",
                        "include_national": False}) == ({"text_mentions": "unlisted", "include_national": False}, "")
    assert live_params({"level": "unit", "roles": listed}) == ({"text_mentions": "none", "include_national": False}, "")
    assert live_params({"level": "unit", "roles": "owner,partner,mentioned", "text_mentions": "all"})[1] == (
        "the analysis ran at unit level over roles owner,partner,mentioned; the live query counts units, "
        "every listed role")
    assert live_params({"level": "unit", "roles": listed + ",mentioned"}) == (
        {}, "the analysis does not say where it counted names in the text (analyse again)")


def test_scores_that_differ_only_past_the_sixth_decimal_are_equal():
    """The CSV prints 8 decimals, the store holds 10: 0.0000055 and 0.0000055006 round apart
    to six decimals but are the same score."""
    csv_rows = _rows([{"org": "x", "betweenness": "0.00000550"}], ["org", "betweenness"])
    store_rows = _rows([{"org": "x", "betweenness": "0.0000055006"}], ["org", "betweenness"])
    assert (round(0.0000055, 6), round(0.0000055006, 6)) == (0.000005, 0.000006)
    assert _unmatched(store_rows, csv_rows) == [] == _unmatched(csv_rows, store_rows)
    other = _rows([{"org": "x", "betweenness": "0.0000065"}], ["org", "betweenness"])
    assert _unmatched(other, csv_rows) == other


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
