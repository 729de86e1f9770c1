"""Fixtures shared by the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "data" / "pages"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def sample_pages() -> Path:
    """``data/pages/``: the five seed pages, verbatim."""
    return PAGES


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """``tests/fixtures/``: small hand-made pages, good and bad."""
    return FIXTURES
