"""Pausing Python's cyclic garbage collector over work that allocates much and frees little.

The collector runs every few hundred allocations of container objects, and now and then
walks every object the process holds. A stage that builds hundreds of thousands of small
tuples, lists and strings next to a large heap (a build holds its records, organisations
and networks) pays for those walks again and again, although nothing it makes is a
reference cycle that must be freed before it ends. :func:`collector_paused` turns the
collector off for such a piece of work and back on afterwards (cycles made meanwhile are
freed at its next pass).

Examples
--------
>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cyclic garbage collector off for the ``with`` block; back on after it, if it was on.

    Yields
    ------
    None
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
