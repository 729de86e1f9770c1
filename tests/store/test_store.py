"""The embedded store: bulk loading, opening, and one-line errors for every failure."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest

from esfgraph.store import StoreError, is_store_dir, load_store, open_store, rdf_format_for
from esfgraph.vocab import ANALYSIS_GRAPH, ESF
from tests.fixtures.graph import ANALYSIS_TRIPLES, DEFAULT_GRAPH_TRIPLES, FIXTURE, FIXTURE_QUADS


def _count(store, graph=None):
    return len(list(store.quads_for_pattern(None, None, None, graph)))


def test_load_store_counts_quads_and_keeps_named_graphs(tmp_path):
    assert load_store(tmp_path / "store", [FIXTURE]) == FIXTURE_QUADS
    store = open_store(tmp_path / "store")
    assert _count(store, ox.DefaultGraph()) == DEFAULT_GRAPH_TRIPLES
    assert _count(store, ox.NamedNode(str(ANALYSIS_GRAPH))) == ANALYSIS_TRIPLES
    projects = store.query(f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{ESF.Project}> }}")
    assert next(projects)["n"].value == "8"


def test_loading_again_replaces_the_content(tmp_path):
    small = tmp_path / "small.nt"
    small.write_text('<http://example.org/a> <http://example.org/p> "x" .\n', encoding="utf-8")
    load_store(tmp_path / "store", [FIXTURE])
    assert load_store(tmp_path / "store", small) == 1
    assert load_store(tmp_path / "store", [small, FIXTURE]) == FIXTURE_QUADS + 1


def test_load_into_a_named_graph(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_text('<http://example.org/a> <http://example.org/p> "x" .\n', encoding="utf-8")
    load_store(tmp_path / "store", [nt], graph="http://example.org/g")
    store = open_store(tmp_path / "store")
    assert [q.graph_name.value for q in store] == ["http://example.org/g"]


def test_open_store_read_only_refuses_writes(tmp_path):
    load_store(tmp_path / "store", [FIXTURE])
    store = open_store(tmp_path / "store")
    with pytest.raises(RuntimeError, match="read-write"):
        store.update('INSERT DATA { <http://example.org/a> <http://example.org/p> "x" }')


def test_open_for_writing_then_reading(tmp_path):
    load_store(tmp_path / "store", [FIXTURE])
    writer = open_store(tmp_path / "store", read_only=False)
    writer.update('INSERT DATA { <http://example.org/a> <http://example.org/p> "x" }')
    writer.flush()
    del writer
    assert len(open_store(tmp_path / "store")) == FIXTURE_QUADS + 1


def test_missing_folder(tmp_path):
    with pytest.raises(StoreError, match=r"store folder does not exist") as error:
        open_store(tmp_path / "nope")
    assert "\n" not in str(error.value) and str(tmp_path / "nope") in str(error.value)


def test_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match=r"not an Oxigraph store"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match=r"not a folder"):
        open_store(tmp_path / "notes.txt")
    with pytest.raises(StoreError, match=r"refusing to overwrite"):
        load_store(tmp_path, [FIXTURE])
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "hello"


def test_locked_by_another_process(tmp_path):
    load_store(tmp_path / "store", [FIXTURE])
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
         str(tmp_path / "store")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"locked by another process"):
            open_store(tmp_path / "store", read_only=False)
        with pytest.raises(StoreError, match=r"locked by another process"):
            load_store(tmp_path / "store", [FIXTURE])
        # Reading while another process writes is undefined in RocksDB: refused too.
        with pytest.raises(StoreError, match=rf"locked by another process \(pid {holder.pid}"):
            open_store(tmp_path / "store")
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert len(open_store(tmp_path / "store")) == FIXTURE_QUADS


def test_damaged_store(tmp_path):
    load_store(tmp_path / "store", [FIXTURE])
    (tmp_path / "store" / "CURRENT").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"store is damaged .*rebuild it"):
        open_store(tmp_path / "store")


def test_bad_rdf_names_the_file_and_leaves_no_half_store(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text('<http://example.org/a> <http://example.org/p> "x .\n', encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.nt: not valid RDF"):
        load_store(tmp_path / "store", [bad])
    assert not (tmp_path / "store").exists()


def test_a_lenient_load_skips_the_checks_of_iris_but_not_of_syntax(tmp_path):
    odd = tmp_path / "odd.nt"
    odd.write_text('<http://example.org/a> <http://example.org/p> <http://example.org/{b}> .\n'
                   '<http://example.org/a> <http://example.org/p> "x"@en .\n', encoding="utf-8")
    with pytest.raises(StoreError, match=r"odd\.nt: not valid RDF"):
        load_store(tmp_path / "strict", [odd])
    assert load_store(tmp_path / "lenient", [odd], lenient=True) == 2
    assert "http://example.org/{b}" in {q.object.value for q in open_store(tmp_path / "lenient")}
    broken = tmp_path / "broken.nt"
    broken.write_text('<http://example.org/a> <http://example.org/p> "x .\n', encoding="utf-8")
    with pytest.raises(StoreError, match=r"broken\.nt: not valid RDF"):
        load_store(tmp_path / "store", [broken], lenient=True)
    assert load_store(tmp_path / "again", [FIXTURE], lenient=True) == FIXTURE_QUADS


def test_missing_input_and_unknown_format(tmp_path):
    with pytest.raises(StoreError, match=r"missing\.nt: RDF file does not exist"):
        load_store(tmp_path / "store", [tmp_path / "missing.nt"])
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match=r"unknown RDF file type 'xyz'"):
        load_store(tmp_path / "store", [odd])


def test_format_by_extension_and_store_detection(tmp_path):
    assert rdf_format_for("a.nt") == ox.RdfFormat.N_TRIPLES
    assert rdf_format_for("a.trig") == ox.RdfFormat.TRIG
    assert not is_store_dir(tmp_path)
    load_store(tmp_path / "store", [FIXTURE])
    assert is_store_dir(tmp_path / "store")
    shutil.rmtree(tmp_path / "store")
