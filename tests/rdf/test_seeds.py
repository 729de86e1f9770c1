"""The seed pages through extract_file and Resolver, into RDF, validated: real values."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from esfgraph import iris, vocab
from esfgraph.rdf import write_graph
from esfgraph.validate import validate_graph
from esfgraph.vocab import DCTERMS, ESF, ORG, PROV, RDF, RDFS, role_concept

from .seeds import seed_pairs

REGION = "https://w3id.org/esfgraph/vocab/region/"


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    pairs = seed_pairs()
    files = write_graph([p[0] for p in pairs], [p[1] for p in pairs], out)
    return files, Graph().parse(files.nt, format="nt")


def test_seed_graph_counts_and_conformance(seed_graph):
    files, graph = seed_graph
    assert (files.projects, files.pages) == (5, 5)
    assert len(set(graph.subjects(RDF.type, ESF.Project))) == 5
    outcome = validate_graph(files.nt)
    assert outcome.conforms and outcome.results == [], outcome.text


def test_trappsteget_from_the_page(seed_graph):
    _, graph = seed_graph
    record, resolution = seed_pairs()[0]
    project = URIRef(resolution.project)
    assert graph.value(project, DCTERMS.title) == Literal("Trappsteget", lang="sv")
    assert graph.value(project, ESF.esfGrantSEK) == Literal(3574500)
    assert graph.value(project, ESF.totalBudgetSEK) == Literal(8936300)
    assert graph.value(project, vocab.SDO.startDate) == Literal("2008-05-01", datatype=vocab.XSD.date)
    assert graph.value(project, ESF.region) == URIRef(REGION + "smaland-och-oarna")
    assert graph.value(project, ESF.programmeArea) == URIRef("https://w3id.org/esfgraph/vocab/programme-area/2007-2013/2")
    assert len(set(graph.objects(project, ESF.municipality))) == 34
    owner = graph.value(project, ESF.owner)
    assert owner == URIRef(iris.org_iri("kommun-0665/arbetsmarknadsenheten"))
    assert graph.value(owner, ORG.unitOf) == URIRef(iris.org_iri("kommun-0665"))
    node = URIRef(iris.participation_iri(str(project), "owner", str(owner)))
    assert graph.value(node, ESF.printedName) == Literal("AME - Arbetsmarknadsenheten")
    assert graph.value(node, ORG.role) == role_concept("owner")
    page = graph.value(node, PROV.wasDerivedFrom)
    assert graph.value(page, ESF.fileName) == Literal("000_ebc39ac141ca286d.txt")
    assert graph.value(page, ESF.sha256) == Literal(record.sha256)
    vaggeryd = URIRef(iris.municipality_iri("0665"))
    assert graph.value(vaggeryd, RDFS.label) == Literal("Vaggeryd", lang="sv")
    assert graph.value(URIRef(iris.county_iri("06")), RDFS.label) == Literal("Jönköpings län", lang="sv")
    assert graph.value(URIRef(iris.org_iri("kommun-0665")), ESF.governs) == vaggeryd


def test_intro_transnational_partners_and_a_regional_co_financier(seed_graph):
    _, graph = seed_graph
    _, resolution = seed_pairs()[2]
    project = URIRef(resolution.project)
    assert graph.value(project, DCTERMS.title) == Literal("INTRO", lang="sv")
    assert set(graph.objects(project, ESF.transnationalCountry)) == {
        URIRef(iris.country_iri("GB")), URIRef(iris.country_iri("IT"))}
    assert Literal("Italien", lang="sv") in set(graph.objects(URIRef(iris.country_iri("IT")), RDFS.label))
    partners = set(graph.objects(project, ESF.transnationalPartner))
    assert URIRef(iris.org_iri("foreign/it/obbietivo-formazione")) in partners
    landsting = URIRef(iris.org_iri("region-25"))
    assert landsting in set(graph.objects(project, ESF.coFinancier))
    assert graph.value(landsting, ESF.governs) == URIRef(iris.county_iri("25"))


def test_smot_newer_layout(seed_graph):
    _, graph = seed_graph
    project = URIRef(iris.project_iri_for("2019/00144", None, None, None))
    assert graph.value(project, DCTERMS.title) == Literal("SMÖT", lang="sv")
    assert graph.value(project, ESF.programmePeriod) == URIRef("https://w3id.org/esfgraph/vocab/period/2014-2020")
    assert graph.value(project, ESF.programmeArea) == URIRef("https://w3id.org/esfgraph/vocab/programme-area/2014-2020/2")
    assert graph.value(project, ESF.regionText) == Literal("Småland & Öarna")
    assert graph.value(project, ESF.region) == URIRef(REGION + "smaland-och-oarna")
    assert graph.value(project, ESF.plannedParticipants) == Literal(120)
    assert graph.value(project, ESF.coFinancingRate) == Literal("0.5", datatype=vocab.XSD.decimal)
