"""``push`` into the real Oxigraph server, then every query of the library through the
endpoint gives the same rows as the embedded store."""

from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.endpoint import Endpoint, run_remote
from esfgraph.push import STATE_FILE_NAME, PushError, push
from esfgraph.lookup import normalise_name
from esfgraph.query import ParameterValueError, QueryError, list_queries, run_query
from esfgraph.serve import start_server
from esfgraph.store import load_store
from esfgraph.vocab import ANALYSIS_GRAPH
from tests.fixtures.graph import ANALYSIS_TRIPLES, DEFAULT_GRAPH_TRIPLES, FIXTURE, FIXTURE_QUADS
from tests.query.expected import CASES
from tests.query.test_params import HOSTILE

ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def remote_count(server, query=ALL) -> int:
    """Quads on the server, all graphs."""
    _, rows = run_remote(Endpoint(server.query_url), query)
    return int(rows[0][0].value)


@pytest.fixture()
def embedded(tmp_path):
    load_store(tmp_path / "local", [FIXTURE])
    return tmp_path / "local"


def test_push_then_every_query_matches_the_embedded_store(server, embedded):
    report = push(FIXTURE, server.store_url, chunk_triples=100)
    assert [(g.graph, g.triples, g.chunks) for g in report.graphs] == [
        (None, DEFAULT_GRAPH_TRIPLES, 6), (str(ANALYSIS_GRAPH), ANALYSIS_TRIPLES, 1)]
    assert remote_count(server) == FIXTURE_QUADS
    for info in list_queries():
        params = {p.name: "kommun-0665" for p in info.params if p.required}
        assert (run_query(info, params, endpoint=server.query_url).rows
                == run_query(info, params, store=embedded).rows), info.name
    for name, params, expected in CASES:
        assert run_query(name, params, endpoint=server.query_url).values() == expected, (name, params)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_change_nothing_through_the_endpoint(server, value):
    push(FIXTURE, server.store_url)
    # Organisations and municipalities are looked up on the endpoint first: no such name
    # (a value that reads as a real code or name once punctuation is set aside gives its rows).
    for name, param in [("projects-in-municipality", "municipality_code"), ("organisation-projects", "org")]:
        try:
            rows = run_query(name, {param: value}, endpoint=server.query_url).rows
            assert normalise_name(value) in ("0665", "jonkoping") and rows, (name, value)
        except ParameterValueError as error:
            assert str(error).startswith(f"--param {param}: no ")
    assert run_query("funding-by-region-period", {"period": value, "region": value},
                     endpoint=server.query_url).rows == []
    assert remote_count(server) == FIXTURE_QUADS
    assert len(run_query("projects-in-municipality", endpoint=server.query_url).rows) == 3


def test_hostile_iris_are_refused_before_sending(server):
    for value in ["http://x/> } ; DROP ALL ; { <http://y", "http://x/\"", "http://x/a b"]:
        with pytest.raises(QueryError, match="is not a valid org"):
            run_query("organisation-projects", {"org": value}, endpoint=server.query_url)


def _nt(path, *objects):
    path.write_text("".join(f'<http://example.org/s> <http://example.org/p> "{o}" .\n' for o in objects),
                    encoding="utf-8")
    return path


def test_replace_append_and_named_graphs(server, tmp_path):
    first, second = _nt(tmp_path / "a.nt", "a1", "a2", "a3"), _nt(tmp_path / "b.nt", "b1")
    push(first, server.store_url, chunk_triples=2)
    push(second, server.store_url)  # replaces the default graph
    values = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    assert [r["o"] for r in run_query_text(server, values)] == ["b1"]
    push(first, server.store_url, append=True, chunk_triples=1)
    assert [r["o"] for r in run_query_text(server, values)] == ["a1", "a2", "a3", "b1"]
    push(second, server.store_url, graph="http://example.org/g")
    named = "SELECT ?o WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"
    assert [r["o"] for r in run_query_text(server, named)] == ["b1"]
    assert len(run_query_text(server, values)) == 4  # the default graph is untouched


def run_query_text(server, text):
    columns, rows = run_remote(Endpoint(server.query_url), text)
    return [{c: t.value for c, t in zip(columns, row)} for row in rows]


def test_blank_nodes_survive_chunking(server, tmp_path):
    data = tmp_path / "blank.nt"
    data.write_text(
        '_:x <http://example.org/p> "1" .\n<http://example.org/a> <http://example.org/q> "z" .\n'
        '<http://example.org/b> <http://example.org/q> "z" .\n_:x <http://example.org/r> "2" .\n'
        '<http://example.org/c> <http://example.org/link> _:x .\n', encoding="utf-8")
    report = push(data, server.store_url, chunk_triples=1)
    assert report.graphs[0].chunks == 3  # two plain triples, then the three blank-node triples together
    rows = run_query_text(server, 'SELECT ?n WHERE { <http://example.org/c> <http://example.org/link> ?n . '
                                  '?n <http://example.org/p> "1" ; <http://example.org/r> "2" }')
    assert len(rows) == 1


def test_a_failed_push_resumes_where_it_stopped(tmp_path):
    store_dir = tmp_path / "remote"
    state = tmp_path / "state.json"
    sent = []
    server = start_server(store_dir, bind="127.0.0.1:0", allow_updates=True)
    url = server.store_url

    def stop_after_two(line):
        sent.append(line)
        if len(sent) == 2:
            server.stop()  # the server goes away in the middle of the push

    with pytest.raises(PushError, match="no answer after 1 attempts"):
        push(FIXTURE, url, chunk_triples=100, state_file=state, retries=0, progress=stop_after_two)
    assert list(json.loads(state.read_text())["done"].values()) == [2]
    with start_server(store_dir, bind=url.split("//")[1].split("/")[0], allow_updates=True) as again:
        resumed = push(FIXTURE, again.store_url, chunk_triples=100, state_file=state)
        assert [g.resumed_after for g in resumed.graphs] == [2, 0]
        assert remote_count(again) == FIXTURE_QUADS
    assert not state.exists()


def test_changed_input_starts_over(server, tmp_path):
    data = _nt(tmp_path / "a.nt", "a1", "a2")
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 1, "done": {"someotherkey": 5}}), encoding="utf-8")
    report = push(data, server.store_url, state_file=state)
    assert report.graphs[0].resumed_after == 0 and not state.exists()


def test_a_build_folder_pushes_its_graph_and_analysis(server, tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    load_store(build / "store", [FIXTURE])
    default_only = ox.Store()
    default_only.load(path=str(FIXTURE))
    with (build / "graph.nt").open("w", encoding="utf-8") as handle:
        for quad in default_only.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            handle.write(f"{quad.subject} {quad.predicate} {quad.object} .\n")
    result = CliRunner().invoke(main, ["push", "--endpoint", server.url.rstrip("/"), "--build", str(build), "-q"])
    assert result.exit_code == 0, result.output
    assert f"default graph: {DEFAULT_GRAPH_TRIPLES} triples in 1 chunks" in result.output
    assert f"{ANALYSIS_GRAPH}: {ANALYSIS_TRIPLES} triples in 1 chunks" in result.output
    assert remote_count(server) == FIXTURE_QUADS
    assert not (build / STATE_FILE_NAME).exists()


def test_read_only_server_refuses_with_a_hint(tmp_path):
    load_store(tmp_path / "store", [FIXTURE])
    with start_server(tmp_path / "store", bind="127.0.0.1:0") as server:
        result = CliRunner().invoke(main, ["push", "--endpoint", server.store_url, "--file", str(FIXTURE)])
    assert result.exit_code == 1
    assert "HTTP 403 (no write access; an Oxigraph server must run with --allow-updates)" in result.output
    shutil.rmtree(tmp_path / "store")


def test_bad_inputs(server, tmp_path):
    with pytest.raises(PushError, match="missing.nt: file does not exist"):
        push(tmp_path / "missing.nt", server.store_url)
    with pytest.raises(PushError, match="no graph.nt or graph.ttl"):
        push(tmp_path, server.store_url)
    with pytest.raises(PushError, match="is not an IRI"):
        push(FIXTURE, server.store_url, graph="not an iri")
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(PushError, match="bad.nt: not valid RDF"):
        push(bad, server.store_url)


def test_the_query_command_through_an_endpoint(server):
    push(FIXTURE, server.store_url)
    result = CliRunner().invoke(main, ["query", "projects-per-year", "--endpoint", server.url.rstrip("/"),
                                       "-p", "region=smaland-och-oarna", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output == ("year,projects,esf_grant_sek,total_budget_sek\n2008,1,3574500,8936300\n"
                             "2009,1,1000000,2500000\n2015,1,2000000,5000000\n2018,1,1500000,3000000\n")
