"""A real Oxigraph server that accepts writes, on a free loopback port, for push tests."""

from __future__ import annotations

import pytest

from esfgraph.serve import start_server


@pytest.fixture()
def server(tmp_path):
    """A writable Oxigraph server over a new, empty store; stopped after the test."""
    with start_server(tmp_path / "remote", bind="127.0.0.1:0", allow_updates=True, wait=20) as running:
        yield running
