"""Triples describing organisations: type, label, parent, place, organisation number, links.

An office or unit (an :class:`~esfgraph.model.Organisation` with a ``parent``) is an
``org:OrganizationalUnit`` that ``org:unitOf`` its parent, and also an ``org:Organization``
(W3C ORG's own axiom, stated in the data so that a query or a SHACL engine without
inference finds it); anything else is an ``org:Organization``. Names are tagged ``@sv``
except those of foreign organisations, whose language the page does not tell. What the
reference tables know of an organisation's identity becomes links
(:mod:`esfgraph.rdf.links`): ``owl:sameAs`` Wikidata, the organisation number as a
registration identifier. A municipal or regional government ``esf:governs`` its place; other
organisations with a municipality are ``esf:locatedIn`` it. The places themselves are
described by :mod:`esfgraph.rdf.places`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Mapping

from rdflib import Literal, URIRef

from .. import iris
from ..model import ORG_TYPES, Organisation
from ..vocab import ESF, ORG, RDF, RDFS, org_type_concept
from .links import identifier_triples, organisation_identity, same_as
from .options import RDFOptions

__all__ = ["organisation_triples", "merge_organisation_list", "organisation_places"]

# rdflib makes a new term at each attribute of a namespace: the terms written per
# organisation are taken once.
_TYPE, _ORGANIZATION, _UNIT, _UNIT_OF, _LABEL = RDF.type, ORG.Organization, ORG.OrganizationalUnit, ORG.unitOf, RDFS.label
_ORG_TYPE, _NUMBER, _GOVERNS, _LOCATED_IN, _COUNTRY = (
    ESF.orgType, ESF.organisationNumber, ESF.governs, ESF.locatedIn, ESF.country)
_org_type = lru_cache(maxsize=None)(org_type_concept)

#: Organisation types that govern their place rather than merely sit in it.
_GOVERNING = {"municipality": "municipality", "region": "county"}


def merge_organisation_list(organisations: Iterable[Organisation]) -> dict[str, Organisation]:
    """Merge organisations by IRI: the first one seen wins, later ones fill its gaps.

    Used when the resolver's ``merge_organisations`` is not available. Pass organisations
    in a stable order (records sorted by source) for a stable result.
    """
    merged: dict[str, Organisation] = {}
    for org in organisations:
        known = merged.get(org.iri)
        if known is None:
            merged[org.iri] = Organisation(**org.to_dict())
            continue
        for name, value in org.to_dict().items():
            if getattr(known, name) in (None, "", "unknown") and value not in (None, ""):
                setattr(known, name, value)
    return merged


def organisation_places(organisations: Iterable[Organisation]) -> tuple[set[str], set[str], set[str]]:
    """Return the municipality codes, county codes and country codes organisations point to."""
    municipalities: set[str] = set()
    counties: set[str] = set()
    countries: set[str] = set()
    for org in organisations:
        if org.municipality_code:
            municipalities.add(org.municipality_code)
        elif org.county_code and org.type in ("region", "regional_unit", "county_board"):
            counties.add(org.county_code)
        if org.country:
            countries.add(org.country.upper())
    return municipalities, counties, countries


def organisation_triples(
    orgs: Iterable[Organisation] | Mapping[str, Organisation], options: RDFOptions | None = None,
    reference: Any = None,
) -> list[tuple]:
    """Return the triples describing canonical organisations.

    Parameters
    ----------
    orgs : iterable of Organisation, or mapping IRI -> Organisation
        The organisations the mentions resolved to, including parents (merged, one per IRI).
    options : RDFOptions, optional
        The base for place IRIs.
    reference : Reference, optional
        The resolver's reference tables, for Wikidata links and organisation numbers
        (default: ``options.reference``).

    Returns
    -------
    list of tuple
        Triples in IRI order.

    Examples
    --------
    >>> from esfgraph.model import Organisation
    >>> office = Organisation(iri="https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping",
    ...     label="Arbetsförmedlingen Jönköping", type="agency_office",
    ...     parent="https://w3id.org/esfgraph/id/org/arbetsformedlingen", municipality_code="0680")
    >>> [str(o) for s, p, o in organisation_triples([office]) if p == RDF.type]
    ['http://www.w3.org/ns/org#Organization', 'http://www.w3.org/ns/org#OrganizationalUnit']
    """
    options = options or RDFOptions()
    reference = reference if reference is not None else options.reference
    values = orgs.values() if isinstance(orgs, Mapping) else orgs
    out: list[tuple] = []
    for org in sorted(values, key=lambda o: o.iri):
        node = URIRef(org.iri)
        org_type = org.type if org.type in ORG_TYPES else "unknown"
        out.append((node, _TYPE, _ORGANIZATION))
        if org.parent:
            out += [(node, _TYPE, _UNIT), (node, _UNIT_OF, URIRef(org.parent))]
        label = Literal(org.label) if org_type == "foreign" else Literal(org.label, lang="sv")
        out += [(node, _LABEL, label), (node, _ORG_TYPE, _org_type(org_type))]
        wikidata, org_number = organisation_identity(org, reference)
        out += same_as(node, wikidata)
        if org_number:
            out.append((node, _NUMBER, Literal(org_number)))
            out += identifier_triples(node, "org-number", org_number, options.base, registration=True)
        governs = _GOVERNING.get(org_type)
        if governs == "municipality" and org.municipality_code:
            out.append((node, _GOVERNS, URIRef(iris.municipality_iri(org.municipality_code, options.base))))
        elif governs == "county" and org.county_code:
            out.append((node, _GOVERNS, URIRef(iris.county_iri(org.county_code, options.base))))
        elif org.municipality_code:
            out.append((node, _LOCATED_IN, URIRef(iris.municipality_iri(org.municipality_code, options.base))))
        elif org.county_code and org_type in ("regional_unit", "county_board"):
            out.append((node, _LOCATED_IN, URIRef(iris.county_iri(org.county_code, options.base))))
        if org.country:
            out.append((node, _COUNTRY, URIRef(iris.country_iri(org.country, options.base))))
    return out
