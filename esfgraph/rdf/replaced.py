"""Retired organisation IRIs: ``old dcterms:isReplacedBy new``.

When the corpus shows that two keys name one organisation (an organisation number on an
ESF+ page, the same name on an older page; :mod:`esfgraph.resolve.linking`), one key
survives and the other is retired. The graph keeps one triple per retired IRI, so that a
link to the old IRI (a bookmark, another dataset, an earlier build) still leads to the
organisation. ``dcterms:isReplacedBy`` says exactly that, where ``owl:sameAs`` would ask a
reasoner to merge two descriptions that the graph no longer has.

Examples
--------
>>> replaced_nt_lines({"https://w3id.org/esfgraph/id/org/orgnr-8024948773":
...                    "https://w3id.org/esfgraph/id/org/name/foreningen-hoppet"})
['<https://w3id.org/esfgraph/id/org/orgnr-8024948773> <http://purl.org/dc/terms/isReplacedBy> <https://w3id.org/esfgraph/id/org/name/foreningen-hoppet> .']
"""

from __future__ import annotations

from typing import Mapping

from rdflib import URIRef

from ..vocab import DCTERMS
from .ntriples import Triple, nt_line

__all__ = ["replaced_triples", "replaced_nt_lines"]


def replaced_triples(replaced: Mapping[str, str]) -> list[Triple]:
    """Return ``(old, dcterms:isReplacedBy, new)`` per retired IRI, sorted by old IRI.

    Parameters
    ----------
    replaced : mapping of str to str
        Old IRI -> the IRI that replaces it (:attr:`esfgraph.resolve.linking.Linking.replaced`).
        An IRI mapped to itself is no change and gives no triple.
    """
    return [(URIRef(old), DCTERMS.isReplacedBy, URIRef(new))
            for old, new in sorted(replaced.items()) if old != new]


def replaced_nt_lines(replaced: Mapping[str, str]) -> list[str]:
    """Return :func:`replaced_triples` as N-Triples lines (without newlines)."""
    return [nt_line(triple) for triple in replaced_triples(replaced)]
