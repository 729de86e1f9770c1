"""fetch(): pages and sidecars on disk, conditional re-runs, resuming, failures."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone

import pytest

from esfgraph.fetch import FetchLocked, fetch, load_sidecar
from esfgraph.fetch.state import FetchLock

from .server import FIXTURES, HTML, Reply, page

DNRS = ["2016/00023", "2019/00144", "2015/00101", "2017/00042"]
SIDECAR_KEYS = {
    "url", "final_url", "fetched_at", "status", "sha256", "etag", "last_modified", "content_type",
}


def serve_projects(server, **headers):
    """Serve the four fixture pages at /projekt/?dnr=YYYY/NNNNN."""
    for dnr in DNRS:
        server.routes[f"/projekt/?dnr={dnr}"] = [page(dnr.replace("/", "-") + ".html", **headers)]
    return server.url("/projekt/")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_pages_and_sidecars_are_written(server, fast, tmp_path):
    base = serve_projects(server, ETag='"v1"', **{"Last-Modified": "Tue, 01 Oct 2024 08:00:00 GMT"})
    before = datetime.now(timezone.utc).replace(microsecond=0)
    report = fetch(tmp_path, dnrs=DNRS[:2], base=base, **fast)
    after = datetime.now(timezone.utc)

    assert [r.outcome for r in report.results] == ["fetched", "fetched"]
    assert report.requests == 3  # robots.txt + two pages
    assert report.exit_code == 0
    for dnr in DNRS[:2]:
        name = dnr.replace("/", "-")
        body = (tmp_path / f"{name}.html").read_bytes()
        assert body == (FIXTURES / f"{name}.html").read_bytes()
        sidecar = json.loads((tmp_path / f"{name}.html.json").read_text(encoding="utf-8"))
        assert set(sidecar) == SIDECAR_KEYS
        url = f"{base}?dnr={dnr}"
        assert sidecar["url"] == sidecar["final_url"] == url
        assert sidecar["status"] == 200
        assert sidecar["sha256"] == sha(body)
        assert sidecar["etag"] == '"v1"'
        assert sidecar["last_modified"] == "Tue, 01 Oct 2024 08:00:00 GMT"
        assert sidecar["content_type"] == HTML
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", sidecar["fetched_at"])
        when = datetime.strptime(sidecar["fetched_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=timezone.utc)
        assert before <= when <= after
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "2016-00023.html", "2016-00023.html.json", "2019-00144.html", "2019-00144.html.json",
    ]


def test_a_rerun_skips_complete_pages_without_any_request(server, fast, tmp_path):
    base = serve_projects(server)
    fetch(tmp_path, dnrs=DNRS, base=base, **fast)
    requests_before = server.count()
    again = fetch(tmp_path, dnrs=DNRS, base=base, **fast)
    assert [r.outcome for r in again.results] == ["skipped"] * 4
    assert again.requests == 0 and server.count() == requests_before


def test_refresh_with_etag_gets_304_and_leaves_the_file_alone(server, fast, tmp_path):
    def by_etag(seen):
        if seen.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", {"ETag": '"v1"'})
        return page("2016-00023.html", ETag='"v1"')

    server.routes["/projekt/?dnr=2016/00023"] = by_etag
    base = server.url("/projekt/")
    fetch(tmp_path, dnrs=["2016/00023"], base=base, **fast)
    html = tmp_path / "2016-00023.html"
    sidecar_path = tmp_path / "2016-00023.html.json"
    stat_before = html.stat()
    old = json.loads(sidecar_path.read_text(encoding="utf-8"))
    old["fetched_at"] = "2000-01-01T00:00:00Z"  # so that the update is visible
    sidecar_path.write_text(json.dumps(old), encoding="utf-8")

    report = fetch(tmp_path, dnrs=["2016/00023"], base=base, refresh=True, **fast)

    assert report.results[0].outcome == "unchanged" and report.results[0].status == 304
    assert server.requests_for("/projekt/?dnr=2016/00023")[-1].headers["If-None-Match"] == '"v1"'
    assert html.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert html.stat().st_ino == stat_before.st_ino
    assert html.read_bytes() == (FIXTURES / "2016-00023.html").read_bytes()
    new = load_sidecar(sidecar_path)
    assert new.fetched_at > "2000-01-01T00:00:00Z"
    assert (new.sha256, new.status, new.etag) == (old["sha256"], 200, '"v1"')


def test_refresh_with_last_modified_sends_if_modified_since(server, fast, tmp_path):
    stamp = "Tue, 01 Oct 2024 08:00:00 GMT"

    def by_date(seen):
        if seen.headers.get("If-Modified-Since") == stamp:
            return Reply(304)
        return page("2019-00144.html", **{"Last-Modified": stamp})

    server.routes["/projekt/?dnr=2019/00144"] = by_date
    base = server.url("/projekt/")
    fetch(tmp_path, dnrs=["2019/00144"], base=base, **fast)
    report = fetch(tmp_path, dnrs=["2019/00144"], base=base, refresh=True, **fast)
    assert report.results[0].outcome == "unchanged"
    assert load_sidecar(tmp_path / "2019-00144.html.json").last_modified == stamp


def test_refresh_saves_a_changed_page(server, fast, tmp_path):
    versions = [page("2016-00023.html", ETag='"v1"'),
                Reply(200, b"<html><p>ny version</p></html>", {"Content-Type": HTML, "ETag": '"v2"'})]
    server.routes["/projekt/?dnr=2016/00023"] = versions
    base = server.url("/projekt/")
    fetch(tmp_path, dnrs=["2016/00023"], base=base, **fast)
    report = fetch(tmp_path, dnrs=["2016/00023"], base=base, refresh=True, **fast)
    assert report.results[0].outcome == "fetched"
    assert (tmp_path / "2016-00023.html").read_bytes() == b"<html><p>ny version</p></html>"
    sidecar = load_sidecar(tmp_path / "2016-00023.html.json")
    assert sidecar.etag == '"v2"' and sidecar.sha256 == sha(b"<html><p>ny version</p></html>")


def test_an_interrupted_run_resumes_where_it_stopped(server, fast, tmp_path):
    base = serve_projects(server)
    seen = []

    def stop_after_two(result):
        seen.append(result.name)
        if len(seen) == 2:
            raise KeyboardInterrupt

    first = fetch(tmp_path, dnrs=DNRS, base=base, on_result=stop_after_two, **fast)
    assert first.interrupted and first.exit_code == 130
    assert [r.name for r in first.results] == ["2016-00023", "2019-00144"]
    assert first.pending == [f"{base}?dnr=2015/00101", f"{base}?dnr=2017/00042"]
    assert "interrupted: 2 pages not reached" in first.summary()
    assert not list(tmp_path.glob(".*.tmp"))

    second = fetch(tmp_path, dnrs=DNRS, base=base, **fast)
    assert [r.outcome for r in second.results] == ["skipped", "skipped", "fetched", "fetched"]
    assert second.requests == 3  # robots.txt and the two pages not reached before
    assert all(server.count(f"/projekt/?dnr={d}") == 1 for d in DNRS)


def test_damaged_or_foreign_downloads_are_fetched_again(server, fast, tmp_path):
    base = serve_projects(server)
    fetch(tmp_path, dnrs=DNRS[:3], base=base, **fast)
    # A page cut short, a sidecar that is not JSON, a sidecar for another address.
    (tmp_path / "2016-00023.html").write_bytes(b"<html>cut sh")
    (tmp_path / "2019-00144.html.json").write_text("{not json", encoding="utf-8")
    other = json.loads((tmp_path / "2015-00101.html.json").read_text(encoding="utf-8"))
    other["url"] = "https://www.esf.se/resultat/projektbanken/projekt/?dnr=2015/00101"
    (tmp_path / "2015-00101.html.json").write_text(json.dumps(other), encoding="utf-8")
    # A temporary file left by a killed run is cleaned up.
    (tmp_path / ".2016-00023.html.4242.0badf00d.tmp").write_bytes(b"half")

    report = fetch(tmp_path, dnrs=DNRS[:3], base=base, **fast)
    assert [r.outcome for r in report.results] == ["fetched"] * 3
    assert (tmp_path / "2016-00023.html").read_bytes() == (
        FIXTURES / "2016-00023.html").read_bytes()
    assert load_sidecar(tmp_path / "2015-00101.html.json").url == f"{base}?dnr=2015/00101"
    assert not (tmp_path / ".2016-00023.html.4242.0badf00d.tmp").exists()


def test_failures_are_reported_with_reasons_and_write_nothing(server, fast, tmp_path):
    base = serve_projects(server)
    server.routes["/projekt/?dnr=2017/00042"] = [Reply(500)]
    server.routes["/pdf"] = [Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})]
    server.routes["/empty"] = [Reply(200, b"", {"Content-Type": HTML})]
    report = fetch(
        tmp_path,
        dnrs=["2016/00023", "2099/99999", "2017/00042"],
        urls=[server.url("/pdf"), server.url("/empty")],
        base=base,
        max_retries=1,
        **fast,
    )
    reasons = {r.name: r.reason for r in report.failed}
    assert reasons == {
        "2099-99999": "HTTP 404",
        "2017-00042": "HTTP 500 (gave up after 2 attempts)",
        report.results[3].name: "not an HTML page (Content-Type: application/pdf)",
        report.results[4].name: "HTTP 200 with an empty body",
    }
    assert [r.outcome for r in report.results].count("fetched") == 1
    assert report.exit_code == 1 and not report.ok
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["2016-00023.html"]
    summary = report.summary()
    assert "1 fetched" in summary and "4 failed" in summary
    assert f"2099-99999  {base}?dnr=2099/99999  HTTP 404" in summary
    assert report.requests == 1 + 1 + 1 + 2 + 1 + 1  # robots, ok, 404, 500 twice, pdf, empty


def test_a_redirected_page_records_its_final_address(server, fast, tmp_path):
    server.routes["/projekt/?dnr=2016/00023"] = [Reply(301, b"", {"Location": "/p/2016-00023"})]
    server.routes["/p/2016-00023"] = [page("2016-00023.html")]
    report = fetch(tmp_path, dnrs=["2016/00023"], base=server.url("/projekt/"), **fast)
    sidecar = load_sidecar(tmp_path / "2016-00023.html.json")
    assert report.results[0].outcome == "fetched"
    assert sidecar.url == server.url("/projekt/?dnr=2016/00023")
    assert sidecar.final_url == server.url("/p/2016-00023")


def test_the_429_page_is_fetched_after_retry_after(server, fast, tmp_path):
    base = serve_projects(server)
    path = "/projekt/?dnr=2019/00144"
    server.routes[path] = [Reply(429, b"", {"Retry-After": "1"}), page("2019-00144.html")]
    report = fetch(tmp_path, dnrs=["2019/00144"], base=base, **fast)
    first, second = server.times(path)
    assert report.results[0].outcome == "fetched" and report.results[0].attempts == 2
    assert second - first >= 1.0
    assert load_sidecar(tmp_path / "2019-00144.html.json").sha256 == sha(
        (FIXTURES / "2019-00144.html").read_bytes())


def test_one_fetch_per_folder_at_a_time(server, fast, tmp_path):
    base = serve_projects(server)
    with FetchLock(tmp_path):
        with pytest.raises(FetchLocked, match="another fetch is writing here"):
            fetch(tmp_path, dnrs=DNRS[:1], base=base, **fast)
    assert server.count() == 0


def test_the_politeness_floor_needs_an_explicit_override(tmp_path):
    with pytest.raises(ValueError, match="politeness floor"):
        fetch(tmp_path, dnrs=DNRS[:1], delay=0.0)
