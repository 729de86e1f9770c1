"""The one pass that writes graph.nt: sorting, splicing, statistics, registry and Turtle from blocks.

Each fast path is checked against the plain way of doing the same thing (a Python sort,
a line-by-line merge, Oxigraph parsing every line), on lines chosen to be awkward:
escapes, non-ASCII text, duplicates, literals that hold a predicate's text.
"""

from __future__ import annotations

import hashlib
import io
import random

import pyoxigraph as ox
import pytest
from rdflib import Graph

from esfgraph.rdf import turtle
from esfgraph.rdf.dataset import GraphStats
from esfgraph.rdf.ntriples import iri_text, literal_text, term_value
from esfgraph.rdf.registry import RegistryScan, registry_entries
from esfgraph.rdf.sortedgraph import GraphLines, SortedFile, lower_bound, merge_into
from esfgraph.rdf.sorting import write_merged_unique
from esfgraph.vocab import DCTERMS, ESF, ORG, OWL, PROV, RDF, RDFS, role_concept

TYPE, DERIVED, FILE, ORGANISATION, ROLE, PRINTED = (iri_text(str(p)) for p in (
    RDF.type, PROV.wasDerivedFrom, ESF.fileName, ESF.organisation, ORG.role, ESF.printedName))
AWKWARD = ['Say "hi"\n', "back\\slash", "Åre kommun – Östersund", "tab\there", "emoji 🙂", "plain",
           f"text {PRINTED} not a predicate", f"<x> {TYPE} <y> ."]


def _graph_lines(seed: int, pages: int = 40) -> list[str]:
    """Lines of a small graph shaped like the build's: projects, sources, participations."""
    rng = random.Random(seed)
    lines = []
    for page in range(pages):
        project = iri_text(f"https://e.org/project/{rng.randrange(30)}")
        source = iri_text(f"https://e.org/source/{page:03d}")
        lines += [f"{project} {TYPE} {iri_text(str(ESF.Project))} .", f"{project} {DERIVED} {source} .",
                  f"{project} {iri_text(str(DCTERMS.title))} {literal_text(rng.choice(AWKWARD), language='sv')} .",
                  f"{source} {TYPE} {iri_text(str(ESF.SourcePage))} .",
                  f"{source} {FILE} {literal_text(f'page {page % 35} {rng.choice(AWKWARD)}.txt')} ."]
        for n in range(rng.randrange(4)):
            node = iri_text(f"https://e.org/project/{page}/participation/{n}")
            organisation = iri_text(f"https://e.org/org/name/{rng.choice(['a', 'b', 'ö-b', 'c'])}")
            lines += [f"{node} {TYPE} {iri_text(str(ESF.Participation))} .", f"{node} {DERIVED} {source} .",
                      f"{node} {ORGANISATION} {organisation} .",
                      f"{node} {ROLE} {iri_text(str(role_concept(rng.choice(['owner', 'partner']))))} .",
                      f"{node} {PRINTED} {literal_text(rng.choice(AWKWARD))} .",
                      f"{node} {PRINTED} {literal_text(rng.choice(AWKWARD))} ."]
        lines.append(f"{project} {iri_text(str(OWL.sameAs))} <http://www.wikidata.org/entity/Q{page % 7 + 1}> .")
        lines.append(f"{project} {iri_text(str(RDFS.label))} {literal_text(rng.choice(AWKWARD))} .")
    return lines


@pytest.mark.parametrize("chunk_lines", [1_000_000, 7])
def test_graph_lines_are_written_sorted_and_unique_as_sort_u_would(tmp_path, chunk_lines):
    lines = _graph_lines(1)
    collected = GraphLines(chunk_lines, tmp_dir=tmp_path)
    for start in range(0, len(lines), 9):
        collected.extend(lines[start:start + 9])
    seen = []
    count = collected.write(tmp_path / "g.nt", seen.append)
    expected = "".join(line + "\n" for line in sorted(set(lines))).encode("utf-8")
    assert (tmp_path / "g.nt").read_bytes() == expected == b"".join(seen)
    assert count == len(set(lines))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nt"]  # no run file left behind


def test_merge_into_splices_as_the_line_by_line_merge_does(tmp_path):
    rng = random.Random(2)
    base = sorted(set(_graph_lines(2)))
    for case in range(30):
        kept = [line for line in base if rng.random() < 0.7] if case else []
        extra = rng.sample(base, 5) + [f"<https://e.org/{rng.choice('!aAzé~')}{n}> <p> <o> ." for n in range(5)]
        path = tmp_path / f"g{case}.nt"
        path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        expected = io.BytesIO()
        want = write_merged_unique(expected, [(line + "\n").encode() for line in kept],
                                   sorted({(line + "\n").encode() for line in extra}))
        assert merge_into(path, extra) == want
        assert path.read_bytes() == expected.getvalue()
        # Told the file's line count, it copies without counting and gives the same.
        known = tmp_path / f"k{case}.nt"
        known.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        assert merge_into(known, extra, lines_in_file=len(kept)) == want
        assert known.read_bytes() == expected.getvalue()


def test_lower_bound_and_subject_membership(tmp_path):
    data = b"<a> <p> 1 .\n<a> <q> 2 .\n<ab> <p> 3 .\n<c> <p> 4 .\n"
    assert [lower_bound(data, key) for key in (b"", b"<a> <q>", b"<ab>", b"<b>", b"<d>")] == [0, 12, 24, 37, 49]
    path = tmp_path / "g.nt"
    path.write_bytes(data)
    assert ["a" in SortedFile(path), "ab" in SortedFile(path), "b" in SortedFile(path)] == [True, True, False]
    (tmp_path / "empty.nt").write_bytes(b"")
    assert "a" not in SortedFile(tmp_path / "empty.nt")


@pytest.mark.parametrize("text", AWKWARD + ["\x00\x7f\u2028 end"])
def test_term_value_reads_back_what_the_writer_spelled(text):
    line = f"{iri_text('https://e.org/a b' + text[:3])} <https://e.org/p> {literal_text(text, language='sv')} ."
    (quad,) = ox.parse(input=line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    subject, _predicate, obj = line[:-2].split(" ", 2)
    assert (term_value(subject), term_value(obj)) == (quad.subject.value, quad.object.value)


def test_statistics_and_registry_from_blocks_equal_a_parse_of_every_line(tmp_path):
    lines = sorted(set(_graph_lines(3)))
    path = tmp_path / "g.nt"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    # Blocks that cut the file anywhere between lines, as the writer's blocks do.
    stats, scan, start = GraphStats(), RegistryScan(), 0
    rng = random.Random(3)
    while start < len(lines):
        step = rng.randrange(1, 12)
        block = "".join(line + "\n" for line in lines[start:start + step]).encode("utf-8")
        stats.see_block(block)
        scan.see_block(block)
        start += step
    stats.done()
    assert stats.digest == hashlib.sha256(path.read_bytes()).hexdigest() == GraphStats(path).digest
    assert stats.triples == len(lines)
    assert stats.links["wikidata"] == sum(1 for line in lines if "wikidata.org/entity" in line.split(" ", 2)[2][:40])
    entries, subjects = registry_entries(path)
    assert scan.entries() == entries == _registry_by_parser(path)
    assert {kind for kind, _key in entries} == {"project", "organisation"}
    assert any('Say "hi"\n' in key for _kind, key in entries)  # an escaped printed name, read back
    assert "https://e.org/source/000" in subjects and "https://e.org/source/0" not in subjects


def _registry_by_parser(path) -> dict:
    """The registry's entries as the previous code read them: Oxigraph over every line."""
    projects, derived, files, parts = set(), {}, {}, {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        s, p, o = quad.subject.value, quad.predicate.value, quad.object.value
        if p == str(RDF.type) and o == str(ESF.Project):
            projects.add(s)
        elif p == str(PROV.wasDerivedFrom):
            derived[s] = o
        elif p == str(ESF.fileName):
            files[s] = o
        elif p in (str(ESF.organisation), str(ORG.role), str(ESF.printedName)):
            parts.setdefault(s, {}).setdefault(p, []).append(o)
    entries = {}
    for project in sorted(projects):
        if files.get(derived.get(project, "")):
            entries[("project", files[derived[project]])] = project
    for node, fields in sorted(parts.items()):
        name = files.get(derived.get(node, ""))
        organisation = fields.get(str(ESF.organisation), [None])[0]
        role = fields.get(str(ORG.role), [""])[0].rsplit("/", 1)[-1]
        if name and organisation:
            for printed in fields.get(str(ESF.printedName), []):
                entries[("organisation", f"{name}\t{role}\t{printed}")] = organisation
    return entries


def test_turtle_from_small_blocks_holds_the_graph_with_types_first(tmp_path, monkeypatch):
    lines = sorted(set(_graph_lines(4)))
    path = tmp_path / "g.nt"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    turtle.write_turtle(path, tmp_path / "big.ttl")
    monkeypatch.setattr(turtle, "_BLOCK", 97)  # subjects cross many block boundaries
    turtle.write_turtle(path, tmp_path / "small.ttl")
    text = (tmp_path / "small.ttl").read_text(encoding="utf-8")
    assert text == (tmp_path / "big.ttl").read_text(encoding="utf-8")
    assert Graph().parse(data=text, format="turtle").isomorphic(Graph().parse(path, format="nt"))
    for block in text.split("\n\n")[1:]:
        first, *rest = block.split("\n")
        assert " a " in first or " a " not in block, block  # rdf:type, when present, comes first
