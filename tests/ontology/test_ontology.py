"""ontology/esf.ttl and ontology/vocab/*.ttl: complete, bilingual, aligned, and what the data uses."""

from __future__ import annotations

from pathlib import Path

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
    # A participation follows ORG's role pattern but is no org:Membership: a project is not
    # an organisation, and an organisation named in the text is no member.
    assert (ESF.Participation, RDFS.subClassOf, ORG.Membership) not in ontology
    assert (ESF.organisation, RDFS.subPropertyOf, ORG.member) not in ontology
    # EURIO as OWL axioms (tests/ontology/test_lod.py runs the EURIO query after OWL-RL closure).
    assert (ESF.Participation, RDFS.subClassOf, EURIO.OrganisationRole) in ontology
    assert (ESF.participation, RDFS.subPropertyOf, EURIO.hasInvolvedParty) in ontology
    assert (ESF.organisation, RDFS.subPropertyOf, EURIO.isRoleOf) in ontology
    assert (ESF.organisation, RDFS.range, EURIO.Organisation) in ontology
    assert not list(ontology.triples((None, SKOS.closeMatch, None)))
    assert (ESF.orgType, RDFS.subPropertyOf, ORG.classification) in ontology
    assert (ESF.Project, RDFS.subClassOf, vocab.SDO.Project) in ontology
    assert (ESF.Project, RDFS.subClassOf, EURIO.Project) in ontology
    assert (ESF.SourcePage, RDFS.subClassOf, PROV.Entity) in ontology
    assert (ESF.projectNumber, RDFS.subPropertyOf, DCTERMS.identifier) in ontology
    assert (ESF.esfGrantSEK, RDFS.range, vocab.XSD.integer) in ontology
    assert (ESF.participation, OWL.inverseOf, ESF.project) in ontology


def test_the_class_axioms_once_added_at_run_time_are_in_the_ontology(ontology):
    from esfgraph import validate

    assert not hasattr(validate.engine, "CLASS_AXIOMS")  # nothing is injected any more
    for axiom in ((ORG.OrganizationalUnit, RDFS.subClassOf, ORG.Organization),  # W3C ORG's own
                  (ESF.Municipality, RDFS.subClassOf, vocab.SDO.AdministrativeArea),
                  (ESF.County, RDFS.subClassOf, vocab.SDO.AdministrativeArea)):
        assert axiom in ontology


def test_version_iri_and_every_term_defined_by_the_ontology(ontology):
    assert ontology.value(vocab.ONTOLOGY_IRI, OWL.versionIRI) == vocab.ONTOLOGY_VERSION_IRI
    version = str(ontology.value(vocab.ONTOLOGY_IRI, OWL.versionInfo))
    assert str(vocab.ONTOLOGY_VERSION_IRI).endswith("/" + version)
    for term in _esf_terms():
        assert ontology.value(term, RDFS.isDefinedBy) == vocab.ONTOLOGY_IRI, term


def test_every_reused_term_the_ontology_mentions_is_declared(ontology):
    """What HermiT refused before: an IRI used as a class or property without a declaration."""
    declared = {s for kind in (*DECLARATIONS, OWL.AnnotationProperty) for s in ontology.subjects(RDF.type, kind)}
    builtin = (str(RDF), str(RDFS), str(OWL), str(vocab.XSD))
    used = set()
    for s, p, o in ontology:
        if p in (RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.subPropertyOf, OWL.inverseOf):
            used |= {s, o}
        if p not in (RDF.type,):
            used.add(p)
    undeclared = sorted(str(t) for t in used if isinstance(t, URIRef) and not str(t).startswith(builtin)
                        and t not in declared)
    assert undeclared == []


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


_ONTOLOGY_DECLARED = frozenset(s for s, _p, _o in Graph().parse(ONTOLOGY / "esf.ttl", format="turtle"))


def _defined(term: URIRef) -> bool:
    if str(term).startswith(str(ESF._NS)):
        return term in set(_esf_terms())
    if term in _ONTOLOGY_DECLARED:
        return True
    for namespace in (ORG, PROV, DCTERMS, vocab.SDO, RDF, RDFS, SKOS, OWL, vocab.VOID, vocab.DCAT, vocab.FOAF):
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
    """RDFS inference with the ontology (domains, ranges, subclasses) must not create findings.

    The SHACL Core shapes run here under inference; the SPARQL shapes are slow in pySHACL
    (one rdflib query per focus node), so their closed predicate lists are checked against
    the ontology's superproperties in the next test instead.
    """
    import pyshacl
    from rdflib.namespace import SH

    from tests.rdf.seeds import seed_pairs

    pairs = seed_pairs()
    files = write_graph([p[0] for p in pairs], [p[1] for p in pairs], tmp_path)
    ontology = Graph().parse(ONTOLOGY / "esf.ttl", format="turtle")
    shapes = Graph()
    sparql = set(load_shapes().subjects(SH.sparql, None))
    for triple in load_shapes():
        if triple[0] not in sparql:
            shapes.add(triple)
    conforms, report, text = pyshacl.validate(
        Graph().parse(files.nt, format="nt"), shacl_graph=shapes, ont_graph=ontology,
        inference="rdfs", allow_warnings=True,
    )
    assert conforms, text
    assert "Results" not in text


def test_closed_predicate_lists_hold_what_the_ontology_entails():
    """Each closed list holds the superproperties (by rdfs:subPropertyOf) of what it allows."""
    import re

    from rdflib.namespace import SH

    ontology = Graph().parse(ONTOLOGY / "esf.ttl", format="turtle")
    shapes = load_shapes()
    namespaces = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
                  for d in shapes.objects(None, SH.declare)}
    closed = [s for s in shapes.subjects(SH.sparql, None) if str(s).endswith("-closed")]
    assert len(closed) == 8
    for shape in closed:
        select = str(shapes.value(shapes.value(shape, SH.sparql), SH.select))
        listed = re.search(r"NOT IN \((.*?)\)\)", select, re.S).group(1)
        allowed = set()
        for name in (n.strip() for n in listed.split(",")):
            if name.startswith("<"):
                allowed.add(URIRef(name[1:-1]))
            else:
                prefix, local = name.split(":", 1)
                allowed.add(URIRef(namespaces[prefix] + local))
        for predicate in list(allowed):
            for parent in ontology.transitive_objects(predicate, RDFS.subPropertyOf):
                assert parent in allowed, (shape, predicate, parent)
