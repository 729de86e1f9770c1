"""The explorer's pages over the sample build, through the WSGI application: search by any
spelling, organisation and project pages with the values the pages hold, content
negotiation, escaping of hostile text, clear 400s, and the Content-Security-Policy."""

from __future__ import annotations

import csv
import html
import re
from collections import defaultdict

import pytest
import rdflib

from esfgraph.explorer import CSP

from .conftest import BASE, HOSTILE, network_partners

AF = BASE + "org/arbetsformedlingen/"


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response.status_code, response.get_data(as_text=True), response.headers


def hits(page: str) -> list[str]:
    """The links of the search results, in order."""
    block = page.split('id="hits"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', block)


def table(page: str, table_id: str) -> list[list[str]]:
    """The cells (tags stripped, entities decoded) of each body row of a table."""
    body = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def resolution(build) -> list[dict]:
    with (build / "resolution.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("query, first", [
    ("Af Jönköping", "/id/org/arbetsformedlingen/jonkoping"),
    ("FK Värnamo", "/id/org/forsakringskassan/varnamo"),
    ("Arbetsformedlingen Vagerid", "/id/org/arbetsformedlingen/vaggeryd"),  # misspelt, no accents
    ("folkunivrsitetet", "/id/org/folkuniversitetet"),
    ("2019/00144", "/id/project/2019-00144"),
    ("trappsteget", None),  # a title word: the 2007-2013 project titled Trappsteget
])
def test_search_finds_any_spelling_best_first(sample_client, query, first):
    status, page, _ = get(sample_client, "/search?q=" + query)
    assert status == 200
    found = hits(page)
    if first is None:
        assert found and found[0].startswith("/id/project/k")
        assert ">Trappsteget</a>" in page
    else:
        assert found[0] == first, found[:3]


def test_search_rejects_long_and_odd_queries(sample_client):
    status, page, _ = get(sample_client, "/search?q=" + "a" * 201)
    assert status == 400 and "q: too long (201 characters; at most 200)" in page
    status, page, _ = get(sample_client, "/search?q=a%00b")
    assert status == 400 and "control characters" in page
    status, page, _ = get(sample_client, "/search?q=%27%20%7D%20DROP%20ALL%20%23")  # SPARQL-looking text is just text
    assert status == 200 and "DROP ALL" in html.unescape(page)


def test_organisation_page_lists_the_projects_and_partners_the_pages_hold(sample_client, sample_build):
    status, page, headers = get(sample_client, "/id/org/arbetsformedlingen/jonkoping")
    assert status == 200 and headers["Content-Security-Policy"] == CSP
    assert '<h1 id="org-name">Arbetsförmedlingen Jönköping</h1>' in page
    assert 'unit of <a href="/id/org/arbetsformedlingen">Arbetsförmedlingen</a>' in page
    assert "Jönköping</a> (0680)" in page and "Jönköpings län" in page
    projects = table(page, "projects")
    assert [(r[1], r[3], r[4], r[5], r[6], r[7]) for r in projects] == [
        ("Trappsteget", "co-financier", "listed", "2007-2013", "Småland och Öarna", "3 574 500")]
    # Partners: as the analysis counts them, with their evidence; Samhall, named in the text
    # of Trappsteget (a page that prints lists), is not one of them.
    partners = table(page, "partners")
    expected = network_partners(sample_build, AF + "jonkoping")
    assert {r[0]: r[3] for r in partners} == expected and len(expected) == 7
    rows = resolution(sample_build)
    mine = {r["source"] for r in rows if r["canonical"] == AF + "jonkoping"}
    assert "Samhall" in {r["label"] for r in rows if r["source"] in mine} and "Samhall" not in expected
    assert table(page, "centrality")[1][:2] == ["Degree", "7"]


def test_parent_organisation_page_lists_its_units(sample_client):
    status, page, _ = get(sample_client, "/id/org/arbetsformedlingen")
    assert status == 200
    units = page.split('id="units"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r">([^<]+)</a>", units) == [
        "Arbetsförmedlingen Älvsbyn", "Arbetsförmedlingen Eskilstuna", "Arbetsförmedlingen Gällivare",
        "Arbetsförmedlingen Jönköping", "Arbetsförmedlingen Vaggeryd"]
    assert "Organisation number</dt><dd>2021002114" in page


def test_project_page_shows_roles_evidence_and_every_fact(sample_client):
    status, page, _ = get(sample_client, "/id/project/2019-00144")
    assert status == 200 and '<h1 id="project-title">SMÖT</h1>' in page
    assert "6 979 677 SEK" in page and "2019-09-02 – 2022-06-24" in page
    owner = page.split("<h3>owner</h3>", 1)[1].split("</table>", 1)[0]
    assert "Folkuniversitetet Jönköpings län och Gotland" in owner and "0.85" in owner
    named = page.split("<h3>named in the text</h3>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<a href="/id/org/[^"]+">([^<]+)</a>', named) == [
        "Arbetsförmedlingen", "Folkbildningsrådet", "Folkuniversitetet", "Försäkringskassan"]
    assert named.count("<td>text</td>") == 4
    facts = {r[0]: r for r in table(page, "facts")}
    assert facts["esf:projectNumber"][1:] == ["2019/00144", "004_e1f4b13072c7ae19.txt"]
    assert facts["esf:esfGrantSEK"][1] == "6979677"


def test_content_negotiation_and_404(sample_client):
    status, text, headers = get(sample_client, "/id/org/arbetsformedlingen/vaggeryd", Accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    subject = rdflib.URIRef(AF + "vaggeryd")
    assert str(graph.value(subject, rdflib.RDFS.label)) == "Arbetsförmedlingen Vaggeryd"
    assert get(sample_client, "/id/org/arbetsformedlingen/vaggeryd", Accept="text/turtle")[1] == text  # same bytes
    status, text, headers = get(sample_client, "/id/org/arbetsformedlingen/vaggeryd", Accept="application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert len(rdflib.Graph().parse(data=text, format="json-ld")) == len(graph)
    status, text, _ = get(sample_client, "/id/org/arbetsformedlingen/vaggeryd", Accept="application/n-triples")
    assert len(rdflib.Graph().parse(data=text, format="nt")) == len(graph)
    status, page, _ = get(sample_client, "/id/municipality/0665", Accept="text/html")
    assert status == 200 and "Vaggeryd" in page
    for missing in ("/id/org/no-such-org", "/id/project/2019-99999"):
        status, page, _ = get(sample_client, missing, Accept="text/turtle")
        assert status == 404 and "the graph holds no resource" in page
    status, _, _ = get(sample_client, "/id/org/arbetsformedlingen", Accept="image/png")
    assert status == 406


def test_hostile_text_renders_as_text(hostile_client):
    pages = [get(hostile_client, url)[1] for url in (
        "/id/org/evil", "/id/project/evil-1", "/search?q=script", "/partnerships",
        "/partnership?a=https://w3id.org/esfgraph/id/org/evil&b=https://w3id.org/esfgraph/id/org/good")]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
        # {{ 7*7 }} was not evaluated (the footer names the store folder, whose tmp path may hold "49")
        assert "49" not in page.split("<footer", 1)[0]
    assert "&lt;script&gt;alert(" in pages[0] and "{{ 7*7 }}" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]
    assert "2020/1&#39;&#34;&gt;&lt;b&gt;" in pages[1] or "2020/1&#39;&quot;&gt;&lt;b&gt;" in pages[1]
    rows = table(pages[3], "partnerships")
    assert rows[0][:3] == [HOSTILE, "Good & Co <b>bold</b>", "2"]


def test_every_page_sends_a_content_security_policy(sample_client):
    for url in ("/", "/search?q=af", "/partnerships", "/network", "/id/project/2019-00144", "/nope"):
        _, _, headers = get(sample_client, url)
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in headers["Content-Security-Policy"].split("style-src")[0]
    _, _, headers = get(sample_client, "/sparql")
    assert "script-src 'self';" in headers["Content-Security-Policy"]


def test_home_shows_coverage_per_programme_period(sample_client, sample_build):
    status, page, _ = get(sample_client, "/")
    assert status == 200
    per_period = defaultdict(set)
    for row in resolution(sample_build):
        per_period["2014-2020" if row["source"].endswith("004_e1f4b13072c7ae19.txt") else "2007-2013"].add(row["source"])
    assert [r[:2] for r in table(page, "coverage")] == [
        ["2007-2013", str(len(per_period["2007-2013"]))], ["2014-2020", str(len(per_period["2014-2020"]))]]
