"""Remote endpoints over HTTP: credentials from the environment only, never in messages;
timeouts and connection errors as one-line messages.

The Oxigraph server tests (tests/push) check that remote answers equal the embedded
store's; these use a small recording HTTP endpoint to see exactly what is sent."""

from __future__ import annotations

import base64
import json
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest

from esfgraph.endpoint import ENV_PASSWORD, ENV_TOKEN, ENV_USER, Endpoint, EndpointError
from esfgraph.query import QueryError, run_query
from esfgraph.serve import free_port

from ..reliability.helpers import local_http_server

SECRET = "s3cr3t-pässword"
ANSWER = {"head": {"vars": ["year", "projects", "esf_grant_sek", "total_budget_sek"]},
          "results": {"bindings": [{"year": {"type": "literal", "value": "2008",
                                             "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
                                    "projects": {"type": "literal", "value": "2",
                                                 "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}


class Recorder(BaseHTTPRequestHandler):
    requests: list = []
    mode = "ok"

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        Recorder.requests.append({"headers": dict(self.headers), "form": parse_qs(body)})
        if Recorder.mode == "slow":
            time.sleep(2)
        if Recorder.mode == "unauthorised":
            payload = f"bad credentials {SECRET}".encode()
            self.send_response(401)
        else:
            payload = json.dumps(ANSWER).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except BrokenPipeError:  # the client gave up (the timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture()
def endpoint_url():
    Recorder.requests, Recorder.mode = [], "ok"
    with local_http_server(Recorder) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"


def test_basic_credentials_come_from_the_environment(endpoint_url, monkeypatch):
    monkeypatch.setenv(ENV_USER, "researcher")
    monkeypatch.setenv(ENV_PASSWORD, SECRET)
    result = run_query("projects-per-year", {"region": "smaland-och-oarna"}, endpoint=endpoint_url)
    assert result.values() == [(2008, 2, None, None)]
    sent = Recorder.requests[0]
    expected = base64.b64encode(f"researcher:{SECRET}".encode()).decode()
    assert sent["headers"]["Authorization"] == f"Basic {expected}"
    query = sent["form"]["query"][0]
    assert '("smaland-och-oarna" AS ?region)' in query and "?region)" in query


def test_a_token_is_sent_as_bearer(endpoint_url, monkeypatch):
    monkeypatch.setenv(ENV_TOKEN, SECRET)
    run_query("projects-per-year", endpoint=endpoint_url)
    assert Recorder.requests[0]["headers"]["Authorization"] == f"Bearer {SECRET}"


def test_no_credentials_no_header(endpoint_url, monkeypatch):
    for name in (ENV_USER, ENV_PASSWORD, ENV_TOKEN):
        monkeypatch.delenv(name, raising=False)
    run_query("projects-per-year", endpoint=endpoint_url)
    assert "Authorization" not in Recorder.requests[0]["headers"]


def test_refused_credentials_never_appear_in_the_message(endpoint_url, monkeypatch):
    monkeypatch.setenv(ENV_USER, "researcher")
    monkeypatch.setenv(ENV_PASSWORD, SECRET)
    Recorder.mode = "unauthorised"
    with pytest.raises(QueryError) as error:
        run_query("projects-per-year", endpoint=endpoint_url)
    message = str(error.value)
    assert "HTTP 401: not authorised" in message and "bad credentials ***" in message
    assert SECRET not in message and base64.b64encode(f"researcher:{SECRET}".encode()).decode() not in message
    assert "\n" not in message


def test_credentials_in_the_url_are_refused():
    with pytest.raises(EndpointError, match="credentials in the endpoint URL are refused"):
        Endpoint.from_env("https://user:pw@example.org/sparql", environ={})
    with pytest.raises(QueryError, match="credentials in the endpoint URL are refused"):
        run_query("projects-per-year", endpoint="https://user:pw@example.org/sparql")


def test_user_without_password_and_bad_urls():
    with pytest.raises(EndpointError, match=f"{ENV_USER} is set but {ENV_PASSWORD} is not"):
        Endpoint.from_env("https://example.org/sparql", environ={ENV_USER: "me"})
    with pytest.raises(EndpointError, match="not an http"):
        Endpoint.from_env("ftp://example.org/sparql", environ={})


def test_repr_and_redaction_hide_secrets():
    endpoint = Endpoint.from_env("https://example.org/sparql", environ={ENV_USER: "me", ENV_PASSWORD: SECRET})
    assert SECRET not in repr(endpoint)
    header = endpoint.auth_headers()["Authorization"]
    assert endpoint.redact(f"{SECRET} and {header}") == "*** and Basic ***"
    assert endpoint.redact(repr(SECRET.encode("utf-8"))) == "b'***'"
    assert endpoint.redact("s3cr3t-p%C3%A4ssword") == "***"


def test_timeout(endpoint_url):
    Recorder.mode = "slow"
    started = time.monotonic()
    with pytest.raises(QueryError, match="no answer within 1 s"):
        run_query("projects-per-year", endpoint=endpoint_url, timeout=1)
    assert time.monotonic() - started < 2.5


def test_nothing_listening():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(QueryError, match="cannot connect"):
        run_query("projects-per-year", endpoint=url)


def test_a_url_without_path_gets_oxigraphs_query_path(endpoint_url):
    base = endpoint_url.rsplit("/", 1)[0]
    assert Endpoint(base).with_path("/query").url == base + "/query"
    assert Endpoint(endpoint_url).with_path("/query").url == endpoint_url
