"""``esfgraph query``: listing, running, formats, and one-line errors."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.query import list_queries


def run(*args):
    return CliRunner().invoke(main, ["query", *args])


def test_list_shows_every_query_with_its_question_and_parameters():
    result = run("--list")
    assert result.exit_code == 0
    for info in list_queries():
        assert f"{info.name}\n    {info.question}\n" in result.output
    assert "--param min_shared=<integer>  (default 2) fewest projects a pair must share" in result.output
    assert "--param org=<org>  (default arbetsformedlingen) organisation: name, IRI or key" in result.output


def test_csv_output(fixture_store_dir):
    result = run("top-co-financiers", "--store", str(fixture_store_dir), "--format", "csv", "-p", "by_parent=true")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["organisation", "label", "org_type", "projects", "esf_grant_sek", "total_budget_sek"]
    assert rows[1] == ["https://w3id.org/esfgraph/id/org/arbetsformedlingen", "Arbetsförmedlingen", "agency",
                       "6", "15344554", "34436300"]


def test_json_and_table_output(fixture_store_dir):
    result = run("projects-in-municipality", "--store", str(fixture_store_dir), "--param",
                 "municipality_code=0484", "--format", "json")
    bindings = json.loads(result.output)["results"]["bindings"]
    assert [b["title"]["value"] for b in bindings] == ["Okänt projekt", "Vägen in", "Vidare tillsammans"]
    table = run("projects-per-year", "--store", str(fixture_store_dir))
    assert table.output.splitlines()[0].split() == ["year", "projects", "esf_grant_sek", "total_budget_sek"]
    assert table.output.rstrip().endswith("(7 rows)")


def test_a_query_file(fixture_store_dir, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/esfgraph/ontology#Project> }\n",
                    encoding="utf-8")
    result = run(str(path), "--store", str(fixture_store_dir), "--format", "csv")
    assert result.output == "n\n8\n"


def test_show_prints_the_sparql():
    result = run("recurring-partnerships", "--show")
    assert result.output.startswith("# Question: Which pairs of organisations")
    assert "GRAPH <https://w3id.org/esfgraph/graph/analysis>" in result.output


def test_errors_are_one_line(fixture_store_dir, tmp_path):
    cases = [
        (["nope", "--store", str(fixture_store_dir)], "Error: unknown query 'nope'"),
        (["projects-per-year", "--store", str(fixture_store_dir), "-p", "year"], "--param 'year': expected NAME=VALUE"),
        (["projects-per-year", "--store", str(fixture_store_dir), "-p", "year=2"], "has no parameter 'year'"),
        (["projects-per-year", "--store", str(tmp_path / "missing")], "store folder does not exist"),
        (["projects-per-year", "--store", str(fixture_store_dir), "--endpoint", "http://x/q"], "not both"),
        ([], "give a query NAME or FILE.rq"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code != 0
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_default_store_must_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("projects-per-year")
    assert result.exit_code == 1
    assert "no store given and build/demo/store does not exist" in result.output


def test_hint_when_the_analysis_graph_is_empty(tmp_path):
    from esfgraph.store import load_store

    nt = tmp_path / "g.nt"
    nt.write_text('<http://example.org/a> <http://example.org/p> "x" .\n', encoding="utf-8")
    load_store(tmp_path / "store", [nt])
    result = CliRunner().invoke(main, ["query", "recurring-partnerships", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0
    assert "(0 rows)" in result.stdout
    assert "run 'esfgraph analyze', or the -live variant" in result.stderr


def test_a_syntax_error_shows_the_line_with_a_caret(fixture_store_dir, tmp_path):
    """Issue 13: 'error at 20:56: expected OPTIONAL' did not point at the slash of id:org/x."""
    path = tmp_path / "pasted.rq"
    path.write_text("PREFIX esf: <https://w3id.org/esfgraph/ontology#>\n"
                    "PREFIX id: <https://w3id.org/esfgraph/id/>\n"
                    "SELECT ?project WHERE {\n"
                    "  ?project esf:owner id:org/forsakringskassan .\n"
                    "}\n", encoding="utf-8")
    result = run(str(path), "--store", str(fixture_store_dir))
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Error: {path}: SPARQL syntax error at line 4, column 36: expected OPTIONAL"
    assert lines[1] == "    4 |   ?project esf:owner id:org/forsakringskassan ."
    assert lines[2] == "      |" + " " * 36 + "^"
    assert lines[3].startswith("    (line 4: id:org/forsakringskassan is not a SPARQL prefixed name")
