"""A store loaded with the fixture graph, for the server tests."""

from __future__ import annotations

import pytest

from esfgraph.store import load_store
from tests.fixtures.graph import FIXTURE


@pytest.fixture()
def store_dir(tmp_path):
    """A fresh on-disk store holding tests/fixtures/graph/fixture.trig."""
    folder = tmp_path / "store"
    load_store(folder, [FIXTURE])
    return folder
