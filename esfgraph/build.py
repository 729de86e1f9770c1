"""The main job: the whole pipeline from pages to a queryable, analysed graph.

``build(paths, out_dir)`` runs every stage and writes the output folder described in
DESIGN.md (``records.jsonl``, ``graph.ttl``/``graph.nt``, ``validation.*``,
``resolution.csv``, ``store/``, ``analysis/``, ``gephi/``, ``build.json``). The output
appears all at once: the build writes a staging folder and swaps it into place only
when it is complete (:mod:`esfgraph.atomic`), so an interrupted build leaves the
previous output as it was.

Per page, extraction, resolution and the page's own triples are computed together in
worker processes (the expensive, parallel part) and cached by the page's SHA-256
(:mod:`esfgraph.cache`); the parent process streams records to ``records.jsonl`` and
keeps only what later stages need, so memory does not grow with page text.

What an interruption leaves (tested in ``tests/reliability/test_interrupts.py``):

* Ctrl-C, SIGTERM or SIGHUP before the swap: the staging folder is removed and ``OUT``
  is untouched; the swap itself runs with these signals held back, so it is never cut
  in half; after the swap the build counts as complete (an interruption then only
  skips deleting the previous output, which the next build removes).
* SIGKILL (or a crash, or power loss) at any moment: ``OUT`` is the previous or the new
  output, whole; the dead build's staging folder is removed by the next build. Page
  workers are started by a fork server (they inherit no open files of the build) and
  exit by themselves within a second of the build's death.
* A rebuild never pulls the store from under a server that writes to it: when
  ``OUT/store`` is locked by another process (``esfgraph serve --allow-updates``) the
  build stops with :class:`~esfgraph.atomic.BuildLocked` before changing anything.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import threading
import time
import zlib
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import BuildLocked, OutputLock, clean_stale, exchange_into_place, staging_dir
from .cache import CacheReader, PageCache, code_fingerprint, decode_entry, encode_entry, fingerprint, page_key
from .linkpass import PageSpool, may_be_linked, run_linking
from .model import ExtractionResult, Mention, Organisation, RecordResolution
from .progress import progress

__all__ = ["BuildOptions", "BuildResult", "BuildInterrupted", "BuildError", "check_options", "build"]

CONTACT_KEYS = ("contact_name", "contact_email", "contact_phone")

#: Signals that stop a build cleanly (Ctrl-C is SIGINT, handled by Python itself).
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

#: Fault-injection hook for the reliability tests: ``ESFGRAPH_BUILD_PAUSE=POINT`` (or
#: ``pages:N``, after N pages) makes a build wait at POINT for up to
#: ``ESFGRAPH_BUILD_PAUSE_SECONDS`` (default 60) after writing its process id to the
#: file named by ``ESFGRAPH_BUILD_PAUSE_FILE``, so that a test can signal it there.
PAUSE_POINTS = ("start", "pages", "resolve", "rdf", "validate", "store", "analyze", "export", "swap", "swapped")
_PAUSE_ENV, _PAUSE_FILE_ENV, _PAUSE_SECONDS_ENV = (
    "ESFGRAPH_BUILD_PAUSE", "ESFGRAPH_BUILD_PAUSE_FILE", "ESFGRAPH_BUILD_PAUSE_SECONDS")


class BuildError(ValueError):
    """Raised before any work when the options cannot give a valid build (one line)."""


# An absolute IRI: a scheme, then no character that N-Triples forbids inside <...>.
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def check_options(options: "BuildOptions") -> None:
    """Refuse options that would make the build fail part way, with a one-line reason.

    Raises
    ------
    BuildError
        When ``base`` is not an absolute IRI, or a choice is not one of its values.
    """
    if options.base is not None and not _ABSOLUTE_IRI.match(options.base):
        raise BuildError(f"--base {options.base!r} is not an absolute IRI (e.g. https://example.org/esf/)")
    if options.graph_format not in ("ttl", "trig"):
        raise BuildError(f"--format must be ttl or trig, not {options.graph_format!r}")
    if options.level not in ("unit", "parent"):
        raise BuildError(f"--level must be unit or parent, not {options.level!r}")
    if options.engine not in ("auto", "networkx", "igraph"):
        raise BuildError(f"--engine must be auto, networkx or igraph, not {options.engine!r}")
    if options.text_mentions not in ("unlisted", "all", "none"):
        raise BuildError(f"--text-mentions must be unlisted, all or none, not {options.text_mentions!r}")
    if options.roles is not None and options.analyze:
        from .network import NetworkError, normalise_roles

        try:
            options.roles = normalise_roles(options.roles)
        except NetworkError as error:
            raise BuildError(f"--roles: {error}") from None
    if options.engine == "igraph" and options.analyze:
        from .network.engine import igraph_available

        if not igraph_available():
            raise BuildError("--engine igraph asked for, but python-igraph cannot be imported "
                             "(pip install igraph, or use --engine auto or networkx)")


class BuildInterrupted(KeyboardInterrupt):
    """Raised when a build is stopped by SIGTERM or SIGHUP; the previous output is untouched.

    A :class:`KeyboardInterrupt`, like Ctrl-C, so that no ``except Exception`` (nor
    ``except RuntimeError``) in a stage can mistake it for a failure of its own and go on.
    """


@dataclass
class BuildOptions:
    """Choices for one build; every field has a sane default.

    Attributes
    ----------
    base : str or None
        IRI base for instance data (default ``esfgraph.iris.DEFAULT_BASE``).
    include_contacts : bool
        Put contact persons into the graph and exports (off: privacy by default).
    redact_contacts : bool
        Also remove contact persons from ``records.jsonl``.
    workers : int or None
        Worker processes for per-page work (default: the number of CPUs).
    graph_format : str
        ``"ttl"`` or ``"trig"`` (one named graph per source page).
    level : str
        ``"unit"`` or ``"parent"``: the level the analyses run at.
    seed : int
        Seed for community detection and sampled betweenness.
    engine : str
        ``"auto"``, ``"networkx"`` or ``"igraph"``: the library of the analyses
        (``esfgraph.network.engine.choose_engine``).
    roles : tuple of str or None
        Roles that count in the analyses (``None``: all; see ``esfgraph.network.normalise_roles``).
    text_mentions : str
        ``"unlisted"``, ``"all"`` or ``"none"``: where organisations named in the text count
        as ties (``esfgraph.network.evidence``).
    include_national : bool
        Count text mentions of national agencies as a whole as ties too.
    analyze : bool
        Run the network analyses and the Gephi exports.
    progress : bool or None
        Progress bars; ``None`` shows them on a terminal only.
    cache : bool
        Reuse earlier work from the previous output's cache.
    """

    base: str | None = None
    include_contacts: bool = False
    redact_contacts: bool = False
    workers: int | None = None
    graph_format: str = "ttl"
    level: str = "unit"
    seed: int = 42
    engine: str = "auto"
    roles: tuple[str, ...] | None = None
    text_mentions: str = "unlisted"
    include_national: bool = False
    analyze: bool = True
    progress: bool | None = None
    cache: bool = True


@dataclass
class BuildResult:
    """What a build did: counts, timings, per-file outcomes, and stage states."""

    out_dir: Path
    counts: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)
    conforms: bool | None = None
    summary_lines: list[str] = field(default_factory=list)
    build_key: str | None = None  # digest of code, options and every input: equal keys, equal outputs
    outputs_state: str | None = None  # digest of the reusable outputs as written (see _outputs_state)

    @property
    def rejected(self) -> list[dict[str, Any]]:
        """The ``files`` entries whose status is ``rejected``."""
        return [entry for entry in self.files if entry["status"] == "rejected"]

    def to_json(self) -> dict[str, Any]:
        return {
            "esfgraph_version": __version__,
            "counts": self.counts,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "stages": self.stages,
            "conforms": self.conforms,
            "build_key": self.build_key,
            "outputs_state": self.outputs_state,
            "summary": self.summary_lines,
            "files": self.files,
        }


# --------------------------------------------------------------------------- workers

_WORKER_STATE: dict[str, Any] = {}


def _init_worker(settings: dict[str, Any], parent_pid: int | None = None) -> None:
    """Set up one worker process: the resolver and RDF options are built once.

    ``settings`` holds the build's options that shape a page's entry (see
    :func:`_worker_settings`). ``parent_pid`` is given in worker processes only; without
    it this runs in the build's own process (few pages), whose signal handling it must
    leave alone.
    """
    if parent_pid is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the build decides
        threading.Thread(target=_exit_with_parent, args=(parent_pid, os.getppid()), daemon=True).start()
    previous = _WORKER_STATE.get("previous_cache")
    if previous is not None:
        previous.close()
    _WORKER_STATE.clear()
    _WORKER_STATE.update(settings)
    _WORKER_STATE["previous_cache"] = CacheReader(settings.get("previous_cache_path"))


def _worker_settings(options: BuildOptions, fp: str, previous_cache: Path | None) -> dict[str, Any]:
    return {
        "base": options.base,
        "include_contacts": options.include_contacts,
        "redact_contacts": options.redact_contacts,
        "fingerprint": fp,
        "cache": options.cache,
        "previous_cache_path": str(previous_cache) if previous_cache is not None else None,
    }


def _exit_with_parent(parent_pid: int, first_ppid: int) -> None:
    """End this worker soon after the build dies (a SIGKILLed build cannot tell it).

    Without this, a worker blocked on a full result pipe would wait forever, holding the
    build's output pipes open, so that whoever reads them (a script, a test) hangs too.
    A dead build that its own parent has not reaped yet is a zombie, which ``kill(pid,
    0)`` still finds; ``/proc`` tells the difference on Linux."""
    while True:
        time.sleep(0.25)
        if os.getppid() != first_ppid or not _process_alive(parent_pid):
            os._exit(1)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc here: kill() said it exists
    return stat[stat.rindex(")") + 2:][:1] not in ("Z", "X")


def _pool_context():
    """A fork server where there is one: workers then inherit no open file of the build."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["esfgraph.build", "esfgraph.extract", "esfgraph.resolve", "esfgraph.rdf"])
        return context
    return multiprocessing.get_context("spawn")


def _resolver():
    if "resolver" not in _WORKER_STATE:
        from .resolve import Resolver

        _WORKER_STATE["resolver"] = Resolver(base=_WORKER_STATE.get("base"))
    return _WORKER_STATE["resolver"]


def _place_owner(record, resolution):
    """The owner placed by the page's postal code, where its name does not place it (weak signal)."""
    from .resolve.postal import place_owner_by_postal_code

    return place_owner_by_postal_code(record, resolution)


def _rdf_options():
    if "rdf_options" not in _WORKER_STATE:
        from .rdf import RDFOptions

        _WORKER_STATE["rdf_options"] = RDFOptions(
            base=_WORKER_STATE.get("base"), include_contacts=_WORKER_STATE.get("include_contacts", False)
        )
    return _WORKER_STATE["rdf_options"]


def _page_task(path: str) -> dict[str, Any]:
    """All the per-page work of a build, done in a worker process.

    Reads the page, keys it, and takes its entry from the previous build's cache or makes
    it (:func:`_process_page`). The entry comes back ready to write: the page's
    ``records.jsonl`` line serialised and the cache entry encoded, so that the build's
    own process, which every page passes through, only copies bytes.

    Returns
    -------
    dict
        ``key`` (None for an unreadable page), ``hit`` (from the cache), ``encoded``
        (the cache entry's bytes, or None) and ``entry``: ``result`` (path, status,
        reason, warnings), ``record_line``, ``resolution``, ``nt`` and ``timings``.
    """
    from .extract.page import read_page

    state = _WORKER_STATE
    data = read_page(path)
    if isinstance(data, ExtractionResult):  # unreadable or too large: never cached
        entry = _finished_entry({"result": _result_to_dict(data), "resolution": None, "nt": [], "timings": {}})
        return {"key": None, "hit": False, "encoded": None, "entry": entry}
    key = page_key(data, Path(path).as_posix(), state["fingerprint"], _sidecar_bytes(path))
    encoded = state["previous_cache"].get_encoded(key) if state["cache"] else None
    if encoded is not None:
        try:
            return {"key": key, "hit": True, "encoded": encoded, "entry": decode_entry(encoded)}
        except (ValueError, zlib.error):
            pass  # a damaged entry: make it again
    entry = _finished_entry(_process_page(path, data))
    encoded = encode_entry(entry) if state["cache"] else None
    return {"key": key, "hit": False, "encoded": encoded, "entry": entry}


def _sidecar_bytes(path: str) -> bytes:
    from .extract.page import sidecar_path

    try:
        return sidecar_path(path).read_bytes()
    except OSError:
        return b""


def _finished_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Replace the record by its ``records.jsonl`` line (redacted when the build asks)."""
    record = entry["result"].pop("record", None)
    if record is not None and _WORKER_STATE.get("redact_contacts"):
        # Redacted before caching too: the cache is an output file like any other.
        record = _redacted(record)
    entry["record_line"] = None if record is None else json.dumps(record, ensure_ascii=False) + "\n"
    return entry


def _process_page(path: str, data: bytes | None = None) -> dict[str, Any]:
    """Extract, resolve and turn one page into N-Triples lines (runs in a worker).

    A page that makes the resolver or the RDF writer fail is rejected with the error as
    its reason, like a page the extractor cannot read: one bad page never stops a build.
    """
    from .extract import extract_file

    timings = {}
    started = time.perf_counter()
    result = extract_file(path, data=data)
    timings["extract"] = time.perf_counter() - started
    entry: dict[str, Any] = {"result": _result_to_dict(result), "resolution": None, "nt": []}
    if result.record is None:
        return entry | {"timings": timings}
    doing = "resolving"
    try:
        if _stage_available("resolve"):
            started = time.perf_counter()
            resolution = _resolver().resolve(result.record)
            resolution = _place_owner(result.record, resolution)
            timings["resolve"] = time.perf_counter() - started
            entry["resolution"] = resolution.to_dict()
            if _stage_available("rdf"):
                from .rdf import record_nt_lines

                doing = "writing its triples"
                started = time.perf_counter()
                entry["nt"] = record_nt_lines(result.record, resolution, _rdf_options())
                timings["rdf"] = time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - reported in build.json, never fatal
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        entry = {
            "result": {**entry["result"], "status": "rejected", "record": None,
                       "reason": f"internal error while {doing} ({detail})"},
            "resolution": None,
            "nt": [],
        }
    return entry | {"timings": timings}


def _result_to_dict(result: ExtractionResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "status": result.status,
        "reason": result.reason,
        "warnings": list(result.warnings),
        "record": result.record.to_dict() if result.record else None,
    }


def _stage_available(stage: str) -> bool:
    import importlib.util

    module = {
        "extract": "esfgraph.extract",
        "resolve": "esfgraph.resolve",
        "rdf": "esfgraph.rdf",
        "validate": "esfgraph.validate",
        "store": "esfgraph.store",
        "analyze": "esfgraph.network",
        "export": "esfgraph.export",
    }[stage]
    return importlib.util.find_spec(module) is not None


# --------------------------------------------------------------------------- pipeline


def _page_entries(files: list[Path], options: BuildOptions, settings: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield :func:`_page_task`'s answer per file, in the order of ``files``."""
    todo = [path.as_posix() for path in files]
    workers = options.workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(todo) or 1))
    if workers == 1 or len(todo) < 8:
        _init_worker(settings)
        try:
            yield from (_page_task(path) for path in todo)
        finally:
            _WORKER_STATE["previous_cache"].close()
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(settings, os.getpid()),
    )
    chunk = max(1, min(64, len(todo) // (workers * 8) or 1))
    try:
        yield from pool.map(_page_task, todo, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT_LABEL = re.compile(r"kontakt|e-?post|e-?mail|telefon|mobil|phone|contact", re.IGNORECASE)


def _redacted(record: dict[str, Any]) -> dict[str, Any]:
    """Return ``record`` without contact persons: the contact keys, the page fields
    that carry them, and every other occurrence of their values or of an e-mail address."""
    secrets = [record.get(key) for key in CONTACT_KEYS if record.get(key)]

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            for secret in secrets:
                value = value.replace(secret, "[redacted]")
            return _EMAIL.sub("[redacted]", value)
        if isinstance(value, list):
            return [scrub(item) for item in value]
        if isinstance(value, dict):
            return {key: scrub(item) for key, item in value.items()}
        return value

    fields = {k: v for k, v in (record.get("fields") or {}).items() if not _CONTACT_LABEL.search(k)}
    cleaned = {key: (None if key in CONTACT_KEYS else value) for key, value in record.items()}
    cleaned["fields"] = fields
    return scrub(cleaned)


def _run_pipeline(
    paths: Iterable[os.PathLike | str],
    staging: Path,
    previous: Path,
    options: BuildOptions,
    echo: Callable[[str], None],
) -> BuildResult:
    from .extract import iter_input_files

    result = BuildResult(out_dir=staging)
    timings = result.timings
    files, missing = iter_input_files(list(paths))
    result.files.extend(missing_entry.build_entry() for missing_entry in missing)

    # --- extract, resolve and per-page triples, in parallel, streamed to disk
    started = time.perf_counter()
    fp = fingerprint(options.base, f"contacts={options.include_contacts}|redact={options.redact_contacts}")
    cache = None
    if options.cache:
        cache = PageCache(staging / "cache" / "pages.sqlite")
    settings = _worker_settings(options, fp, previous / "cache" / "pages.sqlite" if options.cache else None)
    resolutions: list[RecordResolution] = []
    cpu = {"extract": 0.0, "resolve": 0.0, "rdf": 0.0}
    pending: list[tuple[str, bytes]] = []  # encoded cache entries, written in batches
    page_keys: list[tuple[str, str | None]] = []
    hits = 0
    # Page triples go straight into the writer's external sort: the build never holds the graph.
    writer = _graph_writer(staging, options, files, previous)
    spool = PageSpool(staging / "linking.spool")
    try:
        with open(staging / "records.jsonl", "w", encoding="utf-8") as records_out:
            tasks = _page_entries(files, options, settings)
            for done, task in enumerate(progress(tasks, desc="pages", total=len(files), enabled=options.progress), start=1):
                _checkpoint("pages", done)
                key, entry = task["key"], task["entry"]
                page = entry["result"]
                page_keys.append((page["path"], key))
                result.files.append(
                    {"path": page["path"], "status": page["status"], "reason": page["reason"], "warnings": page["warnings"]}
                )
                if task["hit"]:
                    hits += 1
                else:
                    for stage, seconds in entry.get("timings", {}).items():
                        cpu[stage] += seconds
                if entry["record_line"] is not None:
                    records_out.write(entry["record_line"])
                if entry["resolution"] is not None:
                    resolution = _resolution_from_dict(entry["resolution"])
                    resolutions.append(resolution)
                    if writer is None:
                        pass
                    elif may_be_linked(resolution):  # its organisations may yet be joined: wait
                        spool.add(entry["nt"], resolution.municipality_codes, resolution.countries)
                    else:
                        writer.add_page(entry["nt"], resolution.municipality_codes, resolution.countries)
                if cache is not None and task["encoded"] is not None:
                    pending.append((key, task["encoded"]))
                    if len(pending) >= 500:
                        cache.put_encoded(pending)
                        pending.clear()
        if cache is not None:
            cache.put_encoded(pending)
            result.counts["cache_hits"] = hits
            cache.close()
        del pending
        timings["pages"] = time.perf_counter() - started
        timings.update({f"{stage}_cpu": seconds for stage, seconds in cpu.items() if seconds})

        result.files.sort(key=lambda entry: entry["path"])
        statuses = [entry["status"] for entry in result.files]
        result.counts.update(
            inputs=len(result.files),
            ok=statuses.count("ok"),
            warnings=statuses.count("warnings"),
            rejected=statuses.count("rejected"),
            projects=statuses.count("ok") + statuses.count("warnings"),
        )
        result.stages["extract"] = "done"
        result.build_key = _build_key(options, page_keys, result.files)
        if options.cache and _reuse_previous(result, staging, previous, echo):
            echo(f"nothing changed since the build in {previous}: its graph, validation, store and analysis are reused")
            return result

        del page_keys, files, statuses
        _checkpoint("resolve")
        _stage_link(result, resolutions, spool, writer, options)
        organisations = _stage_resolve(result, staging, resolutions)
        # The per-page resolutions are the largest thing the build holds (gigabytes at a
        # million pages); nothing after the merge needs them, and the analyses need the room.
        resolutions.clear()
        _checkpoint("rdf")
        graph_files = _stage_rdf(result, writer, organisations)
        del organisations
    finally:
        spool.discard()
        if writer is not None:
            writer.discard()  # removes only temporary sort files; finished files stay
    writer = None
    gc.collect()
    _checkpoint("validate")
    _stage_validate(result, staging, graph_files)
    _checkpoint("store")
    _stage_store(result, staging, graph_files)
    if options.analyze:
        _checkpoint("analyze")
        _stage_analyze(result, staging, options)
    else:
        result.stages["analyze"] = "skipped (--no-analysis)"
    return result


#: What a build writes after the page stage; reused as a whole when nothing changed.
_WHOLE_GRAPH_OUTPUTS = ("resolution.csv", "graph.ttl", "graph.nt", "graph.trig", "graph.nq", "iris.csv",
                        "validation.txt", "validation.ttl", "store", "analysis", "gephi")
_PAGE_COUNTS = ("inputs", "ok", "warnings", "rejected", "projects", "cache_hits")


def _build_key(options: BuildOptions, page_keys: list[tuple[str, str | None]], files: list[dict]) -> str:
    """A digest of everything a build's outputs depend on: the code and data of the
    package, the options that shape outputs, and every input (its bytes, through its
    cache key, or its outcome when it could not be read)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    settings = {k: v for k, v in asdict(options).items() if k not in ("workers", "progress", "cache")}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for path, key in sorted(page_keys, key=lambda pair: (pair[0], pair[1] or "")):
        digest.update(f"{path}\0{key}\n".encode())
    for entry in files:
        digest.update(json.dumps([entry["path"], entry["status"], entry["reason"]]).encode())
    return digest.hexdigest()


#: Files in the store that RocksDB rewrites without any change of data (its info log, its lock).
_STATE_IGNORED = re.compile(r"^store/(LOCK|LOG(\.old\.\d+)?)$")


def _outputs_state(folder: Path) -> str:
    """A digest of every reusable output's files as they are now: path, size, mtime.

    ``esfgraph analyze`` writing into ``OUT/store`` (or into ``OUT/analysis``), a server
    with ``--allow-updates``, an edited table: each changes a file's size or time, so
    the next build sees it and runs the stages again instead of reusing stale results.
    Reading the store (query, serve, validate, export) changes nothing here.
    """
    digest = hashlib.sha256()
    for name in _WHOLE_GRAPH_OUTPUTS:
        top = folder / name
        paths = sorted(top.rglob("*")) if top.is_dir() else [top] if top.is_file() else []
        for path in paths:
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not _STATE_IGNORED.match(relative):
                stat = path.stat()
                digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _reuse_previous(result: BuildResult, staging: Path, previous: Path, echo: Callable[[str], None]) -> bool:
    """Copy the previous output's whole-graph results when its build key is this build's.

    The previous output must be complete (every stage done, its store readable) and
    unchanged since its build wrote it (:func:`_outputs_state`); any doubt, or any error
    while copying, and the stages simply run again.
    """
    try:
        report = json.loads((previous / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(report, dict) or report.get("build_key") != result.build_key:
        return False
    if report.get("outputs_state") != _outputs_state(previous):
        echo(f"{previous} was changed after its build (by esfgraph analyze, or another writer): "
             "graph, validation, store and analysis are made again")
        return False
    stages = report.get("stages") or {}
    if not all(state == "done" or str(state).startswith("skipped") for state in stages.values()):
        return False
    if not (previous / "store" / "CURRENT").is_file() or not (previous / "graph.nt").is_file():
        return False
    copied = []
    try:
        for name in _WHOLE_GRAPH_OUTPUTS:
            source = previous / name
            if source.is_dir():
                shutil.copytree(source, staging / name)
            elif source.is_file():
                shutil.copy2(source, staging / name)
            else:
                continue
            copied.append(staging / name)
    except OSError:
        for path in copied:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        return False
    result.counts.update({k: v for k, v in (report.get("counts") or {}).items() if k not in _PAGE_COUNTS})
    result.stages.update(stages)
    result.conforms = report.get("conforms")
    reused_note = "nothing changed since the last build: graph, validation, store and analysis reused"
    result.summary_lines.extend(line for line in report.get("summary") or [] if line != reused_note)
    result.summary_lines.append(reused_note)
    result.timings["reused"] = 0.0
    return True


def _resolution_from_dict(data: dict[str, Any]) -> RecordResolution:
    return RecordResolution(
        **{
            **data,
            "mentions": [Mention(**m) for m in data["mentions"]],
            "organisations": [Organisation(**o) for o in data["organisations"]],
        }
    )


def _timed(result: BuildResult, stage: str):
    """Context manager that records a stage's wall time in ``result.timings``."""
    from contextlib import contextmanager

    @contextmanager
    def timer():
        started = time.perf_counter()
        try:
            yield
        finally:
            result.timings[stage] = time.perf_counter() - started

    return timer()


def _stage_link(result: BuildResult, resolutions: list[RecordResolution], spool: PageSpool, writer, options) -> None:
    """One node per organisation across the corpus (:mod:`esfgraph.linkpass`)."""
    if not _stage_available("resolve"):
        return
    with _timed(result, "link"):
        linked = run_linking(resolutions, spool, writer, options.base)
    result.counts["linked_keys"] = len(linked["replaced"])
    if linked["replaced"] or linked["conflicts"]:
        joined = len(set(linked["replaced"].values()))
        line = (f"linking: {len(linked['replaced'])} keys joined into {joined} organisations by organisation "
                f"number and the names printed beside it (old IRIs kept as dcterms:isReplacedBy)")
        if linked["conflicts"]:
            line += f"; {linked['conflicts']} groups left apart (two reference organisations)"
        result.summary_lines.append(line)


def _stage_resolve(result: BuildResult, staging: Path, resolutions: list[RecordResolution]) -> dict | None:
    """Merge the pages' organisations, write resolution.csv; return the merged organisations."""
    if not _stage_available("resolve"):
        result.stages["resolve"] = "not available yet"
        return None
    from .resolve import merge_organisations, resolution_summary, summary_lines, write_resolution_csv

    with _timed(result, "resolve_merge"):
        organisations = merge_organisations(resolutions)
        write_resolution_csv(resolutions, staging / "resolution.csv", organisations)
        summary = resolution_summary(resolutions)
    result.counts["mentions"] = sum(len(r.mentions) for r in resolutions)
    result.counts["organisations"] = len(organisations)  # in the graph: named ones and their parents
    result.counts["named_organisations"] = len({m.canonical for r in resolutions for m in r.mentions})
    result.summary_lines.extend(summary_lines(summary))
    result.stages["resolve"] = "done"
    return organisations


def _graph_writer(staging: Path, options: BuildOptions, files=(), previous: Path | None = None):
    """Return the RDF stage's streaming writer for this build, or None without that stage."""
    if not (_stage_available("rdf") and _stage_available("resolve")):
        return None
    from .rdf import GraphWriter, RDFOptions, recorded_build_time

    rdf_options = RDFOptions(base=options.base, include_contacts=options.include_contacts,
                             build_time=recorded_build_time(files), registry_to=staging / "iris.csv",
                             registry_from=previous / "iris.csv" if previous is not None else None)
    return GraphWriter(staging, rdf_options, options.graph_format)


def _stage_rdf(result: BuildResult, writer, organisations):
    """Add the merged organisations and places, and write graph.nt / graph.ttl."""
    if writer is None or result.stages.get("resolve") != "done":
        result.stages["rdf"] = "not available yet"
        return None
    with _timed(result, "rdf"):
        files = writer.finish(organisations)
    result.counts["triples"] = files.triple_count
    result.stages["rdf"] = "done"
    return files


def _stage_validate(result, staging, graph_files) -> None:
    if graph_files is None or not _stage_available("validate"):
        result.stages["validate"] = "not available yet"
        return
    from .validate import validate_graph, write_validation

    with _timed(result, "validate"):
        outcome = validate_graph(graph_files.nt)
        write_validation(outcome, staging)
    result.conforms = outcome.conforms
    result.counts["shacl_violations"] = outcome.violations
    result.counts["shacl_warnings"] = outcome.warnings
    result.stages["validate"] = "done"


def _stage_store(result, staging, graph_files) -> None:
    if graph_files is None or not _stage_available("store"):
        result.stages["store"] = "not available yet"
        return
    from .store import load_store, vocabulary_files

    with _timed(result, "store"):
        # The ontology and its vocabularies go in beside the graph: queries show their labels.
        load_store(staging / "store", [graph_files.nt, *vocabulary_files()])
    result.stages["store"] = "done"


def _stage_analyze(result, staging, options) -> None:
    if result.stages.get("store") != "done" or not _stage_available("analyze"):
        result.stages["analyze"] = "not available yet"
        result.stages["export"] = "not available yet"
        return
    from .network import analyze

    with _timed(result, "analyze"):
        analysis = analyze(staging / "store", staging / "analysis", level=options.level, seed=options.seed,
                           engine=options.engine, roles=options.roles, text_mentions=options.text_mentions,
                           include_national=options.include_national)
    result.counts.update(analysis.counts)
    from .network import coverage_lines
    from .rdf import record_analysis_activity  # the run's software, input and time, as the build's

    result.summary_lines.extend(coverage_lines(analysis.summary["coverage"]))
    record_analysis_activity(staging / "store")
    result.stages["analyze"] = "done"
    if not _stage_available("export"):
        result.stages["export"] = "not available yet"
        return
    from .export import export_gephi

    _checkpoint("export")
    with _timed(result, "export"):
        export_gephi(analysis, staging / "gephi")
    result.stages["export"] = "done"


# --------------------------------------------------------------------------- entry


# Stop signals received while a build runs. A handler's exception can be lost: Python
# runs signal handlers between bytecodes, and one that runs inside a garbage-collector
# callback or a __del__ method has its exception printed and dropped. The record here
# is checked again at every stage boundary and just before the swap.
_stops_received: list[int] = []


def _stop_error(signum: int) -> BaseException:
    if signum == signal.SIGINT:
        return KeyboardInterrupt()
    return BuildInterrupted(f"stopped by {signal.Signals(signum).name}")


def _raise_on_sigterm(signum, frame):
    """Signal handler of a build: remember the stop, then raise it."""
    _stops_received.append(signum)
    raise _stop_error(signum)


def _quiet_dropped_stops(fallback):
    """An ``sys.unraisablehook`` that keeps quiet about stops Python dropped.

    A stop raised by :func:`_raise_on_sigterm` inside a garbage-collector callback or a
    ``__del__`` cannot propagate; Python hands it to ``sys.unraisablehook``, whose default
    prints a traceback ("Exception ignored in ..."). The stop is not lost (it is in
    ``_stops_received`` and raised at the next stage boundary), so there is nothing to
    report; anything else goes to the previous hook.
    """

    def hook(unraisable) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and _stops_received:
            return
        fallback(unraisable)

    return hook


def _raise_if_stopped() -> None:
    """Raise the stop a handler could not deliver (see ``_stops_received``)."""
    if _stops_received:
        raise _stop_error(_stops_received[0])


def _checkpoint(point: str, count: int | None = None) -> None:
    """A stage boundary: stop if asked to; wait when the fault-injection hook names this
    point (see PAUSE_POINTS)."""
    _raise_if_stopped()
    wanted = os.environ.get(_PAUSE_ENV)
    if not wanted:
        return
    name, _, number = wanted.partition(":")
    if name != point or (count is not None and count != int(number or 1)):
        return
    marker = os.environ.get(_PAUSE_FILE_ENV)
    if marker:
        temporary = Path(marker + ".tmp")
        temporary.write_text(f"{os.getpid()} {point}\n", encoding="utf-8")
        os.replace(temporary, marker)
    deadline = time.monotonic() + float(os.environ.get(_PAUSE_SECONDS_ENV, "60"))
    while time.monotonic() < deadline:
        time.sleep(0.02)


@contextmanager
def _signals_held(in_main_thread: bool):
    """Hold back Ctrl-C and the stop signals for a moment that must not be cut short."""
    signals = {signal.SIGINT, *_STOP_SIGNALS}
    if not in_main_thread or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _refuse_if_store_in_use(out_dir: Path) -> None:
    """Stop when another process has ``OUT/store`` open for writing.

    RocksDB holds a POSIX record lock on ``store/LOCK`` while a writer (``esfgraph serve
    --allow-updates``, a script) has the store open. Replacing ``OUT`` then would leave
    that writer working on deleted files: whatever it stores afterwards is lost.
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


def build(
    paths: Iterable[os.PathLike | str],
    out_dir: os.PathLike | str,
    options: BuildOptions | None = None,
    echo: Callable[[str], None] | None = None,
) -> BuildResult:
    """Run the whole pipeline on files or folders and write ``out_dir`` atomically.

    Parameters
    ----------
    paths : iterable of path-like
        Page files (``.txt``, ``.html``, ``.htm``) or folders searched recursively.
    out_dir : path-like
        The output folder. It is replaced as a whole when the build completes.
    options : BuildOptions, optional
        Defaults: all stages, contacts out of the graph, all CPUs.
    echo : callable, optional
        Receives progress messages (the CLI passes ``click.echo`` to stderr).

    Returns
    -------
    BuildResult
        Counts, timings, per-file outcomes; also written to ``out_dir/build.json``.

    Raises
    ------
    esfgraph.atomic.BuildLocked
        When another build is writing into ``out_dir``, or another process has
        ``out_dir/store`` open for writing.
    BuildInterrupted, KeyboardInterrupt
        When stopped (SIGTERM/SIGHUP, Ctrl-C) before the output was swapped into place;
        ``out_dir`` is then left as it was before the build.

    Examples
    --------
    >>> result = build(["data/pages"], "build/demo")          # doctest: +SKIP
    >>> result.counts["projects"]                              # doctest: +SKIP
    5
    """
    options = options or BuildOptions()
    check_options(options)
    echo = echo or (lambda message: None)
    out_dir = Path(out_dir)
    started = time.perf_counter()
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous_handlers = {}
    previous_unraisablehook = sys.unraisablehook
    if in_main_thread:
        _stops_received.clear()
        sys.unraisablehook = _quiet_dropped_stops(previous_unraisablehook)
        previous_handlers = {number: signal.signal(number, _raise_on_sigterm) for number in _STOP_SIGNALS}
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when Ctrl-C is ignored
            previous_handlers[signal.SIGINT] = signal.signal(signal.SIGINT, _raise_on_sigterm)
    try:
        with OutputLock(out_dir):
            clean_stale(out_dir)
            _refuse_if_store_in_use(out_dir)
            staging = staging_dir(out_dir)
            swapped = False
            try:
                _checkpoint("start")
                result = _run_pipeline(paths, staging, out_dir, options, echo)
                result.timings["total"] = time.perf_counter() - started
                result.outputs_state = _outputs_state(staging)
                (staging / "build.json").write_text(
                    json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
                _checkpoint("swap")
                _refuse_if_store_in_use(out_dir)  # a server may have started meanwhile
                with _signals_held(in_main_thread):
                    _raise_if_stopped()  # never swap after a stop, even one whose exception was lost
                    previous = exchange_into_place(staging, out_dir)
                    swapped = True
            except BaseException:
                if not swapped:
                    shutil.rmtree(staging, ignore_errors=True)
                raise
            result.out_dir = out_dir
            try:
                _checkpoint("swapped")
                if previous is not None:
                    shutil.rmtree(previous, ignore_errors=True)
            except (KeyboardInterrupt, BuildInterrupted):
                pass  # the build is complete; the next build removes the previous output
    finally:
        for number, handler in previous_handlers.items():
            if handler is not None:
                signal.signal(number, handler)
        if in_main_thread:
            sys.unraisablehook = previous_unraisablehook
    return result
