"""``graph.nt`` as sorted text: lines sorted once, written in blocks, a few lines spliced in.

The graph's lines arrive page after page. :class:`GraphLines` keeps them in arrival
order, each once (a ``dict``, so that a page's lines stay together): each page's lines
come nearly sorted from the worker (:func:`~esfgraph.rdf.record_nt_lines`), and Python's
sort (Timsort) merges such runs in a fraction of the comparisons a shuffled list needs.
Past ``chunk_lines`` lines a sorted run is spilled to a temporary file, and the runs are
merged. :meth:`GraphLines.blocks` gives the sorted, unique lines as UTF-8 blocks of whole
lines, so that the one pass that writes ``graph.nt`` can also count, digest and scan them
(:mod:`esfgraph.rdf.dataset`, :mod:`esfgraph.rdf.registry`) at the speed of bytes
operations, not of a Python loop per line.

:func:`merge_into` adds a few sorted lines (the dataset description, retired IRIs) to a
sorted file: it finds each line's place by binary search and copies the file around them,
instead of comparing every line. :class:`SortedFile` answers "does this subject have a
line" the same way. Python compares ``str`` by code point, the byte order of UTF-8, and
N-Triples lines hold no character below a space, so the order is ``LC_ALL=C sort -u``'s.

Examples
--------
>>> import pathlib, tempfile
>>> lines = GraphLines()
>>> lines.extend(["<b> <p> <c> .", "<a> <p> <c> ."]); lines.extend(["<a> <p> <c> ."])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> lines.write(path)
2
>>> merge_into(path, ["<a> <q> <c> .", "<b> <p> <c> ."])
3
>>> path.read_text().splitlines()
['<a> <p> <c> .', '<a> <q> <c> .', '<b> <p> <c> .']
>>> "a" in SortedFile(path), "c" in SortedFile(path)
(True, False)
"""

from __future__ import annotations

import heapq
import mmap
import os
import tempfile
from contextlib import ExitStack
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterable, Iterator

__all__ = ["GraphLines", "merge_into", "lower_bound", "SortedFile"]

#: Lines per block handed to the writer and its observers.
_BLOCK_LINES = 1 << 15
#: Bytes copied at a time when lines are spliced into a file.
_COPY = 1 << 24


class GraphLines:
    """Collect N-Triples lines; give them back sorted and unique, in blocks of bytes.

    Parameters
    ----------
    chunk_lines : int
        Distinct lines held in memory before a sorted run is spilled to a temporary file.
    tmp_dir : Path, optional
        Where run files go (default: the system's temporary folder).
    """

    def __init__(self, chunk_lines: int = 1_000_000, tmp_dir: Path | None = None):
        self.chunk_lines = max(1, chunk_lines)
        self.tmp_dir = tmp_dir
        self._buffer: dict[str, None] = {}
        self._runs: list[Path] = []

    def extend(self, lines: Iterable[str]) -> None:
        """Add lines (without newlines); a run is spilled when the buffer is full."""
        self._buffer.update(dict.fromkeys(lines))
        if len(self._buffer) >= self.chunk_lines:
            self._spill()

    def _spill(self) -> None:
        handle, name = tempfile.mkstemp(prefix="esfgraph-sort-", suffix=".nt", dir=self.tmp_dir)
        self._runs.append(Path(name))
        with os.fdopen(handle, "wb") as run:
            for block in _encoded(self._buffer):
                run.write(block)
        self._buffer = {}

    def discard(self) -> None:
        """Drop every line and remove the run files."""
        for run in self._runs:
            run.unlink(missing_ok=True)
        self._runs = []
        self._buffer = {}

    def blocks(self) -> Iterator[bytes]:
        """Yield every line once, sorted, UTF-8, newline-terminated, many lines per block.

        Consumes the lines: afterwards the collection is empty and its run files are gone.
        """
        try:
            if not self._runs:
                lines, self._buffer = self._buffer, {}
                yield from _encoded(lines)
                return
            if self._buffer:
                self._spill()
            with ExitStack() as stack:
                runs = [stack.enter_context(open(run, "rb")) for run in self._runs]
                batch: list[bytes] = []
                for line, _same in groupby(heapq.merge(*runs)):
                    batch.append(line)
                    if len(batch) >= _BLOCK_LINES:
                        yield b"".join(batch)
                        batch = []
                if batch:
                    yield b"".join(batch)
        finally:
            self.discard()

    def write(self, path: Path, *observers: Callable[[bytes], object]) -> int:
        """Write the lines sorted and unique to ``path`` (atomically); return how many.

        Each block written is handed to every observer first (statistics, registry).
        """
        path = Path(path)
        partial = path.with_name(path.name + ".partial")
        count = 0
        try:
            with open(partial, "wb") as out:
                for block in self.blocks():
                    count += block.count(b"\n")
                    for observe in observers:
                        observe(block)
                    out.write(block)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return count


def _encoded(lines: Iterable[str]) -> Iterator[bytes]:
    """The lines sorted, as UTF-8 blocks of newline-terminated lines.

    Encoded first, then sorted: bytes sort by ``memcmp``, in the same order as their text
    (UTF-8 keeps code point order), and a block of bytes is joined without re-encoding.
    """
    encoded = sorted([line.encode("utf-8") for line in lines])
    for start in range(0, len(encoded), _BLOCK_LINES):
        yield b"\n".join(encoded[start:start + _BLOCK_LINES]) + b"\n"


def lower_bound(data, key: bytes) -> int:
    """Return the offset of the first line of sorted ``data`` that is not below ``key``.

    ``data`` is bytes or an ``mmap`` of newline-terminated lines; ``key`` a line without
    its newline. ``len(data)`` when every line is below it.

    Examples
    --------
    >>> lower_bound(b"a\\nc\\n", b"b"), lower_bound(b"a\\nc\\n", b"a"), lower_bound(b"a\\nc\\n", b"d")
    (2, 0, 4)
    """
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        if data[start:end] < key:
            low = end + 1
        else:
            high = start
    return low


def merge_into(path: Path, lines: Iterable[str], lines_in_file: int | None = None) -> int:
    """Merge ``lines`` into the sorted file ``path`` (no duplicates); return its line count.

    Each new line's place is found by binary search; the file is copied around them in
    large blocks, so the cost is a file copy, whatever the number of lines in the file.
    ``lines_in_file``, when the caller knows it, spares counting the lines copied.
    """
    path = Path(path)
    extra = sorted({(line + "\n").encode("utf-8") for line in lines})
    partial = path.with_name(path.name + ".partial")
    count = added = 0
    try:
        with open(path, "rb") as source, open(partial, "wb") as out:
            size = os.fstat(source.fileno()).st_size
            data = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            try:
                done = 0
                for line in extra:
                    at = lower_bound(data, line[:-1])
                    if data[at:at + len(line)] == line:
                        continue  # already in the file
                    count += _copy(data, done, at, out, lines_in_file is None)
                    out.write(line)
                    added += 1
                    done = at
                count += _copy(data, done, size, out, lines_in_file is None)
            finally:
                if size:
                    data.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return (count if lines_in_file is None else lines_in_file) + added


def _copy(data, start: int, end: int, out, count: bool = True) -> int:
    """Copy ``data[start:end]`` to ``out`` in blocks; return the lines copied (0 unless ``count``)."""
    lines = 0
    if not count:  # straight from the mapped file, no copy in between
        with memoryview(data) as view:
            out.write(view[start:end])
        return 0
    for at in range(start, end, _COPY):
        block = data[at:min(at + _COPY, end)]
        lines += block.count(b"\n")
        out.write(block)
    return lines


class SortedFile:
    """Membership of subject IRIs in a sorted N-Triples file, by binary search.

    ``iri in SortedFile(path)`` is true when a line of the file starts with ``<iri> ``
    (the IRI as it is spelled in the file).
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def __contains__(self, iri: object) -> bool:
        key = f"<{iri}> ".encode("utf-8")
        with open(self.path, "rb") as handle:
            if not os.fstat(handle.fileno()).st_size:
                return False
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                at = lower_bound(data, key)
                return data[at:at + len(key)] == key
