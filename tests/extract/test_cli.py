"""``esfgraph extract``: JSON on stdout, one line per rejected file on stderr, exit status."""

from __future__ import annotations

import json

from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.model import RECORD_KEYS


def run(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def test_jsonl_one_record_per_page_in_record_key_order(sample_pages):
    result = run(sample_pages, "--no-progress")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    assert [tuple(record) for record in records] == [RECORD_KEYS] * 5
    assert [record["title"] for record in records] == ["Trappsteget", "Jobbtrappan", "INTRO", "JOBBINVEST-ering", "SMÖT"]
    assert "Småland och Öarna" in lines[0]  # ensure_ascii=False
    assert result.stderr == ""


def test_json_array_equals_jsonl(sample_pages):
    as_jsonl = [json.loads(line) for line in run(sample_pages).stdout.splitlines()]
    as_json = json.loads(run(sample_pages, "--format", "json").stdout)
    assert as_json == as_jsonl


def test_rejected_files_named_on_stderr_and_others_go_on(fixtures_dir, sample_pages):
    bad = fixtures_dir / "pages" / "bad"
    result = run(bad / "empty.txt", sample_pages / "004_e1f4b13072c7ae19.txt", bad / "binary.txt")
    assert result.exit_code == 0
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["SMÖT"]
    assert result.stderr.splitlines() == [
        f"esfgraph extract: rejected {(bad / 'binary.txt').as_posix()}: binary data (a PDF, image or archive), not a text or HTML page",
        f"esfgraph extract: rejected {(bad / 'empty.txt').as_posix()}: empty file",
        "esfgraph extract: 1 pages extracted (0 with warnings), 2 rejected",
    ]


def test_exit_1_when_nothing_extracted(fixtures_dir, tmp_path):
    assert run(fixtures_dir / "pages" / "bad").exit_code == 1
    assert run(tmp_path / "missing.txt").exit_code == 1
    empty = run(tmp_path)
    assert empty.exit_code == 1
    assert empty.stderr == "esfgraph extract: no pages found (.txt, .html, .htm)\n"


def test_same_input_byte_identical_output(sample_pages, fixtures_dir):
    first = run(sample_pages, fixtures_dir / "pages").stdout_bytes
    second = run(fixtures_dir / "pages", sample_pages, "--workers", "2").stdout_bytes
    assert first == second


def test_help_has_examples_and_exit_status():
    result = run("--help")
    assert result.exit_code == 0
    assert "esfgraph extract data/pages > records.jsonl" in result.stdout
    assert "Exit status: 0 when at least one page was extracted, 1 when none" in result.stdout
