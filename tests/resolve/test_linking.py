"""The linking pass: one node per organisation, whether a page prints its number or its name."""

from __future__ import annotations

import csv
import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from esfgraph.build import BuildOptions, build
from esfgraph.iris import org_iri
from esfgraph.model import Mention, Organisation, ProjectRecord, RecordResolution
from esfgraph.resolve import Reference, Resolver, merge_organisations
from esfgraph.resolve.linking import Linking, link_organisations
from esfgraph.vocab import ESF

HOPPET_NUMBER = org_iri("orgnr-8024948773")
HOPPET_NAME = org_iri("name/foreningen-hoppet")


@pytest.fixture(scope="module")
def resolver():
    return Resolver()


def _pages(resolver, *records):
    return [resolver.resolve(record) for record in records]


def test_number_page_and_name_page_become_one_organisation_that_keeps_the_number(resolver):
    resolutions = _pages(
        resolver,
        ProjectRecord(source="new.txt", title="A", owner="FÖRENINGEN HOPPET", owner_org_number="802494-8773"),
        ProjectRecord(source="old.txt", title="B", owner="Föreningen Hoppet"),
        ProjectRecord(source="old2.txt", title="C", owner="Örebro kommun", partners=["Föreningen Hoppet"]),
    )
    linking = link_organisations(resolutions)
    assert linking.replaced == {HOPPET_NUMBER: HOPPET_NAME}
    assert (linking.groups, linking.conflicts) == (1, 0)
    linked = linking.apply(resolutions)
    assert {m.canonical for r in linked for m in r.mentions if "Hoppet" in m.raw or "HOPPET" in m.raw} == {HOPPET_NAME}
    merged = merge_organisations(linked)
    assert HOPPET_NUMBER not in merged
    assert merged[HOPPET_NAME].org_number == "8024948773"
    assert merged[HOPPET_NAME].label == "Föreningen Hoppet"  # printed so on two pages, in capitals on one


def test_a_reference_name_keeps_its_key_beside_a_number(resolver):
    # The number path goes through the name rules first, so a reference organisation printed
    # with its number already has its reference key: the linking pass has nothing to join.
    resolutions = _pages(
        resolver,
        ProjectRecord(source="new.txt", title="A", owner="FOLKBILDNINGSRÅDET", owner_org_number="802009-8554"),
        ProjectRecord(source="old.txt", title="B", owner="Folkbildningsrådet"),
    )
    assert {m.canonical for r in resolutions for m in r.mentions} == {org_iri("folkbildningsradet")}
    assert link_organisations(resolutions).replaced == {}


def test_one_name_beside_two_numbers_joins_nothing(resolver):
    resolutions = _pages(
        resolver,
        ProjectRecord(source="a.txt", title="A", owner="IDROTTSFÖRENINGEN", owner_org_number="802000-0001"),
        ProjectRecord(source="b.txt", title="B", owner="Idrottsföreningen", owner_org_number="802000-0002"),
        ProjectRecord(source="c.txt", title="C", owner="Idrottsföreningen"),
    )
    assert link_organisations(resolutions).replaced == {}


def _resolution(source, mentions, organisations):
    return RecordResolution(source=source, project=f"https://w3id.org/esfgraph/id/project/{source}",
                            mentions=mentions, organisations=organisations)


def _mention(source, raw, canonical, method="name-key"):
    return Mention(source=source, project=f"https://w3id.org/esfgraph/id/project/{source}", raw=raw,
                   role="owner", canonical=canonical, label=raw, method=method, confidence=0.9)


def test_a_name_that_resolves_to_two_organisations_joins_neither():
    unit_a, unit_b = org_iri("kommun-0665/socialtjansten"), org_iri("kommun-2510/socialtjansten")
    number = org_iri("orgnr-2120000001")
    resolutions = [
        _resolution("n", [_mention("n", "Socialtjänsten", number, "org-number")],
                    [Organisation(number, "Socialtjänsten", org_number="2120000001")]),
        _resolution("a", [_mention("a", "Socialtjänsten", unit_a)], [Organisation(unit_a, "Socialtjänsten")]),
        _resolution("b", [_mention("b", "Socialtjänsten", unit_b)], [Organisation(unit_b, "Socialtjänsten")]),
    ]
    assert link_organisations(resolutions).replaced == {}


def test_two_reference_organisations_with_one_number_stay_apart():
    a, b = org_iri("kommun-0305"), org_iri("kommun-2305")
    resolutions = [
        _resolution("a", [_mention("a", "Håbo kommun", a, "municipality")],
                    [Organisation(a, "Håbo kommun", "municipality", org_number="2120003054")]),
        _resolution("b", [_mention("b", "Ragunda kommun", b, "municipality")],
                    [Organisation(b, "Ragunda kommun", "municipality", org_number="2120003054")]),
    ]
    linking = link_organisations(resolutions)
    assert (linking.replaced, linking.conflicts) == ({}, 1)


def test_survivor_does_not_depend_on_page_order(resolver):
    records = [
        ProjectRecord(source=f"p{i}.txt", title=str(i), owner=owner, owner_org_number=number)
        for i, (owner, number) in enumerate([
            ("KIRUNA FOLKHÖGSKOLA", "817529-4167"), ("Kiruna folkhögskola", None),
            ("BRYGGBOLAGET I SVALÖV AB", "556044-9885"), ("Bryggbolaget i Svalöv AB", None),
            ("Bryggbolaget i Svalöv AB", None)])
    ]
    forward = link_organisations(_pages(resolver, *records)).replaced
    backward = link_organisations(_pages(resolver, *reversed(records))).replaced
    assert forward == backward
    assert sorted(forward) == [org_iri("orgnr-5560449885"), org_iri("orgnr-8175294167")]


def test_rewrite_line_touches_organisation_objects_only():
    linking = Linking({HOPPET_NUMBER: HOPPET_NAME})
    line = f"<https://e.org/part> <{ESF.organisation}> <{HOPPET_NUMBER}> ."
    assert linking.rewrite_line(line) == f"<https://e.org/part> <{ESF.organisation}> <{HOPPET_NAME}> ."
    literal = f'<https://e.org/part> <{ESF.printedName}> "<{HOPPET_NUMBER}> ." .'
    assert linking.rewrite_line(literal) == literal


def test_rewrite_lines_of_a_page_equal_rewrite_line_of_each():
    other = org_iri("orgnr-5566778899")
    linking = Linking({HOPPET_NUMBER: HOPPET_NAME, other: org_iri("kommun-0665")})
    lines = [f"<https://e.org/part> <{ESF.organisation}> <{HOPPET_NUMBER}> .",
             f'<https://e.org/part> <{ESF.printedName}> "<{HOPPET_NUMBER}> ." .',
             f"<https://e.org/p> <{ESF.partner}> <{other}> .",
             f"<https://e.org/p> <{ESF.partner}> <{other}x> .",  # a longer IRI: not retired
             f"<{HOPPET_NUMBER}> <{ESF.partner}> <https://e.org/q> ."]  # subjects are never rewritten
    rewritten = linking.rewrite_lines(lines)
    assert rewritten == [linking.rewrite_line(line) for line in lines]
    assert rewritten[0].endswith(f"<{HOPPET_NAME}> .") and rewritten[2].endswith(f"<{org_iri('kommun-0665')}> .")
    assert rewritten[1] == lines[1] and rewritten[3] == lines[3] and rewritten[4] == lines[4]
    untouched = lines[1:2]
    assert linking.rewrite_lines(untouched) is untouched
    assert Linking().rewrite_lines(lines) is lines


def test_build_makes_one_node_and_keeps_the_old_iri_as_replaced(tmp_path, fixtures_dir):
    out = tmp_path / "out"
    result = build([fixtures_dir / "pages" / "linking"], out, BuildOptions(workers=1, analyze=False))
    assert result.counts["linked_keys"] == 1
    assert any(line.startswith("linking: 1 keys joined into 1 organisations") for line in result.summary_lines)
    rows = list(csv.DictReader((out / "resolution.csv").open(encoding="utf-8")))
    hoppet = {row["source"].rsplit("/", 1)[1]: row["canonical"] for row in rows if "hoppet" in row["raw"].lower()}
    assert hoppet == {"colon2014_hoppet.txt": HOPPET_NAME, "esfplus_hoppet.txt": HOPPET_NAME,
                      "print2007_hoppet.txt": HOPPET_NAME}
    graph = Graph().parse(out / "graph.nt", format="nt")
    assert list(graph.objects(URIRef(HOPPET_NUMBER), DCTERMS.isReplacedBy)) == [URIRef(HOPPET_NAME)]
    assert set(graph.predicates(URIRef(HOPPET_NUMBER))) == {DCTERMS.isReplacedBy}  # nothing else left on it
    assert not list(graph.subjects(None, URIRef(HOPPET_NUMBER)))
    assert str(graph.value(URIRef(HOPPET_NAME), ESF.organisationNumber)) == "8024948773"
    # placed by the ESF+ page's postal code (701 35 Örebro): nothing in its name says where
    located = {str(o) for o in graph.objects(URIRef(HOPPET_NAME), ESF.locatedIn)}
    assert located == {"https://w3id.org/esfgraph/id/municipality/1880"}
    projects = set(graph.subjects(ESF.organisation, URIRef(HOPPET_NAME)))
    assert len(projects) == 3
    assert json.loads((out / "build.json").read_text())["counts"]["linked_keys"] == 1
    # the ESF+ page's own fields reach the graph
    project = URIRef("https://w3id.org/esfgraph/id/project/23-101-s02")
    assert (str(graph.value(project, ESF.fund)), str(graph.value(project, ESF.nuts2)),
            graph.value(project, ESF.plannedParticipants).toPython()) == ("ESF+", "SE12", 120)
