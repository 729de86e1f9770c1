"""Triples for one project page: the project, its participations and its source page.

:func:`record_nt_lines` is pure (one record and its resolution in, N-Triples lines out),
so it runs in worker processes and its output can be sorted and merged as text. It spells
every term directly as N-Triples text (:func:`~esfgraph.rdf.ntriples.iri_text`,
:func:`~esfgraph.rdf.ntriples.literal_text`): creating an rdflib term per triple cost
more than all the rest. :func:`record_triples` gives the same triples as rdflib terms
(parsed from those lines), for callers that want a graph. Organisations and places are
shared between pages; they come from :mod:`esfgraph.rdf.organisations` and
:mod:`esfgraph.rdf.places`, once per graph.

The title is tagged ``@sv`` (the project bank is Swedish). Amounts are written twice: as
plain integers (``esf:esfGrantSEK``) for simple queries, and as ``schema:MonetaryAmount``
nodes with currency ``SEK`` (``esf:esfGrant``) so that they compare with CORDIS and
Kohesio. The ESF region links to its NUTS 2 region (``esf:nutsRegion``), as does a
printed NUTS code.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Iterator
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import URIRef

from .. import iris
from ..model import Mention, ProjectRecord, RecordResolution
from ..vocab import DCTERMS, ESF, NUTS, ORG, PROV, RDF, SDO, SKOS, XSD, role_concept
from .concepts import concept_index
from .ntriples import iri_text, literal_text, rdflib_term
from .options import RDFOptions

__all__ = [
    "record_triples",
    "record_nt_lines",
    "project_iri_of",
    "source_iri_of",
    "programme_period",
    "SHORTCUTS",
]

#: Role key -> the shortcut property stated beside the participation node.
SHORTCUTS: dict[str, URIRef] = {
    "owner": ESF.owner,
    "co_financier": ESF.coFinancier,
    "partner": ESF.partner,
    "transnational_partner": ESF.transnationalPartner,
    "mentioned": ESF.mentions,
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")
_FORMAT_PERIOD = {"esf-2007": "2007-2013", "esf-2014": "2014-2020", "esf-2021": "2021-2027"}


def project_iri_of(record: ProjectRecord, resolution: RecordResolution | None, options: RDFOptions) -> URIRef:
    """Return the project IRI: the resolver's when there is a resolution, else from the record."""
    if resolution is not None and resolution.project:
        return URIRef(resolution.project)
    return URIRef(iris.project_iri(record, options.base))


def source_iri_of(record: ProjectRecord, options: RDFOptions) -> URIRef:
    """Return the IRI of the page a record came from, keyed by the SHA-256 of its bytes.

    A record without ``sha256`` (built by hand, not read from a file) is keyed by the
    SHA-256 of its source path instead, so the IRI is still stable.
    """
    digest = record.sha256 or hashlib.sha256(record.source.encode("utf-8")).hexdigest()
    return URIRef(iris.source_iri(digest, options.base))


def programme_period(record: ProjectRecord) -> URIRef | None:
    """Return the programme-period concept of a record, or ``None`` when nothing tells.

    In order: the period printed on the page; ESF+ named as the fund; a programme area
    printed as a letter (only 2021-2027 uses letters); the page format, unless the project
    starts before that format's period; the start year.
    """
    index = concept_index()
    printed = index.period(record.programme_period)
    if printed is not None:
        return printed
    if record.fund and "+" in record.fund:
        return index.period("2021-2027")
    if index.is_letter_area(record.programme_area):
        return index.period("2021-2027")
    year = _year(record.period_start)
    # The newer site shows older projects in its own layout too: a layout's period holds
    # only when the project does not start before that period did.
    if record.format in _FORMAT_PERIOD and (year is None or year >= int(_FORMAT_PERIOD[record.format][:4])):
        return index.period(_FORMAT_PERIOD[record.format])
    if year is None:
        return None
    if year <= 2013:
        return index.period("2007-2013")
    return index.period("2014-2020" if year <= 2021 else "2021-2027")


def _year(date: str | None) -> int | None:
    if date and _ISO_DATE.match(date):
        return int(date[:4])
    return None


_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)
_XSD_DATE = str(XSD.date)


@lru_cache(maxsize=None)
def _term(iri: URIRef | str) -> str:
    """The N-Triples spelling of a fixed IRI (predicates, classes, concepts): computed once."""
    return iri_text(str(iri))


_TYPE, _PROJECT = _term(RDF.type), _term(ESF.Project)
_PARTICIPATION, _SOURCE_PAGE = _term(ESF.Participation), _term(ESF.SourcePage)
_DERIVED = _term(PROV.wasDerivedFrom)
_HAS_PARTICIPATION, _OF_PROJECT = _term(ESF.participation), _term(ESF.project)
_ORGANISATION, _ROLE = _term(ESF.organisation), _term(ORG.role)
_METHOD, _CONFIDENCE, _POSITION, _PRINTED = (
    _term(ESF.resolutionMethod), _term(ESF.confidence), _term(ESF.listPosition), _term(ESF.printedName))
_SHORTCUT_TERMS = {role: _term(predicate) for role, predicate in SHORTCUTS.items()}
#: Record field -> predicate, for the plain strings of a project, in output order.
_TITLE = _term(DCTERMS.title)
_STRING_FIELDS = tuple((name, _term(predicate)) for name, predicate in (
    ("project_number", ESF.projectNumber),
    ("diary_number", ESF.diaryNumber),
    ("call_number", ESF.callNumber),
    ("specific_objective", ESF.specificObjective),
    ("intervention_type", ESF.interventionType),
    ("fund", ESF.fund),
    ("nuts2", ESF.nuts2),
    ("transnational_text", ESF.transnationalText),
))
_AMOUNTS = tuple((name, _term(predicate)) for name, predicate in (
    ("esf_grant_sek", ESF.esfGrantSEK), ("total_budget_sek", ESF.totalBudgetSEK),
    ("planned_participants", ESF.plannedParticipants)))
#: Record field -> (object property to the amount node, the node's IRI key).
_MONEY = (("esf_grant_sek", _term(ESF.esfGrant), "esf-grant"), ("total_budget_sek", _term(ESF.totalBudget), "total-budget"))
_MONETARY_AMOUNT, _VALUE, _CURRENCY = _term(SDO.MonetaryAmount), _term(SDO.value), _term(SDO.currency)
_SEK = literal_text("SEK")
_NUTS_REGION = _term(ESF.nutsRegion)
_NUTS_CODE = re.compile(r"\b(SE[0-9]{1,3})\b")


@lru_cache(maxsize=None)
def _region_nuts(region: URIRef | None) -> str | None:
    """The NUTS 2 region of an ESF region concept (its ``skos:closeMatch`` in regions.ttl)."""
    if region is None:
        return None
    for match in concept_index().graph.objects(region, SKOS.closeMatch):
        if str(match).startswith(str(NUTS)):
            return _term(match)
    return None


def _money(project_iri: str, project: str, record: ProjectRecord) -> list[str]:
    """The amount nodes of a project: value and currency (SEK), beside the plain integers."""
    lines: list[str] = []
    for name, predicate, key in _MONEY:
        amount = getattr(record, name)
        if amount is None:
            continue
        node = iri_text(iris.amount_iri(project_iri, key))
        lines += [f"{project} {predicate} {node} .", f"{node} {_TYPE} {_MONETARY_AMOUNT} .",
                  f"{node} {_VALUE} {literal_text(str(int(amount)), _XSD_INTEGER)} .",
                  f"{node} {_CURRENCY} {_SEK} ."]
    return lines


def _rate(text: str | None) -> str | None:
    """``"50%"`` -> ``"0.5"^^xsd:decimal``; ``None`` when not a percentage."""
    found = _PERCENT.match(text or "")
    if not found:
        return None
    try:
        value = Decimal(found.group(1).replace(",", ".")) / 100
    except InvalidOperation:
        return None
    return literal_text(format(value.normalize(), "f"), _XSD_DECIMAL)


def _string(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return literal_text(text) if text else None


def _url(url: str) -> str:
    """An IRI for a page URL, with characters that IRIs may not hold percent-encoded."""
    return iri_text(quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._"))


def _concept(concept: URIRef | None) -> str | None:
    return _term(concept) if concept is not None else None


def _participations(project: str, project_term: str, source: str, mentions: list[Mention]) -> list[str]:
    """The participation nodes and shortcuts for a record's mentions, as N-Triples lines.

    One node per (role, organisation): a name printed twice in one list, or two names
    that resolve to the same organisation, make one participation with both printed names,
    the first list position and the highest confidence.
    """
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        groups.setdefault((mention.role, mention.canonical), []).append(mention)
    lines: list[str] = []
    for (role, canonical), group in sorted(groups.items()):
        group.sort(key=lambda m: (m.position, m.raw))
        organisation = iri_text(canonical)
        node = iri_text(iris.participation_iri(project, role, canonical))
        first = group[0]
        confidence = literal_text(f"{max(m.confidence for m in group):.2f}", _XSD_DECIMAL)
        lines += [
            f"{project_term} {_HAS_PARTICIPATION} {node} .",
            f"{node} {_TYPE} {_PARTICIPATION} .",
            f"{node} {_OF_PROJECT} {project_term} .",
            f"{node} {_ORGANISATION} {organisation} .",
            f"{node} {_ROLE} {_term(role_concept(role))} .",
            f"{node} {_METHOD} {literal_text(first.method)} .",
            f"{node} {_CONFIDENCE} {confidence} .",
            f"{node} {_POSITION} {literal_text(str(int(first.position)), _XSD_INTEGER)} .",
            f"{node} {_DERIVED} {source} .",
        ]
        for raw in sorted({m.raw for m in group}):
            lines.append(f"{node} {_PRINTED} {literal_text(raw)} .")
        if role in _SHORTCUT_TERMS:
            lines.append(f"{project_term} {_SHORTCUT_TERMS[role]} {organisation} .")
    return lines


def record_nt_lines(
    record: ProjectRecord,
    resolution: RecordResolution | None = None,
    options: RDFOptions | None = None,
) -> list[str]:
    """Return the triples one page contributes, as N-Triples lines (without newlines).

    Parameters
    ----------
    record : ProjectRecord
        What the extractor read from the page.
    resolution : RecordResolution, optional
        What the resolver made of it (project IRI, mentions, municipality codes, countries,
        region key). Without it, only the record's own fields are written.
    options : RDFOptions, optional
        Base IRI and whether to include contact details.

    Returns
    -------
    list of str
        No duplicates. The first line is always the project's ``rdf:type esf:Project``
        and the second its ``prov:wasDerivedFrom`` page (which is how
        :func:`esfgraph.rdf.write_graph_files` tells pages apart in a flat list); the
        others follow sorted, so that the graph's sort (:mod:`esfgraph.rdf.sortedgraph`)
        merges pages as sorted runs. Organisations and places are only referred to, not
        described.

    Examples
    --------
    >>> from esfgraph.model import ProjectRecord
    >>> lines = record_nt_lines(ProjectRecord(source="p.txt", title="Trappsteget", period_start="2008-05-01"))
    >>> [line.split(" ", 2)[2] for line in lines if "#startYear" in line]
    ['"2008"^^<http://www.w3.org/2001/XMLSchema#integer> .']
    """
    options = options or RDFOptions()
    project_iri = str(project_iri_of(record, resolution, options))
    project = iri_text(project_iri)
    source = iri_text(str(source_iri_of(record, options)))
    head = [f"{project} {_TYPE} {_PROJECT} .", f"{project} {_DERIVED} {source} ."]
    out = [f"{project} {predicate} {value} ." for predicate, value in _project_values(record, resolution)]
    out += _money(project_iri, project, record)
    if resolution is not None:
        out += [f"{project} {predicate} {value} ." for predicate, value in _place_values(resolution, options)]
        out += _participations(project_iri, project, source, resolution.mentions)
    if options.include_contacts:
        out += _contact_lines(record, project_iri, project, options)
    out += _source_lines(record, source)
    return head + sorted(set(out).difference(head))


def _project_values(record: ProjectRecord, resolution: RecordResolution | None) -> Iterator[tuple[str, str]]:
    """``(predicate, object)`` of the project's own fields: title, numbers, period, region, amounts, dates."""
    index = concept_index()
    title = (record.title or "").strip()
    period = programme_period(record)
    phase = index.match("phase", record.phase)
    region_key = resolution.region if resolution is not None else None
    region = index.match("region", region_key) or index.match("region", record.region)
    printed_nuts = _NUTS_CODE.search((record.nuts2 or "").upper())
    values = [
        (_TITLE, literal_text(title, language="sv") if title else None),
        *((predicate, _string(getattr(record, name))) for name, predicate in _STRING_FIELDS),
        (_term(ESF.coFinancingRate), _rate(record.co_financing_rate)),
        (_term(ESF.programmePeriod), _concept(period)),
        (_term(ESF.programmeAreaText), _string(record.programme_area)),
        (_term(ESF.programmeArea), _concept(index.programme_area(period, record.programme_area))),
        (_term(ESF.phase), _concept(phase)),
        (_term(ESF.phaseText), _string(record.phase) if phase is None else None),
        (_term(ESF.region), _concept(region)),
        (_term(ESF.regionText), _string(record.region)),
        (_NUTS_REGION, _region_nuts(region) or (_term(NUTS[printed_nuts.group(1)]) if printed_nuts else None)),
    ]
    for name, predicate in _AMOUNTS:
        amount = getattr(record, name)
        values.append((predicate, literal_text(str(int(amount)), _XSD_INTEGER) if amount is not None else None))
    for predicate, date in ((_term(SDO.startDate), record.period_start), (_term(SDO.endDate), record.period_end)):
        values.append((predicate, literal_text(date, _XSD_DATE) if date and _ISO_DATE.match(date) else None))
    start_year = _year(record.period_start)
    values.append((_term(ESF.startYear), literal_text(str(start_year), _XSD_INTEGER) if start_year is not None else None))
    return ((predicate, value) for predicate, value in values if value is not None)


def _place_values(resolution: RecordResolution, options: RDFOptions) -> list[tuple[str, str]]:
    """``(predicate, object)`` of the municipalities and countries a page names."""
    return [(_term(ESF.municipality), iri_text(iris.municipality_iri(code, options.base)))
            for code in sorted(set(resolution.municipality_codes))] + [
        (_term(ESF.transnationalCountry), iri_text(iris.country_iri(country, options.base)))
        for country in sorted({c.upper() for c in resolution.countries})]


def _contact_lines(record: ProjectRecord, project_iri: str, project: str, options: RDFOptions) -> list[str]:
    """The project's contact point (personal data: only with ``include_contacts``)."""
    if not (record.contact_name or record.contact_email or record.contact_phone):
        return []
    values = [(SDO.name, _string(record.contact_name)), (SDO.email, _string(record.contact_email)),
              (SDO.telephone, _string(record.contact_phone))]
    contact = iri_text(iris.contact_iri(project_iri))
    return [f"{project} {_term(ESF.contactPoint)} {contact} .", f"{contact} {_TYPE} {_term(SDO.ContactPoint)} ."] + [
        f"{contact} {_term(predicate)} {value} ." for predicate, value in values if value is not None]


def _source_lines(record: ProjectRecord, source: str) -> list[str]:
    """The source page: its file name, digest, layout, media type and address."""
    values = [
        (_TYPE, _SOURCE_PAGE),
        (_term(ESF.fileName), literal_text(PurePosixPath(record.source).name)),
        (_term(ESF.sha256), literal_text(record.sha256) if record.sha256 else None),
        (_term(ESF.layout), literal_text(record.layout or record.format) if record.layout or record.format else None),
        (_term(DCTERMS["format"]), literal_text(record.media_type) if record.media_type else None),
        (_term(SDO.url), _url(record.source_url) if record.source_url else None),
    ]
    return [f"{source} {predicate} {value} ." for predicate, value in values if value is not None]


def record_triples(
    record: ProjectRecord,
    resolution: RecordResolution | None = None,
    options: RDFOptions | None = None,
) -> list[tuple]:
    """Return the triples one page contributes: project, participations, source page.

    The same triples as :func:`record_nt_lines`, in the same order, as rdflib terms.

    Parameters
    ----------
    record, resolution, options
        As for :func:`record_nt_lines`.

    Returns
    -------
    list of tuple
        ``(subject, predicate, object)`` rdflib terms, in a stable order, no duplicates.
        Organisations and places are not described here (see ``organisation_triples`` and
        ``place_triples``); they are only referred to.

    Examples
    --------
    >>> from esfgraph.model import ProjectRecord
    >>> record = ProjectRecord(source="p.txt", title="Trappsteget", period_start="2008-05-01")
    >>> triples = record_triples(record)
    >>> sorted(str(o) for s, p, o in triples if p == ESF.startYear)
    ['2008']
    """
    data = "\n".join(record_nt_lines(record, resolution, options)).encode("utf-8")
    return [(rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object))
            for quad in ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES)]
