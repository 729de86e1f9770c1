"""Linked Open Data on the sample build: shapes and ontology that stand alone, links out,
the EURIO alignment, the dataset description, and the breaks the shapes must catch."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from esfgraph.build import BuildOptions, build
from esfgraph.rdf import TIME_PREDICATES, without_time
from esfgraph.validate import validate_graph
from esfgraph.vocab import ADMS, DCTERMS, ESF, EURIO, ORG, OWL, RDF, RDFS, ROV, SKOS, VOID, WIKIDATA

from ..prefixes import PROLOGUE

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
ESFSH = "https://w3id.org/esfgraph/shapes#"
#: Trappsteget (2007-2013, owner AME in Vaggeryd) and its owner participation.
TRAPPSTEGET = "?p dcterms:title \"Trappsteget\"@sv ."
OWNER = TRAPPSTEGET + " ?p esf:participation ?owner . ?owner org:role role:owner ; esf:organisation ?ownerOrg ."


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_pages) -> Path:
    out = tmp_path_factory.mktemp("lod") / "demo"
    build([sample_pages], out, BuildOptions(workers=1, progress=False, analyze=False))
    return out


@pytest.fixture(scope="module")
def graph(sample) -> Graph:
    return Graph().parse(sample / "graph.nt", format="nt")


def test_plain_pyshacl_with_the_shapes_file_alone_conforms_on_the_sample_build(graph):
    import pyshacl

    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    conforms, _report, text = pyshacl.validate(graph, shacl_graph=shapes, allow_warnings=True)
    assert conforms, text
    assert "Results" not in text


# The ten breaks of the issue, each on the sample graph, and the shape that must catch it.
BREAKS: dict[str, tuple[str, str]] = {
    "impossible date": (
        f'DELETE {{ ?p schema:startDate ?d }} INSERT {{ ?p schema:startDate "2008-02-30"^^xsd:date }} '
        f"WHERE {{ {TRAPPSTEGET} ?p schema:startDate ?d }}", "Project-startDate"),
    "end before start": (
        f'DELETE {{ ?p schema:endDate ?d }} INSERT {{ ?p schema:endDate "2008-01-01"^^xsd:date }} '
        f"WHERE {{ {TRAPPSTEGET} ?p schema:endDate ?d }}", "Project-startNotAfterEnd"),
    "grant as text": (
        f'DELETE {{ ?p esf:esfGrantSEK ?g }} INSERT {{ ?p esf:esfGrantSEK "3 574 500 kr" }} '
        f"WHERE {{ {TRAPPSTEGET} ?p esf:esfGrantSEK ?g }}", "Project-grant"),
    "organisation number with a wrong check digit": (
        'DELETE { ?o esf:organisationNumber ?n } INSERT { ?o esf:organisationNumber "2021002115" } '
        "WHERE { BIND(<https://w3id.org/esfgraph/id/org/arbetsformedlingen> AS ?o) ?o esf:organisationNumber ?n }", "Organisation-numberCheckDigit"),
    "municipality in the wrong county": (
        "DELETE { ?m esf:county ?c } INSERT { ?m esf:county <https://w3id.org/esfgraph/id/county/07> } "
        "WHERE { BIND(<https://w3id.org/esfgraph/id/municipality/0665> AS ?m) ?m esf:county ?c }", "Municipality-countyFromCode"),
    "a second owner": (
        f"INSERT {{ ?p esf:owner <https://w3id.org/esfgraph/id/org/samhall> ; esf:participation <https://w3id.org/esfgraph/id/x-owner> . <https://w3id.org/esfgraph/id/x-owner> a esf:Participation ; "
        f'esf:project ?p ; esf:organisation <https://w3id.org/esfgraph/id/org/samhall> ; org:role role:owner ; esf:printedName "Samhall" ; '
        f"prov:wasDerivedFrom ?page }} WHERE {{ {TRAPPSTEGET} ?p prov:wasDerivedFrom ?page }}", "Project-oneOwner"),
    "a shortcut without its participation": (
        f"INSERT {{ ?p esf:coFinancier <https://w3id.org/esfgraph/id/org/samhall> }} WHERE {{ {TRAPPSTEGET} }}", "Project-shortcutHasParticipation"),
    "a misspelt predicate": (
        f"DELETE {{ ?p esf:totalBudgetSEK ?b }} INSERT {{ ?p esf:totalBudgetSek ?b }} "
        f"WHERE {{ {TRAPPSTEGET} ?p esf:totalBudgetSEK ?b }}", "Project-closed"),
    "a 2007-2013 project dated 2019-2022": (
        f'DELETE {{ ?p schema:startDate ?s ; schema:endDate ?e }} INSERT {{ ?p schema:startDate "2019-01-01"^^xsd:date ; '
        f'schema:endDate "2022-12-31"^^xsd:date }} WHERE {{ {TRAPPSTEGET} ?p schema:startDate ?s ; schema:endDate ?e }}',
        "Project-datesInPeriod"),
    "a participation pointing at another project": (
        f"DELETE {{ ?owner esf:project ?p }} INSERT {{ ?owner esf:project ?other }} "
        f'WHERE {{ {OWNER} ?other dcterms:title "INTRO"@sv }}', "Project-participationOfThisProject"),
    "a language tag @se where @sv is meant": (
        f'DELETE {{ ?p dcterms:title "Trappsteget"@sv }} INSERT {{ ?p dcterms:title "Trappsteget"@se }} '
        f"WHERE {{ {TRAPPSTEGET} }}", "Project-title"),
}


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_break_of_the_sample_graph_is_caught(graph, name):
    update, shape = BREAKS[name]
    broken = _copy(graph)
    broken.update(PROLOGUE + update)
    assert set(broken) != set(graph), "the update changed nothing"
    outcome = validate_graph(broken)
    assert not outcome.conforms
    assert shape in {str(r.shape).removeprefix(ESFSH) for r in outcome.results if r.severity == "Violation"}


def test_correct_swedish_and_english_literals_are_accepted(graph):
    accepted = _copy(graph)
    accepted.update(PROLOGUE + f'INSERT {{ ?p dcterms:title "Steps"@en }} WHERE {{ {TRAPPSTEGET} }}')
    accepted.update(PROLOGUE + 'INSERT DATA { <https://w3id.org/esfgraph/id/org/arbetsformedlingen> rdfs:label "Swedish Public Employment Service"@en }')
    assert len(accepted) == len(graph) + 2
    outcome = validate_graph(accepted)
    assert outcome.conforms and outcome.results == [], outcome.text


def test_titles_and_swedish_names_are_tagged_sv(graph):
    titles = list(graph.objects(None, DCTERMS.title))
    projects = set(graph.subjects(RDF.type, ESF.Project))
    assert len(projects) == 5
    for project in projects:
        assert [t.language for t in graph.objects(project, DCTERMS.title)] == ["sv"]
    foreign = URIRef("https://w3id.org/esfgraph/vocab/org-type/foreign")
    for organisation in graph.subjects(RDF.type, ORG.Organization):
        labels = list(graph.objects(organisation, RDFS.label))
        expected = None if (organisation, ESF.orgType, foreign) in graph else "sv"
        assert [label.language for label in labels] == [expected], organisation
    assert titles


def test_owl_rl_closure_answers_the_eurio_query(graph):
    import owlrl

    closed = _copy(graph)
    closed.parse(ONTOLOGY / "esf.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
    rows = list(closed.query("""
        PREFIX eurio: <http://data.europa.eu/s66#>
        SELECT ?project ?role ?organisation WHERE {
            ?project a eurio:Project ; eurio:hasInvolvedParty ?role .
            ?role a eurio:OrganisationRole ; eurio:isRoleOf ?organisation .
            ?organisation a eurio:Organisation .
        }"""))
    participations = set(graph.subjects(RDF.type, ESF.Participation))
    assert {row[0] for row in rows} == set(graph.subjects(RDF.type, ESF.Project))
    assert {row[1] for row in rows} == participations and len(participations) > 40
    # The organisations, and (by owl:sameAs) the Wikidata items that are the same organisations.
    organisations = {row[2] for row in rows}
    assert {o for o in organisations if not str(o).startswith(str(WIKIDATA))} == set(graph.objects(None, ESF.organisation))
    assert WIKIDATA.Q3440237 in organisations  # Arbetsförmedlingen
    af = URIRef("https://w3id.org/esfgraph/id/org/arbetsformedlingen/vaggeryd")
    assert (af, RDF.type, EURIO.Organisation) in closed


def test_hermit_loads_the_ontology_and_finds_it_consistent(tmp_path):
    owlready2 = pytest.importorskip("owlready2", reason="owlready2 is not installed")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: HermiT needs one")
    ontology = Graph().parse(ONTOLOGY / "esf.ttl", format="turtle")
    path = tmp_path / "esf.owl"
    ontology.serialize(path, format="xml")
    world = owlready2.World()
    loaded = world.get_ontology(path.as_uri()).load()
    with loaded:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    assert loaded.search_one(iri=str(ESF.Participation)) is not None


def test_every_public_body_of_the_sample_has_its_wikidata_link_and_identifier(graph):
    kinds = {URIRef(f"https://w3id.org/esfgraph/vocab/org-type/{kind}")
             for kind in ("municipality", "region", "county-board", "agency")}
    bodies = {s for s, o in graph.subject_objects(ESF.orgType) if o in kinds}
    assert len(bodies) >= 8
    for body in bodies:
        same = [o for o in graph.objects(body, OWL.sameAs) if str(o).startswith(str(WIKIDATA))]
        assert re.fullmatch(r"Q[0-9]+", str(same[0]).rsplit("/", 1)[-1]), body
        registration = graph.value(body, ROV.registration)
        assert (registration, RDF.type, ADMS.Identifier) in graph
        assert graph.value(registration, SKOS.notation) == graph.value(body, ESF.organisationNumber)
    vaggeryd = URIRef("https://w3id.org/esfgraph/id/org/kommun-0665")
    assert graph.value(vaggeryd, OWL.sameAs) == WIKIDATA.Q605329
    assert graph.value(vaggeryd, ESF.organisationNumber) == Literal("2120000522")


def test_places_and_countries_link_to_the_eus_iris(graph):
    county = URIRef("https://w3id.org/esfgraph/id/county/06")
    assert graph.value(county, ESF.nutsRegion) == URIRef("http://data.europa.eu/nuts/code/SE211")
    assert str(graph.value(county, OWL.sameAs)).startswith(str(WIKIDATA))
    code = graph.value(URIRef("https://w3id.org/esfgraph/id/municipality/0665"), ADMS.identifier)
    assert graph.value(code, SKOS.notation) == Literal("0665")
    gb = URIRef("https://w3id.org/esfgraph/id/country/GB")
    assert graph.value(gb, OWL.sameAs) == URIRef("http://publications.europa.eu/resource/authority/country/GBR")
    regions = {graph.value(p, ESF.nutsRegion) for p in graph.subjects(RDF.type, ESF.Project)}
    assert URIRef("http://data.europa.eu/nuts/code/SE21") in regions


def test_the_dataset_description_validates_against_its_shapes(graph):
    import pyshacl

    shapes = Graph().parse(ONTOLOGY / "dataset-shapes.ttl", format="turtle")
    conforms, _report, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms, text
    dataset = URIRef("https://w3id.org/esfgraph/id/dataset")
    assert {t.language for t in graph.objects(dataset, DCTERMS.title)} == {"sv", "en"}
    assert graph.value(dataset, VOID.triples).toPython() == len(graph) - len(_description(graph))
    linksets = {str(s).rsplit("/", 1)[-1]: int(graph.value(s, VOID.triples)) for s in graph.objects(dataset, VOID.subset)}
    assert linksets["wikidata"] == len([o for o in graph.objects(None, OWL.sameAs) if str(o).startswith(str(WIKIDATA))])
    assert set(linksets) == {"wikidata", "eu-countries", "nuts"}
    broken = _copy(graph)
    broken.remove((dataset, DCTERMS.license, None))
    assert not pyshacl.validate(broken, shacl_graph=shapes)[0]


def _description(graph: Graph) -> set:
    marks = ("/id/dataset", "/id/activity/", "/id/agent/", "/id/reference/")
    return {t for t in graph if any(m in str(t[0]) for m in marks) or str(t[0]) == "https://w3id.org/esfgraph"}


def test_outputs_differ_only_in_the_triples_that_carry_time(tmp_path, sample_pages, sample, monkeypatch):
    pages = tmp_path / "pages"
    shutil.copytree(sample_pages, pages)  # new modification times: a new recorded build time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build([pages], tmp_path / "out", BuildOptions(workers=1, progress=False, analyze=False, cache=False))
    first = (sample / "graph.nt").read_text(encoding="utf-8").splitlines()
    second = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert first != second
    assert without_time(first) == without_time(second)
    changed = set(first) ^ set(second)
    assert len(changed) == 8 and all(any(str(p) in line for p in TIME_PREDICATES) for line in changed)
    assert any('"2026-05-28T20:26:40+00:00"' in line for line in second)


def test_docs_ontology_covers_every_predicate_and_class_of_the_sample_build(graph):
    text = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    from esfgraph.vocab import LINK_PREFIXES, PREFIXES

    prefixes = {**PREFIXES, **LINK_PREFIXES}
    missing = []
    for term in set(graph.predicates()) | set(graph.objects(None, RDF.type)):
        short = next((f"{p}:{str(term)[len(ns):]}" for p, ns in prefixes.items() if str(term).startswith(ns)), str(term))
        if f"`{short}`" not in text and str(term) not in text:
            missing.append(short)
    assert sorted(missing) == []


def test_a_moved_iri_is_recorded_as_replaced_and_the_record_is_carried_to_later_builds(tmp_path, sample_pages):
    pages = tmp_path / "pages"
    shutil.copytree(sample_pages, pages)
    out = tmp_path / "out"
    options = BuildOptions(workers=1, progress=False, analyze=False)
    build([pages], out, options)
    first = Graph().parse(out / "graph.nt", format="nt")
    old = next(first.subjects(DCTERMS.title, Literal("Trappsteget", lang="sv")))
    assert "replaced" not in (out / "iris.csv").read_text(encoding="utf-8").split("\n", 1)[1]
    # A corrected title moves a project without a project number (its key hashes the title).
    page = pages / "000_ebc39ac141ca286d.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("\nTrappsteget\n", "\nTrappsteget 2008\n", 1),
                    encoding="utf-8")
    build([pages], out, options)
    second = Graph().parse(out / "graph.nt", format="nt")
    new = next(second.subjects(DCTERMS.title, Literal("Trappsteget 2008", lang="sv")))
    assert new != old and (old, RDF.type, ESF.Project) not in second
    assert list(second.objects(old, DCTERMS.isReplacedBy)) == [new]
    assert validate_graph(out / "graph.nt").conforms
    # A later build that changes nothing else still states it.
    (pages / "004_e1f4b13072c7ae19.txt").touch()
    build([pages], out, BuildOptions(workers=1, progress=False, analyze=False, cache=False))
    third = Graph().parse(out / "graph.nt", format="nt")
    assert list(third.objects(old, DCTERMS.isReplacedBy)) == [new]
    rows = (out / "iris.csv").read_text(encoding="utf-8").splitlines()
    assert f"replaced,,{old},{new}" in rows


def test_the_analysis_run_has_its_software_input_and_time(tmp_path, sample_pages, monkeypatch):
    import pyoxigraph as ox

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build([sample_pages], tmp_path / "out", BuildOptions(workers=1, progress=False, cache=False))
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    rows = {(r["p"].value, r["o"].value) for r in store.query(
        "SELECT ?p ?o WHERE { GRAPH <https://w3id.org/esfgraph/graph/analysis> "
        "{ ?run a <http://www.w3.org/ns/prov#Activity> ; ?p ?o } }")}
    prov = "http://www.w3.org/ns/prov#"
    assert (prov + "used", "https://w3id.org/esfgraph/id/dataset") in rows
    assert (prov + "startedAtTime", "2026-05-28T20:26:40Z") in rows
    assert any(p == prov + "wasAssociatedWith" and "/agent/esfgraph/" in o for p, o in rows)
    assert ("https://w3id.org/esfgraph/ontology#analysisLevel", "unit") in rows
