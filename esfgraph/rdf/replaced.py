"""``dcterms:isReplacedBy`` triples for IRIs that a build no longer uses.

Examples
--------
>>> [str(t[1]) for t in replaced_by_triples({"https://e.org/old": "https://e.org/new"})]
['http://purl.org/dc/terms/isReplacedBy']
"""

from __future__ import annotations

from rdflib import URIRef

from ..vocab import DCTERMS

__all__ = ["replaced_by_triples"]


def replaced_by_triples(mapping: dict[str, str]) -> list:
    """``old dcterms:isReplacedBy new`` for each pair of ``mapping`` (old IRI -> new IRI), sorted."""
    return [(URIRef(old), DCTERMS.isReplacedBy, URIRef(new)) for old, new in sorted(mapping.items()) if old != new]
