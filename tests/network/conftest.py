"""Stores of the tiny hand-made graph (see graphs.py) for the network tests."""

from __future__ import annotations

import pytest

from .graphs import make_store


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    """A store of the tiny graph, shared by a module's tests: open it read-only."""
    return make_store(tmp_path_factory.mktemp("tiny"))


@pytest.fixture
def fresh_store(tmp_path):
    """A store of the tiny graph of its own, for tests that write into it."""
    return make_store(tmp_path / "data")
