"""One generation of the served store, and the watcher that follows the store folder.

A rebuild swaps the whole output folder (``esfgraph build`` renames a new one into place)
and ``esfgraph analyze`` writes new results into the store; a server that kept its first
store open would go on answering from the old data with no warning. So the server keeps a
:class:`Generation`: the store opened read-only, the explorer's index over it (with the
partnership table's arrays for the default choices, :mod:`esfgraph.explorer.pairs`; the
application counts the other choices in the background once the generation serves), and
an Oxigraph server process for ``/query`` over the same folder. :class:`StoreWatcher` looks
at the folder every second; once a change has settled it opens a new generation and swaps
it in, and stops the old one's process a little later (requests in flight finish on it).
When the new store cannot be opened (half-written, locked), the old generation stays and
every page says that it is serving an older build, and why.

Examples
--------
>>> signature("/nonexistent") is None
True
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..store import open_store
from .index import ExplorerIndex, build_index
from .pairs import SETTINGS, pair_index
from .search import Searcher

__all__ = ["Generation", "StoreWatcher", "signature", "open_generation"]


def signature(store_dir: str | os.PathLike[str]) -> tuple | None:
    """What identifies the store's content on disk: the folder's inode and its files'
    names, sizes and modification times (RocksDB writes new files for every change).
    ``None`` when there is no folder."""
    try:
        folder = os.stat(store_dir)
        files = []
        with os.scandir(store_dir) as entries:
            for entry in entries:
                if entry.name.startswith("LOG") or not entry.is_file(follow_symlinks=False):
                    continue  # RocksDB's own log changes when a reader opens the store
                info = entry.stat(follow_symlinks=False)
                files.append((entry.name, info.st_size, info.st_mtime_ns))
    except OSError:
        return None
    return (folder.st_dev, folder.st_ino, tuple(sorted(files)))


@dataclass
class Generation:
    """The store as opened at one moment, with everything built over it."""

    number: int
    store_dir: Path
    store: object  # pyoxigraph.Store, read-only
    index: ExplorerIndex
    searcher: Searcher
    signature: tuple | None
    loaded_at: str
    backend: object = None  # esfgraph.serve.Backend: the Oxigraph process for /query
    cache: dict = field(default_factory=dict)  # per-generation answers (layouts, tables)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cached(self, key, compute: Callable[[], object], keep: int = 64):
        """Return the cached value of ``key``, computing it once (the cache holds ``keep`` keys)."""
        with self.lock:
            if key in self.cache:
                return self.cache[key]
        value = compute()
        with self.lock:
            if len(self.cache) >= keep:
                self.cache.pop(next(iter(self.cache)))
            self.cache[key] = value
        return value


def open_generation(store_dir: Path, number: int, start_backend: Callable[[Path], object] | None) -> Generation:
    """Open ``store_dir`` read-only and build a generation over it.

    Raises
    ------
    esfgraph.store.StoreError
        The store is missing, damaged or not a store (one line).
    """
    before = signature(store_dir)
    store = open_store(store_dir, read_only=True)
    index = build_index(store)
    backend = start_backend(store_dir) if start_backend else None
    searcher = Searcher(index)
    searcher.search("warm up")  # loads the resolver's reference tables before the first user waits
    pair_index(index).pairs(SETTINGS[0])  # the default table's pairs, before the first user waits
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    return Generation(number, store_dir, store, index, searcher, before, stamp, backend)


class StoreWatcher:
    """Follow a store folder: swap in a new :class:`Generation` when its content changes."""

    def __init__(self, store_dir: Path, start_backend: Callable[[Path], object] | None = None,
                 interval: float = 1.0, stop_backend: Callable[[object], None] | None = None):
        self.store_dir = Path(store_dir)
        self.start_backend = start_backend
        self.stop_backend = stop_backend or (lambda backend: None)
        self.interval = interval
        self.current = open_generation(self.store_dir, 1, start_backend)
        self.stale: str | None = None  # why the served generation is older than the folder
        self._last_seen = self.current.signature
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: Called (in a thread of its own) with each generation once it serves: the app
        #: computes what is slow to compute on first request (the network layout).
        self.warm: Callable[[Generation], None] | None = None

    def _warm(self, generation: Generation) -> None:
        if self.warm is not None:
            threading.Thread(target=self.warm, args=(generation,), name="esfgraph-warm", daemon=True).start()

    def start(self) -> "StoreWatcher":
        self._warm(self.current)
        self._thread = threading.Thread(target=self._run, name="esfgraph-store-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        self.stop_backend(self.current.backend)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception as error:  # noqa: BLE001 - the watcher must never die
                self.stale = f"could not check {self.store_dir}: {error}"

    def check(self) -> bool:
        """Look at the folder once; reload when a change has settled. Return whether it swapped."""
        seen = signature(self.store_dir)
        settled = seen == self._last_seen
        self._last_seen = seen
        if seen == self.current.signature or not settled:
            return False
        if seen is None:
            self.stale = f"{self.store_dir} is gone; serving the build loaded at {self.current.loaded_at}"
            return False
        try:
            fresh = open_generation(self.store_dir, self.current.number + 1, self.start_backend)
        except Exception as error:  # noqa: BLE001 - keep serving the old build, and say so
            message = " ".join(str(error).split())[:300]
            self.stale = (f"the store at {self.store_dir} changed but could not be opened ({message}); "
                          f"serving the build loaded at {self.current.loaded_at}")
            return False
        old, self.current, self.stale = self.current, fresh, None
        self._warm(fresh)
        # Requests in flight may still use the old backend: stop it a little later.
        threading.Timer(10.0, self.stop_backend, args=(old.backend,)).start()
        return True

    def wait_for(self, number: int, timeout: float = 30.0) -> bool:
        """Wait until generation ``number`` (or a later one) is served (for tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.current.number >= number:
                return True
            time.sleep(0.1)
        return False
