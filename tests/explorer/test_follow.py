"""``esfgraph serve`` follows the output folder it was given (issue 13, item 3): a rebuild
of the same folder, or ``esfgraph analyze`` writing into the store, is served within
seconds; a store that cannot be opened leaves the older build served, and every page says so."""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse
import urllib.request

from esfgraph.build import BuildOptions, build
from esfgraph.network import analyze
from esfgraph.serve import start_server

PROJECTS = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/esfgraph/ontology#Project> }"


def fetch(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def status(server) -> dict:
    return json.loads(fetch(server.url + "status.json")[1])


def projects_by_sparql(server) -> int:
    data = urllib.parse.urlencode({"query": PROJECTS}).encode()
    request = urllib.request.Request(server.query_url, data=data, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[-1])


def wait_for_generation(server, number: int, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = status(server)
        if found["generation"] >= number:
            return found
        time.sleep(0.2)
    raise AssertionError(f"generation {number} not served within {timeout} s: {status(server)}")


def test_serve_follows_rebuilds_and_analyze(tmp_path, sample_pages):
    out = tmp_path / "out"
    options = BuildOptions(workers=1, progress=False, cache=False)
    build([sample_pages], out, options)
    with start_server(out / "store", bind="127.0.0.1:0") as server:
        assert status(server)["generation"] == 1 and projects_by_sparql(server) == 5
        assert "5 projects and" in fetch(server.url)[1]

        # Rebuild the same folder from two pages: the server swaps to the new store.
        two = tmp_path / "two"
        two.mkdir()
        for page in sorted(sample_pages.iterdir())[:2]:
            shutil.copy(page, two / page.name)
        build([two], out, options)
        found = wait_for_generation(server, 2)
        assert found["projects"] == 2 and found["stale"] is None
        assert projects_by_sparql(server) == 2  # /query answers from the new store too
        status_code, page, headers = fetch(server.url)
        assert "2 projects and" in page and headers["X-Esfgraph-Generation"] == "2"
        assert "X-Esfgraph-Stale" not in headers

        # analyze writes new results into the store: they are served.
        analyze(out / "store", tmp_path / "analysis", level="parent")
        wait_for_generation(server, 3)
        page = fetch(server.url + "id/org/arbetsformedlingen")[1]
        assert "From the store's analysis at parent level" in page


def test_a_store_that_cannot_be_opened_leaves_the_older_build_served_and_said(tmp_path, sample_build):
    out = tmp_path / "out"
    shutil.copytree(sample_build / "store", out / "store")
    with start_server(out / "store", bind="127.0.0.1:0") as server:
        assert projects_by_sparql(server) == 5
        (out / "store").rename(out / "old-store")
        (out / "store").mkdir()
        (out / "store" / "half-written").write_text("not a store")
        deadline = time.monotonic() + 30
        while status(server)["stale"] is None and time.monotonic() < deadline:
            time.sleep(0.2)
        found = status(server)
        assert found["generation"] == 1 and "could not be opened" in found["stale"]
        code, page, headers = fetch(server.url + "id/project/2019-00144")
        assert code == 200 and headers["X-Esfgraph-Stale"] == "serving an older build"
        assert 'class="stale"' in page and "Serving an older build: the store at" in page
        assert projects_by_sparql(server) == 5
