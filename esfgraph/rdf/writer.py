"""Write the whole graph: sorted ``graph.nt`` always, ``graph.ttl`` (or TriG) when small.

The graph is streamed: each record's triples are turned into N-Triples lines and handed
to an external sort, so memory stays flat however many pages there are. Organisations
(merged by IRI) and places are added once at the end. Turtle needs the whole graph in an
rdflib ``Graph``, so it is written only below a size limit (``RDFOptions.turtle_limit``);
:class:`GraphFiles` says when and why it was skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping

from rdflib import Dataset, Graph, URIRef

from ..model import ExtractionResult, Organisation, ProjectRecord, RecordResolution
from ..vocab import ESF, PREFIXES, RDF
from .ntriples import nq_line, nt_line
from .options import GraphFiles, RDFOptions
from .organisations import merge_organisation_list, organisation_places, organisation_triples
from .places import place_triples
from .project import record_triples, source_iri_of
from .sorting import LineSorter

__all__ = ["write_graph", "serialise_turtle", "load_reference", "pair_records"]

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


def _bind(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def serialise_turtle(nt_path: Path, out_path: Path) -> None:
    """Parse a (sorted) N-Triples file with rdflib and write it as Turtle, prefixes fixed.

    rdflib orders subjects and objects by sorting, and only predicates may get generated
    prefixes (ours are all bound), so the same triples always give the same bytes.
    """
    graph = Graph()
    _bind(graph)
    graph.parse(nt_path, format="nt")
    _write_atomic(out_path, graph.serialize(format="turtle", encoding="utf-8"))


def _serialise_trig(nq_path: Path, out_path: Path) -> None:
    dataset = Dataset()
    _bind(dataset)
    dataset.parse(nq_path, format="nquads")
    _write_atomic(out_path, dataset.serialize(format="trig", encoding="utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


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
    >>> files.triples, files.ttl.name
    (5, 'graph.ttl')
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
    options = options or RDFOptions()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    reference = options.reference if options.reference is not None else load_reference()

    triples = LineSorter(chunk_lines, tmp_dir=out_dir)
    quads = LineSorter(chunk_lines, tmp_dir=out_dir) if fmt == "trig" else None
    organisations: dict[str, Organisation] = {}
    municipality_codes: set[str] = set()
    country_codes: set[str] = set()
    projects: set[str] = set()
    pages: set[str] = set()

    for record, resolution in pair_records(records, resolutions):
        page_triples = record_triples(record, resolution, options)
        page = source_iri_of(record, options)
        pages.add(str(page))
        for triple in page_triples:
            triples.add(nt_line(triple))
            if quads is not None:
                quads.add(nq_line(triple, page))
            if triple[1] == RDF.type and triple[2] == ESF.Project:
                projects.add(str(triple[0]))
        if resolution is not None:
            municipality_codes.update(resolution.municipality_codes)
            country_codes.update(c.upper() for c in resolution.countries)
            for org in resolution.organisations:
                if org.iri not in organisations:
                    organisations[org.iri] = org
                else:
                    organisations.update(merge_organisation_list([organisations[org.iri], org]))

    org_municipalities, org_counties, org_countries = organisation_places(organisations.values())
    shared = organisation_triples(organisations, options) + place_triples(
        reference,
        municipality_codes | org_municipalities,
        country_codes | org_countries,
        options,
        county_codes=org_counties,
    )
    for triple in shared:
        triples.add(nt_line(triple))
        if quads is not None:
            quads.add(nq_line(triple, None))

    files = GraphFiles(nt=out_dir / "graph.nt", projects=len(projects), organisations=len(organisations), pages=len(pages))
    files.triples = triples.write(files.nt)
    if quads is not None:
        files.nq = out_dir / "graph.nq"
        quads.write(files.nq)
    if files.triples > options.turtle_limit:
        kind = "graph.trig" if fmt == "trig" else "graph.ttl"
        files.skipped = (
            f"{kind} not written: the graph has {files.triples:,} triples, more than the "
            f"limit of {options.turtle_limit:,}; use graph.nt{' or graph.nq' if fmt == 'trig' else ''}"
        )
    elif fmt == "ttl":
        files.ttl = out_dir / "graph.ttl"
        serialise_turtle(files.nt, files.ttl)
    else:
        files.trig = out_dir / "graph.trig"
        _serialise_trig(files.nq, files.trig)
    return files
