"""The dataset description each build writes into its graph: VoID, DCAT-AP and PROV-O.

:func:`describe_graph` reads the finished ``graph.nt`` once (triples, links per target,
a digest), writes the description's triples and merges them into the sorted file (and
``graph.nq``), so that the graph and the store describe themselves: title and description
in Swedish and English, licence, publisher, the esfgraph version, where the data came
from, how many triples, the vocabularies, the linksets to Wikidata, the EU's countries and
NUTS, and a ``prov:Activity`` for the build with the reference tables it used.

Determinism: the description holds no clock reading of its own. The only triples that
carry time (:data:`TIME_PREDICATES`: ``dcterms:issued``, ``dcterms:modified``,
``prov:startedAtTime``, ``prov:endedAtTime``) take :attr:`RDFOptions.build_time`, the one
time a build records (``esfgraph build`` takes ``SOURCE_DATE_EPOCH`` when set, else the
newest modification time of its inputs); without it they are left out. Everything else is
a function of the data: ``void:triples`` counts the graph's triples without the
description's own, and the build activity's IRI is keyed by a digest of those triples.

Examples
--------
>>> from rdflib import URIRef
>>> [str(p).rsplit("/", 1)[-1] for p in sorted(TIME_PREDICATES)][:2]
['issued', 'modified']
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections import Counter
from pathlib import Path

from rdflib import Literal, URIRef

from .. import __version__, iris
from ..resources import reference_dir
from ..vocab import (
    ADMS, DCAT, DCTERMS, EU_COUNTRY, FOAF, NUTS, ONTOLOGY_IRI, ONTOLOGY_VERSION_IRI, ORG, OWL, PROV, RDF, RDFS,
    ROV, SDO, SKOS, VOID, WIKIDATA, XSD, ESF,
)
from .ntriples import nt_line, nt_term
from .options import RDFOptions
from .sortedgraph import merge_into

__all__ = [
    "TIME_PREDICATES",
    "LINK_TARGETS",
    "describe_graph",
    "description_triples",
    "GraphStats",
    "without_time",
    "recorded_build_time",
    "merge_into",
    "record_analysis_activity",
]

#: The only predicates whose objects carry time; compare outputs without them.
TIME_PREDICATES = frozenset({DCTERMS.issued, DCTERMS.modified, PROV.startedAtTime, PROV.endedAtTime})

#: Linkset key -> (link predicate, target namespace, target dataset IRI).
LINK_TARGETS: dict[str, tuple[URIRef, str, URIRef]] = {
    "wikidata": (OWL.sameAs, str(WIKIDATA), URIRef("http://www.wikidata.org/")),
    "eu-countries": (OWL.sameAs, str(EU_COUNTRY), URIRef("http://publications.europa.eu/resource/authority/country")),
    "nuts": (ESF.nutsRegion, str(NUTS), URIRef("http://data.europa.eu/nuts")),
}

_VOCABULARIES = (ONTOLOGY_IRI, URIRef(str(ORG)), URIRef(str(SDO)), URIRef(str(PROV)), URIRef(str(SKOS)),
                 URIRef(str(DCTERMS)), URIRef(str(ADMS)), URIRef(str(ROV)), URIRef(str(VOID)), URIRef(str(DCAT)))
_PROJECT_BANK = URIRef("https://www.esf.se/resultat/projektbanken/")
_PUBLISHER = URIRef("https://w3id.org/esfgraph")
_DEFAULT_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
_TEXTS = {
    "title": ("ESF-projekt i Sverige och organisationerna i dem", "Swedish ESF projects and the organisations in them"),
    "description": (
        "Projekt ur Svenska ESF-rådets projektbank som länkad data: projekten, organisationerna i dem och deras "
        "roller (projektägare, medfinansiär, samarbetspartner, transnationell partner, nämnd i texten), platser, "
        "belopp och varifrån varje uppgift kommer. Byggd med esfgraph.",
        "Projects from the Swedish ESF Council's project bank as linked data: the projects, the organisations in "
        "them and their roles (owner, co-financier, partner, transnational partner, mentioned in the text), places, "
        "amounts, and where each statement came from. Built with esfgraph."),
}


class GraphStats:
    """What one pass over ``graph.nt`` tells: triples, links per linkset, a digest.

    Given a path, reads it; else is fed the file's bytes block by block with
    :meth:`see_block` (the pass of ``GraphWriter.finish`` that writes the file), then
    :meth:`done`. Blocks hold whole lines; the digest is the SHA-256 of the file's bytes.
    """

    def __init__(self, path: Path | None = None):
        self.triples = 0
        self.links: Counter[str] = Counter()
        self.digest = ""
        self._hash = hashlib.sha256()
        self._marks = [(f" {nt_term(predicate)} <{namespace}".encode("utf-8"), key) for key, (predicate, namespace, _t)
                       in LINK_TARGETS.items()]
        if path is not None:
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 24), b""):
                    self.see_block(block if block.endswith(b"\n") else block + handle.readline())
            self.done()

    def see_block(self, data: bytes) -> None:
        """Take whole lines of the graph, as UTF-8 bytes."""
        self._hash.update(data)
        self.triples += data.count(b"\n")
        for mark, key in self._marks:
            self.links[key] += _lines_holding(data, mark)

    def done(self) -> "GraphStats":
        """Finish the digest; return self."""
        self.digest = self._hash.hexdigest()
        return self


def _lines_holding(data: bytes, mark: bytes) -> int:
    """How many lines of ``data`` hold ``mark`` (once or more)."""
    count, line, at = 0, -2, data.find(mark)
    while at >= 0:
        start = data.rfind(b"\n", 0, at)
        if start != line:
            count, line = count + 1, start
        at = data.find(mark, at + len(mark))
    return count


def _reference_tables(base: str | None) -> list[tuple]:
    """The reference tables a build used: one ``prov:Entity`` each, named and keyed by content."""
    out: list[tuple] = []
    folder = reference_dir()
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        node = URIRef(iris.reference_table_iri(path.name, digest, base))
        out += [(node, RDF.type, PROV.Entity), (node, RDFS.label, Literal(path.name)),
                (node, DCTERMS.identifier, Literal(f"sha256:{digest}"))]
    return out


def description_triples(stats: GraphStats, options: RDFOptions) -> list[tuple]:
    """The VoID/DCAT/PROV description of a graph, from its statistics."""
    base = options.base
    dataset = URIRef(iris.dataset_iri(base))
    activity = URIRef(iris.activity_iri("build", stats.digest[:16], base))
    agent = URIRef(iris.agent_iri(__version__, base))
    out: list[tuple] = [(dataset, RDF.type, VOID.Dataset), (dataset, RDF.type, DCAT.Dataset)]
    for key, (swedish, english) in _TEXTS.items():
        out += [(dataset, DCTERMS[key], Literal(swedish, lang="sv")), (dataset, DCTERMS[key], Literal(english, lang="en"))]
    out += [
        (dataset, DCTERMS.license, URIRef(options.license) if options.license else _DEFAULT_LICENSE),
        (dataset, DCTERMS.publisher, _PUBLISHER),
        (_PUBLISHER, RDF.type, FOAF.Agent),
        (_PUBLISHER, FOAF.name, Literal("esfgraph")),
        (dataset, DCTERMS.source, _PROJECT_BANK),
        (dataset, DCTERMS.spatial, EU_COUNTRY.SWE),
        (dataset, DCTERMS.conformsTo, ONTOLOGY_VERSION_IRI),
        (dataset, OWL.versionInfo, Literal(__version__)),
        (dataset, VOID.triples, Literal(stats.triples)),
        (dataset, VOID.uriSpace, Literal(iris.base_iri(base))),
        (dataset, PROV.wasGeneratedBy, activity),
        (dataset, DCAT.keyword, Literal("Europeiska socialfonden", lang="sv")),
        (dataset, DCAT.keyword, Literal("European Social Fund", lang="en")),
    ]
    out += [(dataset, VOID.vocabulary, vocabulary) for vocabulary in _VOCABULARIES]
    for key, (predicate, _namespace, target) in sorted(LINK_TARGETS.items()):
        if not stats.links[key]:
            continue
        linkset = URIRef(iris.dataset_part_iri("linkset", key, base))
        out += [(dataset, VOID.subset, linkset), (linkset, RDF.type, VOID.Linkset),
                (linkset, VOID.linkPredicate, predicate), (linkset, VOID.target, dataset),
                (linkset, VOID.target, target), (linkset, VOID.triples, Literal(stats.links[key]))]
    distribution = URIRef(iris.dataset_part_iri("distribution", "graph-nt", base))
    out += [(dataset, DCAT.distribution, distribution), (distribution, RDF.type, DCAT.Distribution),
            (distribution, DCTERMS.title, Literal("graph.nt")),
            (distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/application/n-triples"))]
    out += [(activity, RDF.type, PROV.Activity), (activity, RDFS.label, Literal("esfgraph build", lang="en")),
            (activity, PROV.wasAssociatedWith, agent),
            (agent, RDF.type, PROV.SoftwareAgent), (agent, RDFS.label, Literal(f"esfgraph {__version__}")),
            (agent, OWL.versionInfo, Literal(__version__))]
    tables = _reference_tables(base)
    out += tables + [(activity, PROV.used, s) for s, p, o in tables if p == RDF.type]
    if options.build_time:
        time = Literal(options.build_time, datatype=XSD.dateTime)
        out += [(dataset, DCTERMS.issued, time), (dataset, DCTERMS.modified, time),
                (activity, PROV.startedAtTime, time), (activity, PROV.endedAtTime, time)]
    return out


def describe_graph(nt_path: Path, options: RDFOptions, nq_path: Path | None = None,
                   stats: GraphStats | None = None) -> int:
    """Add the dataset description to a sorted ``graph.nt`` (and ``graph.nq``); return its triple count.

    Parameters
    ----------
    nt_path : Path
        The finished, sorted graph.
    options : RDFOptions
        Base IRI, licence and the build time.
    nq_path : Path, optional
        The sorted quads of a TriG build; the description goes to its default graph.
    stats : GraphStats, optional
        The statistics of ``nt_path`` as it is now, when already gathered; else it is read.

    Returns
    -------
    int
        Triples in ``graph.nt`` afterwards.
    """
    stats = stats if stats is not None else GraphStats(nt_path)
    lines = [nt_line(triple) for triple in description_triples(stats, options)]
    if nq_path is not None:
        merge_into(nq_path, lines)
    return merge_into(nt_path, lines, stats.triples)  # stats counted the file's lines


def without_time(lines) -> list[str]:
    """N-Triples lines without those that carry time (:data:`TIME_PREDICATES`), for comparisons."""
    marks = tuple(f" {nt_term(p)} " for p in TIME_PREDICATES)
    return [line for line in lines if not any(mark in line for mark in marks)]


def recorded_build_time(paths) -> str | None:
    """The one time a build records: ``SOURCE_DATE_EPOCH`` when set, else its newest input's mtime.

    Taken from the inputs, not the clock, so that building the same files twice gives the
    same bytes. Returns an ``xsd:dateTime`` in UTC (``2026-12-03T10:00:00Z``), or ``None``
    when there is nothing to take it from.

    Examples
    --------
    >>> import os
    >>> os.environ["SOURCE_DATE_EPOCH"] = "0"
    >>> recorded_build_time([])
    '1970-01-01T00:00:00Z'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds: float | None = None
    if epoch.isdigit():
        seconds = int(epoch)
    else:
        times = []
        for path in paths:
            try:
                times.append(Path(path).stat().st_mtime)
            except OSError:
                continue
        seconds = int(max(times)) if times else None
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_analysis_activity(store_dir: Path) -> int:
    """Give the analysis run in a store its provenance: software, input, time.

    ``esfgraph analyze`` states its run as a ``prov:Activity`` in the analysis named graph
    (level, method, seed); this adds what the dataset description asks for, taken from
    the description the store already holds: the build's software agent
    (``prov:wasAssociatedWith``), the dataset the analysis read (``prov:used``) and the
    build's recorded time (``prov:startedAtTime``, ``prov:endedAtTime``; left out when the
    build recorded none). Returns how many triples were added.
    """
    import pyoxigraph as ox

    from ..store import open_store
    from ..vocab import ANALYSIS_GRAPH

    # The analysis may leave its store object in a reference cycle; until the cyclic
    # collector frees it, it holds the store's lock and the store cannot be opened again.
    gc.collect()
    store = open_store(store_dir, read_only=False)
    try:
        described = list(store.query(f"""SELECT ?dataset ?agent ?time WHERE {{
            ?dataset a <{VOID.Dataset}> ; <{PROV.wasGeneratedBy}> ?build .
            ?build <{PROV.wasAssociatedWith}> ?agent .
            OPTIONAL {{ ?dataset <{DCTERMS.issued}> ?time }} }} LIMIT 1"""))
        runs = [s["run"] for s in store.query(
            f"SELECT ?run WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?run a <{PROV.Activity}> }} }}")]
        quads = []
        graph = ox.NamedNode(str(ANALYSIS_GRAPH))
        for run in runs if described else []:
            found = described[0]
            quads += [ox.Quad(run, ox.NamedNode(str(PROV.wasAssociatedWith)), found["agent"], graph),
                      ox.Quad(run, ox.NamedNode(str(PROV.used)), found["dataset"], graph)]
            if found["time"] is not None:
                quads += [ox.Quad(run, ox.NamedNode(str(PROV.startedAtTime)), found["time"], graph),
                          ox.Quad(run, ox.NamedNode(str(PROV.endedAtTime)), found["time"], graph)]
        store.extend(quads)
        store.flush()
    finally:
        del store
    return len(quads)
