"""Links out: Wikidata, organisation numbers and codes as identifiers, the EU's NUTS and country IRIs.

What the reference tables know about an organisation's identity becomes links that other
datasets share: ``owl:sameAs`` its Wikidata item, its organisation number as an
``adms:Identifier`` (``rov:registration``, the Registered Organization pattern), a
municipality's official code as an identifier with its scheme, a county's NUTS 3 region
and a country's IRI at the EU Publications Office. Identifier nodes have IRIs of their
own (:func:`esfgraph.iris.identifier_iri`), so the graph stays free of blank nodes.

Sources of the fixed tables here: NUTS 2021 codes of the Swedish counties (Eurostat,
https://ec.europa.eu/eurostat/web/nuts), ISO 3166-1 alpha-3 codes (the EU's country
authority table uses them: http://publications.europa.eu/resource/authority/country).

Examples
--------
>>> str(county_nuts("06"))
'http://data.europa.eu/nuts/code/SE211'
>>> str(eu_country("GB"))
'http://publications.europa.eu/resource/authority/country/GBR'
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import Literal, URIRef

from .. import iris
from ..vocab import ADMS, DCTERMS, EU_COUNTRY, NUTS, OWL, RDF, RDFS, ROV, SKOS, WIKIDATA

__all__ = [
    "COUNTY_NUTS3",
    "ALPHA3",
    "SCHEMES",
    "county_nuts",
    "eu_country",
    "wikidata_iri",
    "identifier_triples",
    "scheme_triples",
    "organisation_identity",
    "same_as",
]

#: County code -> NUTS 3 code (NUTS 2021; a Swedish county is one NUTS 3 region).
COUNTY_NUTS3: dict[str, str] = {
    "01": "SE110", "03": "SE121", "04": "SE122", "05": "SE123", "06": "SE211", "07": "SE212",
    "08": "SE213", "09": "SE214", "10": "SE221", "12": "SE224", "13": "SE231", "14": "SE232",
    "17": "SE311", "18": "SE124", "19": "SE125", "20": "SE312", "21": "SE313", "22": "SE321",
    "23": "SE322", "24": "SE331", "25": "SE332",
}

#: ISO 3166-1 alpha-2 -> alpha-3, for every country in ``data/reference/countries.csv``.
ALPHA3: dict[str, str] = {
    "AL": "ALB", "AT": "AUT", "BA": "BIH", "BE": "BEL", "BG": "BGR", "BY": "BLR", "CH": "CHE",
    "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DK": "DNK", "EE": "EST", "ES": "ESP", "FI": "FIN",
    "FR": "FRA", "GB": "GBR", "GR": "GRC", "HR": "HRV", "HU": "HUN", "IE": "IRL", "IS": "ISL",
    "IT": "ITA", "LI": "LIE", "LT": "LTU", "LU": "LUX", "LV": "LVA", "MD": "MDA", "ME": "MNE",
    "MK": "MKD", "MT": "MLT", "NL": "NLD", "NO": "NOR", "PL": "POL", "PT": "PRT", "RO": "ROU",
    "RS": "SRB", "RU": "RUS", "SE": "SWE", "SI": "SVN", "SK": "SVK", "TR": "TUR", "UA": "UKR",
}

#: Identifier scheme key -> (Swedish label, English label, agency that assigns the codes).
SCHEMES: dict[str, tuple[str, str, str]] = {
    "org-number": ("Organisationsnummer", "Swedish organisation number", "Bolagsverket / Statistiska centralbyrån"),
    "municipality-code": ("Kommunkod", "Swedish municipality code", "Statistiska centralbyrån"),
}

_QID = re.compile(r"^Q[1-9][0-9]*$")
# Terms written per organisation, taken once (rdflib makes a new term at each namespace attribute).
_REGISTRATION, _IDENTIFIER, _IDENTIFIER_CLASS = ROV.registration, ADMS.identifier, ADMS.Identifier
_TYPE, _NOTATION, _CONFORMS_TO, _SAME_AS = RDF.type, SKOS.notation, DCTERMS.conformsTo, OWL.sameAs


def county_nuts(code: str | None) -> URIRef | None:
    """The NUTS 3 region of a county (two-digit code), or ``None`` for an unknown code."""
    nuts = COUNTY_NUTS3.get(code or "")
    return NUTS[nuts] if nuts else None


def eu_country(iso2: str | None) -> URIRef | None:
    """The EU Publications Office IRI of a country (ISO 3166-1 alpha-2), or ``None``."""
    alpha3 = ALPHA3.get((iso2 or "").upper())
    return EU_COUNTRY[alpha3] if alpha3 else None


def wikidata_iri(qid: str | None) -> URIRef | None:
    """``Q123`` (or a Wikidata entity IRI ending in it) -> the entity IRI; ``None`` otherwise.

    Examples
    --------
    >>> str(wikidata_iri("https://www.wikidata.org/wiki/Q1003393"))
    'http://www.wikidata.org/entity/Q1003393'
    >>> wikidata_iri("n/a") is None
    True
    """
    tail = (qid or "").strip().rstrip("/").rsplit("/", 1)[-1]
    return WIKIDATA[tail] if _QID.match(tail) else None


def identifier_triples(node: URIRef, scheme: str, value: str, base: str | None,
                       registration: bool = False) -> list[tuple]:
    """The triples that give ``node`` an identifier ``value`` in ``scheme``.

    ``registration`` states it as the legal registration of an organisation
    (``rov:registration``, a subproperty of ``adms:identifier``); otherwise as a plain
    ``adms:identifier``.
    """
    identifier = URIRef(iris.identifier_iri(scheme, value, base))
    link = _REGISTRATION if registration else _IDENTIFIER
    return [
        (node, link, identifier),
        (identifier, _TYPE, _IDENTIFIER_CLASS),
        (identifier, _NOTATION, Literal(value)),
        (identifier, _CONFORMS_TO, URIRef(iris.identifier_scheme_iri(scheme, base))),
    ]


def scheme_triples(schemes, base: str | None) -> list[tuple]:
    """The description of the identifier schemes used (labels in Swedish and English, agency)."""
    out: list[tuple] = []
    for key in sorted(set(schemes)):
        swedish, english, agency = SCHEMES[key]
        node = URIRef(iris.identifier_scheme_iri(key, base))
        out += [
            (node, RDF.type, DCTERMS.Standard),
            (node, RDFS.label, Literal(swedish, lang="sv")),
            (node, RDFS.label, Literal(english, lang="en")),
            (node, ADMS.schemaAgency, Literal(agency)),
        ]
    return out


def organisation_identity(org, reference: Any) -> tuple[str | None, str | None]:
    """Return ``(Wikidata QID, organisation number)`` the reference tables know for ``org``.

    The organisation's key is its IRI's path after ``org/`` (``kommun-0665``,
    ``region-25``, ``lansstyrelsen-19``, ``arbetsformedlingen``), looked up with
    ``Reference.identifiers``. Units and offices have no identity of their own; a number
    the resolver found on the page is kept when the tables know none.
    """
    if reference is None or org.parent or not hasattr(reference, "identifiers"):
        return None, org.org_number
    number, wikidata = reference.identifiers(org.iri.split("/org/", 1)[-1])
    digits = re.sub(r"\D", "", number or "")
    return wikidata or None, (digits if len(digits) == 10 else None) or org.org_number


def same_as(node: URIRef, qid: str | None) -> list[tuple]:
    """``node owl:sameAs`` the Wikidata entity, when ``qid`` is one."""
    target = wikidata_iri(qid)
    return [(node, _SAME_AS, target)] if target is not None else []
