"""The per-page work of a build, done in worker processes: a :class:`PageTask` in, a :class:`PageResult` out.

A worker reads the page, keys it (:func:`esfgraph.cache.page_key`: bytes, path, fetch
sidecar, code fingerprint), and takes its entry from the previous build's cache or
extracts, resolves and writes its triples. The result comes back ready to write: the
page's ``records.jsonl`` line serialised and the cache entry encoded, so that the build's
own process, which every page passes through, only copies bytes.

A page that makes the resolver or the RDF writer fail is rejected with the error as its
reason, like a page the extractor cannot read: one bad page never stops a build.

Examples
--------
>>> init_worker(PageSettings(fingerprint="x", cache=False))
>>> page = run_page_task(PageTask("data/pages/000_ebc39ac141ca286d.txt"))
>>> page.status, page.hit, page.record_line.startswith('{"source": ')
('ok', False, True)
"""

from __future__ import annotations

import json
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import CacheReader, decode_entry, encode_entry, page_key
from ..model import ExtractionResult
from .redact import redacted

__all__ = ["PageSettings", "PageTask", "PageResult", "init_worker", "close_worker", "run_page_task"]


@dataclass(frozen=True)
class PageSettings:
    """The build's options that shape a page's entry, handed to every worker once."""

    fingerprint: str
    base: str | None = None
    include_contacts: bool = False
    redact_contacts: bool = False
    cache: bool = True
    previous_cache_path: str | None = None


@dataclass(frozen=True)
class PageTask:
    """One page to process: its path as given (POSIX form)."""

    path: str


@dataclass
class PageResult:
    """What a page gave: its outcome for ``build.json``, its outputs, and its cache entry.

    Attributes
    ----------
    path, status, reason, warnings
        The page's entry in ``build.json``'s ``files``.
    record_line : str or None
        Its ``records.jsonl`` line (redacted when the build asks), or None when rejected.
    resolution : dict or None
        Its organisations resolved (``RecordResolution.to_dict()``).
    nt : list of str
        Its own N-Triples lines.
    timings : dict
        Seconds per step (extract, resolve, rdf) when made now.
    key : str or None
        Its cache key (None for an unreadable page).
    hit : bool
        Whether it came from the previous build's cache.
    encoded : bytes or None
        Its cache entry as stored, when the build caches.
    """

    path: str
    status: str
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    record_line: str | None = None
    resolution: dict[str, Any] | None = None
    nt: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    key: str | None = None
    hit: bool = False
    encoded: bytes | None = None

    def file_entry(self) -> dict[str, Any]:
        """The page's entry in ``build.json``'s ``files``."""
        return {"path": self.path, "status": self.status, "reason": self.reason, "warnings": self.warnings}

    def cache_entry(self) -> dict[str, Any]:
        """The page as the cache stores it (the cache's format: plain JSON)."""
        return {"result": {"path": self.path, "status": self.status, "reason": self.reason,
                           "warnings": self.warnings},
                "resolution": self.resolution, "nt": self.nt, "timings": self.timings,
                "record_line": self.record_line}

    @classmethod
    def from_cache_entry(cls, entry: dict[str, Any], key: str, encoded: bytes) -> "PageResult":
        """The page as an earlier build cached it."""
        result = entry["result"]
        return cls(result["path"], result["status"], result["reason"], result["warnings"], entry["record_line"],
                   entry["resolution"], entry["nt"], entry.get("timings", {}), key, True, encoded)


# The worker's state: set once per process by init_worker.
_STATE: dict[str, Any] = {}


def init_worker(settings: PageSettings) -> None:
    """Set up this process for page tasks; the resolver and RDF options are made on first use."""
    close_worker()
    _STATE.update(settings=settings, previous_cache=CacheReader(settings.previous_cache_path))


def close_worker() -> None:
    """Close the previous build's cache and forget the state."""
    previous = _STATE.get("previous_cache")
    if previous is not None:
        previous.close()
    _STATE.clear()


def run_page_task(task: PageTask) -> PageResult:
    """All the per-page work of a build (runs in a worker; see the module's docstring)."""
    from ..extract import read_page

    settings: PageSettings = _STATE["settings"]
    data = read_page(task.path)
    if isinstance(data, ExtractionResult):  # unreadable or too large: never cached
        return _finished(data, None)
    key = page_key(data, Path(task.path).as_posix(), settings.fingerprint, _sidecar_bytes(task.path))
    encoded = _STATE["previous_cache"].get_encoded(key) if settings.cache else None
    if encoded is not None:
        try:
            return PageResult.from_cache_entry(decode_entry(encoded), key, encoded)
        except (ValueError, zlib.error):
            pass  # a damaged entry: make it again
    page = _process_page(task.path, data)
    page.key = key
    if settings.cache:
        page.encoded = encode_entry(page.cache_entry())
    return page


def _sidecar_bytes(path: str) -> bytes:
    from ..extract import sidecar_path

    try:
        return sidecar_path(path).read_bytes()
    except OSError:
        return b""


def _finished(extraction: ExtractionResult, record: dict | None) -> PageResult:
    """The page's result with its record as its ``records.jsonl`` line (redacted when asked)."""
    if record is not None and _STATE["settings"].redact_contacts:
        record = redacted(record)  # before caching too: the cache is an output file like any other
    line = None if record is None else json.dumps(record, ensure_ascii=False) + "\n"
    return PageResult(extraction.path, extraction.status, extraction.reason, list(extraction.warnings), line)


def _resolver():
    if "resolver" not in _STATE:
        from ..resolve import Resolver

        _STATE["resolver"] = Resolver(base=_STATE["settings"].base)
    return _STATE["resolver"]


def _rdf_options():
    if "rdf_options" not in _STATE:
        from ..rdf import RDFOptions

        settings = _STATE["settings"]
        _STATE["rdf_options"] = RDFOptions(base=settings.base, include_contacts=settings.include_contacts)
    return _STATE["rdf_options"]


def _process_page(path: str, data: bytes) -> PageResult:
    """Extract, resolve and turn one page into N-Triples lines."""
    from ..extract import extract_file
    from ..rdf import record_nt_lines
    from ..resolve import place_owner_by_postal_code

    timings = {}
    started = time.perf_counter()
    extraction = extract_file(path, data=data)
    timings["extract"] = time.perf_counter() - started
    record = extraction.record
    if record is None:
        page = _finished(extraction, None)
        page.timings = timings
        return page
    as_dict = record.to_dict()  # as extracted, before anything else sees the record
    doing = "resolving"
    try:
        started = time.perf_counter()
        # The owner placed by the page's postal code, where its name does not place it (weak signal).
        resolution = place_owner_by_postal_code(record, _resolver().resolve(record))
        timings["resolve"] = time.perf_counter() - started
        resolved = resolution.to_dict()
        doing = "writing its triples"
        started = time.perf_counter()
        nt = record_nt_lines(record, resolution, _rdf_options())
        timings["rdf"] = time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - reported in build.json, never fatal
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        page = _finished(extraction, None)
        page.status, page.reason, page.timings = "rejected", f"internal error while {doing} ({detail})", timings
        return page
    page = _finished(extraction, as_dict)
    page.resolution, page.nt, page.timings = resolved, nt, timings
    return page
