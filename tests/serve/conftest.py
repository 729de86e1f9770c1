"""A store loaded with the fixture graph, for the server tests."""

from __future__ import annotations

import shutil

import pytest

from esfgraph.store import load_store
from tests.fixtures.graph import FIXTURE


@pytest.fixture(scope="session")
def _template_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-template") / "store"
    load_store(folder, [FIXTURE])
    return folder


@pytest.fixture()
def store_dir(tmp_path, _template_store):
    """A fresh on-disk store holding tests/fixtures/graph/fixture.trig (a copy per test)."""
    folder = tmp_path / "store"
    shutil.copytree(_template_store, folder)
    return folder
