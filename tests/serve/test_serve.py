"""The real Oxigraph server over the store: read-only by default, loopback by default,
updates only when asked, one-line errors, and a clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from esfgraph.query import run_query
from esfgraph.serve import ServeError, banner, free_port, is_loopback, parse_bind, start_server
from esfgraph.store import StoreError, open_store
from tests.fixtures.graph import FIXTURE_QUADS

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
INSERT = 'INSERT DATA { <http://example.org/a> <http://example.org/p> "added" }'


def post(url, data: dict | bytes, headers=None, method="POST"):
    body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def count(server) -> int:
    status, body, _ = post(server.query_url, {"query": "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"},
                           headers={"Accept": "text/csv"})
    assert status == 200
    return int(body.split()[-1])


def test_read_only_by_default_refuses_updates(store_dir):
    with start_server(store_dir, bind="127.0.0.1:0") as server:
        assert server.url.startswith("http://127.0.0.1:") and not server.allow_updates
        assert count(server) == FIXTURE_QUADS
        status, body, _ = post(server.update_url, {"update": INSERT})
        assert status == 403 and "read-only" in body
        status, _, _ = post(server.update_url, {"update": "DROP ALL"})
        assert status == 403
        status, _, _ = post(server.store_url + "?default", b"<http://a> <http://b> <http://c> .\n",
                            headers={"Content-Type": "application/n-triples"}, method="PUT")
        assert status == 403
        assert count(server) == FIXTURE_QUADS
        # The store can be read while a read-only server runs.
        assert len(open_store(store_dir)) == FIXTURE_QUADS
    assert len(open_store(store_dir)) == FIXTURE_QUADS


def test_queries_through_the_server_match_the_store(store_dir):
    with start_server(store_dir, bind="127.0.0.1:0") as server:
        remote = run_query("recurring-partnerships", endpoint=server.query_url)
        assert remote.rows == run_query("recurring-partnerships", store=store_dir).rows
        assert len(remote.rows) == 8
        status, page, _ = post(server.url, b"", method="GET")
        assert status == 200 and "<html" in page.lower()  # the explorer's home


def test_allow_updates_accepts_updates_and_locks_the_store(store_dir):
    with start_server(store_dir, bind="127.0.0.1:0", allow_updates=True) as server:
        status, _, _ = post(server.update_url, {"update": INSERT})
        assert status in (200, 204)
        assert count(server) == FIXTURE_QUADS + 1
        with pytest.raises(StoreError, match="locked by another process"):
            start_server(store_dir, bind="127.0.0.1:0", allow_updates=True)
        with pytest.raises(StoreError, match="locked by another process"):
            open_store(store_dir)
    assert len(open_store(store_dir)) == FIXTURE_QUADS + 1


def test_allow_updates_on_a_new_folder_starts_an_empty_store(tmp_path):
    with start_server(tmp_path / "new", bind="127.0.0.1:0", allow_updates=True) as server:
        assert count(server) == 0
    with pytest.raises(StoreError, match="store folder does not exist"):
        start_server(tmp_path / "missing", bind="127.0.0.1:0")


def test_port_in_use(store_dir):
    with start_server(store_dir, bind="127.0.0.1:0") as server:
        with pytest.raises(ServeError, match=rf"127.0.0.1:{server.port} is already in use"):
            start_server(store_dir, bind=f"127.0.0.1:{server.port}")
        assert server.running()


def test_cors_only_when_asked(store_dir):
    headers = {"Origin": "https://elsewhere.example", "Accept": "text/csv"}
    with start_server(store_dir, bind="127.0.0.1:0") as server:
        _, _, plain = post(server.query_url, {"query": COUNT}, headers=headers)
    with start_server(store_dir, bind="127.0.0.1:0", cors=True) as server:
        _, _, cors = post(server.query_url, {"query": COUNT}, headers=headers)
    assert "access-control-allow-origin" not in {k.lower() for k in plain}
    assert {k.lower(): v for k, v in cors.items()}["access-control-allow-origin"] == "*"


def test_stop_ends_the_process(store_dir):
    server = start_server(store_dir, bind="127.0.0.1:0")
    server.stop()
    assert not server.running()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.url, timeout=2)


def test_bind_parsing_and_loopback():
    assert parse_bind("127.0.0.1:7878") == ("127.0.0.1", 7878)
    assert parse_bind("localhost:80") == ("localhost", 80)
    assert parse_bind("[::1]:8080") == ("::1", 8080)
    for bad in ("127.0.0.1", "host:port", ":7878", "127.0.0.1:70000"):
        with pytest.raises(ServeError, match="expected HOST:PORT"):
            parse_bind(bad)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("::")


def test_banner_names_the_urls_and_an_example(store_dir):
    with start_server(store_dir, bind="127.0.0.1:0") as server:
        lines = "\n".join(banner(server))
    assert f"explorer         {server.url}" in lines
    assert f"SPARQL query UI  {server.url}sparql" in lines
    assert f"esfgraph query projects-per-year --endpoint {server.query_url}" in lines
    assert "curl -s" in lines and "(read-only)" in lines and "/update" not in lines


def test_the_command_runs_until_interrupted(store_dir):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "esfgraph", "serve", "--store", str(store_dir), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # Take Ctrl-C as from a terminal, even if this test run has SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        assert f"  SPARQL endpoint  http://127.0.0.1:{port}/query\n" in lines
        result = run_query("projects-per-year", endpoint=f"http://127.0.0.1:{port}/query")
        assert len(result.rows) == 7
        process.send_signal(signal.SIGINT)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    # The server went with it: nothing answers on the port any more.
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


def test_non_loopback_is_warned_about(store_dir):
    from click.testing import CliRunner

    from esfgraph.cli import main

    # An address this machine does not have: the warning comes first, then the bind fails.
    result = CliRunner().invoke(main, ["serve", "--store", str(store_dir), "--bind", "192.0.2.1:7878"])
    assert "WARNING: listening on 192.0.2.1, not loopback" in result.output
    assert "esfgraph serve: cannot listen on 192.0.2.1:7878" in result.output
    assert result.exit_code != 0 and "Traceback" not in result.output
