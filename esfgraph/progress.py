"""Progress bars that show on a terminal and stay quiet in logs.

A bar appears only when stderr is a TTY and ``CI`` is not set, so CI logs and files
redirected from the command line hold summaries, not carriage-return noise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["progress_enabled", "progress"]

T = TypeVar("T")


def progress_enabled(requested: bool | None = None) -> bool:
    """Return whether progress bars should be drawn.

    Parameters
    ----------
    requested : bool or None
        ``True``/``False`` forces the choice; ``None`` decides from the terminal:
        bars only on an interactive stderr outside CI.
    """
    if requested is not None:
        return requested
    return sys.stderr.isatty() and not os.environ.get("CI")


def progress(
    items: Iterable[T], *, desc: str, total: int | None = None, enabled: bool | None = None
) -> Iterator[T]:
    """Iterate over ``items`` with a tqdm bar named ``desc`` when bars are enabled.

    Examples
    --------
    >>> list(progress([1, 2, 3], desc="extract", enabled=False))
    [1, 2, 3]
    """
    if not progress_enabled(enabled):
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, total=total, unit="page", leave=False, file=sys.stderr)
