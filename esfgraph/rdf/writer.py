"""Write the whole graph: sorted ``graph.nt`` always, ``graph.ttl`` (or TriG) when small.

The graph is streamed: each record's triples are turned into N-Triples lines and handed
to an external sort, so memory stays flat however many pages there are. Organisations
(merged by IRI) and places are added once at the end. ``graph.ttl``/``graph.trig`` are
streamed from the sorted lines by Oxigraph (:mod:`esfgraph.rdf.turtle`), so they cost no
memory either; they are written only up to a size (``RDFOptions.turtle_limit``) at which
a Turtle file is still useful to open and read, and :class:`GraphFiles` says when and why
they were skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .. import iris
from ..model import ExtractionResult, Organisation, ProjectRecord, RecordResolution
from ..runtime import collector_paused
from ..vocab import ESF, PROV, RDF
from .ntriples import nt_line, nt_term
from .options import GraphFiles, RDFOptions
from .dataset import GraphStats, describe_graph, merge_into
from .links import SCHEMES, scheme_triples
from .organisations import merge_organisation_list, organisation_places, organisation_triples
from .places import place_triples
from .registry import RegistryScan, read_registry, replacements, write_registry
from .replaced import replaced_nt_lines
from .project import record_nt_lines
from .sorting import LineSorter
from .sortedgraph import GraphLines, SortedFile
from .turtle import write_trig, write_turtle

__all__ = [
    "GraphWriter",
    "write_graph",
    "write_graph_files",
    "serialise_turtle",
    "load_reference",
    "pair_records",
]

FORMATS = ("ttl", "trig")


def load_reference():
    """Return the resolver's shipped reference tables, or ``None`` when unavailable."""
    try:
        from ..resolve import Reference  # the resolve stage may not be installed yet
    except ImportError:
        return None
    try:
        return Reference.load()
    except Exception:  # a missing or broken table must not stop the graph being written
        return None


def pair_records(records, resolutions) -> Iterable[tuple[ProjectRecord, RecordResolution | None]]:
    """Pair records with their resolutions.

    ``resolutions`` may be ``None``, a mapping from ``record.source`` to resolution, or an
    iterable in the same order as ``records``. ``ExtractionResult`` objects are accepted in
    place of records; rejected ones (no record) are skipped together with their resolution.
    """
    if resolutions is None or isinstance(resolutions, Mapping):
        lookup = resolutions or {}
        for item in records:
            record = item.record if isinstance(item, ExtractionResult) else item
            if record is not None:
                yield record, lookup.get(record.source)
        return
    for item, resolution in zip(records, resolutions, strict=True):
        record = item.record if isinstance(item, ExtractionResult) else item
        if record is not None:
            yield record, resolution


def serialise_turtle(nt_path: Path, out_path: Path) -> None:
    """Write a sorted N-Triples file as Turtle (see :func:`esfgraph.rdf.turtle.write_turtle`).

    Oxigraph's streaming writer, fed the sorted lines with a fixed prefix header: the same
    triples always give the same bytes, at any size.
    """
    write_turtle(nt_path, out_path)


_PROJECT_TYPE_TAIL = f" {nt_term(RDF.type)} {nt_term(ESF.Project)} ."
_DERIVED = f" {nt_term(PROV.wasDerivedFrom)} "


def _page_groups(lines: Iterable[str]) -> Iterator[tuple[str | None, list[str]]]:
    """Split a flat list of :func:`record_nt_lines` output into ``(page IRI, lines)`` per page."""
    page: str | None = None
    group: list[str] = []
    expect_page = False
    for line in lines:
        if line.endswith(_PROJECT_TYPE_TAIL):
            if group:
                yield page, group
            page, group, expect_page = None, [], True
        elif expect_page:
            if _DERIVED in line:
                page = line.split(_DERIVED, 1)[1].rsplit(" .", 1)[0]
            expect_page = False
        group.append(line)
    if group:
        yield page, group


class GraphWriter:
    """Write the graph files from pages handed over one at a time, in bounded memory.

    ``esfgraph build`` makes each page's lines in a worker process
    (:func:`~esfgraph.rdf.record_nt_lines`) and hands them to :meth:`add_page` as they
    arrive; lines go straight into an external sort (spilled to temporary files in
    ``out_dir`` every ``chunk_lines`` lines), so the build never holds the graph.
    :meth:`finish` adds the organisations and places and writes the files; a writer used
    as a context manager (or :meth:`discard`) leaves no temporary file behind otherwise.

    Parameters
    ----------
    out_dir : path
        Created if missing; receives ``graph.nt`` and ``graph.ttl``/``graph.trig``/``graph.nq``.
    options : RDFOptions, optional
        Base IRI, place names, Turtle size limit.
    fmt : {"ttl", "trig"}
    chunk_lines : int
        Lines sorted in memory before spilling to a temporary file.

    Raises
    ------
    ValueError
        For an unknown ``fmt``.

    Examples
    --------
    >>> import tempfile
    >>> from esfgraph.model import ProjectRecord
    >>> writer = GraphWriter(tempfile.mkdtemp(), RDFOptions(describe=False))  # no dataset description
    >>> writer.add_page(record_nt_lines(ProjectRecord(source="a.txt", title="T")))
    >>> files = writer.finish({})
    >>> files.triples, files.projects, files.ttl.name
    (5, 1, 'graph.ttl')
    """

    def __init__(self, out_dir: Path | str, options: RDFOptions | None = None, fmt: str = "ttl", *,
                 chunk_lines: int = 1_000_000):
        if fmt not in FORMATS:
            raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.options = options or RDFOptions()
        self.fmt = fmt
        self._triples = GraphLines(chunk_lines, tmp_dir=self.out_dir)
        self._quads = LineSorter(chunk_lines, tmp_dir=self.out_dir) if fmt == "trig" else None
        self._pages: set[str] = set()
        self.municipality_codes: set[str] = set()
        self.country_codes: set[str] = set()

    def add_page(self, lines: list[str], municipality_codes: Iterable[str] = (),
                 country_codes: Iterable[str] = ()) -> None:
        """Add one page's :func:`record_nt_lines` output and the places it lists.

        Parameters
        ----------
        lines : list of str
            The page's lines (the second names its source page, see ``record_nt_lines``).
        municipality_codes, country_codes : iterable of str
            ``RecordResolution.municipality_codes`` and ``.countries``: places to describe.
        """
        if not lines:
            return
        self.municipality_codes.update(municipality_codes)
        self.country_codes.update(code.upper() for code in country_codes)
        page = _page_of(lines)
        if page is not None:
            self._pages.add(page)
        self._triples.extend(lines)
        if self._quads is not None:
            self._quads.extend([line[:-1] + page + " ." for line in lines] if page else lines)

    def discard(self) -> None:
        """Give up: remove the temporary files written so far (a build that stops early)."""
        self._triples.discard()
        if self._quads is not None:
            self._quads.discard()

    def __enter__(self) -> "GraphWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.discard()  # nothing left after finish(); after an error, no run file either

    def finish(self, organisations: Mapping[str, Organisation] | Iterable[Organisation]) -> GraphFiles:
        """Add the organisations and places; write and return the files.

        Parameters
        ----------
        organisations : mapping IRI -> Organisation, or iterable
            The merged organisations (``esfgraph.resolve.merge_organisations``).

        Returns
        -------
        GraphFiles
        """
        # Sorting and scanning the graph allocates a few million strings next to the build's
        # large heap, and no reference cycle: the collector's walks over that heap are saved.
        with collector_paused():
            return self._finish(organisations)

    def _finish(self, organisations: Mapping[str, Organisation] | Iterable[Organisation]) -> GraphFiles:
        if not isinstance(organisations, Mapping):
            organisations = merge_organisation_list(organisations)
        options, out_dir = self.options, self.out_dir
        reference = options.reference if options.reference is not None else load_reference()
        org_municipalities, org_counties, org_countries = organisation_places(organisations.values())
        shared = organisation_triples(organisations, options, reference) + place_triples(
            reference,
            self.municipality_codes | org_municipalities,
            self.country_codes | org_countries,
            options,
            county_codes=org_counties,
        )
        if shared:
            shared += scheme_triples(SCHEMES, options.base)
        lines = [nt_line(triple) for triple in shared]
        self._triples.extend(lines)
        if self._quads is not None:
            self._quads.extend(lines)

        files = GraphFiles(nt=out_dir / "graph.nt", organisations=len(organisations), pages=len(self._pages))
        registry = RegistryScan() if options.registry_from is not None or options.registry_to is not None else None
        stats = GraphStats() if options.describe else None
        projects = _ProjectCount()
        observers = [scan.see_block for scan in (registry, stats, projects) if scan is not None]
        files.triples = self._triples.write(files.nt, *observers)
        files.projects = projects.count
        if self._quads is not None:
            files.nq = out_dir / "graph.nq"
            self._quads.write(files.nq)
        if registry is not None:
            merged = _carry_registry(files, options, registry)
            if merged is not None:  # replacement triples went in: the statistics are read again
                files.triples, stats = merged, None
        if options.describe and files.triples:
            files.triples = describe_graph(files.nt, options, files.nq, stats.done() if stats else None)
        if files.triples > options.turtle_limit:
            kind = "graph.trig" if self.fmt == "trig" else "graph.ttl"
            files.skipped = (
                f"{kind} not written: the graph has {files.triples:,} triples, more than the "
                f"limit of {options.turtle_limit:,}; use graph.nt{' or graph.nq' if self.fmt == 'trig' else ''}"
            )
        elif self.fmt == "ttl":
            files.ttl = out_dir / "graph.ttl"
            serialise_turtle(files.nt, files.ttl)
        else:
            files.trig = out_dir / "graph.trig"
            write_trig(files.nq, files.trig, tmp_dir=out_dir)
        return files


def _carry_registry(files: GraphFiles, options: RDFOptions, registry: RegistryScan) -> int | None:
    """Compare with the previous build's IRI registry; state what moved; write this build's.

    ``registry`` has seen every line of ``graph.nt``. Returns the new triple count of
    ``graph.nt`` when ``dcterms:isReplacedBy`` triples were added, else ``None``.
    """
    current, present = registry.entries(), SortedFile(files.nt)
    previous, replaced = read_registry(options.registry_from) if options.registry_from else ({}, {})
    replaced = {**replaced, **replacements(previous, current, present)}
    # An IRI back in use is replaced no more; one under another base (the build's --base
    # changed) is not this dataset's to redirect.
    base = iris.base_iri(options.base)
    replaced = {old: new for old, new in replaced.items() if old not in present and old.startswith(base)
                and new.startswith(base)}
    if options.registry_to is not None:
        write_registry(options.registry_to, current, replaced)
    if not replaced:
        return None
    lines = replaced_nt_lines(replaced)
    if files.nq is not None:
        merge_into(files.nq, lines)
    return merge_into(files.nt, lines)


def _page_of(lines: list[str]) -> str | None:
    """The source page of one page's lines: the second line is its ``prov:wasDerivedFrom``."""
    if len(lines) > 1 and _DERIVED in lines[1]:
        return lines[1].split(_DERIVED, 1)[1].rsplit(" .", 1)[0]
    return None


class _ProjectCount:
    """Distinct projects in ``graph.nt``: lines ``<p> rdf:type esf:Project`` (the file has no duplicates)."""

    _TAIL = (_PROJECT_TYPE_TAIL + "\n").encode("utf-8")

    def __init__(self) -> None:
        self.count = 0

    def see_block(self, data: bytes) -> None:
        self.count += data.count(self._TAIL)


def write_graph(
    records: Iterable[ProjectRecord | ExtractionResult],
    resolutions: Iterable[RecordResolution] | Mapping[str, RecordResolution] | None,
    out_dir: Path | str,
    options: RDFOptions | None = None,
    fmt: str = "ttl",
    *,
    chunk_lines: int = 1_000_000,
) -> GraphFiles:
    """Write the graph of all records to ``out_dir``.

    Parameters
    ----------
    records : iterable of ProjectRecord (or ExtractionResult)
        The pages, in any order (the output is sorted).
    resolutions : iterable, mapping or None
        The resolver's output: one per record in the same order, or a mapping from
        ``record.source``; ``None`` writes the records' own fields only.
    out_dir : path
        Created if missing. Gets ``graph.nt`` and, below the size limit, ``graph.ttl``
        (``fmt="ttl"``) or ``graph.trig`` (``fmt="trig"``, one named graph per source page,
        organisations and places in the default graph; ``graph.nq`` holds the same quads,
        sorted, at any size).
    options : RDFOptions, optional
        Base IRI, contacts, place names (``reference``) and the Turtle size limit.
    fmt : {"ttl", "trig"}
    chunk_lines : int
        Lines sorted in memory before spilling to a temporary file.

    Returns
    -------
    GraphFiles
        Paths written, counts, and ``skipped`` with the reason when Turtle/TriG was not written.

    Raises
    ------
    ValueError
        For an unknown ``fmt``, or when records and resolutions differ in number.

    Examples
    --------
    >>> import tempfile
    >>> from esfgraph.model import ProjectRecord
    >>> files = write_graph([ProjectRecord(source="a.txt", title="T")], None, tempfile.mkdtemp())
    >>> from rdflib import Graph, URIRef
    >>> from esfgraph.vocab import VOID
    >>> graph = Graph().parse(files.nt)
    >>> graph.value(URIRef("https://w3id.org/esfgraph/id/dataset"), VOID.triples).toPython(), files.ttl.name
    (5, 'graph.ttl')
    """
    options = options or RDFOptions()
    writer = GraphWriter(out_dir, options, fmt, chunk_lines=chunk_lines)
    organisations: dict[str, Organisation] = {}
    for record, resolution in pair_records(records, resolutions):
        codes, countries = (), ()
        if resolution is not None:
            codes, countries = resolution.municipality_codes, resolution.countries
            for org in resolution.organisations:
                known = organisations.get(org.iri)
                organisations.update(merge_organisation_list([known, org] if known else [org]))
        writer.add_page(record_nt_lines(record, resolution, options), codes, countries)
    return writer.finish(organisations)


def write_graph_files(
    nt_lines: Iterable[str],
    organisations: Mapping[str, Organisation] | Iterable[Organisation],
    resolutions: Iterable[RecordResolution],
    out_dir: Path | str,
    options: RDFOptions | None = None,
    fmt: str = "ttl",
    *,
    chunk_lines: int = 1_000_000,
) -> GraphFiles:
    """Write the graph from page lines made earlier by :func:`record_nt_lines` (``esfgraph build``).

    Parameters
    ----------
    nt_lines : iterable of str
        The concatenated :func:`record_nt_lines` output of every page, page after page.
    organisations : mapping IRI -> Organisation, or iterable
        The merged organisations (``esfgraph.resolve.merge_organisations``).
    resolutions : iterable of RecordResolution
        For the municipality and country codes to describe.
    out_dir, options, fmt, chunk_lines
        As for :func:`write_graph`.

    Returns
    -------
    GraphFiles
    """
    writer = GraphWriter(out_dir, options, fmt, chunk_lines=chunk_lines)
    for _page, lines in _page_groups(nt_lines):
        writer.add_page(lines)
    for resolution in resolutions:
        writer.municipality_codes.update(resolution.municipality_codes)
        writer.country_codes.update(c.upper() for c in resolution.countries)
    return writer.finish(organisations)
