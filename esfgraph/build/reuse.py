"""Reuse of an earlier output: when nothing that shapes the outputs changed, the previous
build's graph, validation, store and analysis are copied instead of made again.

:func:`build_key` digests everything the outputs depend on (the code and data of the
package, the options that shape outputs, every input); :func:`outputs_state` digests the
reusable outputs as written, so that an output changed after its build is never reused.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     outputs_state(Path(folder)) == outputs_state(Path(folder))
True
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..cache import code_fingerprint
from .options import BuildOptions
from .result import BuildResult, StageState

__all__ = ["REUSED_NOTE", "Reused", "build_key", "outputs_state", "reuse_previous"]

#: What a build writes after the page stage; reused as a whole when nothing changed.
WHOLE_GRAPH_OUTPUTS = ("resolution.csv", "graph.ttl", "graph.nt", "graph.trig", "graph.nq", "iris.csv",
                       "validation.txt", "validation.ttl", "store", "analysis", "gephi")
#: Counts of the page stage, which a reusing build counts itself.
PAGE_COUNTS = ("inputs", "ok", "warnings", "rejected", "projects", "cache_hits")
REUSED_NOTE = "nothing changed since the last build: graph, validation, store and analysis reused"

#: Files in the store that RocksDB rewrites without any change of data (its info log, its lock).
_STATE_IGNORED = re.compile(r"^store/(LOCK|LOG(\.old\.\d+)?)$")


@dataclass
class Reused:
    """What a build takes over from the previous output's ``build.json``."""

    counts: dict[str, Any] = field(default_factory=dict)
    stages: dict[str, StageState] = field(default_factory=dict)
    conforms: bool | None = None
    summary: list[str] = field(default_factory=list)

    def apply(self, result: BuildResult) -> None:
        """Record the reused counts, states and summary in ``result``."""
        result.counts.update(self.counts)
        result.stages.update(self.stages)
        result.conforms = self.conforms
        result.summary_lines.extend(line for line in self.summary if line != REUSED_NOTE)
        result.summary_lines.append(REUSED_NOTE)
        result.timings["reused"] = 0.0


def build_key(options: BuildOptions, page_keys: list[tuple[str, str | None]], files: list[dict]) -> str:
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


def outputs_state(folder: Path) -> str:
    """A digest of every reusable output's files as they are now: path, size, mtime.

    ``esfgraph analyze`` writing into ``OUT/store`` (or into ``OUT/analysis``), a server
    with ``--allow-updates``, an edited table: each changes a file's size or time, so
    the next build sees it and runs the stages again instead of reusing stale results.
    Reading the store (query, serve, validate, export) changes nothing here.
    """
    digest = hashlib.sha256()
    for name in WHOLE_GRAPH_OUTPUTS:
        top = folder / name
        paths = sorted(top.rglob("*")) if top.is_dir() else [top] if top.is_file() else []
        for path in paths:
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not _STATE_IGNORED.match(relative):
                stat = path.stat()
                digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _reusable_report(key: str | None, previous: Path, echo: Callable[[str], None]) -> Reused | None:
    """The previous output's record, when it is complete, unchanged and built with ``key``."""
    try:
        report = json.loads((previous / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict) or report.get("build_key") != key:
        return None
    if report.get("outputs_state") != outputs_state(previous):
        echo(f"{previous} was changed after its build (by esfgraph analyze, or another writer): "
             "graph, validation, store and analysis are made again")
        return None
    try:
        stages = {name: StageState(state) for name, state in (report.get("stages") or {}).items()}
    except ValueError:
        return None  # a stage that did not run to its end
    if not (previous / "store" / "CURRENT").is_file() or not (previous / "graph.nt").is_file():
        return None
    counts = {k: v for k, v in (report.get("counts") or {}).items() if k not in PAGE_COUNTS}
    return Reused(counts, stages, report.get("conforms"), list(report.get("summary") or []))


def _copy_outputs(staging: Path, previous: Path) -> bool:
    copied = []
    try:
        for name in WHOLE_GRAPH_OUTPUTS:
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
    return True


def reuse_previous(result: BuildResult, staging: Path, previous: Path, echo: Callable[[str], None]) -> bool:
    """Copy the previous output's whole-graph results when its build key is this build's.

    The previous output must be complete (every stage done or skipped, its store readable)
    and unchanged since its build wrote it (:func:`outputs_state`); any doubt, or any error
    while copying, and the stages simply run again.
    """
    reused = _reusable_report(result.build_key, previous, echo)
    if reused is None or not _copy_outputs(staging, previous):
        return False
    reused.apply(result)
    return True
