"""Fixtures for the benchmark tests: small generated corpora, made once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate import generate


def read_truth(folder: Path) -> list[dict]:
    """The ground-truth records of a generated corpus, in page order."""
    with (folder / "truth.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="session")
def corpus_2000(tmp_path_factory) -> Path:
    """2,000 pages at the default shares (seed 7): for proportions and popularity."""
    folder = tmp_path_factory.mktemp("corpus-2000")
    generate(2000, seed=7, out_dir=folder)
    return folder


@pytest.fixture(scope="session")
def corpus_defects(tmp_path_factory) -> Path:
    """300 pages with many defects and HTML pages (seed 11): for extraction checks."""
    folder = tmp_path_factory.mktemp("corpus-300")
    generate(300, seed=11, out_dir=folder, html_share=0.25, defect_share=0.2)
    return folder
