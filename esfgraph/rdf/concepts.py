"""The SKOS concept schemes of ``ontology/vocab/``, for mapping page text to concepts.

Pages print regions, phases and programme areas in several spellings ("Småland & Öarna",
"Småland och Öarna"). The schemes list those spellings as ``skos:altLabel``; this module
reads the schemes once per process and matches text against every label, ignoring case,
accents and punctuation (:func:`esfgraph.iris.slug`). Only concepts that exist in a scheme
are ever returned, so the graph never points at an undeclared concept.

Examples
--------
>>> concept_index().match("region", "Småland & Öarna")
rdflib.term.URIRef('https://w3id.org/esfgraph/vocab/region/smaland-och-oarna')
>>> concept_index().programme_area("2007-2013", "Programområde 2 Ökat arbetskraftsutbud")
rdflib.term.URIRef('https://w3id.org/esfgraph/vocab/programme-area/2007-2013/2')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from ..iris import slug
from ..resources import ontology_dir
from ..vocab import AREA, ESFV, RDF, SKOS, area_concept, period_concept

__all__ = ["SCHEME_FILES", "ConceptIndex", "concept_index", "scheme_iri"]

#: Scheme name -> file in ``ontology/vocab/``.
SCHEME_FILES: dict[str, str] = {
    "role": "roles.ttl",
    "org-type": "org-types.ttl",
    "region": "regions.ttl",
    "period": "periods.ttl",
    "phase": "phases.ttl",
    "programme-area": "programme-areas.ttl",
}

_AREA_KEY = re.compile(r"^\s*(?:programomr[aå]de\s*)?([0-9]{1,2}|[A-Fa-f])(?![0-9A-Za-zåäöÅÄÖ])", re.IGNORECASE)


def scheme_iri(name: str) -> URIRef:
    """Return the IRI of a concept scheme by name (``"region"`` -> ``.../vocab/region``)."""
    return URIRef(str(ESFV) + name)


class ConceptIndex:
    """Every concept of the schemes with its labels, for lookups by text.

    Parameters
    ----------
    vocab_dir : Path
        The folder holding the scheme files (``ontology/vocab``).
    """

    def __init__(self, vocab_dir: Path):
        self.graph = Graph()
        for file_name in SCHEME_FILES.values():
            self.graph.parse(vocab_dir / file_name, format="turtle")
        self.concepts: dict[str, frozenset[URIRef]] = {}
        self._by_label: dict[str, dict[str, URIRef]] = {}
        for name in SCHEME_FILES:
            scheme = scheme_iri(name)
            members = {c for c in self.graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}
            # Grouping concepts (area:2007-2013) have narrower concepts; data uses the leaves.
            leaves = {c for c in members if (c, SKOS.narrower, None) not in self.graph}
            self.concepts[name] = frozenset(leaves)
            labels: dict[str, URIRef] = {}
            for concept in sorted(leaves):
                for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
                    for label in self.graph.objects(concept, predicate):
                        labels.setdefault(slug(str(label)), concept)
            self._by_label[name] = labels

    def __contains__(self, concept: URIRef) -> bool:
        return any(concept in members for members in self.concepts.values())

    def match(self, scheme: str, text: str | None) -> URIRef | None:
        """Return the concept of ``scheme`` whose label matches ``text``, or ``None``.

        Parameters
        ----------
        scheme : str
            A key of :data:`SCHEME_FILES`.
        text : str or None
            Text as printed, or a concept key (``smaland-och-oarna``).
        """
        if not text or not text.strip():
            return None
        key = slug(text)
        found = self._by_label[scheme].get(key)
        if found is not None:
            return found
        candidate = URIRef(str(ESFV) + f"{scheme}/{key}")
        return candidate if candidate in self.concepts[scheme] else None

    def period(self, text: str | None) -> URIRef | None:
        """Return the programme-period concept for ``"2014-2020"``, ``"2014–2020"``, ``"ESF+"``."""
        if not text:
            return None
        concept = period_concept(text)
        return concept if concept in self.concepts["period"] else self.match("period", text)

    def programme_area(self, period: URIRef | str | None, text: str | None) -> URIRef | None:
        """Return the programme-area concept for the area printed as ``text`` within ``period``.

        ``text`` may be the number or letter alone (``"2"``, ``"A"``) or the printed phrase
        (``"Programområde 2 Ökat arbetskraftsutbud"``). ``None`` when the period is unknown
        or the area is not in the scheme.
        """
        if not text or period is None:
            return None
        period_key = str(period).rsplit("/", 1)[-1]
        found = _AREA_KEY.match(text)
        if found:
            concept = area_concept(period_key, found.group(1))
            if concept in self.concepts["programme-area"]:
                return concept
        concept = self.match("programme-area", text)
        if concept is not None and str(concept).startswith(f"{AREA}{period_key}/"):
            return concept
        return None

    def is_letter_area(self, text: str | None) -> bool:
        """Return whether the printed area is a letter (A-F), as in the 2021-2027 programme."""
        found = _AREA_KEY.match(text or "")
        return bool(found and found.group(1).isalpha())

    def label(self, concept: URIRef, lang: str = "sv") -> str | None:
        """Return the preferred label of a concept in ``lang``."""
        for label in self.graph.objects(concept, SKOS.prefLabel):
            if getattr(label, "language", None) == lang:
                return str(label)
        return None

    def types(self) -> set[URIRef]:
        """Return the ``rdf:type`` objects used in the schemes (for ontology checks)."""
        return set(self.graph.objects(None, RDF.type))


@lru_cache(maxsize=4)
def _load(vocab_dir: str) -> ConceptIndex:
    return ConceptIndex(Path(vocab_dir))


def concept_index(vocab_dir: Path | None = None) -> ConceptIndex:
    """Return the (cached) index of the concept schemes in ``ontology/vocab``."""
    return _load(str(vocab_dir or ontology_dir() / "vocab"))
