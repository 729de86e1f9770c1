"""A resource's triples, for ``/id/…`` pages and their Turtle, JSON-LD and N-Triples forms.

Examples
--------
>>> negotiate("text/turtle;q=1, text/html;q=0.5")
'text/turtle'
>>> negotiate("*/*")
'text/html'
"""

from __future__ import annotations

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from ..vocab import PREFIXES

__all__ = ["RDF_TYPES", "negotiate", "triples_of", "incoming", "serialise", "short"]

#: Media types a resource is served in, besides HTML.
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
_FORMAT_NAMES = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                 "json-ld": "application/ld+json", "nt": "application/n-triples", "html": "text/html"}


def negotiate(accept: str | None, format_name: str | None = None) -> str | None:
    """The media type to answer with: ``format=`` wins, else the ``Accept`` header; ``None``
    when nothing acceptable is offered."""
    if format_name:
        return _FORMAT_NAMES.get(format_name.lower())
    offered = ["text/html", *RDF_TYPES, "application/xhtml+xml"]
    best = parse_accept_header(accept or "*/*", MIMEAccept).best_match(offered)
    return "text/html" if best == "application/xhtml+xml" else best


def triples_of(store, iri: str) -> list[ox.Triple]:
    """The triples whose subject is ``iri``, in every graph of the store, sorted."""
    found = {ox.Triple(q.subject, q.predicate, q.object)
             for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, None)}
    return sorted(found, key=lambda t: (str(t.predicate), str(t.object)))


def incoming(store, iri: str, limit: int = 200) -> list[ox.Triple]:
    """Up to ``limit`` triples whose object is ``iri`` (links to the resource)."""
    found = []
    for quad in store.quads_for_pattern(None, None, ox.NamedNode(iri), None):
        found.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        if len(found) >= limit:
            break
    return sorted(set(found), key=lambda t: (str(t.predicate), str(t.subject)))


def serialise(triples: list[ox.Triple], media_type: str) -> bytes:
    """The triples in ``media_type`` (one of :data:`RDF_TYPES`)."""
    rdf_format = RDF_TYPES[media_type]
    if rdf_format != ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format)
    text = ox.serialize(triples, format=rdf_format, prefixes={k: str(v) for k, v in PREFIXES.items()})
    # The prefix lines come in hash order: sort them, so the same resource gives the same bytes.
    lines = text.split(b"\n")
    cut = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
    return b"\n".join(sorted(lines[:cut]) + lines[cut:])


def short(iri: str) -> str:
    """A prefixed name for a known namespace, else the IRI.

    Examples
    --------
    >>> short("http://purl.org/dc/terms/title")
    'dcterms:title'
    """
    for prefix, namespace in PREFIXES.items():
        namespace = str(namespace)
        if iri.startswith(namespace) and "/" not in iri[len(namespace):] and "#" not in iri[len(namespace):]:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
