"""robots.txt: read once per host, forbidden paths never requested, what errors mean."""

from __future__ import annotations

from esfgraph.fetch import fetch

from .server import Reply, page

ROBOTS = b"""# test site
User-agent: *
Disallow: /private/

User-agent: otherbot
Disallow: /
"""


def robots(body: bytes) -> list[Reply]:
    return [Reply(200, body, {"Content-Type": "text/plain"})]


def test_forbidden_paths_are_reported_and_never_requested(server, fast, tmp_path):
    server.routes["/robots.txt"] = robots(ROBOTS)
    server.routes["/projekt/a"] = [page("2016-00023.html")]
    server.routes["/projekt/b"] = [page("2019-00144.html")]
    server.routes["/private/c"] = [page("2015-00101.html")]
    urls = [server.url(p) for p in ("/projekt/a", "/private/c", "/projekt/b")]
    report = fetch(tmp_path, urls=urls, **fast)

    assert [r.outcome for r in report.results] == ["fetched", "disallowed", "fetched"]
    assert report.disallowed[0].reason == "disallowed by robots.txt"
    assert server.count("/private/c") == 0
    assert server.count("/robots.txt") == 1  # once per host, not per page
    assert report.requests == 3  # robots.txt and the two allowed pages
    assert not list(tmp_path.glob(f"{report.disallowed[0].name}*"))
    assert report.exit_code == 0  # disallowed is not a failure


def test_rules_for_our_own_agent_apply(server, fast, tmp_path):
    server.routes["/robots.txt"] = robots(b"User-agent: esfgraph\nDisallow: /projekt/\n")
    server.routes["/projekt/a"] = [page("2016-00023.html")]
    report = fetch(tmp_path, urls=[server.url("/projekt/a")], **fast)
    assert report.results[0].outcome == "disallowed"
    assert server.count("/projekt/a") == 0


def test_a_redirect_into_a_forbidden_path_is_not_followed(server, fast, tmp_path):
    server.routes["/robots.txt"] = robots(ROBOTS)
    server.routes["/projekt/a"] = [Reply(302, b"", {"Location": "/private/a"})]
    server.routes["/private/a"] = [page("2016-00023.html")]
    report = fetch(tmp_path, urls=[server.url("/projekt/a")], **fast)
    result = report.results[0]
    assert result.outcome == "disallowed"
    assert result.reason == f"redirected to {server.url('/private/a')}: disallowed by robots.txt"
    assert server.count("/private/a") == 0


def test_no_robots_file_means_no_rules(server, fast, tmp_path):
    server.routes["/projekt/a"] = [page("2016-00023.html")]  # /robots.txt answers 404
    report = fetch(tmp_path, urls=[server.url("/projekt/a")], **fast)
    assert report.results[0].outcome == "fetched"
    assert server.count("/robots.txt") == 1


def test_robots_403_forbids_the_whole_host(server, fast, tmp_path):
    server.routes["/robots.txt"] = [Reply(403)]
    server.routes["/projekt/a"] = [page("2016-00023.html")]
    report = fetch(tmp_path, urls=[server.url("/projekt/a")], **fast)
    assert report.results[0].outcome == "disallowed"
    assert server.count("/projekt/a") == 0


def test_unreachable_robots_fails_the_pages_so_a_rerun_retries(server, fast, tmp_path):
    server.routes["/robots.txt"] = [Reply(503)]
    server.routes["/projekt/a"] = [page("2016-00023.html")]
    server.routes["/projekt/b"] = [page("2019-00144.html")]
    urls = [server.url("/projekt/a"), server.url("/projekt/b")]
    report = fetch(tmp_path, urls=urls, max_retries=1, **fast)
    assert [r.outcome for r in report.results] == ["failed", "failed"]
    assert report.results[0].reason == (
        "robots.txt unavailable: HTTP 503 (gave up after 2 attempts)"
    )
    assert server.count("/projekt/a") == server.count("/projekt/b") == 0
    assert server.count("/robots.txt") == 2  # one attempt and one retry, for both pages
    assert report.exit_code == 1

    server.routes["/robots.txt"] = [Reply(404)]
    again = fetch(tmp_path, urls=urls, **fast)
    assert [r.outcome for r in again.results] == ["fetched", "fetched"]


def test_crawl_delay_slows_the_host_down(server, fast, tmp_path):
    server.routes["/robots.txt"] = robots(b"User-agent: *\nCrawl-delay: 1\nDisallow:\n")
    server.routes["/projekt/a"] = [page("2016-00023.html")]
    server.routes["/projekt/b"] = [page("2019-00144.html")]
    report = fetch(tmp_path, urls=[server.url("/projekt/a"), server.url("/projekt/b")], **fast)
    assert [r.outcome for r in report.results] == ["fetched", "fetched"]
    (a,), (b,) = server.times("/projekt/a"), server.times("/projekt/b")
    assert b - a >= 0.95  # measured at arrival, see test_cli
