"""The polite client against a real local server: pacing, retries, Retry-After, redirects."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from esfgraph import __version__
from esfgraph.fetch import DEFAULT_USER_AGENT, PoliteClient, parse_retry_after

from .server import HTML, Reply, page


def client(fast: dict, **overrides) -> PoliteClient:
    settings = {k: v for k, v in fast.items()}
    settings.update(overrides)
    return PoliteClient(**settings)


def test_parse_retry_after_seconds_and_dates():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 01 May 2024 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_user_agent_says_what_it_is(server, fast):
    server.routes["/p"] = [page("2016-00023.html")]
    with client(fast) as http:
        outcome = http.get(server.url("/p"))
    assert outcome.status == 200
    sent = server.requests_for("/p")[0].headers["User-Agent"]
    assert sent == DEFAULT_USER_AGENT == f"esfgraph/{__version__} (+https://w3id.org/esfgraph)"


def test_requests_to_one_host_are_paced(server, fast):
    server.routes["/p"] = [page("2016-00023.html")]
    with client(fast, delay=0.3) as http:
        for _ in range(3):
            assert http.get(server.url("/p")).status == 200
    times = server.times("/p")
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == 3
    # Measured at arrival, which lags the client's clock by up to a connection set-up.
    assert all(gap >= 0.25 for gap in gaps), gaps


def test_pacing_is_per_host(server, fast):
    server.routes["/p"] = [page("2016-00023.html")]
    other_host = server.url("/p").replace("127.0.0.1", "localhost")
    waits: list[float] = []

    def recording_sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    with client(fast, delay=0.5, sleep=recording_sleep) as http:
        assert http.get(server.url("/p")).status == 200
        assert http.get(other_host).status == 200  # another host: no wait
        assert waits == []
        assert http.get(server.url("/p")).status == 200  # the first host again: waits
    assert len(waits) == 1 and 0 < waits[0] <= 0.5
    assert server.count("/p") == 3


def test_delay_below_the_floor_is_refused():
    with pytest.raises(ValueError, match="politeness floor of 0.5 s"):
        PoliteClient(delay=0.1)
    assert PoliteClient(delay=0.5).delay == 0.5


def test_429_waits_at_least_retry_after_seconds(server, fast):
    server.routes["/busy"] = [
        Reply(429, b"slow down", {"Retry-After": "1"}),
        page("2016-00023.html"),
    ]
    with client(fast) as http:
        outcome = http.get(server.url("/busy"))
    first, second = server.times("/busy")
    assert outcome.status == 200 and outcome.attempts == 2 and outcome.error is None
    assert second - first >= 1.0
    assert outcome.body == page("2016-00023.html").body


def test_429_with_an_http_date_is_honoured(server, fast):
    def busy_until_later(seen):
        if server.count("/busy") == 1:
            when = datetime.now(timezone.utc) + timedelta(seconds=2)
            return Reply(429, b"", {"Retry-After": format_datetime(when, usegmt=True)})
        return page("2019-00144.html")

    server.routes["/busy"] = busy_until_later
    with client(fast) as http:
        outcome = http.get(server.url("/busy"))
    first, second = server.times("/busy")
    assert outcome.status == 200
    # The date has one-second resolution: the server asked for between 1 and 2 s.
    assert second - first >= 1.0


def test_a_retry_after_beyond_the_cap_is_not_retried(server, fast):
    server.routes["/busy"] = [Reply(429, b"", {"Retry-After": "3600"})]
    with client(fast, max_retry_after=5) as http:
        started = time.monotonic()
        outcome = http.get(server.url("/busy"))
    assert time.monotonic() - started < 1.0
    assert server.count("/busy") == 1
    assert outcome.error == "HTTP 429: server asked to wait 3600 s, more than the limit of 5 s"


def test_5xx_is_retried_with_growing_backoff_until_success(server, fast):
    server.routes["/flaky"] = [Reply(500), Reply(503), page("2016-00023.html")]
    waits: list[float] = []

    def recording_sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    with client(fast, backoff=0.1, max_backoff=1.0, sleep=recording_sleep) as http:
        outcome = http.get(server.url("/flaky"))
    assert outcome.status == 200 and outcome.attempts == 3
    assert server.count("/flaky") == 3
    # Equal jitter: retry k waits between half and all of backoff * 2**k.
    assert len(waits) == 2
    assert 0.05 <= waits[0] <= 0.1 and 0.1 <= waits[1] <= 0.2
    times = server.times("/flaky")
    assert times[1] - times[0] >= waits[0] and times[2] - times[1] >= waits[1]


def test_jitter_is_reproducible_with_a_seed(server, fast):
    server.routes["/down"] = [Reply(502)]
    runs = []
    for _ in range(2):
        waits: list[float] = []
        with client(fast, max_retries=3, sleep=waits.append) as http:
            http.get(server.url("/down"))
        runs.append(waits)
    assert runs[0] == runs[1] and len(runs[0]) == 3
    # backoff 0.01 s doubling: each wait within [half, all] of 0.01, 0.02, 0.04.
    for wait, ceiling in zip(runs[0], (0.01, 0.02, 0.04)):
        assert ceiling / 2 <= wait <= ceiling


def test_retries_are_bounded(server, fast):
    server.routes["/down"] = [Reply(503)]
    with client(fast, max_retries=2) as http:
        outcome = http.get(server.url("/down"))
    assert server.count("/down") == 3
    assert outcome.status == 503
    assert outcome.error == "HTTP 503 (gave up after 3 attempts)"


def test_a_slow_answer_times_out_and_is_retried(server, fast):
    server.routes["/slow"] = [Reply(200, b"late", {"Content-Type": HTML}, delay=1.0),
                              page("2016-00023.html")]
    with client(fast, timeout=0.3) as http:
        started = time.monotonic()
        outcome = http.get(server.url("/slow"))
    assert time.monotonic() - started < 1.0  # did not wait for the slow answer
    assert outcome.status == 200 and outcome.attempts == 2
    assert outcome.body == page("2016-00023.html").body


def test_time_outs_give_up_with_a_reason(server, fast):
    server.routes["/slow"] = [Reply(200, b"late", delay=0.6)]
    with client(fast, timeout=0.2, max_retries=1) as http:
        outcome = http.get(server.url("/slow"))
    assert outcome.status is None
    assert outcome.error == "timed out after 0.2 s (gave up after 2 attempts)"
    assert server.count("/slow") == 2


def test_redirects_are_followed_and_the_final_address_kept(server, fast):
    server.routes["/old"] = [Reply(301, b"", {"Location": "/mid"})]
    server.routes["/mid"] = [Reply(302, b"", {"Location": server.url("/new?x=1")})]
    server.routes["/new?x=1"] = [page("2019-00144.html")]
    with client(fast) as http:
        outcome = http.get(server.url("/old"))
    assert outcome.status == 200
    assert outcome.url == server.url("/old")
    assert outcome.final_url == server.url("/new?x=1")
    assert outcome.attempts == 3


def test_redirect_loops_are_bounded(server, fast):
    server.routes["/loop"] = [Reply(302, b"", {"Location": "/loop"})]
    with client(fast, max_redirects=3) as http:
        outcome = http.get(server.url("/loop"))
    assert server.count("/loop") == 4
    assert outcome.error.startswith("more than 3 redirects")


def test_conditional_headers_are_sent(server, fast):
    server.routes["/p"] = [Reply(304)]
    with client(fast) as http:
        outcome = http.get(server.url("/p"), {"If-None-Match": '"v1"'})
    assert outcome.status == 304 and outcome.error is None and outcome.body == b""
    assert server.requests_for("/p")[0].headers["If-None-Match"] == '"v1"'


def test_oversized_bodies_are_refused(server, fast):
    server.routes["/big"] = [Reply(200, b"x" * 5000, {"Content-Type": HTML})]
    with client(fast) as http:
        http.max_bytes = 1000
        outcome = http.get(server.url("/big"))
    assert outcome.error == "body larger than 1000 bytes" and outcome.body == b""
    assert server.count("/big") == 1
