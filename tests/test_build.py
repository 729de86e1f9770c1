"""The main job end to end on the sample corpus, plus bad inputs, privacy and determinism."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfgraph.build import BuildOptions, build
from esfgraph.cli import main
from tests.contacts import SEED_EMAILS, SEED_NAMES, SEED_PHONES

ROOT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo(tmp_path_factory, sample_pages):
    out = tmp_path_factory.mktemp("build") / "demo"
    result = build([sample_pages], out, BuildOptions(workers=1, progress=False))
    return out, result


def _text_files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in {".jsonl", ".json", ".csv", ".ttl", ".nt", ".txt", ".gexf", ".graphml", ".html"}:
            yield path


def test_every_output_of_the_design_is_written(demo):
    out, result = demo
    for name in ["records.jsonl", "graph.ttl", "graph.nt", "validation.txt", "validation.ttl", "resolution.csv",
                 "store", "analysis/centrality.csv", "analysis/clusters.csv",
                 "analysis/recurring_partnerships.csv", "analysis/report.html",
                 "gephi/organisations.gexf", "gephi/bipartite.gexf", "build.json"]:
        assert (out / name).exists(), name
    assert all(state == "done" for state in result.stages.values()), result.stages


def test_build_json_accounts_for_every_input(demo, sample_pages):
    out, _ = demo
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    paths = [entry["path"] for entry in report["files"]]
    assert paths == sorted(p.as_posix() for p in sample_pages.glob("*.txt"))
    assert {entry["status"] for entry in report["files"]} == {"ok"}
    assert report["counts"]["projects"] == 5
    assert report["counts"]["rejected"] == 0
    assert set(report["timings"]) >= {"pages", "rdf", "validate", "store", "analyze", "total"}


def test_records_jsonl_holds_one_record_per_page(demo):
    out, _ = demo
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in records] == ["Trappsteget", "Jobbtrappan", "INTRO", "JOBBINVEST-ering", "SMÖT"]
    assert records[0]["owner"] == "AME - Arbetsmarknadsenheten"
    assert records[0]["esf_grant_sek"] == 3574500
    assert records[4]["project_number"] == "2019/00144"


def test_contacts_stay_in_records_only(demo):
    out, _ = demo
    records_text = (out / "records.jsonl").read_text(encoding="utf-8")
    assert all(email in records_text for email in SEED_EMAILS)
    for path in _text_files(out):
        if path.name == "records.jsonl":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in SEED_EMAILS + SEED_PHONES + SEED_NAMES:
            assert secret not in text, f"{secret!r} leaked into {path.relative_to(out)}"


def test_redact_contacts_removes_them_from_records_too(tmp_path, sample_pages):
    out = tmp_path / "redacted"
    build([sample_pages], out, BuildOptions(workers=1, redact_contacts=True, analyze=False, progress=False))
    for path in _text_files(out):
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in SEED_EMAILS + SEED_PHONES + SEED_NAMES:
            assert secret not in text, f"{secret!r} in {path.name}"


def test_include_contacts_puts_them_into_the_graph(tmp_path, sample_pages):
    out = tmp_path / "contacts"
    build([sample_pages], out, BuildOptions(workers=1, include_contacts=True, analyze=False, progress=False))
    graph = (out / "graph.nt").read_text(encoding="utf-8")
    assert "michael.anderberg@vaggeryd.se" in graph


def test_same_input_gives_byte_identical_outputs(tmp_path, sample_pages, demo):
    first, _ = demo
    second = tmp_path / "again"
    build([sample_pages], second, BuildOptions(workers=2, progress=False, cache=False))
    for name in ["records.jsonl", "graph.ttl", "graph.nt", "resolution.csv", "validation.txt",
                 "analysis/centrality.csv", "analysis/clusters.csv", "analysis/recurring_partnerships.csv",
                 "gephi/organisations.gexf", "gephi/bipartite.gexf"]:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_rebuild_reuses_cached_pages_and_a_changed_page_changes_only_its_part(tmp_path, sample_pages):
    pages = tmp_path / "pages"
    shutil.copytree(sample_pages, pages)
    out = tmp_path / "out"
    options = BuildOptions(workers=1, analyze=False, progress=False)
    build([pages], out, options)
    before = set((out / "graph.nt").read_text(encoding="utf-8").splitlines())
    again = build([pages], out, options)
    assert again.counts["cache_hits"] == 5
    page = pages / "003_a9bc3cbe2c0d61c5.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("JOBBINVEST-ering", "JOBBINVEST 2"), encoding="utf-8")
    changed = build([pages], out, options)
    assert changed.counts["cache_hits"] == 4
    after = set((out / "graph.nt").read_text(encoding="utf-8").splitlines())
    removed, added = before - after, after - before
    assert removed and added
    # The title is part of the key of a page without a project number, so every changed
    # triple is about that one project (its IRI, participations) or its source page.
    assert all("JOBBINVEST" in line or "/project/k" in line or "/source/" in line for line in removed | added)


def test_a_changed_fetch_sidecar_is_not_served_from_the_cache(tmp_path, sample_pages):
    # The sidecar's URL goes into the record: a cached entry keyed on the page alone
    # would keep the old address after `esfgraph fetch` moved the page.
    pages = tmp_path / "pages"
    shutil.copytree(sample_pages, pages)
    sidecar = pages / "004_e1f4b13072c7ae19.txt.json"
    sidecar.write_text(json.dumps({"url": "https://www.esf.se/old/2019-00144"}), encoding="utf-8")
    out = tmp_path / "out"
    options = BuildOptions(workers=2, analyze=False, progress=False)
    build([pages], out, options)
    sidecar.write_text(json.dumps({"url": "https://www.esf.se/new/2019-00144"}), encoding="utf-8")
    again = build([pages], out, options)
    assert again.counts["cache_hits"] == 4
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    urls = {record["project_number"]: record["source_url"] for record in records}
    assert urls["2019/00144"] == "https://www.esf.se/new/2019-00144"
    assert "https://www.esf.se/new/2019-00144" in (out / "graph.nt").read_text(encoding="utf-8")


def test_the_engine_option_reaches_the_analyses_and_a_rebuild_with_another_engine_reanalyses(tmp_path, sample_pages):
    out = tmp_path / "out"
    build([sample_pages], out, BuildOptions(workers=1, progress=False, engine="igraph"))
    summary = json.loads((out / "analysis" / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"] == "igraph"  # "auto" would pick NetworkX for 5 pages
    by_igraph = (out / "analysis" / "centrality.csv").read_text(encoding="utf-8").splitlines()
    again = build([sample_pages], out, BuildOptions(workers=1, progress=False, engine="networkx"))
    assert "reused" not in again.timings
    assert json.loads((out / "analysis" / "summary.json").read_text(encoding="utf-8"))["engine"] == "networkx"
    by_networkx = (out / "analysis" / "centrality.csv").read_text(encoding="utf-8").splitlines()
    assert by_igraph[0] == by_networkx[0] and len(by_igraph) == len(by_networkx) > 10
    degree = by_igraph[0].split(",").index("degree")
    assert [row.split(",")[degree] for row in by_igraph] == [row.split(",")[degree] for row in by_networkx]


def test_an_unknown_engine_is_refused_before_anything_is_written(tmp_path, sample_pages):
    result = CliRunner().invoke(main, ["build", str(sample_pages), "--out", str(tmp_path / "out"), "--engine", "gephi"])
    assert result.exit_code == 2 and "'gephi' is not one of 'auto', 'networkx', 'igraph'" in result.output
    assert not (tmp_path / "out").exists()


def test_bad_inputs_are_rejected_and_accounted_for(tmp_path, sample_pages):
    pages = tmp_path / "mixed"
    pages.mkdir()
    shutil.copy(sample_pages / "004_e1f4b13072c7ae19.txt", pages)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.html").write_bytes(bytes(range(256)) * 40)
    (pages / "notes.txt").write_text("Inköpslista\nmjölk\nbröd\n", encoding="utf-8")
    result = build([pages, tmp_path / "does-not-exist"], tmp_path / "out", BuildOptions(workers=1, analyze=False, progress=False))
    by_name = {Path(entry["path"]).name: entry for entry in result.files}
    assert by_name["004_e1f4b13072c7ae19.txt"]["status"] == "ok"
    for name in ["empty.txt", "binary.html", "notes.txt", "does-not-exist"]:
        assert by_name[name]["status"] == "rejected", name
        assert by_name[name]["reason"], name
    assert result.counts == result.counts | {"inputs": 5, "rejected": 4, "projects": 1}


def test_cli_exit_codes_and_strict(tmp_path, sample_pages):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(sample_pages / "004_e1f4b13072c7ae19.txt", pages)
    (pages / "empty.txt").write_bytes(b"")
    runner = CliRunner()
    ok = runner.invoke(main, ["build", str(pages), "--out", str(tmp_path / "a"), "--no-analysis", "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    assert "1 rejected" in ok.output
    assert "empty.txt" in ok.output
    strict = runner.invoke(main, ["build", str(pages), "--out", str(tmp_path / "b"), "--no-analysis", "--strict"])
    assert strict.exit_code == 1


def test_failed_build_leaves_previous_output_untouched(tmp_path, sample_pages):
    out = tmp_path / "out"
    build([sample_pages], out, BuildOptions(workers=1, analyze=False, progress=False))
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and "store" not in p.parts}
    # A shapes file that is not Turtle makes the validation stage fail part way through.
    broken = tmp_path / "home"
    shutil.copytree(ROOT_DIR / "ontology", broken / "ontology")
    shutil.copytree(ROOT_DIR / "data", broken / "data")
    shutil.copytree(ROOT_DIR / "queries", broken / "queries")
    (broken / "ontology" / "shapes.ttl").write_text("this is @not turtle <", encoding="utf-8")
    code = subprocess.run(
        [sys.executable, "-m", "esfgraph", "build", str(sample_pages), "--out", str(out), "--no-cache"],
        capture_output=True, text=True, env={**os.environ, "ESFGRAPH_HOME": str(broken)},
    )
    assert code.returncode == 2, code.stderr
    assert "Traceback" not in code.stderr and "is unchanged" in code.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and "store" not in p.parts}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out"]  # no staging folder, no lock file left


def _query_rows(name: str, store: Path) -> list[dict[str, str]]:
    from esfgraph.query import run_query

    return sorted(({k: str(v) for k, v in row.items()} for row in run_query(name, store=store).records()),
                  key=lambda row: json.dumps(row, sort_keys=True))


def _csv_rows(path: Path, columns: list[str]) -> list[dict[str, str]]:
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        rows = [{column: row[column] for column in columns} for row in csv.DictReader(handle)]
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


def test_analyze_into_a_builds_store_then_rebuild_query_equals_csv(tmp_path, sample_pages):
    """README tour: `analyze --store OUT/store --level parent`, then `make demo` again. The
    rebuild must notice that analyze rewrote the store's analysis graph, not reuse it."""
    out = tmp_path / "demo"
    columns = ["org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year",
               "last_year"]
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(sample_pages), "--out", str(out), "--workers", "1"]).exit_code == 0
    assert _query_rows("recurring-partnerships", out / "store") == _csv_rows(
        out / "analysis" / "recurring_partnerships.csv", columns) == []
    parent = runner.invoke(main, ["analyze", "--store", str(out / "store"), "--out", str(tmp_path / "parent"),
                                  "--level", "parent"])
    assert parent.exit_code == 0, parent.output
    assert "1 recurring partnerships" in parent.output
    assert f"  note: {out / 'store'} now holds these results, {out}/analysis/ the build's; the next build of " \
           f"{out} analyses again" in parent.output
    parent_rows = _query_rows("recurring-partnerships", out / "store")
    assert [(r["org_a"].rsplit("/", 1)[1], r["org_b"].rsplit("/", 1)[1], r["shared_projects"])
            for r in parent_rows] == [("arbetsformedlingen", "forsakringskassan", "2")]
    assert parent_rows == _csv_rows(tmp_path / "parent" / "recurring_partnerships.csv", columns)

    messages = []
    rebuilt = build([sample_pages], out, BuildOptions(workers=1, progress=False), echo=messages.append)
    assert any("was changed after its build" in message for message in messages), messages
    assert rebuilt.timings.get("reused") is None and rebuilt.counts["cache_hits"] == 5
    assert _query_rows("recurring-partnerships", out / "store") == _csv_rows(
        out / "analysis" / "recurring_partnerships.csv", columns) == []

    # Reading the store (a query, as above) changes nothing: the next build reuses everything.
    again = build([sample_pages], out, BuildOptions(workers=1, progress=False))
    assert again.timings.get("reused") == 0.0
    assert _query_rows("recurring-partnerships", out / "store") == []


def test_the_summary_says_what_each_organisation_count_counts(tmp_path, sample_pages):
    result = CliRunner().invoke(main, ["build", str(sample_pages), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  organisations: 39 in the graph = 34 named on the pages + 5 parent organisations of named offices " \
           "and units" in lines
    # 26 and 108: the 2014-2020 page (no printed lists) adds its owner and the tie to the
    # organisation its text names (the network stage's evidence rule).
    assert "  network: 26 organisations with a listed role (owner, co-financier, partner, transnational partner), " \
           "108 ties; " \
           "0 recurring partnerships" in lines
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert (report["counts"]["organisations"], report["counts"]["named_organisations"],
            report["counts"]["network_organisations"]) == (39, 34, 26)
    assert not (tmp_path / "out.lock").exists()
