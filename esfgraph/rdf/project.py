"""Triples for one project page: the project, its participations and its source page.

``record_triples`` is pure (one record and its resolution in, a list of triples out), so it
runs in worker processes and its output can be sorted and merged as text. Organisations
and places are shared between pages; they come from :mod:`esfgraph.rdf.organisations` and
:mod:`esfgraph.rdf.places`, once per graph.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from urllib.parse import quote

from rdflib import Literal, URIRef

from .. import iris
from ..model import Mention, ProjectRecord, RecordResolution
from ..vocab import DCTERMS, ESF, ORG, PROV, RDF, SDO, XSD, role_concept
from .concepts import concept_index
from .options import RDFOptions

__all__ = [
    "record_triples",
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
    printed as a letter (only 2021-2027 uses letters); the page format; the start year.
    """
    index = concept_index()
    printed = index.period(record.programme_period)
    if printed is not None:
        return printed
    if record.fund and "+" in record.fund:
        return index.period("2021-2027")
    if index.is_letter_area(record.programme_area):
        return index.period("2021-2027")
    if record.format in _FORMAT_PERIOD:
        return index.period(_FORMAT_PERIOD[record.format])
    year = _year(record.period_start)
    if year is None:
        return None
    if year <= 2013:
        return index.period("2007-2013")
    return index.period("2014-2020" if year <= 2021 else "2021-2027")


def _year(date: str | None) -> int | None:
    if date and _ISO_DATE.match(date):
        return int(date[:4])
    return None


def _rate(text: str | None) -> Literal | None:
    """``"50%"`` -> 0.5 as ``xsd:decimal``; ``None`` when not a percentage."""
    found = _PERCENT.match(text or "")
    if not found:
        return None
    try:
        value = Decimal(found.group(1).replace(",", ".")) / 100
    except InvalidOperation:
        return None
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)


def _string(text: str | None) -> Literal | None:
    if text is None:
        return None
    text = text.strip()
    return Literal(text) if text else None


def _url(url: str) -> URIRef:
    """An IRI for a page URL, with characters that IRIs may not hold percent-encoded."""
    return URIRef(quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._"))


def _participations(
    project: URIRef, source: URIRef, mentions: list[Mention]
) -> list[tuple]:
    """The participation nodes and shortcuts for a record's mentions.

    One node per (role, organisation): a name printed twice in one list, or two names
    that resolve to the same organisation, make one participation with both printed names,
    the first list position and the highest confidence.
    """
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        groups.setdefault((mention.role, mention.canonical), []).append(mention)
    triples: list[tuple] = []
    for (role, canonical), group in sorted(groups.items()):
        group.sort(key=lambda m: (m.position, m.raw))
        organisation = URIRef(canonical)
        node = URIRef(iris.participation_iri(str(project), role, canonical))
        first = group[0]
        triples += [
            (project, ESF.participation, node),
            (node, RDF.type, ESF.Participation),
            (node, ESF.project, project),
            (node, ESF.organisation, organisation),
            (node, ORG.role, role_concept(role)),
            (node, ESF.resolutionMethod, Literal(first.method)),
            (node, ESF.confidence, Literal(f"{max(m.confidence for m in group):.2f}", datatype=XSD.decimal)),
            (node, ESF.listPosition, Literal(first.position)),
            (node, PROV.wasDerivedFrom, source),
        ]
        for raw in sorted({m.raw for m in group}):
            triples.append((node, ESF.printedName, Literal(raw)))
        if role in SHORTCUTS:
            triples.append((project, SHORTCUTS[role], organisation))
    return triples


def record_triples(
    record: ProjectRecord,
    resolution: RecordResolution | None = None,
    options: RDFOptions | None = None,
) -> list[tuple]:
    """Return the triples one page contributes: project, participations, source page.

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
    options = options or RDFOptions()
    index = concept_index()
    project = project_iri_of(record, resolution, options)
    source = source_iri_of(record, options)
    out: list[tuple] = [(project, RDF.type, ESF.Project), (project, PROV.wasDerivedFrom, source)]

    def add(predicate: URIRef, value) -> None:
        if value is not None:
            out.append((project, predicate, value))

    add(DCTERMS.title, _string(record.title))
    add(ESF.projectNumber, _string(record.project_number))
    add(ESF.diaryNumber, _string(record.diary_number))
    add(ESF.callNumber, _string(record.call_number))
    add(ESF.specificObjective, _string(record.specific_objective))
    add(ESF.interventionType, _string(record.intervention_type))
    add(ESF.fund, _string(record.fund))
    add(ESF.nuts2, _string(record.nuts2))
    add(ESF.transnationalText, _string(record.transnational_text))
    add(ESF.coFinancingRate, _rate(record.co_financing_rate))

    period = programme_period(record)
    add(ESF.programmePeriod, period)
    add(ESF.programmeAreaText, _string(record.programme_area))
    add(ESF.programmeArea, index.programme_area(period, record.programme_area))

    phase = index.match("phase", record.phase)
    add(ESF.phase, phase)
    if phase is None:
        add(ESF.phaseText, _string(record.phase))

    region_key = resolution.region if resolution is not None else None
    add(ESF.region, index.match("region", region_key) or index.match("region", record.region))
    add(ESF.regionText, _string(record.region))

    for predicate, amount in (
        (ESF.esfGrantSEK, record.esf_grant_sek),
        (ESF.totalBudgetSEK, record.total_budget_sek),
        (ESF.plannedParticipants, record.planned_participants),
    ):
        if amount is not None:
            add(predicate, Literal(int(amount), datatype=XSD.integer))

    for predicate, date in ((SDO.startDate, record.period_start), (SDO.endDate, record.period_end)):
        if date and _ISO_DATE.match(date):
            add(predicate, Literal(date, datatype=XSD.date))
    start_year = _year(record.period_start)
    if start_year is not None:
        add(ESF.startYear, Literal(start_year, datatype=XSD.integer))

    if resolution is not None:
        for code in sorted(set(resolution.municipality_codes)):
            add(ESF.municipality, URIRef(iris.municipality_iri(code, options.base)))
        for country in sorted({c.upper() for c in resolution.countries}):
            add(ESF.transnationalCountry, URIRef(iris.country_iri(country, options.base)))
        out += _participations(project, source, resolution.mentions)

    if options.include_contacts and (record.contact_name or record.contact_email or record.contact_phone):
        # No helper in esfgraph.iris for contact points yet; the IRI extends the project's.
        contact = URIRef(f"{project}/contact")
        out += [(project, ESF.contactPoint, contact), (contact, RDF.type, SDO.ContactPoint)]
        for predicate, value in (
            (SDO.name, record.contact_name),
            (SDO.email, record.contact_email),
            (SDO.telephone, record.contact_phone),
        ):
            if _string(value) is not None:
                out.append((contact, predicate, _string(value)))

    out += [
        (source, RDF.type, ESF.SourcePage),
        (source, ESF.fileName, Literal(PurePosixPath(record.source).name)),
    ]
    if record.sha256:
        out.append((source, ESF.sha256, Literal(record.sha256)))
    if record.layout or record.format:
        out.append((source, ESF.layout, Literal(record.layout or record.format)))
    if record.media_type:
        out.append((source, DCTERMS["format"], Literal(record.media_type)))
    if record.source_url:
        out.append((source, SDO.url, _url(record.source_url)))
    return list(dict.fromkeys(out))
