"""Bad options and pages that break a stage: ``esfgraph build`` gives one line, never a traceback,
and one bad page never stops a build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import run_cli, siblings

REGRESSIONS = Path(__file__).resolve().parent / "regressions"


def test_a_base_that_is_not_an_iri_is_one_line(tmp_path, sample_pages):
    result = run_cli("build", str(sample_pages), "--out", str(tmp_path / "out"), "--base", "not an iri <>",
                     "--no-progress")
    assert siblings(tmp_path / "out") == []  # refused before any work: nothing written
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "--base" in result.stderr


def test_a_page_that_breaks_the_resolver_is_rejected_and_the_build_completes(tmp_path, sample_pages):
    """Found by the coverage-guided fuzzer: a page whose organisation number holds '¹'
    made the resolver raise, and that one page stopped the whole build with a traceback.
    The build now rejects such a page with the error as its reason and goes on."""
    pages = tmp_path / "pages"
    shutil.copytree(sample_pages, pages)
    shutil.copy(REGRESSIONS / "resolve-superscript-digit-in-org-number.txt", pages / "zz_hostile.txt")
    result = run_cli("build", str(pages), "--out", str(tmp_path / "out"), "--no-progress", "--no-analysis",
                     "--workers", "1")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    by_name = {Path(entry["path"]).name: entry for entry in report["files"]}
    assert report["counts"]["projects"] >= 5
    hostile = by_name["zz_hostile.txt"]
    # Rejected with the error while the resolver defect is open; read normally once it is fixed.
    assert hostile["status"] in ("ok", "warnings") or hostile["reason"].startswith("internal error while resolving")
    assert all(by_name[p.name]["status"] == "ok" for p in sample_pages.glob("*.txt"))
