"""Sort and de-duplicate text lines that may not fit in memory (an external merge sort).

Lines are buffered, each full buffer is sorted into a temporary run file, and the runs
are merged with :func:`heapq.merge`. Python compares ``str`` by code point, which is the
byte order of UTF-8, so the output is sorted bytewise too (``LC_ALL=C sort -u`` gives the
same file). The graph writer (:mod:`esfgraph.rdf.sorting`) and the validate stage's input
(:mod:`esfgraph.validate.source`) both sort with it; it imports nothing else from esfgraph.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

__all__ = ["LineSorter", "write_merged_unique"]


class LineSorter:
    """Collect lines, then write them sorted and unique.

    Parameters
    ----------
    chunk_lines : int
        Lines held in memory before a sorted run is spilled to a temporary file.
    tmp_dir : Path, optional
        Where run files go (default: the system's temporary folder).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> sorter = LineSorter(chunk_lines=2)
    >>> for line in ["b", "a", "c", "a"]:
    ...     sorter.add(line)
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> sorter.write(out)
    3
    >>> out.read_text()
    'a\\nb\\nc\\n'
    """

    def __init__(self, chunk_lines: int = 1_000_000, tmp_dir: Path | None = None):
        self.chunk_lines = max(1, chunk_lines)
        self.tmp_dir = tmp_dir
        self._buffer: set[str] = set()
        self._runs: list[Path] = []

    def add(self, line: str) -> None:
        """Add one line (without its newline)."""
        self._buffer.add(line)
        if len(self._buffer) >= self.chunk_lines:
            self._spill()

    def extend(self, lines) -> None:
        """Add many lines (one C-level set update; a run is spilled when the buffer is full)."""
        self._buffer.update(lines)
        if len(self._buffer) >= self.chunk_lines:
            self._spill()

    def _spill(self) -> None:
        handle, name = tempfile.mkstemp(prefix="esfgraph-sort-", suffix=".txt", dir=self.tmp_dir)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as run:
            for line in sorted(self._buffer):
                run.write(line + "\n")
        self._runs.append(Path(name))
        self._buffer = set()

    def discard(self) -> None:
        """Drop every line and remove the run files (when the output is not wanted after all)."""
        for run in self._runs:
            run.unlink(missing_ok=True)
        self._runs = []
        self._buffer = set()

    def write(self, path: Path) -> int:
        """Write every line, sorted and unique, to ``path``; return how many were written.

        The file appears atomically (written beside it, then renamed). Run files are removed.
        """
        path = Path(path)
        partial = path.with_name(path.name + ".partial")
        count = 0
        try:
            with open(partial, "w", encoding="utf-8", newline="\n") as out:
                if not self._runs:
                    for line in sorted(self._buffer):
                        out.write(line + "\n")
                    count = len(self._buffer)
                else:
                    if self._buffer:
                        self._spill()
                    with ExitStack() as stack:
                        runs = [stack.enter_context(open(r, encoding="utf-8", newline="\n")) for r in self._runs]
                        count = write_merged_unique(out, *runs)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
            for run in self._runs:
                run.unlink(missing_ok=True)
            self._runs = []
            self._buffer = set()
        return count


def write_merged_unique(out, *sorted_sources) -> int:
    """Write the lines of sorted ``sorted_sources`` to ``out`` in order, each once; return the count.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> write_merged_unique(out, ["a\\n", "c\\n"], ["a\\n", "b\\n"]), out.getvalue()
    (3, 'a\\nb\\nc\\n')
    """
    count = 0
    previous = None
    for line in heapq.merge(*sorted_sources):
        if line != previous:
            out.write(line)
            count += 1
            previous = line
    return count
