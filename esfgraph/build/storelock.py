"""The build's probe for a store that another process has open for writing.

RocksDB holds a POSIX record lock on ``store/LOCK`` while a writer (``esfgraph serve
--allow-updates``, a script) has the store open. Replacing ``OUT`` then would leave that
writer working on deleted files: whatever it stores afterwards is lost.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     refuse_if_store_in_use(Path(folder))  # no store there: nothing to refuse
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from ..atomic import BuildLocked

__all__ = ["refuse_if_store_in_use"]


def refuse_if_store_in_use(out_dir: Path) -> None:
    """Stop when another process has ``OUT/store`` open for writing.

    Raises
    ------
    esfgraph.atomic.BuildLocked
        When the store's lock is held by another process.
    """
    lock = out_dir / "store" / "LOCK"
    try:
        descriptor = os.open(lock, os.O_RDWR)
    except OSError:
        return  # no store, or not ours to check
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise BuildLocked(
                f"{out_dir / 'store'} is open for writing by another process (a running "
                f"'esfgraph serve --allow-updates'?); stop it before rebuilding {out_dir}, "
                "or build into another --out"
            ) from None
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
