"""A store loaded with the hand-built fixture graph, shared by the query tests."""

from __future__ import annotations

import pytest

from esfgraph.store import load_store, open_store
from tests.fixtures.graph import FIXTURE


@pytest.fixture(scope="session")
def fixture_store_dir(tmp_path_factory):
    """Folder of an on-disk store holding tests/fixtures/graph/fixture.trig."""
    folder = tmp_path_factory.mktemp("query") / "store"
    load_store(folder, [FIXTURE])
    return folder


@pytest.fixture(scope="session")
def fixture_store(fixture_store_dir):
    """The fixture store, opened read-only."""
    return open_store(fixture_store_dir)
