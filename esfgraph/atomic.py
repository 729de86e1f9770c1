"""Atomic build outputs: a lock per output folder and an all-or-nothing swap.

A build writes into a staging folder beside ``OUT`` (same file system) and swaps it
into place only when every stage has finished. On Linux the swap is one
``renameat2(RENAME_EXCHANGE)`` call, so there is no moment at which ``OUT`` is missing
or half-written; elsewhere two renames are used and an interrupted swap is repaired by
the next build. A build that fails, is interrupted or killed leaves ``OUT`` as it was.

Two builds into the same ``OUT`` cannot run at once: the second finds the lock held
and stops with :class:`BuildLocked`.

The lock is :class:`esfgraph.runtime.files.FileLock`, a POSIX record lock that the
worker processes a build forks do not inherit.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

from .runtime.errors import InputError
from .runtime.files import FileLock, LockBusy

__all__ = [
    "BuildLocked",
    "OutputLock",
    "staging_dir",
    "swap_into_place",
    "exchange_into_place",
    "clean_stale",
]

_STAGING_MARK = ".staging-"
_OLD_MARK = ".previous-"


class BuildLocked(InputError, RuntimeError):
    """Raised when another process is already building into the same folder (exit code 2)."""


class OutputLock:
    """An exclusive, non-blocking lock on ``OUT``, held in ``OUT.lock`` beside it.

    A :class:`esfgraph.runtime.files.FileLock` (a POSIX record lock): the kernel releases
    it when the process dies, however it dies, and child processes do not inherit it, so
    a killed build never leaves a lock behind, even while its orphaned workers live on.
    ``OUT.lock`` exists only while a build runs and holds the builder's process id.

    Parameters
    ----------
    out_dir : path-like
        The build output folder (it need not exist yet).

    Raises
    ------
    BuildLocked
        On ``__enter__``, when another live process holds the lock.
    """

    def __init__(self, out_dir: os.PathLike | str) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir.parent / (self.out_dir.name + ".lock")
        self._lock = FileLock(self.path)

    def __enter__(self) -> "OutputLock":
        try:
            self._lock.__enter__()
        except LockBusy as busy:
            raise BuildLocked(
                f"{self.out_dir}: another build is writing here ({busy.holder}); "
                "wait for it to finish or choose another --out"
            ) from None
        return self

    def __exit__(self, *exc_info) -> None:
        self._lock.__exit__(*exc_info)


def clean_stale(out_dir: os.PathLike | str) -> list[Path]:
    """Remove staging folders of earlier builds and repair an interrupted two-step swap.

    Call only while holding :class:`OutputLock`, before creating this build's staging
    folder: every build that ever wrote beside ``out_dir`` held the lock, so any staging
    folder found now belongs to a build that is gone (killed, or interrupted before it
    could clean up). Folder names carry a process id, but ids are reused (a container
    starts every build with the same few), so they are never trusted to tell.

    Parameters
    ----------
    out_dir : path-like
        The build output folder.

    Returns
    -------
    list of Path
        The folders removed.
    """
    out_dir = Path(out_dir)
    removed = []
    previous = sorted(out_dir.parent.glob(out_dir.name + _OLD_MARK + "*"))
    if not out_dir.exists() and previous:
        # A two-rename swap was cut between its renames: put the old output back.
        os.rename(previous[-1], out_dir)
        previous = previous[:-1]
    for path in previous:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    for path in sorted(out_dir.parent.glob(out_dir.name + _STAGING_MARK + "*")):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def staging_dir(out_dir: os.PathLike | str) -> Path:
    """Create and return a fresh staging folder beside ``out_dir``."""
    out_dir = Path(out_dir)
    path = out_dir.parent / f"{out_dir.name}{_STAGING_MARK}{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux ``renameat2``; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def exchange_into_place(staging: os.PathLike | str, out_dir: os.PathLike | str) -> Path | None:
    """Make ``staging`` the new ``out_dir`` in one step; return where the old output went.

    The caller deletes the returned folder (or leaves it to :func:`clean_stale` of the
    next build); splitting the swap from the deletion lets a build stop being
    interruptible at the one moment that matters.

    Parameters
    ----------
    staging : path-like
        A complete build output, beside ``out_dir``.
    out_dir : path-like
        Where the output belongs. It may or may not exist.

    Returns
    -------
    Path or None
        The folder now holding the previous output, or None when there was none.
    """
    staging, out_dir = Path(staging), Path(out_dir)
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return None
    if _exchange(staging, out_dir):
        return staging  # now holds the previous output
    previous = out_dir.parent / f"{out_dir.name}{_OLD_MARK}{os.getpid()}"
    os.rename(out_dir, previous)
    os.rename(staging, out_dir)
    return previous


def swap_into_place(staging: os.PathLike | str, out_dir: os.PathLike | str) -> None:
    """Make ``staging`` the new ``out_dir`` in one step and delete the old output.

    The parameters are those of :func:`exchange_into_place`.
    """
    previous = exchange_into_place(staging, out_dir)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
