"""Ties from printed lists and from names in the text, across programme periods.

The hand-made corpus in ``tests/fixtures/pages/evidence/``: two 2007–2013 pages (2008,
2011) of Föreningen Framåt list Region Norrbotten and Bodens kommun as co-financiers and
Arbetsförmedlingen Boden as partner; two 2014–2020 pages (2015, 2018) of Stiftelsen
Nordväg print no lists and name Region Norrbotten and Bodens kommun in their description,
with Arbetsförmedlingen and Försäkringskassan named in general (and, in 2018, the office
Arbetsförmedlingen Boden).
"""

from __future__ import annotations

import csv

import pytest

from esfgraph.build import BuildOptions, build
from esfgraph.network import analyze, networks_from_store
from esfgraph.store import open_store

from ..export.gexf_checks import check_gexf

ORG = "https://w3id.org/esfgraph/id/org/"
BODEN, REGION, AF, FK = ORG + "kommun-2582", ORG + "region-25", ORG + "arbetsformedlingen", ORG + "forsakringskassan"
AF_BODEN = ORG + "arbetsformedlingen/boden"


@pytest.fixture(scope="module")
def built(fixtures_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("evidence") / "out"
    result = build([fixtures_dir / "pages" / "evidence"], out, BuildOptions(workers=1, progress=False, cache=False))
    assert result.stages.get("analyze") == "done", result.stages
    return out, result


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pair(rows, a, b):
    found = [r for r in rows if (r["org_a"], r["org_b"]) == (a, b)]
    return found[0] if found else None


def test_listed_then_named_in_text_is_a_partnership_across_periods_with_both_kinds_of_evidence(built):
    out, _ = built
    rows = _rows(out / "analysis" / "cross_period_partnerships.csv")
    pair = _pair(rows, BODEN, REGION)
    assert pair is not None, rows
    assert (pair["org_a_label"], pair["org_b_label"]) == ("Bodens kommun", "Region Norrbotten")
    assert (pair["shared_projects"], pair["evidence"], pair["periods"]) == ("4", "both", "2007-2013;2014-2020")
    assert (pair["first_year"], pair["last_year"]) == ("2008", "2018")
    # per shared project, in the order of "projects": the 2014-2020 pages carry numbers, the print pages none
    assert pair["project_numbers"] == "2015/00501;2018/00733;;"
    assert pair["project_titles"] == "Nordväg;Nordväg vidare;Vägen framåt;Vägen framåt II"
    assert pair["programme_periods"] == "2014-2020;2014-2020;2007-2013;2007-2013"
    assert pair["regions"] == ";".join(["Övre Norrland"] * 4)
    assert pair["esf_grant_sek"] == str(2_000_000 + 3_000_000 + 1_000_000 + 1_000_000)


def test_national_agencies_named_in_general_make_no_pairs_unless_asked(built, tmp_path):
    out, result = built
    recurring = _rows(out / "analysis" / "recurring_partnerships.csv")
    assert not [r for r in recurring if AF in (r["org_a"], r["org_b"]) or FK in (r["org_a"], r["org_b"])]
    office = _pair(recurring, AF_BODEN, BODEN)  # the office the 2018 page names does count
    assert (office["shared_projects"], office["evidence"]) == ("3", "both")
    assert any("4 general mentions of national agencies not counted" in line for line in result.summary_lines)

    wide = analyze(out / "store", tmp_path / "national", include_national=True, write_back=False, report=False)
    agencies = next(p for p in wide.partnerships if (p.org_a, p.org_b) == (AF, FK))
    assert (agencies.shared, agencies.evidence, agencies.text_count) == (2, "text", 2)


def test_printed_lists_only_gives_the_old_answer(built, tmp_path):
    out, _ = built
    listed = analyze(out / "store", tmp_path / "listed", text_mentions="none", write_back=False, report=False)
    pair = next(p for p in listed.partnerships if (p.org_a, p.org_b) == (BODEN, REGION))
    assert (pair.shared, pair.evidence, pair.periods) == (2, "listed", ("2007-2013",))
    assert listed.cross_period == []
    assert "mentioned" not in listed.networks.roles


def test_coverage_per_programme_period(built):
    out, result = built
    import json

    summary = json.loads((out / "analysis" / "summary.json").read_text(encoding="utf-8"))
    coverage = {row["period"]: row for row in summary["coverage"]}
    assert coverage["2007-2013"] == {
        "period": "2007-2013", "projects": 2, "with_two_or_more": 2, "listed": 2, "text": 0,
        "ties": 6, "ties_listed": 6, "ties_text": 0, "ties_both": 0, "national_left_out": 0}
    # 2015: Nordväg, the region, Boden; 2018: the same and the Boden office: 6 pairs
    assert coverage["2014-2020"] == {
        "period": "2014-2020", "projects": 2, "with_two_or_more": 2, "listed": 0, "text": 2,
        "ties": 6, "ties_listed": 0, "ties_text": 6, "ties_both": 0, "national_left_out": 4}
    # Framåt with the region, Boden and the office (listed); Nordväg with the region and Boden
    # (text); the region, Boden and the office among themselves (both)
    assert summary["recurring_partnerships_by_evidence"] == {"listed": 3, "text": 2, "both": 3}
    page = (out / "analysis" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Coverage per programme period</h2>" in page
    assert "<tr><td>2014-2020</td><td class=\"n\">2</td>" in page


def test_evidence_in_gephi_files_and_the_analysis_graph(built):
    out, _ = built
    found = check_gexf(out / "gephi" / "organisations.gexf")
    edge = next(e for e in found["edges"] if {e["attrs"]["source"], e["attrs"]["target"]} == {BODEN, REGION})
    assert (edge["values"]["evidence"], edge["values"]["listed_count"], edge["values"]["text_count"]) == (
        "both", "2", "2")
    store = open_store(out / "store", read_only=True)
    answer = list(store.query("""
        PREFIX esf: <https://w3id.org/esfgraph/ontology#>
        SELECT ?evidence ?listed ?text WHERE { GRAPH <https://w3id.org/esfgraph/graph/analysis> {
          ?p esf:member <%s>, <%s> ; esf:tieEvidence ?evidence ;
             esf:listedProjectCount ?listed ; esf:textProjectCount ?text } }""" % (BODEN, REGION)))
    assert [(s["evidence"].value, s["listed"].value, s["text"].value) for s in answer] == [("both", "2", "2")]


def test_bipartite_edges_say_whether_a_member_is_listed_or_named_in_text(built):
    out, _ = built
    networks = networks_from_store(out / "store")
    evidence = {(p.rsplit("/", 1)[1], o): d["evidence"] for p, o, d in networks.bipartite.edges(data=True)
                if networks.bipartite.nodes[p]["kind"] == "project"} or {
        (o.rsplit("/", 1)[1], p): d["evidence"] for o, p, d in networks.bipartite.edges(data=True)}
    assert evidence[("2015-00501", REGION)] == "text"
    assert {v for (p, o), v in evidence.items() if p.startswith("k")} == {"listed"}


def test_build_refuses_an_unknown_text_mentions_choice(tmp_path, fixtures_dir):
    from esfgraph.build import BuildError

    with pytest.raises(BuildError, match="--text-mentions must be unlisted, all or none"):
        build([fixtures_dir / "pages" / "evidence"], tmp_path / "o", BuildOptions(text_mentions="some"))
    assert not (tmp_path / "o").exists()


def test_evidence_choices_are_part_of_the_build_and_its_reuse_key(tmp_path, fixtures_dir):
    import json

    from click.testing import CliRunner

    from esfgraph.cli import main

    out = tmp_path / "out"
    pages = str(fixtures_dir / "pages" / "evidence")
    first = CliRunner().invoke(main, ["build", pages, "--out", str(out), "--workers", "1", "--no-progress"])
    assert first.exit_code == 0, first.output
    assert "2014-2020: 2 projects, 2 with two or more organisations (0 by printed lists, 2 by names in the text)" \
        in first.output
    assert json.loads((out / "build.json").read_text())["counts"]["cross_period_partnerships"] == 3
    again = CliRunner().invoke(main, ["build", pages, "--out", str(out), "--workers", "1", "--no-progress",
                                      "--text-mentions", "none"])
    assert again.exit_code == 0, again.output
    report = json.loads((out / "build.json").read_text())
    assert "reused" not in report["timings"]  # other choices: the analyses ran again
    assert report["counts"]["cross_period_partnerships"] == 0
    assert "2014-2020: 2 projects, 0 with two or more organisations" in again.output
    bad = CliRunner().invoke(main, ["build", pages, "--out", str(tmp_path / "bad"), "--roles", "boss"])
    assert bad.exit_code == 2 and "unknown role 'boss'" in bad.output


def test_analyze_cli_counts_national_agencies_only_when_asked(built, tmp_path):
    from click.testing import CliRunner

    from esfgraph.cli import main

    out, _ = built
    run = CliRunner().invoke(main, ["analyze", "--store", str(out / "store"), "--out", str(tmp_path / "a"),
                                    "--include-national", "--no-report", "--no-write-back"])
    assert run.exit_code == 0, run.output
    # with the two agencies named in general: 2015 has 5 organisations (10 pairs), 2018 the same
    # five and the Boden office (15 pairs, the 2015 ones among them)
    assert "2014-2020: 2 projects, 2 with two or more organisations (0 by printed lists, 2 by names in the text); " \
           "15 ties (0 listed, 15 text, 0 both)" in run.output
    assert "general mentions of national agencies not counted" not in run.output
