"""Nothing exposed over the network: the server is loopback-only, read-only and sends
no CORS headers unless asked; remote endpoints get credentials from the environment
only, never print them (whatever form a server echoes them in), verify TLS, time out,
and a push stopped by a signal resumes without duplicating data.

Everything runs the real ``esfgraph`` commands as subprocesses against real servers:
``esfgraph serve`` (Oxigraph), and small loopback HTTP(S) servers that misbehave."""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from esfgraph.build import BuildOptions, build
from esfgraph.serve import free_port, start_server

from .helpers import ESFGRAPH, ROOT, clean_env, default_sigint, local_http_server, run_cli, send

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
USER, PASSWORD, TOKEN = "analyst", "S3cr3t&<Pässw0rd>!", "tok-9f8e7d6c5b4a"


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_pages, generated_40):
    """A full build of the seeds and 40 generated pages (graph, store, analysis)."""
    pages = tmp_path_factory.mktemp("exposure") / "pages"
    shutil.copytree(generated_40, pages)
    shutil.copytree(sample_pages, pages / "seeds")
    out = pages.parent / "out"
    build([pages], out, BuildOptions(workers=1, progress=False))
    return out


def request(url, data=None, headers=None, method=None, timeout=10):
    """(status, headers with lower-case names, body) of one HTTP request."""
    body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read().decode()


class Served:
    """``esfgraph serve`` as a user starts it, on a free loopback port."""

    def __init__(self, store: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [*ESFGRAPH, "serve", "--store", str(store), "--bind", f"127.0.0.1:{self.port}", *options],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=clean_env())
        self.banner = self.process.stdout.readline()
        assert self.banner.startswith("Oxigraph SPARQL server"), self.process.stderr.read()[-2000:]

    def count(self) -> int:
        _, _, text = request(self.url + "query", {"query": COUNT}, {"Accept": "text/csv"})
        return int(text.split()[1])

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.communicate(timeout=30)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp*)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                if width == 8:
                    found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
                else:
                    found.add(address)
    return found


def other_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses (for a connection attempt from outside)."""
    try:
        names = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return sorted({info[4][0] for info in names if not info[4][0].startswith("127.")})


# --------------------------------------------------------------------------- the server

def test_the_server_is_loopback_read_only_and_without_cors_by_default(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    server = Served(store)
    try:
        assert "(read-only)" in server.banner
        assert listening_addresses(server.port) == {"127.0.0.1"}
        for address in other_addresses():  # not reachable from another interface
            with pytest.raises(OSError):
                socket.create_connection((address, server.port), timeout=2).close()
        before = server.count()
        assert before > 5000
        # Writes of every kind are refused, and nothing changes.
        insert = 'INSERT DATA { <http://example.org/a> <http://example.org/p> "x" }'
        status, _, _ = request(server.url + "update", {"update": insert})
        assert status in (403, 404, 405), status
        status, _, _ = request(server.url + "store?default", b"<http://e.org/a> <http://e.org/p> <http://e.org/o> .",
                               {"Content-Type": "application/n-triples"}, method="PUT")
        assert status in (403, 404, 405), status
        status, _, _ = request(server.url + "store?default", method="DELETE")
        assert status in (403, 404, 405), status
        assert server.count() == before
        # A web page on another site gets no CORS permission: no header on the answer
        # nor on the preflight, so a browser will not hand the data to that page.
        origin = {"Origin": "https://evil.example", "Accept": "application/sparql-results+json"}
        status, headers, _ = request(server.url + "query?" + urllib.parse.urlencode({"query": COUNT}), headers=origin)
        assert status == 200 and not any(h.startswith("access-control-") for h in headers), headers
        preflight = {**origin, "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "content-type"}
        _, headers, _ = request(server.url + "query", headers=preflight, method="OPTIONS")
        assert not any(h.startswith("access-control-") for h in headers), headers
    finally:
        server.stop()


def test_cors_only_when_asked(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    server = Served(store, "--cors")
    try:
        origin = {"Origin": "https://elsewhere.example", "Accept": "application/sparql-results+json"}
        status, headers, _ = request(server.url + "query?" + urllib.parse.urlencode({"query": COUNT}), headers=origin)
        assert status == 200 and headers.get("access-control-allow-origin") in ("*", "https://elsewhere.example")
        # Still read-only: CORS opens reading to other sites, not writing.
        status, _, _ = request(server.url + "update", {"update": "CLEAR ALL"}, origin)
        assert status in (403, 404, 405)
    finally:
        server.stop()


def test_the_default_bind_is_loopback():
    from esfgraph.serve import DEFAULT_BIND

    assert DEFAULT_BIND.startswith("127.0.0.1:")
    assert "default: 127.0.0.1:7878" in run_cli("serve", "--help").stdout


# --------------------------------------------------------------------------- credentials

def _forms(secret: str) -> dict[str, str]:
    """The shapes a server may echo a secret in."""
    return {
        "raw": secret,
        "html-escaped": html.escape(secret),
        "json-escaped": json.dumps(secret)[1:-1],
        "url-quoted": urllib.parse.quote(secret, safe=""),
        "basic header": base64.b64encode(f"{USER}:{secret}".encode()).decode(),
    }


class Echo(BaseHTTPRequestHandler):
    """Answers ``/STATUS/FORM/...`` with STATUS and a body echoing the credentials it
    received, in FORM: what a careless server or proxy does in its error pages."""

    seen: list = []

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        Echo.seen.append(self.path)
        status, form = self.path.strip("/").split("/")[:2]
        auth = self.headers.get("Authorization", "")
        secret = auth.split(" ", 1)[1] if auth.startswith("Bearer ") else PASSWORD
        shown = {"header": auth, **_forms(secret)}[form]
        payload = f"<html><body><h1>Refused</h1><p>credentials: {shown}</p></body></html>".encode()
        self.send_response(int(status))
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def echo():
    with local_http_server(Echo) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


def _assert_no_secret(result, secret):
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    for form, text in _forms(secret).items():
        assert text not in output, f"the secret leaked {form}: {output[-600:]}"


FORMS = ["raw", "header", "basic header", "url-quoted", "html-escaped", "json-escaped"]



@pytest.mark.parametrize("status", ["401", pytest.param("500", marks=pytest.mark.slow)])
@pytest.mark.parametrize("form", FORMS)
def test_query_and_push_never_print_the_password(echo, tmp_path, status, form):
    env = clean_env(ESFGRAPH_ENDPOINT_USER=USER, ESFGRAPH_ENDPOINT_PASSWORD=PASSWORD)
    data = tmp_path / "g.nt"
    data.write_text('<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    query = run_cli("query", "projects-per-year", "--endpoint", f"{echo}/{status}/{form}/sparql", env=env)
    push = run_cli("push", "--endpoint", f"{echo}/{status}/{form}/store", "--file", str(data), "--retries", "0",
                   env=env)
    for result in (query, push):
        assert result.returncode != 0
        assert status in result.stderr  # the failure itself is reported
        _assert_no_secret(result, PASSWORD)


def test_a_token_is_never_printed_either(echo, tmp_path):
    env = clean_env(ESFGRAPH_ENDPOINT_TOKEN=TOKEN)
    result = run_cli("query", "projects-per-year", "--endpoint", f"{echo}/401/raw/sparql", env=env)
    assert result.returncode != 0 and "401" in result.stderr
    assert TOKEN not in result.stdout + result.stderr


def test_credentials_are_taken_from_the_environment_only(echo):
    result = run_cli("query", "projects-per-year", "--endpoint", f"http://{USER}:{PASSWORD}@127.0.0.1:9/sparql")
    assert result.returncode != 0 and PASSWORD not in result.stdout + result.stderr
    assert "ESFGRAPH_ENDPOINT_PASSWORD" in result.stderr
    for command in ("query", "push"):
        help_text = run_cli(command, "--help").stdout
        assert "--password" not in help_text and "--user" not in help_text


# --------------------------------------------------------------------------- TLS, timeouts

@pytest.fixture(scope="module")
def self_signed_https(tmp_path_factory):
    """An HTTPS server on loopback with a self-signed certificate (nobody vouches for it)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_tls_certificates_are_verified(self_signed_https, tmp_path):
    Echo.seen = []
    env = clean_env(ESFGRAPH_ENDPOINT_USER=USER, ESFGRAPH_ENDPOINT_PASSWORD=PASSWORD)
    data = tmp_path / "g.nt"
    data.write_text('<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    query = run_cli("query", "projects-per-year", "--endpoint", f"{self_signed_https}/200/raw/sparql", env=env)
    push = run_cli("push", "--endpoint", f"{self_signed_https}/200/raw/store", "--file", str(data),
                   "--retries", "0", env=env)
    for result in (query, push):
        assert result.returncode != 0
        assert re.search(r"certificate|CERTIFICATE|SSL", result.stderr), result.stderr[-1000:]
        _assert_no_secret(result, PASSWORD)
    assert Echo.seen == []  # the handshake failed: no request, no credentials were sent


@pytest.fixture()
def silent_port():
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    listener.close()


def test_a_silent_endpoint_times_out(silent_port, tmp_path):
    data = tmp_path / "g.nt"
    data.write_text('<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    started = time.monotonic()
    query = run_cli("query", "projects-per-year", "--endpoint", f"http://127.0.0.1:{silent_port}/sparql",
                    "--timeout", "1")
    query_seconds = time.monotonic() - started
    started = time.monotonic()
    push = run_cli("push", "--endpoint", f"http://127.0.0.1:{silent_port}/store", "--file", str(data),
                   "--timeout", "1", "--retries", "1")
    push_seconds = time.monotonic() - started
    assert query.returncode != 0 and "no answer within 1 s" in query.stderr and "Traceback" not in query.stderr
    assert push.returncode != 0 and "no answer after 2 attempts" in push.stderr and "Traceback" not in push.stderr
    assert query_seconds < 15 and push_seconds < 20  # two tries of 1 s, a 1 s back-off, and start-up


class Flaky(BaseHTTPRequestHandler):
    """503 for the first request, then a SPARQL JSON answer."""

    count = 0

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        Flaky.count += 1
        if Flaky.count == 1:
            payload, status, kind = b"busy", 503, "text/plain"
        else:
            payload = json.dumps({"head": {"vars": ["year", "projects", "esf_grant_sek", "total_budget_sek"]},
                                  "results": {"bindings": []}}).encode()
            status, kind = 200, "application/sparql-results+json"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Retry-After", "1")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def test_a_query_is_retried_when_the_endpoint_is_busy():
    Flaky.count = 0
    with local_http_server(Flaky) as server:
        result = run_cli("query", "projects-per-year", "--endpoint",
                         f"http://127.0.0.1:{server.server_address[1]}/sparql", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert Flaky.count == 2


# --------------------------------------------------------------------------- resumable push

def _expected_quads(built) -> int:
    import pyoxigraph as ox

    # The graph and the analysis graph, as push --build sends them (the build's store also
    # holds the ontology and vocabularies, which `esfgraph load-vocab` sends).
    store = ox.Store.read_only(str(built / "store"))
    named = sum(1 for quad in store if not isinstance(quad.graph_name, ox.DefaultGraph))
    return named + sum(1 for _ in ox.parse(path=str(built / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("signum", [signal.SIGINT, pytest.param(signal.SIGKILL, marks=pytest.mark.slow)])
def test_a_push_stopped_by_a_signal_resumes_without_duplicates(built, tmp_path, signum):
    expected = _expected_quads(built)  # graph + analysis graph, as the build's own store holds them
    folder = tmp_path / "build"
    shutil.copytree(built, folder, ignore=shutil.ignore_patterns("cache"))
    with start_server(tmp_path / "remote", bind="127.0.0.1:0", allow_updates=True) as server:
        command = [*ESFGRAPH, "push", "--endpoint", server.store_url, "--build", str(folder),
                   "--chunk-triples", "200"]
        first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                 env=clean_env(), start_new_session=True, preexec_fn=default_sigint)
        lines = []
        for line in first.stderr:  # one line per chunk; stop it after the fifth
            lines.append(line)
            if len(lines) == 5:
                break
        send(first, signum)  # Ctrl-C to the process group, SIGKILL to the push
        _, rest = first.communicate(timeout=60)
        assert first.returncode != 0, "the push finished before it could be stopped"
        assert "Traceback" not in rest
        state = json.loads((folder / "push-state.json").read_text(encoding="utf-8"))
        done = sum(state["done"].values())
        assert done >= 5
        second = run_cli(*command[3:], timeout=120)
        assert second.returncode == 0, second.stderr[-2000:]
        assert "sent earlier" in second.stdout  # it resumed instead of starting over
        _, _, text = request(server.query_url, {"query": COUNT}, {"Accept": "text/csv"})
        assert int(text.split()[1]) == expected
        assert not (folder / "push-state.json").exists()
