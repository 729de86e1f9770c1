"""Triples describing places: municipalities (code, county), counties and countries.

A municipality as a place (``esf:Municipality``, official four-digit code) is a different
resource from the municipal government (an ``org:Organization`` that ``esf:governs`` it).
Names come from the resolver's reference tables (:class:`esfgraph.resolve.Reference`) or
from a plain mapping; a place whose name is unknown still gets its code, so that the
graph never loses a place the page listed.

Places are typed ``schema:AdministrativeArea`` besides their own class (the ontology's
axiom, stated in the data for queries and SHACL engines without inference) and named in
Swedish (``@sv``; countries in Swedish and English). They link out
(:mod:`esfgraph.rdf.links`): a municipality's code is an ``adms:Identifier`` in the
municipality-code scheme, a county is its NUTS 3 region and ``owl:sameAs`` its Wikidata
item, a country ``owl:sameAs`` the EU's country IRI.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from rdflib import Literal, URIRef

from .. import iris
from ..vocab import ESF, OWL, RDF, RDFS, SDO
from .links import county_nuts, eu_country, identifier_triples, wikidata_iri
from .options import RDFOptions

__all__ = ["place_triples", "PlaceNames", "place_names", "COUNTRY_NAMES"]

#: Swedish and English names of the countries ESF projects cooperate with most (ISO 3166-1).
COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    "AT": ("Österrike", "Austria"), "BE": ("Belgien", "Belgium"), "BG": ("Bulgarien", "Bulgaria"),
    "CH": ("Schweiz", "Switzerland"), "CY": ("Cypern", "Cyprus"), "CZ": ("Tjeckien", "Czechia"),
    "DE": ("Tyskland", "Germany"), "DK": ("Danmark", "Denmark"), "EE": ("Estland", "Estonia"),
    "ES": ("Spanien", "Spain"), "FI": ("Finland", "Finland"), "FR": ("Frankrike", "France"),
    "GB": ("Storbritannien", "United Kingdom"), "GR": ("Grekland", "Greece"),
    "HR": ("Kroatien", "Croatia"), "HU": ("Ungern", "Hungary"), "IE": ("Irland", "Ireland"),
    "IS": ("Island", "Iceland"), "IT": ("Italien", "Italy"), "LI": ("Liechtenstein", "Liechtenstein"),
    "LT": ("Litauen", "Lithuania"), "LU": ("Luxemburg", "Luxembourg"), "LV": ("Lettland", "Latvia"),
    "MT": ("Malta", "Malta"), "NL": ("Nederländerna", "Netherlands"), "NO": ("Norge", "Norway"),
    "PL": ("Polen", "Poland"), "PT": ("Portugal", "Portugal"), "RO": ("Rumänien", "Romania"),
    "SE": ("Sverige", "Sweden"), "SI": ("Slovenien", "Slovenia"), "SK": ("Slovakien", "Slovakia"),
    "UA": ("Ukraina", "Ukraine"),
}


class PlaceNames:
    """Names of municipalities, counties and countries, however the reference provides them.

    Parameters
    ----------
    municipalities : mapping
        Code -> ``(name, county_code)``.
    counties : mapping
        Code -> name.
    countries : mapping
        ISO code -> ``(Swedish name, English name)``.
    wikidata : mapping
        ``("municipality" | "county", code)`` -> Wikidata QID of the place.
    """

    def __init__(
        self,
        municipalities: Mapping[str, tuple[str | None, str | None]] | None = None,
        counties: Mapping[str, str] | None = None,
        countries: Mapping[str, tuple[str, str]] | None = None,
        wikidata: Mapping[tuple[str, str], str] | None = None,
    ):
        self.municipalities = dict(municipalities or {})
        self.counties = dict(counties or {})
        self.wikidata = dict(wikidata or {})
        self.countries = dict(COUNTRY_NAMES)
        self.countries.update(countries or {})


def _field(entry: Any, *names: str) -> Any:
    """Read the first present attribute or key of ``entry`` among ``names``."""
    for name in names:
        if isinstance(entry, Mapping) and entry.get(name) is not None:
            return entry[name]
        if getattr(entry, name, None) is not None:
            return getattr(entry, name)
    return None


def _municipality_entry(code: str, entry: Any) -> tuple[str | None, str | None]:
    if isinstance(entry, str):
        return entry, code[:2]
    if isinstance(entry, (tuple, list)):
        name = entry[0] if entry else None
        county = entry[1] if len(entry) > 1 else code[:2]
        return name, county
    name = _field(entry, "name", "label", "municipality")
    county = _field(entry, "county_code", "county", "lan_code")
    return name, str(county) if county is not None else code[:2]


def _county_entry(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, (tuple, list)):
        return entry[0] if entry else None
    return _field(entry, "name", "label", "county")


def place_names(reference: Any) -> PlaceNames:
    """Return :class:`PlaceNames` from a resolver ``Reference``, a mapping, or ``None``.

    Accepted: an object or mapping with ``municipalities`` (code -> name, ``(name,
    county_code)``, a dict or an object with ``name``/``county_code``) and ``counties``
    (code -> name or object with ``name``); optionally ``countries`` (ISO -> ``(sv, en)``).
    """
    if reference is None:
        return PlaceNames()
    if isinstance(reference, PlaceNames):
        return reference
    municipalities = _field(reference, "municipalities") or {}
    counties = _field(reference, "counties") or {}
    countries = _field(reference, "countries") or {}
    if not isinstance(municipalities, Mapping):  # a list of entries with a code
        municipalities = {str(_field(m, "code")): m for m in municipalities}
    if not isinstance(counties, Mapping):
        counties = {str(_field(c, "code")): c for c in counties}
    wikidata = {("municipality", code): _field(entry, "wikidata") for code, entry in municipalities.items()}
    wikidata.update({("county", code): _field(entry, "county_wikidata") for code, entry in counties.items()})
    return PlaceNames(
        {code: _municipality_entry(code, entry) for code, entry in municipalities.items()},
        {code: _county_entry(entry) for code, entry in counties.items()},
        _country_names(countries),
        {key: value for key, value in wikidata.items() if isinstance(value, str) and value},
    )


def _country_names(countries: Any) -> dict[str, tuple[str, str]]:
    """ISO code -> (Swedish, English) from tuples, dicts or objects with ``name_sv``/``name_en``."""
    if not isinstance(countries, Mapping):
        countries = {str(_field(c, "iso2", "code")): c for c in countries}
    out: dict[str, tuple[str, str]] = {}
    for code, entry in countries.items():
        if isinstance(entry, (tuple, list)) and len(entry) >= 2:
            out[code.upper()] = (entry[0], entry[1])
        else:
            swedish, english = _field(entry, "name_sv", "sv"), _field(entry, "name_en", "en")
            if swedish and english:
                out[code.upper()] = (swedish, english)
    return out


def place_triples(
    reference: Any,
    municipality_codes: Iterable[str],
    country_codes: Iterable[str] = (),
    options: RDFOptions | None = None,
    county_codes: Iterable[str] = (),
) -> list[tuple]:
    """Return the triples describing the given municipalities, their counties and countries.

    Parameters
    ----------
    reference : Reference, mapping or None
        Place names (see :func:`place_names`).
    municipality_codes : iterable of str
        Four-digit codes; each gets ``esf:municipalityCode``, a label when known, and
        ``esf:county``; the county is described too.
    country_codes : iterable of str
        ISO 3166-1 alpha-2 codes.
    options : RDFOptions, optional
        The base for IRIs.
    county_codes : iterable of str
        Counties to describe besides those of the municipalities (regions govern counties).

    Returns
    -------
    list of tuple
        Triples in code order.

    Examples
    --------
    >>> names = {"municipalities": {"0665": ("Vaggeryd", "06")}, "counties": {"06": "Jönköpings län"}}
    >>> triples = place_triples(names, ["0665"], ["IT"])
    >>> sorted(str(o) for s, p, o in triples if p == RDFS.label)
    ['Italien', 'Italy', 'Jönköpings län', 'Vaggeryd']
    >>> sorted(str(o) for s, p, o in triples if p == ESF.nutsRegion)
    ['http://data.europa.eu/nuts/code/SE211']
    """
    options = options or RDFOptions()
    names = place_names(reference)
    out: list[tuple] = []
    counties = set(county_codes)
    for code in sorted(set(municipality_codes)):
        node = URIRef(iris.municipality_iri(code, options.base))
        name, county = names.municipalities.get(code, (None, code[:2]))
        out += [(node, RDF.type, ESF.Municipality), (node, RDF.type, SDO.AdministrativeArea),
                (node, ESF.municipalityCode, Literal(code))]
        out += identifier_triples(node, "municipality-code", code, options.base)
        if name:
            out.append((node, RDFS.label, Literal(name, lang="sv")))
        wikidata = wikidata_iri(names.wikidata.get(("municipality", code)))
        if wikidata is not None:  # the item is also the municipal government's: not owl:sameAs
            out.append((node, SDO.sameAs, wikidata))
        if county:
            counties.add(county)
            out.append((node, ESF.county, URIRef(iris.county_iri(county, options.base))))
    for code in sorted(counties):
        node = URIRef(iris.county_iri(code, options.base))
        out += [(node, RDF.type, ESF.County), (node, RDF.type, SDO.AdministrativeArea),
                (node, ESF.countyCode, Literal(code))]
        if names.counties.get(code):
            out.append((node, RDFS.label, Literal(names.counties[code], lang="sv")))
        if county_nuts(code) is not None:
            out.append((node, ESF.nutsRegion, county_nuts(code)))
        wikidata = wikidata_iri(names.wikidata.get(("county", code)))
        if wikidata is not None:
            out.append((node, OWL.sameAs, wikidata))
    for code in sorted({c.upper() for c in country_codes}):
        node = URIRef(iris.country_iri(code, options.base))
        out += [(node, RDF.type, ESF.Country), (node, ESF.isoCode, Literal(code))]
        if eu_country(code) is not None:
            out.append((node, OWL.sameAs, eu_country(code)))
        if code in names.countries:
            swedish, english = names.countries[code]
            out += [(node, RDFS.label, Literal(swedish, lang="sv")), (node, RDFS.label, Literal(english, lang="en"))]
    return out
