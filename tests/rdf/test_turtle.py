"""graph.ttl / graph.trig through Oxigraph: fixed layout, hostile literals, same bytes at any size."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from esfgraph.rdf.ntriples import nt_line
from esfgraph.rdf.turtle import TURTLE_PREFIXES, write_trig, write_turtle
from esfgraph.vocab import DCTERMS, ESF, RDF, RDFS

P = "https://w3id.org/esfgraph/id/project/"
HOSTILE = [
    'quote " and backslash \\ and \\" both',
    "new\nline, carriage\rreturn, tab\t, form\x0cfeed, bell\x07, nul-free \x1f \x7f",
    "unicode Åäö – “typographic” 𝔘𝔫𝔦 \u2028 \u00a0 end .",
    " .\n} { @prefix x: <y> .",  # what the layout fixer replaces, inside a literal
    "",
]


def _nt(tmp_path: Path, triples) -> Path:
    path = tmp_path / "g.nt"
    path.write_text("".join(sorted({nt_line(t) + "\n" for t in triples})), encoding="utf-8")
    return path


def _sample():
    triples = []
    for n, text in enumerate(HOSTILE):
        project = URIRef(f"{P}p{n}")
        triples += [(project, RDF.type, ESF.Project), (project, DCTERMS.title, Literal(text)),
                    (project, ESF.projectNumber, Literal(f"2019/{n:05d}"))]
    triples.append((URIRef(f"{P}p0"), RDFS.label, Literal("sv", lang="sv")))
    return triples


def test_turtle_parses_back_to_the_same_graph_with_hostile_literals(tmp_path):
    triples = _sample()
    write_turtle(_nt(tmp_path, triples), tmp_path / "g.ttl")
    expected = Graph()
    for triple in triples:
        expected.add(triple)
    assert isomorphic(Graph().parse(tmp_path / "g.ttl", format="turtle"), expected)
    assert set(ox.parse(path=str(tmp_path / "g.ttl"))) == set(ox.parse(path=str(tmp_path / "g.nt")))


def test_turtle_layout_header_type_first_blank_lines(tmp_path):
    write_turtle(_nt(tmp_path, _sample()), tmp_path / "g.ttl")
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    assert header.splitlines() == [f"@prefix {name}: <{iri}> ." for name, iri in sorted(TURTLE_PREFIXES.items())]
    assert "area" not in TURTLE_PREFIXES and "\t" not in text
    blocks = body.rstrip("\n").split("\n\n")
    assert len(blocks) == len(HOSTILE) and not text.endswith("\n\n")
    assert blocks[0].splitlines()[0] == f"<{P}p0> a esf:Project ;"
    assert blocks[0].splitlines()[1].startswith("    dcterms:title ")
    assert blocks[4] == f'<{P}p4> a esf:Project ;\n    dcterms:title "" ;\n    esf:projectNumber "2019/00004" .'


def test_turtle_of_an_empty_graph_is_the_header(tmp_path):
    (tmp_path / "g.nt").write_text("")
    write_turtle(tmp_path / "g.nt", tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_text() == "".join(
        f"@prefix {name}: <{iri}> .\n" for name, iri in TURTLE_PREFIXES.items())


def test_turtle_is_the_same_for_a_large_graph_written_in_many_chunks(tmp_path):
    # 30,000 triples: Oxigraph writes in many pieces, the layout fixer sees cut lines.
    triples = [(URIRef(f"{P}q{n:05d}"), DCTERMS.title, Literal(f"t{n} .\n}}")) for n in range(10_000)]
    triples += [(URIRef(f"{P}q{n:05d}"), RDF.type, ESF.Project) for n in range(10_000)]
    triples += [(URIRef(f"{P}q{n:05d}"), ESF.startYear, Literal(2000 + n % 30)) for n in range(10_000)]
    write_turtle(_nt(tmp_path, triples), tmp_path / "g.ttl")
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    blocks = text.split("\n\n")[1:]
    assert len(blocks) == 10_000
    assert blocks[7] == f'<{P}q00007> a esf:Project ;\n    dcterms:title "t7 .\\n}}" ;\n    esf:startYear 2007 .'
    assert len(set(ox.parse(path=str(tmp_path / "g.ttl")))) == 30_000


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own TriG parser
def test_trig_default_graph_first_then_graphs_in_order(tmp_path):
    g1, g2 = "https://e.org/g/1", "https://e.org/g/2"
    lines = [
        f'<{P}a> <{DCTERMS.title}> "{HOSTILE[0].replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}" <{g2}> .',
        f"<{P}a> <{RDF.type}> <{ESF.Project}> <{g2}> .",
        f"<{P}a> <{RDF.type}> <{ESF.Project}> <{g1}> .",
        f'<{P}b> <{DCTERMS.title}> "B" <{g1}> .',
        f'<{P}z> <{RDFS.label}> "default" .',
        f"<{P}z> <{RDF.type}> <{ESF.Project}> .",
    ]
    (tmp_path / "g.nq").write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    write_trig(tmp_path / "g.nq", tmp_path / "g.trig", tmp_dir=tmp_path)
    text = (tmp_path / "g.trig").read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]
    assert body.startswith(f'<{P}z> a esf:Project ;\n    rdfs:label "default" .\n\n<{g1}> {{\n    <{P}a> a esf:Project .\n\n')
    assert body.index(f"<{g1}> {{") < body.index(f"<{g2}> {{") and body.endswith(' .\n}\n')
    assert " .\n\n}" not in body and "\n}\n\n<" in body
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    assert dataset.graph(URIRef(g2)).value(URIRef(f"{P}a"), DCTERMS.title) == Literal(HOSTILE[0])
    assert sorted(str(q) for q in ox.parse(path=str(tmp_path / "g.trig"))) == sorted(
        str(q) for q in ox.parse(path=str(tmp_path / "g.nq")))
