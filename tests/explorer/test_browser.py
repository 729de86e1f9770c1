"""The explorer in a real headless browser (Debian's chromium, driven by Playwright):
search by a misspelt name reaches the organisation page, the page lists what the data
holds, filters change the table, the CSV and GEXF links give exactly the table's rows,
the network view draws and a click opens a page, the SPARQL UI runs a query, and a
screenshot is written for the docs.

Skipped, with a one-line reason, when chromium or Playwright is missing
(``apt-get install -y chromium``; Playwright from the test extra, never ``playwright install``).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from .conftest import BASE, network_partners
from .test_pages import resolution

CHROMIUM = os.environ.get("ESFGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
GEXF = "{http://gexf.net/1.3}"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason=f"no chromium at {CHROMIUM} (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=served.url.rstrip("/"))
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    # Nothing may be loaded from outside this server.
    outside: list[str] = []
    opened.on("request", lambda r: outside.append(r.url) if not r.url.startswith(served.url) and not r.url.startswith("data:") else None)
    yield opened
    context.close()
    assert not errors, errors
    assert not outside, outside


def test_search_by_a_misspelt_name_reaches_the_organisation_page(page):
    page.goto("/")
    page.fill("#home-q", "Arbetsformedlingen Vagerid")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=*")
    page.locator("#hits a").first.click()
    page.wait_for_url("**/id/org/arbetsformedlingen/vaggeryd")
    assert page.locator("#org-name").inner_text() == "Arbetsförmedlingen Vaggeryd"


def test_the_organisation_page_lists_partners_and_projects_from_the_data(page, sample_build):
    page.goto("/id/org/kommun-0665/socialforvaltningen")
    rows = resolution(sample_build)
    mine = {r["source"] for r in rows if r["canonical"] == BASE + "org/kommun-0665/socialforvaltningen"}
    titles = page.locator("#projects tbody tr td:nth-child(2)").all_inner_texts()
    assert titles == ["Trappsteget"] and len(mine) == 1
    partners = set(page.locator("#partners tbody tr td:first-child").all_inner_texts())
    # The partners the analysis counts: the other listed organisations of Trappsteget; the
    # names in its text (Samhall) are context there, as the page prints lists.
    assert partners == set(network_partners(sample_build, BASE + "org/kommun-0665/socialforvaltningen"))
    assert "Arbetsförmedlingen Jönköping" in partners and "Samhall" not in partners
    assert "Samhall" in {r["label"] for r in rows if r["source"] in mine}
    page.locator("#graph[data-drawn]").wait_for()
    assert int(page.locator("#graph").get_attribute("data-drawn")) == len(partners) + 1


def _csv(page, href: str) -> list[dict]:
    response = page.request.get(href)
    assert response.ok
    return list(csv.DictReader(io.StringIO(response.text())))


def test_filters_change_the_table_and_the_downloads_hold_exactly_its_rows(page):
    page.goto("/partnerships?min_shared=1")
    before = int(page.locator("#total").inner_text())
    page.select_option("select[name=region]", "ovre-norrland")
    page.fill("input[name=municipality]", "")
    page.click("#apply")
    page.wait_for_url("**region=ovre-norrland**")
    after = int(page.locator("#total").inner_text())
    assert 0 < after < before
    # The region's pages print lists: the names in their text count only when asked for.
    page.select_option("select[name=text]", "all")
    page.click("#apply")
    page.wait_for_url("**text=all**")
    wider = int(page.locator("#total").inner_text())
    assert wider > after
    shown = [tuple(row.locator("td").all_inner_texts()[:3]) for row in page.locator("#partnerships tbody tr").all()]
    assert len(shown) == wider
    rows = _csv(page, page.locator("#csv").get_attribute("href"))
    assert [(r["org_a_label"], r["org_b_label"], r["shared_projects"]) for r in rows] == shown
    assert {r["regions"] for r in rows} == {"Övre Norrland"}
    gexf = etree.fromstring(page.request.get(page.locator("#gexf").get_attribute("href")).body())
    edges = {tuple(sorted((e.get("source"), e.get("target")))) for e in gexf.iter(GEXF + "edge")}
    assert edges == {(r["org_a"], r["org_b"]) for r in rows}


def test_the_network_view_draws_and_a_click_opens_a_page(page):
    page.goto("/network?min_shared=1")
    page.locator("#graph[data-drawn]").wait_for()
    drawn = int(page.locator("#graph").get_attribute("data-drawn"))
    assert drawn > 20
    assert page.locator("#legend li").count() >= 2
    key = BASE + "org/arbetsformedlingen/jonkoping"
    # sigma draws on the next animation frames: wait until the node has a place on screen.
    page.wait_for_function("key => { const p = window.esfgraphNetwork && window.esfgraphNetwork.position(key);"
                           " return p && isFinite(p.x) && isFinite(p.y); }", arg=key)
    box = page.locator("#graph").bounding_box()
    for _ in range(3):  # a busy machine may draw a frame late: point again, click again
        point = page.evaluate("key => window.esfgraphNetwork.position(key)", key)
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        try:
            page.wait_for_url("**/id/org/arbetsformedlingen/jonkoping", timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; try once more
            continue
    assert page.locator("#org-name").inner_text() == "Arbetsförmedlingen Jönköping"


def test_the_sparql_ui_runs_a_query_against_query(page):
    page.goto("/sparql")
    page.locator("#yasgui[data-ready]").wait_for()
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr table.dataTable tbody tr").first.wait_for(timeout=20000)
    assert page.locator(".yasr table.dataTable tbody tr").count() == 5  # the five sample projects


def test_a_screenshot_for_the_docs(page, tmp_path):
    page.goto("/network?min_shared=1")
    page.locator("#graph[data-drawn]").wait_for()
    page.wait_for_timeout(500)
    shot = tmp_path / "explorer.png"
    page.screenshot(path=str(shot), full_page=False)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    if os.environ.get("ESFGRAPH_WRITE_SCREENSHOT"):  # refresh docs/explorer.png on purpose only
        shutil.copy(shot, ROOT / "docs" / "explorer.png")
