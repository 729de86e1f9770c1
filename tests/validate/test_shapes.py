"""ontology/shapes.ttl: it loads in pySHACL, matches the schemes, and every shape catches what it should.

The conforming fixture (fixtures/conforming.ttl, hand-written) has no result at all; each
case below breaks it in one way and must produce exactly the expected finding. The shapes
stand alone: no axiom is added to the data (plain pySHACL, shapes file only).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from esfgraph.rdf import concept_index
from esfgraph.validate import load_shapes, validate_graph

from ..prefixes import prologue

FIXTURES = Path(__file__).parent / "fixtures"
SYNC_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "sync_shapes.py"


def _sync_shapes():
    """scripts/sync_shapes.py as a module (a maintenance script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("sync_shapes", SYNC_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
ESFSH = "https://w3id.org/esfgraph/shapes#"
ID = "https://w3id.org/esfgraph/id/"
PREFIXES = prologue(p=ID + "project/", o=ID + "org/", m=ID + "municipality/", c=ID + "county/", x=ID + "country/",
                    s=ID + "source/", pp=ID + "project/p1/participation/", amount=ID + "project/p1/amount/")
P1 = "project/p1"
OWNER_PART = "project/p1/participation/owner-1"


def _set(subject: str, prop: str, value: str) -> str:
    return f"DELETE {{ {subject} {prop} ?v }} INSERT {{ {subject} {prop} {value} }} WHERE {{ {subject} {prop} ?v }}"


def _drop(subject: str, prop: str) -> str:
    return f"DELETE WHERE {{ {subject} {prop} ?v }}"


def _add(subject: str, prop: str, value: str) -> str:
    return f"INSERT DATA {{ {subject} {prop} {value} }}"


# shape local name -> (SPARQL update that breaks the fixture, focus node, severity)
CASES: dict[str, tuple[str, str, str]] = {
    "Project-title": (_drop("p:p1", "dcterms:title"), P1, "Violation"),
    "Project-owner": (_add("p:p1", "esf:owner", "o:arbetsformedlingen"), P1, "Violation"),
    "Project-ownerType": (_set("p:p1", "esf:owner", "m:0665"), P1, "Violation"),
    "Project-source": (_drop("p:p1", "prov:wasDerivedFrom"), P1, "Violation"),
    "Project-startDate": (_set("p:p1", "schema:startDate", '"1999-05-01"^^xsd:date'), P1, "Violation"),
    "Project-endDate": (_set("p:p1", "schema:endDate", '"2036-01-01"^^xsd:date'), P1, "Violation"),
    "Project-startNotAfterEnd": (_set("p:p1", "schema:startDate", '"2011-01-01"^^xsd:date'), P1, "Violation"),
    "Project-periodMissing": (_drop("p:p1", "schema:startDate"), P1, "Warning"),
    "Project-endMissing": (_drop("p:p1", "schema:endDate"), P1, "Warning"),
    "Project-grant": (_set("p:p1", "esf:esfGrantSEK", "-5"), P1, "Violation"),
    "Project-grantNotAboveBudget": (_set("p:p1", "esf:esfGrantSEK", "9000000"), P1, "Violation"),
    "Project-budget": (_set("p:p1", "esf:totalBudgetSEK", '"8936300.5"^^xsd:decimal'), P1, "Violation"),
    "Project-amountsMissing": (_drop("p:p1", "esf:esfGrantSEK"), P1, "Warning"),
    "Project-region": (_set("p:p1", "esf:region", "region:lappland"), P1, "Violation"),
    "Project-regionMissing": (_drop("p:p1", "esf:region"), P1, "Warning"),
    "Project-programmePeriod": (_set("p:p1", "esf:programmePeriod", "period:1994-1999"), P1, "Violation"),
    "Project-programmeArea": (
        _set("p:p1", "esf:programmeArea", "<https://w3id.org/esfgraph/vocab/programme-area/2007-2013/9>"), P1, "Violation"),
    "Project-phase": (_set("p:p1", "esf:phase", "phase:okand"), P1, "Violation"),
    "Project-projectNumber": (_add("p:p1", "esf:projectNumber", '"2008-9999"'), P1, "Violation"),
    "Project-startYear": (_set("p:p1", "esf:startYear", "1999"), P1, "Violation"),
    "Project-plannedParticipants": (_set("p:p1", "esf:plannedParticipants", "-3"), P1, "Violation"),
    "Project-coFinancingRate": (_set("p:p1", "esf:coFinancingRate", "1.5"), P1, "Violation"),
    "Project-municipality": (_add("p:p1", "esf:municipality", "m:9999"), P1, "Violation"),
    "Project-participation": (_add("p:p1", "esf:participation", "<https://w3id.org/esfgraph/id/project/p1/participation/ghost>"), P1, "Violation"),
    "Participation-project": (_drop("<%s%s>" % (ID, OWNER_PART), "esf:project"), OWNER_PART, "Violation"),
    "Participation-organisation": (
        _add("<%s%s>" % (ID, OWNER_PART), "esf:organisation", "o:arbetsformedlingen"), OWNER_PART, "Violation"),
    "Participation-organisationType": (
        _set("<%s%s>" % (ID, OWNER_PART), "esf:organisation", "o:ghost"), OWNER_PART, "Violation"),
    "Participation-role": (_set("<%s%s>" % (ID, OWNER_PART), "org:role", "role:sponsor"), OWNER_PART, "Violation"),
    "Participation-printedName": (_drop("<%s%s>" % (ID, OWNER_PART), "esf:printedName"), OWNER_PART, "Violation"),
    "Participation-confidence": (_set("<%s%s>" % (ID, OWNER_PART), "esf:confidence", "1.2"), OWNER_PART, "Violation"),
    "Participation-source": (_drop("<%s%s>" % (ID, OWNER_PART), "prov:wasDerivedFrom"), OWNER_PART, "Violation"),
    "Organisation-label": (_add("o:arbetsformedlingen", "rdfs:label", '"Af"@sv'), "org/arbetsformedlingen", "Violation"),
    "Organisation-type": (_set("o:arbetsformedlingen", "esf:orgType", "orgtype:ministry"), "org/arbetsformedlingen", "Violation"),
    "Organisation-unitOf": (_add("<%sorg/kommun-0665/ame>" % ID, "org:unitOf", "o:arbetsformedlingen"), "org/kommun-0665/ame", "Violation"),
    "Organisation-number": (_set("o:kommun-0665", "esf:organisationNumber", '"212000-0688"'), "org/kommun-0665", "Violation"),
    "Organisation-locatedIn": (_set("<%sorg/kommun-0665/ame>" % ID, "esf:locatedIn", "m:9999"), "org/kommun-0665/ame", "Violation"),
    "Organisation-governs": (_set("o:kommun-0665", "esf:governs", "c:99"), "org/kommun-0665", "Violation"),
    "Organisation-country": (_set("<%sorg/foreign/it/obf>" % ID, "esf:country", "x:XX"), "org/foreign/it/obf", "Violation"),
    "Unit-parent": (_drop("<%sorg/arbetsformedlingen/jonkoping>" % ID, "org:unitOf"), "org/arbetsformedlingen/jonkoping", "Violation"),
    "Municipality-code": (_add("m:0680", "esf:municipalityCode", '"0665"'), "municipality/0680", "Violation"),
    "Municipality-codeInTable": (_set("m:0680", "esf:municipalityCode", '"0699"'), "municipality/0680", "Violation"),
    "Municipality-label": (_drop("m:0680", "rdfs:label"), "municipality/0680", "Warning"),
    "Municipality-county": (_drop("m:0680", "esf:county"), "municipality/0680", "Violation"),
    "County-code": (_set("c:06", "esf:countyCode", '"6"'), "county/06", "Violation"),
    "County-label": (_drop("c:06", "rdfs:label"), "county/06", "Warning"),
    "Country-code": (_set("x:IT", "esf:isoCode", '"it"'), "country/IT", "Violation"),
    "SourcePage-fileName": (_drop("s:s1", "esf:fileName"), "source/s1", "Violation"),
    "SourcePage-sha256": (_set("s:s1", "esf:sha256", '"XYZ"'), "source/s1", "Violation"),
    "SourcePage-sha256Missing": (_drop("s:s1", "esf:sha256"), "source/s1", "Warning"),
    "SourcePage-url": (_set("s:s1", "schema:url", '"https://www.esf.se/projekt/trappsteget"'), "source/s1", "Violation"),
    "Place-labelLanguage": (_set("m:0680", "rdfs:label", '"Jönköping"@se'), "municipality/0680", "Violation"),
    "MonetaryAmount-value": (_set("amount:esf-grant", "schema:value", "-1"), "project/p1/amount/esf-grant", "Violation"),
    "MonetaryAmount-currency": (_set("amount:esf-grant", "schema:currency", '"EUR"'), "project/p1/amount/esf-grant", "Violation"),
    # SHACL-SPARQL shapes (node shapes), one case each
    "Project-titleSwedish": (_set("p:p1", "dcterms:title", '"Trappsteget"@en'), P1, "Violation"),
    "Organisation-labelLanguage": (_set("o:arbetsformedlingen", "rdfs:label", '"Arbetsförmedlingen"'), "org/arbetsformedlingen", "Violation"),
    "Organisation-numberCheckDigit": (_set("o:kommun-0665", "esf:organisationNumber", '"2120000689"'), "org/kommun-0665", "Violation"),
    "Municipality-countyFromCode": (_set("m:0680", "esf:municipalityCode", '"0780"'), "municipality/0680", "Violation"),
    "Project-oneOwner": (
        "INSERT DATA { p:p1 esf:participation pp:owner-2 . pp:owner-2 a esf:Participation ; esf:project p:p1 ; "
        "esf:organisation <https://w3id.org/esfgraph/id/org/kommun-0665/ame> ; org:role role:owner ; "
        'esf:printedName "AME" ; prov:wasDerivedFrom s:s1 }', P1, "Violation"),
    "Project-shortcutHasParticipation": (_add("p:p1", "esf:partner", "o:arbetsformedlingen"), P1, "Violation"),
    "Project-participationHasShortcut": (_drop("p:p1", "esf:coFinancier"), P1, "Violation"),
    "Project-participationOfThisProject": (
        _set("pp:co-financier-2", "esf:project", "p:p1b") + " ; INSERT DATA { p:p1b a esf:Project }", P1, "Violation"),
    "Project-datesInPeriod": (_set("p:p1", "schema:endDate", '"2016-06-30"^^xsd:date'), P1, "Violation"),
    "Project-closed": (_add("p:p1", "esf:totalBudgetSek", "8936300"), P1, "Violation"),
    "Participation-closed": (_add("pp:owner-1", "esf:roll", "role:owner"), OWNER_PART, "Violation"),
    "Organisation-closed": (_add("o:arbetsformedlingen", "esf:orgtype", "orgtype:agency"), "org/arbetsformedlingen", "Violation"),
    "Municipality-closed": (_add("m:0680", "esf:countyCode", '"06"'), "municipality/0680", "Violation"),
    "County-closed": (_add("c:06", "esf:municipalityCode", '"0665"'), "county/06", "Violation"),
    "Country-closed": (_add("x:IT", "esf:iso", '"IT"'), "country/IT", "Violation"),
    "SourcePage-closed": (_add("s:s1", "esf:filename", '"x.txt"'), "source/s1", "Violation"),
    "MonetaryAmount-closed": (_add("amount:esf-grant", "schema:amount", "5"), "project/p1/amount/esf-grant", "Violation"),
}

_SHORTCUT = ("Project-shortcutHasParticipation", P1, "Violation")
_PARTICIPATION = ("Project-participationHasShortcut", P1, "Violation")
_WINDOW = ("Project-datesInPeriod", P1, "Violation")

#: Findings a case makes besides its own: breaking a participation or a shortcut breaks their
#: agreement too, a date outside 2000-2035 is outside its programme period, and one case
#: needs a second, bare project.
ALSO: dict[str, set[tuple[str, str, str]]] = {
    "Participation-organisation": {_PARTICIPATION},
    "Participation-organisationType": {_SHORTCUT, _PARTICIPATION},
    "Participation-role": {_SHORTCUT, _PARTICIPATION},
    "Project-owner": {_SHORTCUT},
    "Project-ownerType": {_SHORTCUT, _PARTICIPATION},
    "Project-startDate": {_WINDOW},
    "Project-endDate": {_WINDOW},
    "Project-participationOfThisProject": {
        (shape, "project/p1b", severity) for shape, severity in (
            ("Project-title", "Violation"), ("Project-owner", "Violation"), ("Project-source", "Violation"),
            ("Project-periodMissing", "Warning"), ("Project-endMissing", "Warning"),
            ("Project-amountsMissing", "Warning"), ("Project-regionMissing", "Warning"))},
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def conforming() -> Graph:
    return Graph().parse(FIXTURES / "conforming.ttl")


def _property_shapes(shapes: Graph) -> set[str]:
    return {str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape)}


def _sparql_shapes(shapes: Graph) -> set[str]:
    return {str(s) for s in shapes.subjects(SH.sparql, None)}


def test_shapes_are_valid_shacl_and_load_in_pyshacl(shapes, conforming):
    # meta_shacl checks the shapes graph against the SHACL-for-SHACL shapes first. That check
    # is quadratic in list length, so the 290 municipality codes are cut to the three the fixture needs (the
    # full list is read back as a well-formed rdf:List in the last test).
    trimmed = Graph()
    codes_shape = URIRef(ESFSH + "Municipality-codeInTable")
    full_list = shapes.value(codes_shape, SH["in"])
    list_nodes = set()
    node = full_list
    while node is not None and node != RDF.nil:
        list_nodes.add(node)
        node = shapes.value(node, RDF.rest)
    for triple in shapes:
        if triple[0] not in list_nodes and triple[:2] != (codes_shape, SH["in"]):
            trimmed.add(triple)
    short = Collection(trimmed, BNode(), [Literal("0665"), Literal("0680"), Literal("2584")])
    trimmed.add((codes_shape, SH["in"], short.uri))
    conforms, _report, text = pyshacl.validate(conforming, shacl_graph=trimmed, meta_shacl=True, allow_warnings=True)
    assert conforms, text
    assert len(_property_shapes(shapes)) == 53 and len(_sparql_shapes(shapes)) == 17
    assert len(CASES) == 53 + 17


def test_every_property_shape_is_named_has_a_severity_and_two_messages(shapes):
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert isinstance(shape, URIRef) and str(shape).startswith(ESFSH)
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning)
        languages = sorted(m.language for m in shapes.objects(shape, SH.message))
        assert languages == ["en", "sv"], shape
    for shape in shapes.subjects(SH.sparql, None):
        assert isinstance(shape, URIRef) and str(shape).startswith(ESFSH)
        assert shapes.value(shape, SH.severity) == SH.Violation
        constraint = shapes.value(shape, SH.sparql)
        assert sorted(m.language for m in shapes.objects(constraint, SH.message)) == ["en", "sv"], shape
    # Everything merely incomplete is a warning: exactly these shapes.
    warnings = {str(s).removeprefix(ESFSH) for s in shapes.subjects(SH.severity, SH.Warning)}
    assert warnings == {k for k, (_, _, severity) in CASES.items() if severity == "Warning"}


def test_the_conforming_fixture_has_no_result_at_all(conforming):
    outcome = validate_graph(conforming)
    assert outcome.conforms and outcome.results == []


def test_every_shape_has_a_violating_case(shapes):
    assert {s.removeprefix(ESFSH) for s in _property_shapes(shapes) | _sparql_shapes(shapes)} == set(CASES)


@pytest.mark.parametrize("shape", sorted(CASES))
def test_each_shape_catches_its_case_and_nothing_else(shape, conforming):
    update, focus, severity = CASES[shape]
    graph = Graph()
    for triple in conforming:
        graph.add(triple)
    graph.update(PREFIXES + update)
    assert len(graph) != len(conforming) or set(graph) != set(conforming), "the update changed nothing"
    outcome = validate_graph(graph)
    found = {(str(r.shape).removeprefix(ESFSH), str(r.focus).removeprefix(ID), r.severity) for r in outcome.results}
    assert found == {(shape, focus, severity)} | ALSO.get(shape, set())
    assert outcome.conforms == (severity == "Warning")


def _in_list(shapes: Graph, shape: str) -> set[str]:
    values = shapes.value(URIRef(ESFSH + shape), SH["in"])
    return {str(v) for v in Collection(shapes, values)}


@pytest.mark.parametrize(
    "shape, scheme",
    [
        ("Project-region", "region"),
        ("Project-programmePeriod", "period"),
        ("Project-programmeArea", "programme-area"),
        ("Project-phase", "phase"),
        ("Participation-role", "role"),
        ("Organisation-type", "org-type"),
    ],
)
def test_concept_lists_in_the_shapes_equal_the_schemes(shapes, shape, scheme):
    assert _in_list(shapes, shape) == {str(c) for c in concept_index().concepts[scheme]}


def test_municipality_codes_in_the_shape_equal_the_reference_table(shapes, capsys):
    sync = _sync_shapes()
    text = (Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    codes = sync.shape_municipality_codes(text)
    assert codes == sync.reference_municipality_codes()
    assert len(codes) == 290 and "0665" in codes and "2584" in codes
    assert _in_list(shapes, "Municipality-codeInTable") == set(codes)
    assert sync.main(["--check"]) == 0
    assert "290 municipality codes, up to date" in capsys.readouterr().out


def test_the_sync_script_rewrites_an_out_of_date_list(tmp_path):
    sync = _sync_shapes()
    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(f"x sh:path y ;\n    {sync.BEGIN}\n    sh:in ( \"0114\" ) .\n    {sync.END}\n", encoding="utf-8")
    assert sync.sync_shapes(shapes_file, ["0114", "0115"]) is True
    assert sync.shape_municipality_codes(shapes_file.read_text(encoding="utf-8")) == ["0114", "0115"]
    assert sync.sync_shapes(shapes_file, ["0114", "0115"]) is False
