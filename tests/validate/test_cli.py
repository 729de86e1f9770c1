"""``esfgraph validate``: exit codes, the store variant, the files it writes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from esfgraph.cli.validate import command

FIXTURES = Path(__file__).parent / "fixtures"


def _run(*args):
    return CliRunner().invoke(command, [str(a) for a in args])


def _broken(tmp_path: Path) -> Path:
    text = (FIXTURES / "conforming.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text(text.replace("esf:esfGrantSEK 3574500", "esf:esfGrantSEK 9999999"), encoding="utf-8")
    return broken


def test_conforming_graph_exits_0():
    result = _run(FIXTURES / "conforming.ttl", "--quiet")
    assert result.exit_code == 0, result.output
    assert "esfgraph validate: conforms: 0 violation(s), 0 warning(s)" in result.output


def test_violations_exit_1_and_are_printed_by_project(tmp_path):
    result = _run(_broken(tmp_path), "--out", tmp_path / "report")
    assert result.exit_code == 1
    assert 'Project "Trappsteget" <https://w3id.org/esfgraph/id/project/p1>' in result.output
    assert "  page: 000_ebc39ac141ca286d.txt" in result.output
    assert "VIOLATION  The ESF grant is larger than the total budget. (property esf:esfGrantSEK; value 9999999)" in result.output
    assert "does NOT conform: 1 violation(s), 0 warning(s)" in result.output
    text = (tmp_path / "report" / "validation.txt").read_text(encoding="utf-8")
    assert "The ESF grant is larger than the total budget." in text
    report = (tmp_path / "report" / "validation.ttl").read_text(encoding="utf-8")
    assert "sh:sourceShape esfsh:Project-grantNotAboveBudget" in report and "sh:conforms false" in report


def test_store_variant_reads_the_graph_out_of_an_oxigraph_store(tmp_path):
    from esfgraph.store import load_store

    load_store(tmp_path / "store", [_broken(tmp_path)])
    result = _run("--store", tmp_path / "store", "--quiet")
    assert result.exit_code == 1, result.output
    assert "1 violation(s)" in result.output
    assert _run("--store", tmp_path / "nowhere").exit_code == 2


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    missing = _run(tmp_path / "missing.nt")
    assert missing.exit_code == 2 and missing.output.strip() == f"esfgraph validate: {tmp_path / 'missing.nt'}: no such file"
    garbage = tmp_path / "garbage.nt"
    garbage.write_text("this is not RDF\n", encoding="utf-8")
    result = _run(garbage)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"esfgraph validate: {garbage}: not valid N-Triples")
    assert "Traceback" not in result.output
    both = _run(FIXTURES / "conforming.ttl", "--store", tmp_path)
    assert both.exit_code == 2 and "either GRAPH_FILE or --store" in both.output


def test_a_syntax_error_anywhere_is_found_even_in_lines_no_shape_reads(tmp_path):
    # Sorted and canonical-looking, so it is streamed; the bad literal is on a predicate
    # that no shape reads, so it never reaches pySHACL: it must still be reported.
    lines = [
        '<https://e.org/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/esfgraph/ontology#Project> .',
        '<https://e.org/p> <https://w3id.org/esfgraph/ontology#resolutionMethod> "unterminated .',
    ]
    bad = tmp_path / "bad.nt"
    bad.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    result = _run(bad, "--quiet")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"esfgraph validate: {bad}: not valid N-Triples") and "line 2" in result.output


def test_a_graph_without_projects_conforms_but_says_so():
    ontology = Path(__file__).resolve().parents[2] / "ontology" / "esf.ttl"
    result = CliRunner().invoke(command, [str(ontology), "--quiet"])  # click 8.2+: stderr kept apart
    assert result.exit_code == 0
    assert result.stderr.strip() == f"esfgraph validate: note: {ontology} has no esf:Project; is it the graph?"


def test_help_has_an_example():
    result = _run("--help")
    assert result.exit_code == 0 and "esfgraph validate build/demo/graph.nt" in result.output
