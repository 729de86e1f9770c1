"""Options for the RDF stage and the description of the files it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["RDFOptions", "GraphFiles", "DEFAULT_TURTLE_LIMIT"]

#: Above this many triples (about 30,000 pages) ``graph.ttl`` is not written: a Turtle file
#: of hundreds of megabytes is no longer something to open and read, and every tool loads
#: ``graph.nt`` faster. Writing it would cost little (Oxigraph streams it, about 3 s per
#: million triples, flat memory); ``graph.nt`` is always written.
DEFAULT_TURTLE_LIMIT = 2_000_000


@dataclass
class RDFOptions:
    """How records become triples.

    Parameters
    ----------
    base : str, optional
        Base of all instance IRIs (default :data:`esfgraph.iris.DEFAULT_BASE`). Project and
        organisation IRIs come from the resolver, which must use the same base.
    include_contacts : bool
        Write the contact person's name, e-mail and phone (personal data; off by default).
    reference : object, optional
        Where place names come from: an :class:`esfgraph.resolve.Reference`, or a plain
        mapping ``{"municipalities": {code: (name, county_code)}, "counties": {code: name}}``.
        ``write_graph`` loads the shipped reference tables when this is ``None``.
    turtle_limit : int
        Largest graph (in triples) for which ``graph.ttl`` / ``graph.trig`` is written.
    build_time : str, optional
        The one time a build records (``xsd:dateTime``, e.g. ``2026-12-03T10:00:00Z``), for
        the dataset description's time triples; left out when ``None``.
    license : str, optional
        The licence IRI of the dataset (default CC BY 4.0).
    describe : bool
        Write the dataset description (VoID, DCAT, PROV) into the graph.
    registry_from, registry_to : Path, optional
        The IRI registry of the previous build (``iris.csv``) and where to write this
        build's (:mod:`esfgraph.rdf.registry`); IRIs that moved get ``dcterms:isReplacedBy``.
    """

    base: str | None = None
    include_contacts: bool = False
    reference: Any = None
    turtle_limit: int = DEFAULT_TURTLE_LIMIT
    build_time: str | None = None
    license: str | None = None
    describe: bool = True
    registry_from: Path | None = None
    registry_to: Path | None = None


@dataclass
class GraphFiles:
    """What :func:`esfgraph.rdf.write_graph` wrote.

    Attributes
    ----------
    nt : Path
        ``graph.nt``: every triple, one per line, sorted, no duplicates. Always written.
    ttl : Path or None
        ``graph.ttl`` (Turtle), when the graph has at most ``turtle_limit`` triples.
    trig : Path or None
        ``graph.trig`` (one named graph per source page), with ``fmt="trig"`` and small graphs.
    nq : Path or None
        ``graph.nq``: the named graphs as sorted N-Quads, always written with ``fmt="trig"``.
    triples : int
        Number of distinct triples in ``graph.nt``.
    projects, organisations, pages : int
        Distinct projects, organisations and source pages written.
    skipped : str or None
        Why ``graph.ttl``/``graph.trig`` was not written, in plain words; ``None`` when it was.
    """

    nt: Path
    ttl: Path | None = None
    trig: Path | None = None
    nq: Path | None = None
    triples: int = 0
    projects: int = 0
    organisations: int = 0
    pages: int = 0
    skipped: str | None = None

    @property
    def triple_count(self) -> int:
        """Same as :attr:`triples`."""
        return self.triples

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-able summary (paths as strings)."""
        return {
            "nt": str(self.nt),
            "ttl": str(self.ttl) if self.ttl else None,
            "trig": str(self.trig) if self.trig else None,
            "nq": str(self.nq) if self.nq else None,
            "triples": self.triples,
            "projects": self.projects,
            "organisations": self.organisations,
            "pages": self.pages,
            "skipped": self.skipped,
        }
