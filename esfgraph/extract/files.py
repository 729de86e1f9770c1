"""Many pages: finding input files in folders, and extracting them in parallel.

Folders are searched recursively for ``.txt``, ``.html`` and ``.htm`` files (hidden files
and folders, whose names start with a dot, are skipped; fetch sidecars ``*.json`` are not
pages). Files named directly are taken whatever their suffix. Output is always in sorted
path order, whatever the number of worker processes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import ExtractionResult
from .page import HTML_SUFFIXES, TEXT_SUFFIXES, extract_file

__all__ = ["iter_input_files", "extract_paths", "PAGE_SUFFIXES", "MIN_FILES_PER_WORKER"]

PAGE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
#: Below this many files per worker process, extraction runs in this process: starting
#: a pool costs more than it saves.
MIN_FILES_PER_WORKER = 50


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the page files under ``folder`` (recursively, hidden entries skipped)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in PAGE_SUFFIXES:
                yield Path(root, name)


def iter_input_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ExtractionResult]]:
    """Return the page files named by ``paths``, and a rejection for each missing path.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders; folders are searched recursively for ``.txt``, ``.html`` and
        ``.htm`` files.

    Returns
    -------
    tuple
        ``(files, missing)``: the files in sorted posix-path order without duplicates,
        and a ``rejected`` :class:`~esfgraph.model.ExtractionResult` for every path
        that does not exist.

    Examples
    --------
    >>> files, missing = iter_input_files(["data/pages", "no/such/page.txt"])
    >>> len(files), missing[0].reason
    (5, 'no such file or folder')
    """
    found: dict[str, Path] = {}
    missing: dict[str, ExtractionResult] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for page in _walk(path):
                found.setdefault(page.as_posix(), page)
        elif path.exists():
            found.setdefault(path.as_posix(), path)
        else:
            key = path.as_posix()
            missing[key] = ExtractionResult(path=key, status="rejected", reason="no such file or folder")
    files = [found[key] for key in sorted(found)]
    return files, [missing[key] for key in sorted(missing)]


def _chunk_size(count: int, workers: int) -> int:
    """Files per task: large enough to amortise inter-process traffic, small enough to balance."""
    return max(1, min(64, count // (workers * 8)))


def extract_paths(
    paths: Iterable[str | Path], workers: int | None = 1, progress: bool = False
) -> Iterator[ExtractionResult]:
    """Extract every page under ``paths``, yielding results in sorted path order.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders (see :func:`iter_input_files`).
    workers : int or None, optional
        Worker processes; ``1`` (default) works in this process, ``None`` or ``0`` uses
        every core. With several workers the files are sent to a process pool in chunks;
        small inputs (under :data:`MIN_FILES_PER_WORKER` files per worker) stay in this
        process.
    progress : bool, optional
        Show a tqdm progress bar on stderr, only when stderr is a terminal.

    Yields
    ------
    ExtractionResult
        One per file, and one ``rejected`` result per missing path, all in sorted path
        order. The output is the same for any number of workers.

    Examples
    --------
    >>> [r.record.title for r in extract_paths(["data/pages"])][:2]
    ['Trappsteget', 'Jobbtrappan']
    """
    files, missing = iter_input_files(paths)
    if not workers:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(files) // MIN_FILES_PER_WORKER or 1))
    bar = None
    if progress and sys.stderr.isatty() and files:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="page", file=sys.stderr, leave=False)
    executor = None
    try:
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            executor = ProcessPoolExecutor(max_workers=workers)
            results = executor.map(extract_file, files, chunksize=_chunk_size(len(files), workers))
        else:
            results = map(extract_file, files)
        yield from _merge(files, results, missing, bar)
    finally:
        if bar is not None:
            bar.close()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _merge(
    files: list[Path], results: Iterator[ExtractionResult], missing: list[ExtractionResult], bar
) -> Iterator[ExtractionResult]:
    """Interleave file results (already in order) with missing-path rejections by path."""
    pending = list(reversed(missing))
    for path in files:
        key = path.as_posix()
        while pending and pending[-1].path < key:
            yield pending.pop()
        result = next(results)
        if bar is not None:
            bar.update(1)
        yield result
    yield from reversed(pending)
