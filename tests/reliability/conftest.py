"""Fixtures for the reliability tests: a few hundred generated pages, made once."""

from __future__ import annotations

import pytest

from esfgraph.build import BuildOptions, build

from .helpers import generate


@pytest.fixture(scope="session")
def generated_300(tmp_path_factory):
    """300 generated pages (every layout, some HTML, a few defects), seed 11."""
    return generate(300, 11, tmp_path_factory.mktemp("generated") / "pages300")


@pytest.fixture(scope="session")
def generated_40(tmp_path_factory):
    """40 generated pages, seed 5: big enough for every stage to have work, quick to build."""
    return generate(40, 5, tmp_path_factory.mktemp("generated") / "pages40")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, sample_pages):
    """A full build of the seed pages (graph, store, analysis, Gephi). Read it, never change it."""
    out = tmp_path_factory.mktemp("seed-build") / "out"
    build([sample_pages], out, BuildOptions(workers=1, progress=False))
    return out
