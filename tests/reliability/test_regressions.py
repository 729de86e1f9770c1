"""Every input in ``regressions/`` that once broke something, run through extract,
resolve and rdf with all the fuzzing checks (and its ``.expect.json`` when it has one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .fuzzing import check_page

FOLDER = Path(__file__).resolve().parent / "regressions"
INPUTS = sorted(p for p in FOLDER.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".bin"))

#: Inputs whose defect is still open: file name -> where it is and what goes wrong.
#: Inputs whose defect is still open, with where it lies (each runs as a strict xfail).
KNOWN: dict[str, str] = {}


def test_the_corpus_is_not_empty():
    assert INPUTS
    assert set(KNOWN) <= {p.name for p in INPUTS}


@pytest.mark.parametrize("path", [
    pytest.param(p, id=p.name, marks=pytest.mark.xfail(strict=True, reason=KNOWN[p.name]) if p.name in KNOWN else ())
    for p in INPUTS
])
def test_a_regression_input_passes_every_check(path):
    result = check_page(path.read_bytes(), "regression.html" if path.suffix == ".html" else "regression.txt")
    expect_file = path.with_name(path.stem + ".expect.json")
    if expect_file.exists():
        expect = json.loads(expect_file.read_text(encoding="utf-8"))
        assert result.status in expect.get("status", [result.status]), (result.status, result.reason)
        if "title" in expect:
            assert result.record is not None and result.record.title == expect["title"]
