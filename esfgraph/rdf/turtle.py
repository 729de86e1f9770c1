"""Pretty Turtle and TriG from sorted N-Triples / N-Quads, streamed through Oxigraph.

rdflib's Turtle serialiser holds the whole graph and takes minutes for a few hundred
thousand triples; Oxigraph's is a streaming writer in Rust (about a second for 640,000
triples) that groups consecutive triples of one subject with ``;`` and ``,``. It is fed
the sorted lines of ``graph.nt`` (for TriG: sorted by graph, then line), so the same
triples always give the same bytes, whatever the size of the graph: one writer, one
style.

The layout is fixed here, not left to the library: the prefix header is written by this
module (every prefix of :data:`TURTLE_PREFIXES`, in name order), ``rdf:type`` (``a``) comes
first in each subject's block, blocks are separated by a blank line and indented by four
spaces. Instance IRIs (under the configurable base) are written in full: their keys hold
``/`` (``org/arbetsformedlingen/jonkoping``), which a prefixed name could only write as
``id:org\\/arbetsformedlingen\\/jonkoping``.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "g.nt").write_text(
...     '<https://e.org/p> <http://purl.org/dc/terms/title> "T" .\\n'
...     '<https://e.org/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...     '<https://w3id.org/esfgraph/ontology#Project> .\\n')
>>> write_turtle(folder / "g.nt", folder / "g.ttl")
>>> print((folder / "g.ttl").read_text().split("\\n\\n", 1)[1], end="")
<https://e.org/p> a esf:Project ;
    dcterms:title "T" .
"""

from __future__ import annotations

import os
import re
from itertools import chain
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from ..vocab import LINK_PREFIXES, PREFIXES, RDF
from .sorting import LineSorter

__all__ = ["TURTLE_PREFIXES", "write_turtle", "write_trig"]

#: The prefixes of ``graph.ttl`` and ``graph.trig``. ``area:`` is left out because
#: programme-area concepts hold a ``/`` (``programme-area/2007-2013/1``).
TURTLE_PREFIXES: dict[str, str] = {
    name: iri for name, iri in sorted({**PREFIXES, **LINK_PREFIXES}.items()) if name != "area"}

_TYPE = f" <{RDF.type}> ".encode("utf-8")
_BLOCK = 1 << 22
_KEY = re.compile(rb"^[^\x00\n]*\x00", re.MULTILINE)  # the graph key of a line of write_trig


def _header() -> bytes:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in TURTLE_PREFIXES.items()).encode()


def _types_first(data: bytes) -> bytes:
    """Return sorted lines (whole subjects) with each subject's ``rdf:type`` lines moved to its front.

    The lines are sorted, so a subject's lines are consecutive, and so are its type lines;
    a line's subject is its first term plus the space after it (IRIs and blank-node labels
    hold no space). Only the type lines are looked at (a bytes search finds them): most
    come first already, the others (after ``dcterms:`` lines, say) move up. For N-Quads
    sorted by graph first, the graph is part of the first term (see :func:`write_trig`).

    Examples
    --------
    >>> lines = [b'<s> <http://purl.org/dc/terms/title> "T" .', b"<s>" + _TYPE + b"<C> ."]
    >>> _types_first(b"\\n".join(lines) + b"\\n").split(b"\\n")[0].decode()
    '<s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <C> .'
    """
    pieces: list[bytes] = []
    done = 0
    at = data.find(_TYPE)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at) + 1
        if data.find(b" ", start) == at:  # else the text of a literal, not the predicate
            subject = data[start:at + 1]
            while data.startswith(subject[:-1] + _TYPE, end):  # the subject's other type lines
                end = data.find(b"\n", end) + 1
            first = _subject_start(data, start, subject, done)
            if first < start:
                pieces += [data[done:first], data[start:end], data[first:start]]
                done = end
        at = data.find(_TYPE, end)
    return b"".join(pieces + [data[done:]]) if pieces else data


def _subject_start(data: bytes, line: int, subject: bytes, floor: int = 0) -> int:
    """The offset of the first line of ``subject`` whose lines run up to the line at ``line``."""
    while line > floor:
        previous = data.rfind(b"\n", 0, line - 1) + 1
        if not data.startswith(subject, previous):
            break
        line = previous
    return line


def _subject_blocks(path: Path) -> Iterator[bytes]:
    """Yield a sorted file in large blocks, each ending where a subject's lines end."""
    carry = b""
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            data = carry + block
            end = data.rfind(b"\n") + 1
            last = data.rfind(b"\n", 0, end - 1) + 1
            cut = _subject_start(data, last, data[last:data.find(b" ", last) + 1]) if end else 0
            if cut:
                yield data[:cut]
            carry = data[cut:]
    if carry:
        yield carry


class _Layout:
    """A binary file object that Oxigraph writes into: fixes the header and the layout.

    Oxigraph's own prefix header is dropped (its order is the library's) and ours written
    instead; tabs (only ever indentation: a tab in a literal is written ``\\t``) become four
    spaces; a blank line follows each statement and each TriG graph, but not the last
    statement of a graph (before its ``}``) nor the end of the file. Newlines, too, occur
    only between statements (``\\n`` in literals), so all of this is plain byte replacement.
    """

    def __init__(self, handle):
        self._handle = handle
        self._pending = b""  # an incomplete last line, kept for the next write
        self._blank = False  # a blank line is due unless a "}" or the end comes first
        self._in_header = True

    def write(self, data: bytes) -> int:
        text = self._pending + bytes(data)
        cut = text.rfind(b"\n") + 1
        self._pending = text[cut:]
        if cut:
            self._emit(text[:cut])
        return len(data)

    def _emit(self, text: bytes) -> None:
        if self._in_header:
            lines = text.split(b"\n")
            skip = 0
            while skip < len(lines) - 1 and lines[skip].startswith((b"@prefix ", b"@base ", b"PREFIX ", b"BASE ")):
                skip += 1
            if skip == len(lines) - 1:
                return  # only header lines so far
            self._in_header = False
            self._handle.write(_header() + b"\n")
            text = b"\n".join(lines[skip:])
        text = text.replace(b"\t", b"    ").replace(b" .\n", b" .\n\n").replace(b" .\n\n}", b" .\n}")
        if self._blank and not text.startswith(b"}"):
            text = b"\n" + text
        text = (b"\n" + text).replace(b"\n}\n", b"\n}\n\n")[1:]
        self._blank = text.endswith(b"\n\n")
        self._handle.write(text[:-1] if self._blank else text)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        """Write what is left: the last line, or the header of an empty graph."""
        if self._pending:
            self._emit(self._pending + b"\n")
            self._pending = b""
        if self._in_header:
            self._in_header = False
            self._handle.write(_header())

    def writable(self) -> bool:
        return True


def _serialise(blocks: Iterable[bytes], out_path: Path, parse_format, write_format) -> None:
    """Have Oxigraph write ``blocks`` (whole lines, in order) in ``write_format``, in our layout.

    The lines are esfgraph's own (``graph.nt``, ``graph.nq``, written term by term by
    :mod:`esfgraph.rdf.ntriples` and parsed strictly by the validation stage), so they
    are parsed leniently here (IRIs not checked again), which halves Oxigraph's time.
    """
    partial = out_path.with_name(out_path.name + ".partial")
    try:
        with open(partial, "wb") as handle:
            layout = _Layout(handle)
            ox.serialize(
                chain.from_iterable(ox.parse(input=block, format=parse_format, lenient=True) for block in blocks),
                layout,
                format=write_format,
                prefixes=TURTLE_PREFIXES,
            )
            layout.close()
        os.replace(partial, out_path)
    finally:
        partial.unlink(missing_ok=True)


def _file_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as handle:
        yield from handle


def write_turtle(nt_path: Path | str, out_path: Path | str) -> None:
    """Write a sorted N-Triples file as Turtle, with a fixed layout and prefix header.

    Parameters
    ----------
    nt_path : path
        Sorted N-Triples (``graph.nt``); a subject's lines must be consecutive.
    out_path : path
        The Turtle file, written atomically (beside it, then renamed).

    Raises
    ------
    SyntaxError
        When ``nt_path`` is not valid N-Triples.
    """
    _serialise(map(_types_first, _subject_blocks(Path(nt_path))), Path(out_path),
               ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)


def write_trig(nq_path: Path | str, out_path: Path | str, tmp_dir: Path | None = None) -> None:
    """Write N-Quads as TriG: the default graph first, then named graphs in IRI order.

    Parameters
    ----------
    nq_path : path
        N-Quads (``graph.nq``), one quad per line.
    out_path : path
        The TriG file, written atomically.
    tmp_dir : path, optional
        Where the sort by graph may spill temporary files.

    Raises
    ------
    SyntaxError
        When ``nq_path`` is not valid N-Quads.
    """
    sorter = LineSorter(tmp_dir=tmp_dir)
    quads = ox.parse(path=str(nq_path), format=ox.RdfFormat.N_QUADS)
    for line, quad in zip(_file_lines(Path(nq_path)), quads, strict=True):
        name = quad.graph_name
        # "\x00" never occurs in N-Quads (it is escaped), and sorts before any character:
        # the default graph ("") comes first.
        key = "" if isinstance(name, ox.DefaultGraph) else name.value
        sorter.add(f"{key}\x00{line.rstrip(chr(10))}")
    keyed = Path(out_path).with_name(Path(out_path).name + ".bygraph")
    try:
        sorter.write(keyed)
        # A key holds no space, so the subject found by _types_first is graph and subject.
        blocks = (_KEY.sub(b"", _types_first(block)) for block in _subject_blocks(keyed))
        _serialise(blocks, Path(out_path), ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
    finally:
        keyed.unlink(missing_ok=True)
