"""The esfgraph vocabulary as rdflib namespace objects.

``ESF`` is the project's own ontology namespace (declared in ``ontology/esf.ttl``);
it is a closed :class:`rdflib.namespace.DefinedNamespace`, so a misspelt term fails at
import time instead of producing an undeclared IRI. The SKOS concept schemes
(``ontology/vocab/*.ttl``) each have a namespace and a helper that maps the keys used
in records and mentions (``co_financier``, ``smaland-och-oarna``) to concept IRIs.

Reused vocabularies come from rdflib (``ORG``, ``PROV``, ``SKOS``, ``DCTERMS``,
``SDO`` for schema.org, ``VOID``, ``DCAT``, ``FOAF``) plus ``EURIO``, ``ADMS``, ``ROV`` (the
Registered Organization vocabulary) and the link targets (``WIKIDATA``, ``NUTS``,
``EU_COUNTRY``) defined here.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import (
    DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD, DefinedNamespace, Namespace,
)

from .iris import slug

__all__ = [
    "ESF",
    "EURIO",
    "ADMS",
    "ROV",
    "WIKIDATA",
    "NUTS",
    "EU_COUNTRY",
    "LINK_PREFIXES",
    "ONTOLOGY_VERSION_IRI",
    "ESFV",
    "ROLE",
    "ORGTYPE",
    "REGION",
    "PERIOD",
    "PHASE",
    "AREA",
    "ONTOLOGY_IRI",
    "ANALYSIS_GRAPH",
    "role_concept",
    "org_type_concept",
    "concept_key",
    "region_concept",
    "period_concept",
    "phase_concept",
    "area_concept",
    "PREFIXES",
    # re-exported for convenience
    "DCAT",
    "DCTERMS",
    "FOAF",
    "VOID",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SKOS",
    "XSD",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/esfgraph/ontology")
#: ``owl:versionIRI`` of ``ontology/esf.ttl`` (tests/ontology keeps the two equal).
ONTOLOGY_VERSION_IRI = URIRef("https://w3id.org/esfgraph/ontology/0.2.0")

#: Named graph that holds analysis results written back by ``esfgraph analyze``.
ANALYSIS_GRAPH = URIRef("https://w3id.org/esfgraph/graph/analysis")


class ESF(DefinedNamespace):
    """The esfgraph ontology (``https://w3id.org/esfgraph/ontology#``)."""

    _NS = Namespace("https://w3id.org/esfgraph/ontology#")
    _fail = True

    # --- classes
    Project: URIRef  # an ESF project (subclass of schema:Project, ~ eurio:Project)
    Participation: URIRef  # one organisation's part in one project (org:Membership)
    SourcePage: URIRef  # the page a record was extracted from (prov:Entity)
    Municipality: URIRef  # a municipality as a place (kommun), official 4-digit code
    County: URIRef  # a county (län) as a place
    Country: URIRef  # a country, ISO 3166 code
    Partnership: URIRef  # analysis: a pair of organisations sharing projects
    Cluster: URIRef  # analysis: a community of organisations

    # --- project properties
    projectNumber: URIRef
    diaryNumber: URIRef
    callNumber: URIRef
    programmeArea: URIRef  # -> skos:Concept (AREA)
    programmeAreaText: URIRef  # literal as printed
    specificObjective: URIRef
    phase: URIRef  # -> skos:Concept (PHASE)
    phaseText: URIRef  # literal as printed, when no concept in the phase scheme matches
    programmePeriod: URIRef  # -> skos:Concept (PERIOD)
    region: URIRef  # -> skos:Concept (REGION)
    regionText: URIRef  # literal as printed
    esfGrantSEK: URIRef  # xsd:integer
    totalBudgetSEK: URIRef  # xsd:integer
    esfGrant: URIRef  # -> schema:MonetaryAmount (value, currency SEK)
    totalBudget: URIRef  # -> schema:MonetaryAmount
    plannedParticipants: URIRef  # xsd:integer
    coFinancingRate: URIRef  # xsd:decimal, 0..1
    interventionType: URIRef
    fund: URIRef
    nuts2: URIRef
    nutsRegion: URIRef  # -> http://data.europa.eu/nuts/code/... (project: NUTS 2, county: NUTS 3)
    municipality: URIRef  # project -> esf:Municipality (the page's Kommun list)
    transnationalCountry: URIRef  # project -> esf:Country
    transnationalText: URIRef
    participation: URIRef  # project -> esf:Participation
    owner: URIRef  # shortcut project -> organisation
    coFinancier: URIRef  # shortcut
    partner: URIRef  # shortcut
    transnationalPartner: URIRef  # shortcut
    mentions: URIRef  # shortcut, organisation named in the free text
    contactPoint: URIRef  # -> schema:ContactPoint, only with --include-contacts
    startYear: URIRef  # xsd:integer, derived from schema:startDate for easy grouping

    # --- participation properties
    project: URIRef  # participation -> project
    organisation: URIRef  # participation -> organisation (subproperty of org:member)
    printedName: URIRef  # the mention as printed on the page
    resolutionMethod: URIRef
    confidence: URIRef  # xsd:decimal
    listPosition: URIRef  # xsd:integer

    # --- organisation properties
    orgType: URIRef  # -> skos:Concept (ORGTYPE)
    organisationNumber: URIRef
    locatedIn: URIRef  # organisation -> esf:Municipality
    governs: URIRef  # municipal/regional government -> its place
    country: URIRef  # organisation -> esf:Country

    # --- place properties
    municipalityCode: URIRef
    countyCode: URIRef
    isoCode: URIRef
    county: URIRef  # municipality -> county

    # --- source page properties
    fileName: URIRef
    sha256: URIRef
    layout: URIRef

    # --- analysis results (named graph ANALYSIS_GRAPH)
    analysisLevel: URIRef  # "unit" or "parent"
    degree: URIRef
    weightedDegree: URIRef
    betweenness: URIRef
    betweennessMethod: URIRef  # "exact" or "sampled k=..., seed=..."
    pageRank: URIRef
    coreNumber: URIRef
    inCluster: URIRef  # organisation -> esf:Cluster
    modularity: URIRef
    member: URIRef  # partnership/cluster -> organisation
    sharedProjectCount: URIRef
    sharedProject: URIRef  # partnership -> project
    coFinancingCount: URIRef
    partnershipCount: URIRef
    firstYear: URIRef
    lastYear: URIRef

    # --- evidence of a tie (analysis graph; esfgraph.network.evidence)
    tieEvidence: URIRef  # partnership -> "listed", "text" or "both"
    listedProjectCount: URIRef  # shared projects where both organisations are listed
    textProjectCount: URIRef  # shared projects where one or both are named in the text only


EURIO = Namespace("http://data.europa.eu/s66#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
#: The EU's NUTS regions (``NUTS["SE21"]``) and countries (ISO 3166-1 alpha-3: ``EU_COUNTRY["SWE"]``).
NUTS = Namespace("http://data.europa.eu/nuts/code/")
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")

#: Prefixes of the links and the dataset description, added to graph.ttl's header.
LINK_PREFIXES: dict[str, str] = {
    "adms": str(ADMS),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
    "rov": str(ROV),
    "void": str(VOID),
    "wd": str(WIKIDATA),
}

#: Base of the SKOS concept schemes.
ESFV = Namespace("https://w3id.org/esfgraph/vocab/")
ROLE = Namespace(str(ESFV) + "role/")
ORGTYPE = Namespace(str(ESFV) + "org-type/")
REGION = Namespace(str(ESFV) + "region/")
PERIOD = Namespace(str(ESFV) + "period/")
PHASE = Namespace(str(ESFV) + "phase/")
AREA = Namespace(str(ESFV) + "programme-area/")


def role_concept(role: str) -> URIRef:
    """Return the SKOS concept for a role key (``co_financier`` -> ``.../role/co-financier``)."""
    return ROLE[role.replace("_", "-")]


def org_type_concept(org_type: str) -> URIRef:
    """Return the SKOS concept for an organisation type key (see ``model.ORG_TYPES``)."""
    return ORGTYPE[org_type.replace("_", "-")]


def concept_key(value):
    """Return an organisation type as the vocabulary spells it: ``study-association``.

    The model and the analysis keep their keys (``study_association``, see
    ``model.ORG_TYPES``); whatever a user reads (exports, analysis tables, SPARQL answers)
    writes the key of the SKOS concept (``org-type/study-association``), so that one
    spelling joins the Gephi files, the CSV tables, the queries and the ontology.
    Anything but a string (``None``) comes back as it is.

    Examples
    --------
    >>> concept_key("agency_office"), concept_key("agency-office"), concept_key(None)
    ('agency-office', 'agency-office', None)
    """
    return value.replace("_", "-") if isinstance(value, str) else value


def region_concept(key: str) -> URIRef:
    """Return the SKOS concept for an ESF region key (``smaland-och-oarna``, ``nationellt``)."""
    return REGION[slug(key)]


def _period_key(period: str) -> str:
    # slug() drops an en dash ("2014–2020" -> "20142020"); pages print one, so map it first.
    return slug(period.replace("\u2013", "-").replace("\u2014", "-"))


def period_concept(period: str) -> URIRef:
    """Return the concept for a programme period, ``"2014-2020"`` or ``"2014–2020"``."""
    return PERIOD[_period_key(period)]


def phase_concept(phase: str) -> URIRef:
    """Return the concept for a project phase as printed (``Genomförande`` -> ``genomforande``)."""
    return PHASE[slug(phase)]


def area_concept(period: str, area: str) -> URIRef:
    """Return the concept for a programme area number/letter within a programme period."""
    return AREA[f"{_period_key(period)}/{slug(area)}"]


#: Prefixes bound in every serialisation and query, in a fixed order.
PREFIXES: dict[str, str] = {
    "esf": str(ESF._NS),
    "role": str(ROLE),
    "orgtype": str(ORGTYPE),
    "region": str(REGION),
    "period": str(PERIOD),
    "phase": str(PHASE),
    "area": str(AREA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SDO),
    "eurio": str(EURIO),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
