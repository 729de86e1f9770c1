"""ontology/esf.ttl and ontology/vocab/*.ttl: complete, bilingual, aligned, and what the data uses."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespace

from esfgraph import vocab
from esfgraph.model import ORG_TYPES, ROLES
from esfgraph.rdf import RDFOptions, concept_index, scheme_iri, write_graph
from esfgraph.validate import load_shapes
from esfgraph.vocab import DCTERMS, ESF, EURIO, ORG, OWL, PROV, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "esf.ttl", format="turtle")


def _esf_terms() -> list[URIRef]:
    return sorted(ESF[name] for name in ESF.__annotations__)


def _texts(graph: Graph, subject, predicate) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_every_vocab_term_is_declared_with_swedish_and_english_label_and_comment(ontology):
    terms = _esf_terms()
    assert len(terms) > 60
    for term in terms:
        kinds = set(ontology.objects(term, RDF.type)) & set(DECLARATIONS)
        assert len(kinds) == 1, f"{term} declared as {kinds}"
        for predicate in (RDFS.label, RDFS.comment):
            texts = _texts(ontology, term, predicate)
            assert set(texts) >= {"sv", "en"} and all(texts.values()), f"{term} {predicate}"


def test_the_ontology_declares_nothing_outside_the_vocab_module(ontology):
    declared = {s for kind in DECLARATIONS for s in ontology.subjects(RDF.type, kind) if str(s).startswith(str(ESF._NS))}
    assert declared == set(_esf_terms())
    assert (vocab.ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology


def test_reuse_and_alignment_axioms(ontology):
    assert (ESF.Participation, RDFS.subClassOf, ORG.Membership) in ontology
    assert (ESF.organisation, RDFS.subPropertyOf, ORG.member) in ontology
    assert (ESF.orgType, RDFS.subPropertyOf, ORG.classification) in ontology
    assert (ESF.Project, RDFS.subClassOf, vocab.SDO.Project) in ontology
    assert (ESF.Project, RDFS.subClassOf, EURIO.Project) in ontology
    assert (ESF.Participation, SKOS.closeMatch, EURIO.OrganisationRole) in ontology
    assert (ESF.SourcePage, RDFS.subClassOf, PROV.Entity) in ontology
    assert (ESF.projectNumber, RDFS.subPropertyOf, DCTERMS.identifier) in ontology
    assert (ESF.esfGrantSEK, RDFS.range, vocab.XSD.integer) in ontology
    assert (ESF.participation, OWL.inverseOf, ESF.project) in ontology


def test_class_axioms_the_validator_adds_are_stated_by_the_ontologies(ontology):
    from esfgraph.validate.engine import CLASS_AXIOMS

    for axiom in CLASS_AXIOMS:
        # Ours are in esf.ttl; the one about units is W3C ORG's own (org:OrganizationalUnit
        # rdfs:subClassOf org:Organization, https://www.w3.org/TR/vocab-org/#org:OrganizationalUnit).
        assert axiom in ontology or axiom == (ORG.OrganizationalUnit, RDFS.subClassOf, ORG.Organization)


def test_concept_schemes_are_complete_and_bilingual():
    index = concept_index()
    graph = index.graph
    for name in ("role", "org-type", "region", "period", "phase", "programme-area"):
        scheme = scheme_iri(name)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
        assert set(_texts(graph, scheme, SKOS.prefLabel)) == {"sv", "en"}
        members = set(graph.subjects(SKOS.inScheme, scheme))
        assert set(graph.objects(scheme, SKOS.hasTopConcept)) <= members
        for concept in members:
            assert (concept, RDF.type, SKOS.Concept) in graph
            assert set(_texts(graph, concept, SKOS.prefLabel)) == {"sv", "en"}, concept
    assert index.concepts["role"] == {vocab.role_concept(r) for r in ROLES}
    assert index.concepts["org-type"] == {vocab.org_type_concept(t) for t in ORG_TYPES}
    assert index.concepts["period"] == {vocab.period_concept(p) for p in ("2007–2013", "2014-2020", "2021-2027")}
    assert vocab.phase_concept("Genomförande") in index.concepts["phase"]
    assert vocab.phase_concept("Förprojektering") in index.concepts["phase"]
    assert vocab.area_concept("2021-2027", "A") in index.concepts["programme-area"]
    assert len(index.concepts["programme-area"]) == 11


def test_regions_match_the_resolvers_reference_table_and_its_spellings():
    from esfgraph.resolve import Reference

    index = concept_index()
    regions = Reference.load().esf_regions
    assert index.concepts["region"] == {vocab.region_concept(key) for key in regions}
    assert len(regions) == 9
    for key, region in regions.items():
        for spelling in (region.label, region.label_en, *region.aliases):
            assert index.match("region", spelling) == vocab.region_concept(key), spelling
    assert index.match("region", "Småland & Öarna") == vocab.region_concept("smaland-och-oarna")


def _defined(term: URIRef) -> bool:
    if str(term).startswith(str(ESF._NS)):
        return term in set(_esf_terms())
    for namespace in (ORG, PROV, DCTERMS, vocab.SDO, RDF, RDFS, SKOS):
        if issubclass(namespace, rdflib_namespace.DefinedNamespace) and str(term).startswith(str(namespace._NS)):
            return term in namespace
    return False


def test_every_term_the_data_uses_is_declared(tmp_path):
    from tests.rdf.samples import PLACE_NAMES, sample_pairs
    from tests.rdf.seeds import seed_pairs

    pairs = list(seed_pairs()) + sample_pairs()
    files = write_graph([p[0] for p in pairs], [p[1] for p in pairs], tmp_path,
                        RDFOptions(include_contacts=True, reference=PLACE_NAMES))
    graph = Graph().parse(files.nt, format="nt")
    predicates = set(graph.predicates())
    classes = set(graph.objects(None, RDF.type))
    assert ESF.contactPoint in predicates and vocab.SDO.ContactPoint in classes
    undeclared = sorted(str(t) for t in predicates | classes if not _defined(t))
    assert undeclared == []
    index = concept_index()
    for predicate, scheme in (
        (ORG.role, "role"), (ESF.orgType, "org-type"), (ESF.region, "region"),
        (ESF.programmePeriod, "period"), (ESF.phase, "phase"), (ESF.programmeArea, "programme-area"),
    ):
        used = set(graph.objects(None, predicate))
        assert used and used <= index.concepts[scheme], predicate


def test_ontology_and_shapes_load_in_pyshacl_and_agree_on_the_seed_graph(tmp_path):
    """RDFS inference with the ontology (domains, ranges, subclasses) must not create findings."""
    from tests.rdf.seeds import seed_pairs

    pairs = seed_pairs()
    files = write_graph([p[0] for p in pairs], [p[1] for p in pairs], tmp_path)
    ontology = Graph().parse(ONTOLOGY / "esf.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(
        Graph().parse(files.nt, format="nt"), shacl_graph=load_shapes(), ont_graph=ontology,
        inference="rdfs", allow_warnings=True,
    )
    assert conforms, text
    assert "Results" not in text
