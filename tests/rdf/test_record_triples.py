"""record_triples, organisation_triples, place_triples: the values the graph states."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from esfgraph import iris
from esfgraph.model import Mention, Organisation, ProjectRecord
from esfgraph.rdf import RDFOptions, organisation_triples, place_triples, programme_period, record_triples
from esfgraph.rdf.ntriples import nt_line
from esfgraph import vocab
from esfgraph.vocab import DCTERMS, ESF, ORG, PROV, RDF, RDFS, role_concept

from .samples import AF, AF_JKPG, AME, FENIX, FK_VARNAMO, PLACE_NAMES, VAGGERYD, smot, trappsteget

AREA = "https://w3id.org/esfgraph/vocab/programme-area/"
PERIOD = "https://w3id.org/esfgraph/vocab/period/"


def _graph(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_trappsteget_project_fields():
    record, resolution = trappsteget()
    graph = _graph(record_triples(record, resolution))
    project = URIRef(resolution.project)
    assert (project, RDF.type, ESF.Project) in graph
    assert graph.value(project, DCTERMS.title) == Literal("Trappsteget", lang="sv")
    assert graph.value(project, ESF.esfGrantSEK) == Literal(3574500, datatype=vocab.XSD.integer)
    # The same figure as an amount with its currency, comparable with CORDIS and Kohesio.
    grant = graph.value(project, ESF.esfGrant)
    assert str(grant) == f"{resolution.project}/amount/esf-grant"
    assert (grant, RDF.type, vocab.SDO.MonetaryAmount) in graph
    assert graph.value(grant, vocab.SDO.value) == Literal(3574500, datatype=vocab.XSD.integer)
    assert graph.value(grant, vocab.SDO.currency) == Literal("SEK")
    assert graph.value(graph.value(project, ESF.totalBudget), vocab.SDO.value) == Literal(8936300)
    assert graph.value(project, ESF.nutsRegion) == URIRef("http://data.europa.eu/nuts/code/SE21")
    assert graph.value(project, ESF.totalBudgetSEK) == Literal(8936300, datatype=vocab.XSD.integer)
    assert graph.value(project, vocab.SDO.startDate) == Literal("2008-05-01", datatype=vocab.XSD.date)
    assert graph.value(project, vocab.SDO.endDate) == Literal("2010-10-31", datatype=vocab.XSD.date)
    assert graph.value(project, ESF.startYear) == Literal(2008, datatype=vocab.XSD.integer)
    assert graph.value(project, ESF.programmeAreaText) == Literal("Programområde 2 Ökat arbetskraftsutbud")
    assert graph.value(project, ESF.programmeArea) == URIRef(AREA + "2007-2013/2")
    assert graph.value(project, ESF.programmePeriod) == URIRef(PERIOD + "2007-2013")
    assert graph.value(project, ESF.phase) == URIRef("https://w3id.org/esfgraph/vocab/phase/genomforande")
    assert graph.value(project, ESF.region) == URIRef("https://w3id.org/esfgraph/vocab/region/smaland-och-oarna")
    assert graph.value(project, ESF.regionText) == Literal("Småland och Öarna")
    assert sorted(str(m) for m in graph.objects(project, ESF.municipality)) == [
        iris.municipality_iri(c) for c in ("0665", "0680", "0683")
    ]
    assert graph.value(project, ESF.transnationalText) == Literal("Inget")
    # Organisations and places are only referred to here, described elsewhere.
    assert (URIRef(AF_JKPG), RDFS.label, None) not in graph


def test_participation_nodes_follow_the_membership_pattern():
    record, resolution = trappsteget()
    graph = _graph(record_triples(record, resolution))
    project = URIRef(resolution.project)
    source = graph.value(project, PROV.wasDerivedFrom)
    node = URIRef(iris.participation_iri(resolution.project, "co_financier", AF_JKPG))
    assert (project, ESF.participation, node) in graph
    assert (node, RDF.type, ESF.Participation) in graph
    assert graph.value(node, ESF.project) == project
    assert graph.value(node, ESF.organisation) == URIRef(AF_JKPG)
    assert graph.value(node, ORG.role) == role_concept("co_financier")
    assert graph.value(node, ESF.printedName) == Literal("Af Jönköping")
    assert graph.value(node, ESF.resolutionMethod) == Literal("agency-office")
    assert graph.value(node, ESF.confidence) == Literal(Decimal("0.95"))
    assert graph.value(node, ESF.listPosition) == Literal(0)
    assert graph.value(node, PROV.wasDerivedFrom) == source
    # Six mentions, six (role, organisation) pairs: Försäkringskassan Värnamo is both.
    assert len(set(graph.objects(project, ESF.participation))) == 6
    assert set(graph.objects(project, ESF.owner)) == {URIRef(AME)}
    assert set(graph.objects(project, ESF.coFinancier)) == {URIRef(AF_JKPG), URIRef(FK_VARNAMO)}
    assert URIRef(FENIX) in set(graph.objects(project, ESF.partner))
    assert URIRef(FK_VARNAMO) in set(graph.objects(project, ESF.partner))


def test_two_names_for_one_organisation_in_one_role_make_one_participation():
    record, resolution = trappsteget()
    project = resolution.project
    resolution.mentions.append(
        Mention(record.source, project, "Arbetsförmedlingen i Jönköping", "co_financier", AF_JKPG, "", "agency-office", 0.99, 3)
    )
    graph = _graph(record_triples(record, resolution))
    node = URIRef(iris.participation_iri(project, "co_financier", AF_JKPG))
    assert sorted(str(n) for n in graph.objects(node, ESF.printedName)) == ["Af Jönköping", "Arbetsförmedlingen i Jönköping"]
    assert graph.value(node, ESF.listPosition) == Literal(0)  # the first position
    assert graph.value(node, ESF.confidence) == Literal(Decimal("0.99"))  # the highest confidence


def test_source_page_resource():
    record, resolution = smot()
    graph = _graph(record_triples(record, resolution))
    source = URIRef(iris.source_iri(record.sha256))
    assert (URIRef(resolution.project), PROV.wasDerivedFrom, source) in graph
    assert (source, RDF.type, ESF.SourcePage) in graph
    assert graph.value(source, ESF.fileName) == Literal("004_e1f4b13072c7ae19.txt")
    assert graph.value(source, ESF.sha256) == Literal(record.sha256)
    assert graph.value(source, ESF.layout) == Literal("esf-2014-print")
    # The URL's space is percent-encoded: an IRI may not hold one.
    assert graph.value(source, vocab.SDO.url) == URIRef("https://www.esf.se/projekt/smot%202019")


def test_newer_page_fields_and_derived_concepts():
    record, resolution = smot()
    graph = _graph(record_triples(record, resolution))
    project = URIRef(iris.project_iri_for("2019/00144", None, None, None))
    assert str(project) == resolution.project
    assert graph.value(project, ESF.projectNumber) == Literal("2019/00144")
    assert graph.value(project, ESF.programmePeriod) == URIRef(PERIOD + "2014-2020")
    assert graph.value(project, ESF.programmeArea) == URIRef(AREA + "2014-2020/2")
    assert graph.value(project, ESF.specificObjective) == Literal("2.3")
    assert graph.value(project, ESF.plannedParticipants) == Literal(120)
    assert graph.value(project, ESF.coFinancingRate) == Literal("0.5", datatype=vocab.XSD.decimal)
    assert graph.value(project, ESF.interventionType) == Literal("109")
    assert graph.value(project, ESF.region) == URIRef("https://w3id.org/esfgraph/vocab/region/smaland-och-oarna")
    assert graph.value(project, ESF.regionText) == Literal("Småland & Öarna")
    assert graph.value(project, ESF.transnationalCountry) == URIRef(iris.country_iri("IT"))
    assert graph.value(project, ESF.mentions) == URIRef(AF)
    assert graph.value(project, ESF.phase) is None


def test_contacts_only_when_asked():
    record, resolution = trappsteget()
    without = "\n".join(nt_line(t) for t in record_triples(record, resolution))
    for personal in ("Michael Anderberg", "michael.anderberg@vaggeryd.se", "0370-78612"):
        assert personal not in without
    graph = _graph(record_triples(record, resolution, RDFOptions(include_contacts=True)))
    contact = graph.value(URIRef(resolution.project), ESF.contactPoint)
    assert (contact, RDF.type, vocab.SDO.ContactPoint) in graph
    assert graph.value(contact, vocab.SDO.name) == Literal("Michael Anderberg")
    assert graph.value(contact, vocab.SDO.email) == Literal("michael.anderberg@vaggeryd.se")
    assert graph.value(contact, vocab.SDO.telephone) == Literal("0370-78612")


def test_unknown_phase_and_region_keep_their_text_without_a_concept():
    record = ProjectRecord(source="x.txt", title="X", phase="Väntar på beslut", region="Lappland", period_start="2009-02-01")
    graph = _graph(record_triples(record))
    project = next(graph.subjects(RDF.type, ESF.Project))
    assert graph.value(project, ESF.phase) is None
    assert graph.value(project, ESF.phaseText) == Literal("Väntar på beslut")
    assert graph.value(project, ESF.region) is None
    assert graph.value(project, ESF.regionText) == Literal("Lappland")
    # No format: the period comes from the start year.
    assert graph.value(project, ESF.programmePeriod) == URIRef(PERIOD + "2007-2013")


def test_programme_period_derivation():
    def period(**fields):
        concept = programme_period(ProjectRecord(source="x", **fields))
        return str(concept).rsplit("/", 1)[-1] if concept else None

    assert period(programme_period="2014–2020", format="esf-2007") == "2014-2020"  # printed wins
    assert period(fund="ESF+", format="esf-2014") == "2021-2027"
    assert period(programme_area="A", format="esf-2014") == "2021-2027"  # letters are ESF+
    assert period(format="esf-2007", period_start="2014-03-01") == "2007-2013"
    assert period(format="esf-2021") == "2021-2027"
    # The newer site shows a 2014-2020 project (2018-00529, 2019-2021) in its own layout.
    assert period(format="esf-2021", period_start="2019-01-01") == "2014-2020"
    assert period(period_start="2016-01-01") == "2014-2020"
    assert period(period_start="2023-01-01") == "2021-2027"
    assert period() is None


def test_records_without_sha256_still_get_a_stable_source():
    record = ProjectRecord(source="a/b.txt", title="T")
    first, second = record_triples(record), record_triples(record)
    assert first == second
    graph = _graph(first)
    source = next(graph.subjects(RDF.type, ESF.SourcePage))
    assert graph.value(source, ESF.fileName) == Literal("b.txt")
    assert graph.value(source, ESF.sha256) is None


def test_organisations_units_and_places():
    _, resolution = trappsteget()
    graph = _graph(organisation_triples(resolution.organisations))
    assert (URIRef(AF), RDF.type, ORG.Organization) in graph
    assert graph.value(URIRef(AF), ESF.organisationNumber) == Literal("2021005646")
    assert graph.value(URIRef(AF), ESF.orgType) == URIRef("https://w3id.org/esfgraph/vocab/org-type/agency")
    assert (URIRef(AF_JKPG), RDF.type, ORG.OrganizationalUnit) in graph
    assert (URIRef(AF_JKPG), RDF.type, ORG.Organization) in graph  # ORG's axiom, stated in the data
    assert graph.value(URIRef(AF_JKPG), RDFS.label) == Literal("Arbetsförmedlingen Jönköping", lang="sv")
    assert graph.value(URIRef(AF_JKPG), ORG.unitOf) == URIRef(AF)
    assert graph.value(URIRef(AF_JKPG), ESF.locatedIn) == URIRef(iris.municipality_iri("0680"))
    assert graph.value(URIRef(AF_JKPG), ESF.orgType) == URIRef("https://w3id.org/esfgraph/vocab/org-type/agency-office")
    # The municipal government governs the place; its unit is located in it.
    assert graph.value(URIRef(VAGGERYD), ESF.governs) == URIRef(iris.municipality_iri("0665"))
    assert graph.value(URIRef(AME), ESF.locatedIn) == URIRef(iris.municipality_iri("0665"))
    assert graph.value(URIRef(AME), ORG.unitOf) == URIRef(VAGGERYD)
    region = Organisation(iris.org_iri("region-06"), "Region Jönköpings län", "region", county_code="06")
    foreign = Organisation(iris.org_iri("foreign/it/obf"), "Obbietivo Formazione", "foreign", country="it")
    graph = _graph(organisation_triples([region, foreign]))
    assert graph.value(URIRef(region.iri), ESF.governs) == URIRef(iris.county_iri("06"))
    assert graph.value(URIRef(foreign.iri), ESF.country) == URIRef(iris.country_iri("IT"))
    assert graph.value(URIRef(foreign.iri), RDFS.label) == Literal("Obbietivo Formazione")  # language unknown


def test_places_from_a_plain_mapping():
    graph = _graph(place_triples(PLACE_NAMES, ["0665", "0980", "1234"], ["it", "XK"]))
    vaggeryd = URIRef(iris.municipality_iri("0665"))
    assert (vaggeryd, RDF.type, ESF.Municipality) in graph
    assert graph.value(vaggeryd, RDFS.label) == Literal("Vaggeryd", lang="sv")
    assert (vaggeryd, RDF.type, vocab.SDO.AdministrativeArea) in graph
    code = graph.value(vaggeryd, vocab.ADMS.identifier)
    assert str(code) == iris.identifier_iri("municipality-code", "0665")
    assert graph.value(code, vocab.SKOS.notation) == Literal("0665")
    assert str(graph.value(code, DCTERMS.conformsTo)) == iris.identifier_scheme_iri("municipality-code")
    assert graph.value(vaggeryd, ESF.municipalityCode) == Literal("0665")
    assert graph.value(vaggeryd, ESF.county) == URIRef(iris.county_iri("06"))
    assert graph.value(URIRef(iris.county_iri("06")), RDFS.label) == Literal("Jönköpings län", lang="sv")
    assert graph.value(URIRef(iris.county_iri("06")), ESF.countyCode) == Literal("06")
    assert graph.value(URIRef(iris.county_iri("06")), ESF.nutsRegion) == URIRef("http://data.europa.eu/nuts/code/SE211")
    # An unknown code keeps its code and county; no name is made up.
    unknown = URIRef(iris.municipality_iri("1234"))
    assert graph.value(unknown, RDFS.label) is None and graph.value(unknown, ESF.county) == URIRef(iris.county_iri("12"))
    italy = URIRef(iris.country_iri("IT"))
    assert set(graph.objects(italy, RDFS.label)) == {Literal("Italien", lang="sv"), Literal("Italy", lang="en")}
    assert graph.value(URIRef(iris.country_iri("XK")), ESF.isoCode) == Literal("XK")
    assert graph.value(italy, vocab.OWL.sameAs) == URIRef("http://publications.europa.eu/resource/authority/country/ITA")
    assert graph.value(URIRef(iris.country_iri("XK")), vocab.OWL.sameAs) is None  # no alpha-3 known: no link


def test_one_configurable_base_for_every_instance_iri():
    record = ProjectRecord(source="p.txt", title="T", project_number="2019/00144", sha256="ab" * 32)
    base = "https://example.org/esf/"
    subjects = {str(s) for s, _p, _o in record_triples(record, None, RDFOptions(base=base))}
    assert subjects == {base + "project/2019-00144", base + "source/" + "ab" * 16}
    places = place_triples(PLACE_NAMES, ["0665"], ["IT"], RDFOptions(base=base))
    assert {str(s) for s, _p, _o in places} == {base + "municipality/0665", base + "county/06", base + "country/IT",
                                                base + "identifier/municipality-code/0665"}


def test_page_lines_start_with_type_and_source_then_run_sorted():
    from esfgraph.rdf import record_nt_lines

    record, resolution = trappsteget()
    lines = record_nt_lines(record, resolution, RDFOptions(include_contacts=True))
    project = f"<{resolution.project}>"
    assert lines[0] == f"{project} <{RDF.type}> <{ESF.Project}> ."
    assert lines[1].startswith(f"{project} <{PROV.wasDerivedFrom}> <")
    assert lines[2:] == sorted(set(lines[2:])) and not set(lines[:2]) & set(lines[2:])
    assert any("/contact>" in line for line in lines)  # contacts asked for: among the sorted lines
