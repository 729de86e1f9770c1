"""esfgraph's one HTTP client and its one retry policy (esfgraph/runtime/http.py), against
a real HTTP server on 127.0.0.1: what is retried, how long it waits, when it stops."""

from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest

from esfgraph.runtime.http import RETRY_STATUS, HttpClient, RetryPolicy

from .reliability.helpers import local_http_server


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next (status, headers, body) of ``replies``, then 200."""

    replies: list = []
    seen: list = []

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        Scripted.seen.append((self.command, self.path))
        status, headers, body = Scripted.replies.pop(0) if Scripted.replies else (200, {}, b"done")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    Scripted.replies, Scripted.seen = [], []
    with local_http_server(Scripted) as httpd:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"


def test_one_status_list():
    assert RETRY_STATUS == {408, 425, 429, 500, 502, 503, 504}


@pytest.mark.parametrize("status", sorted(RETRY_STATUS))
def test_every_busy_answer_is_retried_with_doubling_waits(server, status):
    Scripted.replies = [(status, {}, b"busy")] * 2
    waits: list[float] = []
    with HttpClient(RetryPolicy(retries=3, backoff=0.5), sleep=waits.append) as client:
        exchange = client.request("POST", server + "/q", data=b"x")
    assert (exchange.status, exchange.body, exchange.attempts) == (200, b"done", 3)
    assert waits == [0.5, 1.0]


@pytest.mark.parametrize("status", [400, 401, 404, 501])
def test_other_answers_are_final(server, status):
    Scripted.replies = [(status, {}, b"no")]
    waits: list[float] = []
    with HttpClient(RetryPolicy(retries=3), sleep=waits.append) as client:
        exchange = client.request("GET", server + "/q")
    assert (exchange.status, exchange.text, exchange.attempts, waits) == (status, "no", 1, [])


def test_retries_are_bounded_and_the_last_answer_kept(server):
    Scripted.replies = [(503, {"Retry-After": "2"}, b"down")] * 5
    waits: list[float] = []
    with HttpClient(RetryPolicy(retries=2, backoff=0.1), sleep=waits.append) as client:
        exchange = client.request("PUT", server + "/g", data=b"x")
    assert (exchange.status, exchange.text, exchange.attempts) == (503, "down", 3)
    assert waits == [2.0, 2.0]  # Retry-After is a minimum over the back-off
    assert exchange.retry_after == 2.0 and exchange.transient


def test_a_server_asking_to_wait_too_long_is_not_retried(server):
    Scripted.replies = [(429, {"Retry-After": "3600"}, b"")]
    with HttpClient(RetryPolicy(retries=3, max_retry_after=30), sleep=pytest.fail) as client:
        exchange = client.request("GET", server + "/q")
    assert (exchange.status, exchange.attempts, exchange.retry_after) == (429, 1, 3600.0)
    assert len(Scripted.seen) == 1


def test_jitter_is_equal_jitter_and_reproducible_with_a_seed(server):
    runs = []
    for _ in range(2):
        Scripted.replies = [(502, {}, b"")] * 3
        waits: list[float] = []
        with HttpClient(RetryPolicy(retries=3, backoff=0.2, jitter=True), seed=7, sleep=waits.append) as client:
            client.request("GET", server + "/q")
        runs.append(waits)
    assert runs[0] == runs[1] and len(runs[0]) == 3
    for wait, ceiling in zip(runs[0], (0.2, 0.4, 0.8)):
        assert ceiling / 2 <= wait <= ceiling


def test_a_refused_connection_is_retried_then_reported():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    waits: list[float] = []
    with HttpClient(RetryPolicy(retries=2, backoff=0.01), sleep=waits.append) as client:
        exchange = client.request("GET", f"http://127.0.0.1:{port}/")
    assert exchange.status is None and exchange.attempts == 3 and waits == [0.01, 0.02]
    assert exchange.transient and not exchange.timed_out and "refused" in str(exchange.error).lower()


def test_the_deadline_covers_the_retries():
    listener = socket.socket()  # accepts connections and never answers
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        started = time.monotonic()
        with HttpClient(RetryPolicy(retries=5, backoff=0.5, deadline=0.6)) as client:
            exchange = client.request("GET", f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.4)
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    assert exchange.timed_out and exchange.attempts == 1  # 0.4 s spent + 0.5 s wait > 0.6 s
    assert elapsed < 1.5


def test_every_attempt_is_announced_and_counted(server):
    Scripted.replies = [(503, {}, b"")]
    announced: list[str] = []
    with HttpClient(RetryPolicy(retries=1, backoff=0), before_attempt=announced.append,
                    headers={"User-Agent": "esfgraph-test"}) as client:
        client.request("GET", server + "/a")
        client.request("GET", server + "/b")
    assert announced == [server + "/a", server + "/a", server + "/b"] and client.requests_made == 3
