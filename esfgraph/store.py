"""The embedded triple store: an on-disk Oxigraph (pyoxigraph) database.

``esfgraph build`` bulk-loads the sorted N-Triples it wrote into ``OUT/store/`` with
:func:`load_store`; every later stage (queries, the server, the network analysis) opens
it with :func:`open_store`. rdflib stays the tool for parsing and serialising; SPARQL
runs here, because Oxigraph answers the join-heavy research queries in milliseconds
where rdflib's engine takes seconds.

Instance data lives in the default graph, with the ontology and its SKOS vocabularies
(:func:`vocabulary_files`: class and property labels, concept labels such as region
names in Swedish and English), which ``esfgraph build`` loads beside the graph and
:func:`load_vocabularies` adds to any store; ``esfgraph analyze`` writes its results to
the named graph :data:`esfgraph.vocab.ANALYSIS_GRAPH`.

Every failure to open or load a store becomes a :class:`StoreError` whose message is one
line naming the folder and the problem (missing, not a store, locked, damaged), so that
the command line can print it instead of a traceback.

Examples
--------
>>> from esfgraph.store import load_store, open_store
>>> load_store("build/demo/store", ["build/demo/graph.nt"])        # doctest: +SKIP
31234
>>> store = open_store("build/demo/store")                          # doctest: +SKIP
>>> len(store)                                                      # doctest: +SKIP
31234
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .runtime.errors import InputError

__all__ = [
    "StoreError",
    "open_store",
    "load_store",
    "is_store_dir",
    "writer_pid",
    "rdf_format_for",
    "vocabulary_files",
    "load_vocabularies",
]

#: RocksDB writes this file first; a folder without it holds no store.
_MARKER = "CURRENT"


class StoreError(InputError):
    """A store could not be opened or loaded; ``str(error)`` is one line for the user (exit code 2)."""


def is_store_dir(path: str | os.PathLike[str]) -> bool:
    """Return whether ``path`` looks like an Oxigraph store folder.

    Parameters
    ----------
    path : str or os.PathLike
        A folder.

    Returns
    -------
    bool
        True when the folder exists and holds the database's ``CURRENT`` file.

    Examples
    --------
    >>> is_store_dir("/nonexistent")
    False
    """
    return (Path(path) / _MARKER).is_file()


def _explain(store_dir: Path, error: BaseException) -> StoreError:
    """Turn an Oxigraph/RocksDB error into a one-line :class:`StoreError`."""
    text = " ".join(str(error).split())
    lowered = text.lower()
    if "lock" in lowered:
        return StoreError(
            f"{store_dir}: store is locked by another process (a running "
            "'esfgraph serve --allow-updates' or another writer); stop it, or query the "
            "server with --endpoint"
        )
    if "corruption" in lowered or isinstance(error, RuntimeError):
        detail = text.split(": ", 1)[-1][:160]
        return StoreError(f"{store_dir}: store is damaged ({detail}); rebuild it with 'esfgraph build'")
    if "permission denied" in lowered:
        return StoreError(f"{store_dir}: permission denied")
    return StoreError(f"{store_dir}: cannot open store ({text[:160]})")


def _check_folder(store_dir: Path) -> None:
    if not store_dir.exists():
        raise StoreError(f"{store_dir}: store folder does not exist (build one with 'esfgraph build PATH --out DIR')")
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: not a folder (expected an Oxigraph store folder, e.g. OUT/store)")
    if not is_store_dir(store_dir):
        raise StoreError(f"{store_dir}: not an Oxigraph store (no {_MARKER} file; expected e.g. OUT/store)")


def writer_pid(store_dir: str | os.PathLike[str]) -> int | None:
    """Return the id of another process that has the store open for writing, if any.

    Reads the POSIX lock table (``/proc/locks``, Linux) for the store's ``LOCK`` file,
    which RocksDB locks while a writer has the store open. Probing the lock through a
    file descriptor instead could release this process's own lock (POSIX drops a
    process's locks on a file when it closes any descriptor of it).

    Parameters
    ----------
    store_dir : str or os.PathLike
        A store folder.

    Returns
    -------
    int or None
        The writer's process id; ``None`` when there is none, it is this process, or
        the lock table cannot be read (other systems).
    """
    try:
        info = (Path(store_dir) / "LOCK").stat()
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    device = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "POSIX" and fields[3] == "WRITE" and fields[5] == device:
            pid = int(fields[4]) if fields[4].isdigit() else None
            if pid is not None and pid != os.getpid():
                return pid
    return None


def open_store(store_dir: str | os.PathLike[str], read_only: bool = True) -> ox.Store:
    """Open an existing on-disk store.

    Parameters
    ----------
    store_dir : str or os.PathLike
        The store folder (``OUT/store`` of a build).
    read_only : bool, default True
        Open with :meth:`pyoxigraph.Store.read_only`, which any number of processes
        may do at once (the read-only server included). ``False`` opens for writing,
        which needs the store's lock: only one writer at a time.

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    StoreError
        The folder is missing, is not a store, is damaged, or another process has it
        open for writing (reading while another process writes is undefined behaviour
        in RocksDB, so a read-only open refuses too; query that process's server instead).

    Examples
    --------
    >>> store = open_store("build/demo/store")                          # doctest: +SKIP
    >>> bool(store.query("ASK { ?s a <https://w3id.org/esfgraph/ontology#Project> }"))  # doctest: +SKIP
    True
    """
    path = Path(store_dir)
    _check_folder(path)
    pid = writer_pid(path)
    if pid is not None:
        raise StoreError(
            f"{path}: store is locked by another process (pid {pid}: a running "
            "'esfgraph serve --allow-updates' or another writer); stop it, or query the server with --endpoint"
        )
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError, ValueError) as error:
        raise _explain(path, error) from error


def rdf_format_for(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """Return the pyoxigraph RDF format for a file name (``.nt``, ``.nq``, ``.ttl``, ``.trig``...).

    Parameters
    ----------
    path : str or os.PathLike
        A file name; only its extension is used.

    Returns
    -------
    pyoxigraph.RdfFormat

    Raises
    ------
    StoreError
        The extension is not an RDF format Oxigraph reads.

    Examples
    --------
    >>> rdf_format_for("graph.nt") == ox.RdfFormat.N_TRIPLES
    True
    """
    suffix = Path(path).suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else None
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file type {suffix!r} (use .nt, .nq, .ttl, .trig, .rdf or .jsonld)")
    return fmt


def load_store(
    store_dir: str | os.PathLike[str],
    nt_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    graph: str | None = None,
    *,
    lenient: bool = False,
) -> int:
    """Bulk-load RDF files (normally the build's sorted ``graph.nt``) into an on-disk store.

    The store is created when ``store_dir`` does not exist. An existing store is
    emptied first, so that loading the same files twice gives the same store; a
    non-empty folder that is not a store is refused rather than overwritten.

    Parameters
    ----------
    store_dir : str or os.PathLike
        The store folder to create or replace.
    nt_files : path or iterable of paths
        N-Triples files (other RDF formats work too; the format follows the extension).
    graph : str, optional
        IRI of a named graph to load the triples into; the default graph when omitted.
    lenient : bool, default False
        Skip Oxigraph's checks of IRIs and language tags (a broken line still fails): an
        eighth less time, for files esfgraph wrote itself and checks elsewhere, such as
        the build's ``graph.nt``, which the validate stage parses strictly.

    Returns
    -------
    int
        The number of quads in the store after loading.

    Raises
    ------
    StoreError
        An input file is missing or not valid RDF (the message names the file), the
        folder is not a store, or the store is locked or damaged.

    Examples
    --------
    >>> load_store("build/demo/store", ["build/demo/graph.nt"])        # doctest: +SKIP
    31234
    """
    path = Path(store_dir)
    files = [Path(nt_files)] if isinstance(nt_files, (str, os.PathLike)) else [Path(f) for f in nt_files]
    for file in files:
        if not file.is_file():
            raise StoreError(f"{file}: RDF file does not exist")
    formats = [rdf_format_for(file) for file in files]
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: exists and is not a folder")
    if path.is_dir() and any(path.iterdir()) and not is_store_dir(path):
        raise StoreError(f"{path}: folder is not empty and is not an Oxigraph store; refusing to overwrite it")
    created = not path.exists()
    path.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(path))
    except (OSError, RuntimeError, ValueError) as error:
        raise _explain(path, error) from error
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    try:
        return _fill(store, files, formats, target, lenient)
    except StoreError:
        del store
        if created:  # bulk loads are not transactional: leave no half-loaded store behind
            shutil.rmtree(path, ignore_errors=True)
        raise
    except OSError as error:
        raise _explain(path, error) from error


def _fill(store: ox.Store, files: list[Path], formats: list[ox.RdfFormat], target, lenient: bool = False) -> int:
    """Empty ``store`` and bulk-load ``files`` into graph ``target``; return its size."""
    store.clear()
    for file, fmt in zip(files, formats):
        try:
            store.bulk_load(path=str(file), format=fmt, to_graph=target, lenient=lenient)
        except SyntaxError as error:
            message = " ".join(str(error).split())[:200]
            raise StoreError(f"{file}: not valid RDF ({message})") from None
    store.flush()
    return len(store)


def vocabulary_files() -> list[Path]:
    """Return the ontology and its SKOS vocabularies: ``ontology/esf.ttl`` and ``ontology/vocab/*.ttl``.

    Returns
    -------
    list of pathlib.Path
        Sorted, the ontology first.

    Examples
    --------
    >>> [f.name for f in vocabulary_files()][:2]
    ['esf.ttl', 'org-types.ttl']
    """
    from .resources import ontology_dir

    folder = ontology_dir()
    return [folder / "esf.ttl", *sorted((folder / "vocab").glob("*.ttl"))]


def load_vocabularies(store: ox.Store | str | os.PathLike[str], graph: str | None = None) -> int:
    """Add the ontology and its vocabularies to a store, leaving everything else as it is.

    Queries then read the labels of concepts (``skos:prefLabel``, one per language) and of
    classes and properties. Loading twice changes nothing (a store holds each quad once).

    Parameters
    ----------
    store : pyoxigraph.Store or path
        An open (writable) store, or a store folder, opened for writing.
    graph : str, optional
        IRI of a named graph to load them into; the default graph (where the library
        queries look) when omitted.

    Returns
    -------
    int
        The number of quads the files hold.

    Raises
    ------
    StoreError
        The folder is not a store, is locked by another writer, or a file is not valid RDF.

    Examples
    --------
    >>> store = ox.Store()
    >>> load_vocabularies(store) == len(store) > 1000
    True
    >>> bool(store.query('ASK { ?region <http://www.w3.org/2004/02/skos/core#prefLabel> "Småland och Öarna"@sv }'))
    True
    """
    opened = store if isinstance(store, ox.Store) else None
    if opened is None:
        path = Path(store)
        _check_folder(path)
        try:
            opened = ox.Store(str(path))
        except (OSError, RuntimeError, ValueError) as error:
            raise _explain(path, error) from error
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    count = 0
    for file in vocabulary_files():
        try:
            quads = [ox.Quad(t.subject, t.predicate, t.object, target)
                     for t in ox.parse(path=str(file), format=rdf_format_for(file))]
        except (SyntaxError, OSError) as error:
            raise StoreError(f"{file}: cannot load ({' '.join(str(error).split())[:200]})") from None
        opened.extend(quads)
        count += len(quads)
    opened.flush()
    return count
