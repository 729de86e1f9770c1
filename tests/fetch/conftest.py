"""Fixtures for the fetch tests: a local HTTP server and fast, seeded settings."""

from __future__ import annotations

import pytest

from .server import FixtureServer


@pytest.fixture
def server():
    """A fresh :class:`FixtureServer` on 127.0.0.1 (no routes yet), stopped afterwards."""
    running = FixtureServer().start()
    yield running
    running.stop()


@pytest.fixture
def fast() -> dict:
    """Settings that keep tests quick and their waits deterministic.

    No pause between requests (the floor is lowered explicitly), tiny back-offs, a
    seeded jitter, a short time-out.
    """
    return {
        "delay": 0.0,
        "min_delay": 0.0,
        "backoff": 0.01,
        "max_backoff": 0.05,
        "seed": 0,
        "timeout": 2.0,
    }
