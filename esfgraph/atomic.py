"""Atomic build outputs: a lock per output folder and an all-or-nothing swap.

A build writes into a staging folder beside ``OUT`` (same file system) and swaps it
into place only when every stage has finished. On Linux the swap is one
``renameat2(RENAME_EXCHANGE)`` call, so there is no moment at which ``OUT`` is missing
or half-written; elsewhere two renames are used and an interrupted swap is repaired by
the next build. A build that fails, is interrupted or killed leaves ``OUT`` as it was.

Two builds into the same ``OUT`` cannot run at once: the second finds the lock held
and stops with :class:`BuildLocked`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
from pathlib import Path

__all__ = ["BuildLocked", "OutputLock", "staging_dir", "swap_into_place", "clean_stale"]

_STAGING_MARK = ".staging-"
_OLD_MARK = ".previous-"


class BuildLocked(RuntimeError):
    """Raised when another process is already building into the same folder."""


class OutputLock:
    """An exclusive, non-blocking lock on ``OUT``, held in ``OUT.lock`` beside it.

    The lock is an ``flock`` on an open file, so the kernel releases it when the
    process dies, however it dies: a killed build never leaves a stale lock behind.

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
        self._handle = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise BuildLocked(
                    f"{self.out_dir}: another build is writing here ({holder}); "
                    "wait for it to finish or choose another --out"
                ) from None
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc_info) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out_dir: os.PathLike | str) -> list[Path]:
    """Remove staging folders of dead builds and repair an interrupted two-step swap.

    Call only while holding :class:`OutputLock`. Returns the folders removed.
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
    for path in out_dir.parent.glob(out_dir.name + _STAGING_MARK + "*"):
        pid_text = path.name.rsplit("-", 1)[-1]
        if pid_text.isdigit() and _pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
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


def swap_into_place(staging: os.PathLike | str, out_dir: os.PathLike | str) -> None:
    """Make ``staging`` the new ``out_dir`` in one step and delete the old output.

    Parameters
    ----------
    staging : path-like
        A complete build output, beside ``out_dir``.
    out_dir : path-like
        Where the output belongs. It may or may not exist.
    """
    staging, out_dir = Path(staging), Path(out_dir)
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous output
        return
    previous = out_dir.parent / f"{out_dir.name}{_OLD_MARK}{os.getpid()}"
    os.rename(out_dir, previous)
    os.rename(staging, out_dir)
    shutil.rmtree(previous, ignore_errors=True)
