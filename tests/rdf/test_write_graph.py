"""write_graph: round trip, sorted and byte-identical output, TriG per page, size limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from esfgraph import iris
from esfgraph.rdf import (
    GraphWriter,
    RDFOptions,
    organisation_triples,
    place_triples,
    record_nt_lines,
    record_triples,
    write_graph,
    write_graph_files,
)
from esfgraph.rdf.links import SCHEMES, scheme_triples
from esfgraph.rdf.ntriples import nt_line
from esfgraph.rdf.dataset import TIME_PREDICATES
from esfgraph.vocab import DCTERMS, ESF, RDF, VOID

from .samples import PLACE_NAMES, sample_pairs

OPTIONS = RDFOptions(reference=PLACE_NAMES)
#: Triples of the two sample pages' graph, without its dataset description; with it (which
#: names one entity per reference table, hence counted rather than written down).
TRIPLES_WITHOUT_DESCRIPTION = 270


def _description_size() -> int:
    from esfgraph.resources import reference_dir

    return 51 + 4 * len(list(reference_dir().glob("*.csv")))


TRIPLES = TRIPLES_WITHOUT_DESCRIPTION + _description_size()
ROOT = Path(__file__).resolve().parents[2]


def _write(out: Path, pairs=None, **kwargs):
    pairs = pairs if pairs is not None else sample_pairs()
    options = kwargs.pop("options", OPTIONS)
    return write_graph([p[0] for p in pairs], [p[1] for p in pairs], out, options, **kwargs)


def _expected_graph() -> Graph:
    graph = Graph()
    organisations = {}
    codes = set()
    for record, resolution in sample_pairs():
        for triple in record_triples(record, resolution, OPTIONS):
            graph.add(triple)
        organisations.update({o.iri: o for o in resolution.organisations})
        codes.update(resolution.municipality_codes)
    codes |= {o.municipality_code for o in organisations.values() if o.municipality_code}
    for triple in organisation_triples(organisations, OPTIONS) + place_triples(PLACE_NAMES, codes, ["IT"], OPTIONS):
        graph.add(triple)
    for triple in scheme_triples(SCHEMES, None):
        graph.add(triple)
    return graph


#: IRIs of the dataset description each graph ends with (esfgraph.rdf.dataset).
_DESCRIPTION = tuple(iris.DEFAULT_BASE + part for part in ("dataset", "activity/", "agent/", "reference/"))


def _data_part(graph: Graph) -> Graph:
    """The graph without its dataset description."""
    data = Graph()
    for s, p, o in graph:
        if not str(s).startswith(_DESCRIPTION) and str(s) != "https://w3id.org/esfgraph":
            data.add((s, p, o))
    return data


def test_round_trip_nt_and_turtle_parse_back_isomorphic(tmp_path):
    files = _write(tmp_path)
    expected = _expected_graph()
    from_nt = Graph().parse(files.nt, format="nt")
    from_ttl = Graph().parse(files.ttl, format="turtle")
    assert isomorphic(_data_part(from_nt), expected)
    assert isomorphic(_data_part(from_ttl), expected)
    assert len(expected) == TRIPLES_WITHOUT_DESCRIPTION
    assert files.triples == TRIPLES
    dataset = URIRef(iris.dataset_iri())
    assert from_nt.value(dataset, VOID.triples) == Literal(TRIPLES_WITHOUT_DESCRIPTION)
    # write_graph knows no build time: no triple carries time.
    assert not [t for t in from_nt if t[1] in TIME_PREDICATES]
    assert (files.projects, files.pages, files.organisations) == (2, 2, 9)
    assert files.skipped is None


def test_graph_nt_is_sorted_unique_and_byte_identical(tmp_path):
    first, second = _write(tmp_path / "a"), _write(tmp_path / "b")
    data = first.nt.read_bytes()
    assert data == second.nt.read_bytes()
    assert first.ttl.read_bytes() == second.ttl.read_bytes()
    lines = data.decode("utf-8").splitlines()
    assert lines == sorted(set(lines))
    # Order of the input does not matter either.
    reversed_files = _write(tmp_path / "c", pairs=list(reversed(sample_pairs())))
    assert reversed_files.nt.read_bytes() == data
    assert reversed_files.ttl.read_bytes() == first.ttl.read_bytes()


def test_external_sort_gives_the_same_file(tmp_path):
    in_memory = _write(tmp_path / "a")
    spilled = _write(tmp_path / "b", chunk_lines=7)  # about 30 run files, merged
    assert spilled.nt.read_bytes() == in_memory.nt.read_bytes()
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["graph.nt", "graph.ttl"]


_TURTLE_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tests.rdf.samples import PLACE_NAMES, sample_pairs
from esfgraph.rdf import RDFOptions, write_graph
pairs = sample_pairs()
write_graph([p[0] for p in pairs], [p[1] for p in pairs], sys.argv[1], RDFOptions(reference=PLACE_NAMES), fmt=sys.argv[2])
"""


@pytest.mark.parametrize("fmt, name", [("ttl", "graph.ttl"), ("trig", "graph.trig")])
def test_turtle_and_trig_are_byte_stable_across_processes(tmp_path, fmt, name):
    # Different hash seeds change set and dict order; the bytes must not change.
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _TURTLE_SCRIPT.format(root=str(ROOT)), str(out), fmt],
                       check=True, env=env, cwd=ROOT)
        outputs.append((out / name).read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode("utf-8")
    assert text.startswith("@prefix adms: <http://www.w3.org/ns/adms#> .\n@prefix dcat: <http://www.w3.org/ns/dcat#> .")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own TriG parser uses ConjunctiveGraph
def test_trig_has_one_named_graph_per_source_page(tmp_path):
    files = _write(tmp_path, fmt="trig")
    assert files.ttl is None and files.trig.name == "graph.trig" and files.nq.name == "graph.nq"
    dataset = Dataset()
    dataset.parse(files.trig, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    record, resolution = sample_pairs()[0]
    page = iris.source_iri(record.sha256)
    smot_page = iris.source_iri(sample_pairs()[1][0].sha256)
    assert {page, smot_page} <= names
    page_graph = dataset.graph(URIRef(page))
    assert page_graph.value(URIRef(resolution.project), DCTERMS.title) == Literal("Trappsteget", lang="sv")
    assert (URIRef(page), RDF.type, ESF.SourcePage) in page_graph
    # Organisations and places are shared: they are in the default graph.
    assert (URIRef(iris.org_iri("arbetsformedlingen")), None, None) not in page_graph
    default = dataset.default_graph
    assert (URIRef(iris.org_iri("arbetsformedlingen")), RDF.type, None) in default
    # The union is the same graph as graph.nt.
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, Graph().parse(files.nt, format="nt"))
    lines = files.nq.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_turtle_is_skipped_above_the_limit(tmp_path):
    files = _write(tmp_path, options=RDFOptions(reference=PLACE_NAMES, turtle_limit=100))
    assert files.ttl is None and files.nt.exists() and not (tmp_path / "graph.ttl").exists()
    assert files.skipped == f"graph.ttl not written: the graph has {TRIPLES} triples, more than the limit of 100; use graph.nt"


def test_write_graph_files_from_worker_lines_equals_write_graph(tmp_path):
    pairs = sample_pairs()
    direct = _write(tmp_path / "a", fmt="trig")
    lines = [line for record, resolution in pairs for line in record_nt_lines(record, resolution, OPTIONS)]
    organisations = {o.iri: o for _, resolution in pairs for o in resolution.organisations}
    staged = write_graph_files(lines, organisations, [p[1] for p in pairs], tmp_path / "b", OPTIONS, fmt="trig")
    for name in ("graph.nt", "graph.nq", "graph.trig"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert staged.triple_count == direct.triples == TRIPLES


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_graph_writer_fed_page_by_page_spilling_equals_write_graph(tmp_path, fmt):
    pairs = sample_pairs()
    _write(tmp_path / "a", fmt=fmt)
    writer = GraphWriter(tmp_path / "b", OPTIONS, fmt, chunk_lines=7)  # spills runs to disk
    organisations = {}
    for record, resolution in reversed(pairs):  # any order
        writer.add_page(record_nt_lines(record, resolution, OPTIONS), resolution.municipality_codes,
                        resolution.countries)
        organisations.update({o.iri: o for o in resolution.organisations})
    files = writer.finish(organisations)
    names = ["graph.nt", "graph.ttl"] if fmt == "ttl" else ["graph.nq", "graph.nt", "graph.trig"]
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == names  # no run file left behind
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (files.triples, files.projects, files.pages, files.organisations) == (TRIPLES, 2, 2, 9)


def test_graph_writer_given_up_leaves_no_run_file(tmp_path):
    record, resolution = sample_pairs()[0]
    with GraphWriter(tmp_path, OPTIONS, "trig", chunk_lines=5) as writer:
        writer.add_page(record_nt_lines(record, resolution, OPTIONS))
        assert len(list(tmp_path.iterdir())) == 2  # a run of each sorter spilled to disk
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown graph format 'xml'"):
        _write(tmp_path, fmt="xml")


def test_awkward_literals_survive_the_round_trip(tmp_path):
    from esfgraph.model import ProjectRecord

    title = 'Line one\nline "two"\ttab \\ back\x01slash – Åäö'
    record = ProjectRecord(source="odd.txt", title=title, transnational_text="\r\n")
    files = write_graph([record], None, tmp_path)
    for fmt, path in (("nt", files.nt), ("turtle", files.ttl)):
        graph = Graph().parse(path, format=fmt)
        titles = {o for s, o in graph.subject_objects(DCTERMS.title) if (s, RDF.type, ESF.Project) in graph}
        assert titles == {Literal(title, lang="sv")}
    assert nt_line((URIRef("https://e.org/a b"), DCTERMS.title, Literal("x"))).startswith("<https://e.org/a\\u0020b>")
