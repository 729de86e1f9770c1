"""The graph to validate, as one sorted, canonical N-Triples file read line by line.

Validation streams its input: the lines of one subject must be consecutive, and each
line must be one triple in canonical N-Triples (``<s> <p> o .``, single spaces), so that
a subject and a predicate can be cut out of a line without a parser. ``graph.nt`` as
esfgraph writes it is exactly that and is read in place. Anything else (another format, an
unsorted or hand-edited N-Triples file, a store, an rdflib graph) is first rewritten into
a temporary sorted file with an external sort, so memory stays bounded for any input.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "g.ttl").write_text("<https://e.org/b> <https://e.org/p> 1 . <https://e.org/a> <https://e.org/p> 2 .")
>>> with sorted_ntriples(folder / "g.ttl") as path:
...     print(path.read_text(), end="")
<https://e.org/a> <https://e.org/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://e.org/b> <https://e.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from ..rdf import nt_line
from ..runtime.errors import EsfgraphError, InputError
from ..runtime.sorting import LineSorter

__all__ = ["SourceError", "NotStreamable", "sorted_ntriples", "source_name"]

_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


class SourceError(InputError, ValueError):
    """The graph to validate cannot be read; the message is one line naming the file.

    Still a ``ValueError``, as before it had the common base.
    """


class NotStreamable(EsfgraphError):
    """Raised while streaming a file that turns out unsorted or not canonical (then it is sorted)."""


def source_name(source) -> str:
    """How to name ``source`` in messages."""
    if isinstance(source, (str, Path)):
        return str(source)
    return type(source).__name__


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _sorted_file(lines: Iterable[str], folder: Path) -> Path:
    sorter = LineSorter(tmp_dir=folder)
    for line in lines:
        sorter.add(line)
    path = folder / "graph.nt"
    sorter.write(path)
    return path


def _quads_lines(quads) -> Iterator[str]:
    for quad in quads:  # the union of the graphs: graph names are dropped
        yield f"{quad.triple} ."


def _triple_lines(triples) -> Iterator[str]:
    for triple in triples:
        yield f"{triple} ."


def _store_lines(store: ox.Store) -> Iterator[str]:
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        yield f"{quad.triple} ."


def _file_lines(path: Path) -> Iterator[str]:
    """The triples of an RDF file as canonical N-Triples lines (parsed by Oxigraph)."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
    if fmt is None:
        raise SourceError(f"{path}: unknown RDF file type {path.suffix!r} (use .nt, .ttl, .nq, .trig, .rdf or .jsonld)")
    try:
        parsed = ox.parse(path=str(path), format=fmt)
        yield from (_quads_lines(parsed) if fmt in _QUAD_FORMATS else _triple_lines(parsed))
    except (SyntaxError, ValueError, OSError) as error:
        raise SourceError(f"{path}: not valid {fmt.name}: {_first_line(error)}") from None


@contextmanager
def sorted_ntriples(source, normalise: bool = False) -> Iterator[Path]:
    """Yield the path of a sorted, canonical N-Triples file holding ``source``'s triples.

    Parameters
    ----------
    source : path, pyoxigraph.Store or rdflib.Graph
        An RDF file (``.nt``, ``.ttl``, ``.rdf``, ``.jsonld``; of ``.nq`` and ``.trig`` the
        union of the graphs), a store folder or store (its default graph), or a graph.
    normalise : bool
        Rewrite an ``.nt`` file even though it may be sorted already (after
        :class:`NotStreamable`).

    Raises
    ------
    SourceError
        The file or folder is missing, of an unknown type, or not valid RDF.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.is_dir():
            from ..store import StoreError, open_store

            try:
                source = open_store(path, read_only=True)
            except StoreError as error:
                raise SourceError(str(error)) from None
        elif not path.is_file():
            raise SourceError(f"{path}: no such file")
        elif path.suffix.lower() == ".nt" and not normalise:
            yield path  # read in place; streaming raises NotStreamable if it is not sorted
            return
    with tempfile.TemporaryDirectory(prefix="esfgraph-validate-") as folder:
        if isinstance(source, ox.Store):
            lines: Iterable[str] = _store_lines(source)
        elif isinstance(source, Graph):
            lines = (nt_line(triple) for triple in source)
        else:
            lines = _file_lines(Path(source))
        yield _sorted_file(lines, Path(folder))
