"""What ``push`` sends over HTTP: PUT then POST, graph parameters, media type,
credentials, retries with back-off, and messages without secrets.

A small recording endpoint stands in for "any Graph Store server" here; the Oxigraph
tests check the data that arrives."""

from __future__ import annotations

import base64
import json
from http.server import BaseHTTPRequestHandler

import pytest

from esfgraph.endpoint import ENV_PASSWORD, ENV_TOKEN, ENV_USER
from esfgraph.push import PushError, push

from ..reliability.helpers import local_http_server

SECRET = "pässw0rd-ÿ"


class Recorder(BaseHTTPRequestHandler):
    log: list = []
    replies: list = []  # (status, headers) to give, in order; then 204

    def _handle(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Recorder.log.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                             "lines": body.decode("utf-8").splitlines()})
        status, headers, text = Recorder.replies.pop(0) if Recorder.replies else (204, {}, "")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        payload = text.encode("utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_PUT = do_POST = _handle  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture()
def endpoint(monkeypatch):
    for name in (ENV_USER, ENV_PASSWORD, ENV_TOKEN):
        monkeypatch.delenv(name, raising=False)
    Recorder.log, Recorder.replies = [], []
    with local_http_server(Recorder) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/ds/data"


@pytest.fixture()
def data(tmp_path):
    path = tmp_path / "g.nt"
    path.write_text("".join(f'<http://example.org/s> <http://example.org/p> "{i}" .\n' for i in range(5)),
                    encoding="utf-8")
    return path


def test_replace_is_put_then_post_in_chunks(endpoint, data):
    report = push(data, endpoint, chunk_triples=2)
    assert [(r["method"], r["path"], len(r["lines"])) for r in Recorder.log] == [
        ("PUT", "/ds/data?default", 2), ("POST", "/ds/data?default", 2), ("POST", "/ds/data?default", 1)]
    assert all(r["headers"]["Content-Type"] == "application/n-triples" for r in Recorder.log)
    assert Recorder.log[0]["lines"][0] == '<http://example.org/s> <http://example.org/p> "0" .'
    assert report.triples == 5 and report.graphs[0].chunks == 3


def test_append_posts_everything_to_the_named_graph(endpoint, data):
    push(data, endpoint, graph="http://example.org/g?x=1&y", append=True, chunk_triples=5)
    assert [(r["method"], r["path"]) for r in Recorder.log] == [
        ("POST", "/ds/data?graph=http%3A%2F%2Fexample.org%2Fg%3Fx%3D1%26y")]


def test_retries_with_back_off_and_retry_after(endpoint, data):
    Recorder.replies = [(503, {"Retry-After": "7"}, "busy"), (500, {}, "oops"), (204, {}, "")]
    waits = []
    push(data, endpoint, chunk_triples=5, backoff=0.5, sleep=waits.append)
    assert waits == [7.0, 1.0]  # Retry-After honoured, then 0.5 * 2**1
    assert [r["method"] for r in Recorder.log] == ["PUT", "PUT", "PUT"]


def test_gives_up_after_the_retries_and_keeps_progress(endpoint, data, tmp_path):
    state = tmp_path / "state.json"
    Recorder.replies = [(204, {}, "")] + [(503, {}, "down")] * 3
    with pytest.raises(PushError, match="POST refused: HTTP 503: down"):
        push(data, endpoint, chunk_triples=2, retries=2, state_file=state, sleep=lambda s: None)
    assert list(json.loads(state.read_text())["done"].values()) == [1]
    # Running it again resumes with the second chunk, as a POST.
    Recorder.log = []
    report = push(data, endpoint, chunk_triples=2, state_file=state)
    assert [(r["method"], len(r["lines"])) for r in Recorder.log] == [("POST", 2), ("POST", 1)]
    assert report.graphs[0].resumed_after == 1 and not state.exists()


def test_credentials_are_sent_and_never_shown(endpoint, data, monkeypatch):
    monkeypatch.setenv(ENV_USER, "loader")
    monkeypatch.setenv(ENV_PASSWORD, SECRET)
    Recorder.replies = [(401, {}, f"wrong password {SECRET}")]
    with pytest.raises(PushError) as error:
        push(data, endpoint)
    token = base64.b64encode(f"loader:{SECRET}".encode()).decode()
    assert Recorder.log[0]["headers"]["Authorization"] == f"Basic {token}"
    message = str(error.value)
    assert "HTTP 401 (set ESFGRAPH_ENDPOINT_USER" in message and "wrong password ***" in message
    assert SECRET not in message and token not in message
    assert len(Recorder.log) == 1  # 401 is not retried


def test_bearer_token(endpoint, data, monkeypatch):
    monkeypatch.setenv(ENV_TOKEN, SECRET)
    push(data, endpoint)
    assert Recorder.log[0]["headers"]["Authorization"] == f"Bearer {SECRET}"


def test_credentials_in_the_url_are_refused(data):
    with pytest.raises(PushError, match="credentials in the endpoint URL are refused"):
        push(data, "http://user:pw@127.0.0.1:1/store")
