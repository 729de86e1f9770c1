"""Atomic files and exclusive locks, written once for every stage.

:func:`atomic_write` and :func:`atomic_output` write a file so that readers see the old
file or the new one, never half of it: the bytes go to a hidden temporary file in the
same folder (same file system), which is renamed over the target only when complete.
:func:`clean_temp_files` removes the temporary files of a process that was killed.

:class:`FileLock` is an exclusive, non-blocking lock held in a lock file. It is a POSIX
record lock (``lockf``), not ``flock``: a record lock belongs to the process that took
it, the kernel drops it however the process dies, and the worker processes a build forks
do not inherit it, so a killed build's orphaned children never keep a folder locked.
Record locks do not conflict within one process, so a registry refuses a second lock on
the same file in the same process. :func:`held_by_another` asks whether another process
holds a record lock on a file someone else owns (the store's ``LOCK``).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(folder / "a.txt", b"one\\n")
>>> with atomic_output(folder / "a.txt") as handle:
...     _ = handle.write("two\\n")
>>> (folder / "a.txt").read_text()
'two\\n'
>>> with FileLock(folder / "a.lock"):
...     with FileLock(folder / "a.lock"):
...         pass
Traceback (most recent call last):
...
esfgraph.runtime.files.LockBusy: pid ..., this process
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = ["LockBusy", "FileLock", "atomic_write", "atomic_output", "clean_temp_files", "held_by_another"]

#: Temporary files are ``.NAME.PID.RANDOM.tmp`` beside their target.
_TEMP = re.compile(r"^\..+\.\d+\.[0-9a-f]{8}\.tmp$")
_BUSY = (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK)

# Lock files this process holds (real paths): POSIX record locks do not conflict within
# one process, and closing any descriptor of the file would drop them.
_HELD: set[str] = set()
_HELD_GUARD = threading.Lock()


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


@contextmanager
def atomic_output(path: os.PathLike | str, mode: str = "w", encoding: str | None = "utf-8",
                  fsync: bool = False) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` when the block ends.

    Parameters
    ----------
    path : path-like
        The file to write.
    mode : str
        ``"w"`` for text, ``"wb"`` for bytes.
    encoding : str or None
        The text encoding (ignored for bytes).
    fsync : bool
        Flush the bytes to disk before the rename (for files that must survive a power
        cut, such as downloaded pages).

    Yields
    ------
    file object
        Write to it; on an error (or Ctrl-C) the temporary file is removed and ``path``
        is left as it was.
    """
    path = Path(path)
    temp = _temp_path(path)
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # permissions follow the umask
    try:
        binary = "b" in mode
        with os.fdopen(descriptor, "wb" if binary else "w", encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)  # also on Ctrl-C: never leave a temporary file behind
        raise


def atomic_write(path: os.PathLike | str, data: bytes, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    Parameters
    ----------
    path : path-like
        The file to write.
    data : bytes
        Its new content.
    fsync : bool
        Flush the bytes to disk before the rename.
    """
    with atomic_output(path, "wb", fsync=fsync) as handle:
        handle.write(data)


def clean_temp_files(folder: os.PathLike | str) -> list[Path]:
    """Remove the temporary files :func:`atomic_output` left in ``folder``; return them.

    Call only while holding the folder's lock, so that no live writer owns them.
    """
    removed = []
    for path in sorted(Path(folder).glob(".*.tmp")):
        if _TEMP.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


class LockBusy(Exception):
    """Another process (or this one) holds the lock; ``str(error)`` names the holder."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


class FileLock:
    """An exclusive, non-blocking POSIX record lock on a lock file.

    Parameters
    ----------
    path : path-like
        The lock file (created with its folder).
    note_pid : bool
        Write ``pid N`` into the file while holding it, so that a refused process can
        say who holds it.
    remove : bool
        Delete the file before letting go, so that it exists only while held. A process
        that opened it just before the deletion and then gets the lock finds its file no
        longer at ``path`` and starts over, so two processes can never each hold a lock
        on a different file. (A process killed with SIGKILL leaves the empty file,
        unlocked, for the next to take.)

    Raises
    ------
    LockBusy
        On ``__enter__``, when another live process (or this one) holds the lock.
    """

    def __init__(self, path: os.PathLike | str, note_pid: bool = True, remove: bool = True) -> None:
        self.path = Path(path)
        self.note_pid = note_pid
        self.remove = remove
        self._handle = None
        self._key = ""

    def __enter__(self) -> "FileLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = os.path.join(os.path.realpath(self.path.parent), self.path.name)
        with _HELD_GUARD:
            if key in _HELD:
                raise LockBusy(f"pid {os.getpid()}, this process")
            handle = self._lock_current_file()
            _HELD.add(key)
        if self.note_pid:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}\n")
            handle.flush()
        self._handle, self._key = handle, key
        return self

    def _lock_current_file(self):
        """Open the lock file and lock it; start over when the file was replaced meanwhile."""
        while True:
            handle = open(self.path, "a+", encoding="utf-8")
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                handle.close()  # drops only this process's record locks: it holds none here
                if error.errno in _BUSY:
                    raise LockBusy(holder) from None
                raise
            try:
                current = os.stat(self.path)
            except FileNotFoundError:
                current = None
            opened = os.fstat(handle.fileno())
            if current is not None and (current.st_dev, current.st_ino) == (opened.st_dev, opened.st_ino):
                return handle
            handle.close()  # the previous holder deleted it after we opened it: take the new one

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is None:
            return
        with _HELD_GUARD:
            try:
                if self.remove:
                    self.path.unlink(missing_ok=True)  # while still locked: see the class docstring
                fcntl.lockf(self._handle, fcntl.LOCK_UN)
            finally:
                self._handle.close()
                self._handle = None
                _HELD.discard(self._key)


def held_by_another(path: os.PathLike | str) -> bool:
    """Return whether another process holds a record lock on an existing file.

    For a lock file another program keeps (RocksDB's ``store/LOCK``). The probe opens
    the file and tries the lock, so do not call it on a file this process has locked:
    closing the probe's descriptor would drop this process's lock. A missing or
    unreadable file counts as not held.
    """
    try:
        descriptor = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        return error.errno in _BUSY
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN)
        return False
    finally:
        os.close(descriptor)
