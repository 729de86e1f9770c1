"""Fixtures for the reliability tests: a few hundred generated pages, made once."""

from __future__ import annotations

import pytest

from .helpers import generate


@pytest.fixture(scope="session")
def generated_300(tmp_path_factory):
    """300 generated pages (every layout, some HTML, a few defects), seed 11."""
    return generate(300, 11, tmp_path_factory.mktemp("generated") / "pages300")


@pytest.fixture(scope="session")
def generated_40(tmp_path_factory):
    """40 generated pages, seed 5: big enough for every stage to have work, quick to build."""
    return generate(40, 5, tmp_path_factory.mktemp("generated") / "pages40")
