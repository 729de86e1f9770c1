"""An analysed store of the tiny hand-made graph (tests/network/graphs.py) for export tests."""

from __future__ import annotations

import pytest

from esfgraph.network import analyze

from ..network.graphs import make_store


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    """The analysis of the tiny graph (written back into its store)."""
    folder = tmp_path_factory.mktemp("tiny")
    store = make_store(folder)
    result = analyze(store, folder / "analysis", seed=42, report=False)
    result.store_dir = store
    return result
