"""Reuse of earlier work across builds, keyed by each page's SHA-256.

A rebuild over unchanged pages should not extract and resolve them again. The cache
maps a key built from the page's bytes, its path as given and a *fingerprint* of
everything that shapes the result (the extractor and resolver code, the reference
tables, the curation file, the IRI base) to the page's extraction result and
resolution. Change any of those and the old entries simply stop matching.

The cache is one SQLite file inside the build output (``OUT/cache/pages.sqlite``), so
it is swapped in and out atomically with the rest of the build; a new build reads the
previous output's cache and writes a fresh one holding only the pages it used.

Its entries hold what ``records.jsonl`` holds (contact persons included, unless the build
redacts them, in which case the cached records are redacted too).

:func:`code_fingerprint` covers the whole package and its data (ontology, shapes,
queries, reference tables, curation): a build whose pages, options and code are all
unchanged can reuse the previous output's whole-graph results too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .resources import curation_dir, ontology_dir, queries_dir, reference_dir

__all__ = ["fingerprint", "code_fingerprint", "page_key", "encode_entry", "decode_entry", "CacheReader", "PageCache"]

_PACKAGE = Path(__file__).resolve().parent


def _hash_files(digest, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())


def fingerprint(base: str | None, extra: str = "") -> str:
    """Return a digest of everything besides the page that shapes a cached entry.

    Parameters
    ----------
    base : str or None
        The IRI base of the build.
    extra : str
        Anything else the caller wants in the key (e.g. option values).
    """
    # All package code and data, not only the stages that fill an entry: a cached
    # entry holds the page's triples too, and a stale entry would be silently wrong.
    digest = hashlib.sha256(f"{__version__}|{base}|{extra}|{code_fingerprint()}".encode())
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Return a digest of every module of the package and every data file it reads.

    Returns
    -------
    str
        Hex SHA-256; it changes with any edit to ``esfgraph/**/*.py``, the ontology and
        shapes, the query library, the reference tables or the curation file.

    Examples
    --------
    >>> code_fingerprint() == code_fingerprint()
    True
    """
    digest = hashlib.sha256(__version__.encode())
    _hash_files(digest, (p for p in _PACKAGE.rglob("*.py") if "__pycache__" not in p.parts))
    for folder in (ontology_dir(), queries_dir(), reference_dir(), curation_dir()):
        if folder.exists():
            _hash_files(digest, (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts))
    return digest.hexdigest()


def page_key(data: bytes, source: str, fingerprint_hex: str, sidecar: bytes = b"") -> str:
    """Return the cache key of one page.

    Parameters
    ----------
    data : bytes
        The page's bytes.
    source : str
        Its path as given (it becomes ``record.source``).
    fingerprint_hex : str
        :func:`fingerprint` of the build.
    sidecar : bytes, optional
        The bytes of the page's fetch sidecar, whose URL goes into the record.

    Examples
    --------
    >>> page_key(b"page", "a.txt", "f") == page_key(b"page", "a.txt", "f", b"")
    True
    >>> page_key(b"page", "a.txt", "f") == page_key(b"page", "a.txt", "f", b'{"url": "x"}')
    False
    """
    digest = hashlib.sha256(data)
    digest.update(b"\x00" + source.encode("utf-8") + b"\x00" + fingerprint_hex.encode())
    if sidecar:
        digest.update(b"\x00sidecar\x00" + sidecar)
    return digest.hexdigest()


def encode_entry(entry: dict) -> bytes:
    """Return a cache entry as stored: compact JSON, zlib level 1 (fast, about 4:1)."""
    return zlib.compress(json.dumps(entry, ensure_ascii=False).encode("utf-8"), 1)


def decode_entry(blob: bytes) -> dict:
    """Return the entry :func:`encode_entry` stored."""
    return json.loads(zlib.decompress(blob))


class CacheReader:
    """Read-only access to a previous build's cache file.

    Each build worker opens its own: SQLite connections cannot cross processes.
    A missing or damaged file reads as empty (a cache can always be rebuilt).

    Parameters
    ----------
    path : path-like or None
        The cache file.
    """

    def __init__(self, path: Path | None) -> None:
        self._db = None
        if path is not None and Path(path).exists():
            try:
                self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                self._db.execute("SELECT 1 FROM page LIMIT 1")
            except sqlite3.Error:
                self._db = None

    def get_encoded(self, key: str) -> bytes | None:
        """Return the stored bytes of ``key``'s entry, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM page WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else row[0]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class PageCache:
    """Entries read from a previous build and written for this one.

    Parameters
    ----------
    path : path-like
        Where this build's cache file goes (created).
    previous : path-like or None
        The previous build's cache file, read-only; missing or damaged files are
        ignored (a cache can always be rebuilt).
    """

    def __init__(self, path: Path, previous: Path | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS page (key TEXT PRIMARY KEY, value BLOB)")
        self._previous = CacheReader(previous)
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> dict | None:
        """Return the cached entry for ``key`` from the previous build, or None."""
        blob = self._previous.get_encoded(key)
        if blob is None:
            self.misses += 1
            return None
        self.hits += 1
        return decode_entry(blob)

    def put_many(self, entries: Iterable[tuple[str, dict]]) -> None:
        """Store ``(key, entry)`` pairs for the next build."""
        self.put_encoded((key, encode_entry(value)) for key, value in entries)

    def put_encoded(self, entries: Iterable[tuple[str, bytes]]) -> None:
        """Store ``(key, bytes from encode_entry)`` pairs (encoded by a worker process)."""
        self._db.executemany("INSERT OR REPLACE INTO page VALUES (?, ?)", entries)
        self._db.commit()

    def close(self) -> None:
        self._db.close()
        self._previous.close()
