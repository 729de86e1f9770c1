"""/partnerships: filters select the rows the pages say they should, the CSV has the
contract's columns and exactly the table's rows, the GEXF is valid 1.3 with the same pairs."""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from esfgraph.explorer import CSV_COLUMNS, FilterError, PartnershipFilter, pair_projects
from esfgraph.model import LISTED_ROLES
from esfgraph.network import networks_from_store

from .conftest import BASE
from .test_pages import resolution, table

ROOT = Path(__file__).resolve().parents[2]
GEXF_SCHEMA = ROOT.parent / "shared" / "reference" / "gexf-1.3" / "gexf.xsd"
GEXF = "{http://gexf.net/1.3}"


def csv_rows(client, query: str) -> list[dict]:
    response = client.get("/partnerships?format=csv&" + query)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    return list(csv.DictReader(io.StringIO(text)))


def expected_pairs(build, region=None, period=None, listed_only=False) -> dict[tuple[str, str], set[str]]:
    """Pairs counted from the network stage's member lists (who counts in each project),
    over the projects of ``region`` (its name) and ``period``; ``listed_only``: only where
    both are listed."""
    networks = networks_from_store(build / "store")
    pairs = defaultdict(set)
    for project, members in networks.members.items():
        info = networks.projects[project]
        if (region and info.region != region) or (period and info.period != period):
            continue
        orgs = sorted(o for o, roles in members.items() if not listed_only or set(roles) & set(LISTED_ROLES))
        for a, b in itertools.combinations(orgs, 2):
            pairs[(a, b)].add(project)
    return pairs


@pytest.mark.parametrize("query, region, period, listed_only", [
    ("", None, None, False),
    ("region=ovre-norrland", "Övre Norrland", None, False),
    ("period=2014-2020", None, "2014-2020", False),
    ("evidence=listed", None, None, True),
])
def test_filters_select_the_pairs_of_the_selected_pages(sample_client, sample_build, query, region, period,
                                                        listed_only):
    rows = csv_rows(sample_client, "min_shared=1&" + query)
    expected = expected_pairs(sample_build, region, period, listed_only)
    assert expected and {(r["org_a"], r["org_b"]): int(r["shared_projects"]) for r in rows} == {
        pair: len(found) for pair, found in expected.items()}


def test_filters_change_the_counts(sample_client):
    counts = {q: len(csv_rows(sample_client, "min_shared=1&" + q)) for q in (
        "", "region=ovre-norrland", "county=06", "municipality=Vaggeryd", "municipality=0665",
        "org_type=agency_office", "org_type=agency-office", "evidence=text", "level=parent", "general=1", "year_from=2010&year_to=2020")}
    assert counts[""] > counts["region=ovre-norrland"] > counts["county=06"] > 0
    assert counts["municipality=Vaggeryd"] == counts["municipality=0665"] > 0
    assert counts["general=1"] > counts[""] > counts["evidence=text"] > 0
    assert counts["level=parent"] < counts[""]
    assert counts["org_type=agency-office"] == counts["org_type=agency_office"] > 0  # either spelling
    assert 0 < counts["year_from=2010&year_to=2020"] < counts[""]


def test_csv_rows_match_the_table_and_their_lists_line_up(sample_client):
    query = "min_shared=1&region=smaland-och-oarna&sort=grant"
    rows = csv_rows(sample_client, query)
    page = sample_client.get("/partnerships?" + query).get_data(as_text=True)
    shown = table(page, "partnerships")
    assert [(r[0], r[1], r[2]) for r in shown] == [(r["org_a_label"], r["org_b_label"], r["shared_projects"]) for r in rows]
    grants = [int(r["esf_grant_sek"]) for r in rows]
    assert grants == sorted(grants, reverse=True)
    for row in rows:
        n = int(row["shared_projects"])
        for column in ("projects", "project_numbers", "project_titles", "regions", "programme_periods"):
            assert len(row[column].split(";")) == n, column
        assert set(row["regions"].split(";")) == {"Småland och Öarna"}
        assert row["evidence"] in ("listed", "text", "both")


def test_gexf_of_a_filtered_view_holds_exactly_its_rows(sample_client):
    query = "min_shared=1&county=06"
    rows = csv_rows(sample_client, query)
    response = sample_client.get("/partnerships?format=gexf&" + query)
    assert response.status_code == 200
    document = etree.fromstring(response.get_data())
    assert document.get("version") == "1.3"
    edges = {tuple(sorted((e.get("source"), e.get("target")))) for e in document.iter(GEXF + "edge")}
    assert edges == {(r["org_a"], r["org_b"]) for r in rows}
    nodes = {n.get("id"): n.get("label") for n in document.iter(GEXF + "node")}
    assert nodes == {**{r["org_a"]: r["org_a_label"] for r in rows}, **{r["org_b"]: r["org_b_label"] for r in rows}}
    if not GEXF_SCHEMA.is_file():
        pytest.skip(f"GEXF 1.3 schema not found at {GEXF_SCHEMA}; structure checked, schema not")
    schema = etree.XMLSchema(etree.parse(str(GEXF_SCHEMA)))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("query, message", [
    ("min_shared=lots", "min_shared: expected a whole number, got 'lots'"),
    ("period=1999-2000", "period: expected one of"),
    ("region=%3Cscript%3E", "region: unexpected characters"),
    ("municipality=Atlantis", "municipality: no municipality called 'Atlantis' in this graph"),
    ("sort=random", "sort: expected one of"),
    ("format=xlsx", "format: expected html, csv or gexf"),
    ("org=" + "x" * 300, "org: too long"),
])
def test_bad_filters_get_a_clear_400(sample_client, query, message):
    response = sample_client.get("/partnerships?" + query)
    assert response.status_code == 400
    assert message.replace("'", "&#39;") in response.get_data(as_text=True)


def test_the_pair_rule_is_one_small_function():
    assert pair_projects({"p": {"a": "listed", "b": "listed", "c": "text"}}) == {
        ("a", "b"): {"p": "listed"}, ("a", "c"): {"p": "text"}, ("b", "c"): {"p": "text"}}
    with pytest.raises(FilterError):
        PartnershipFilter.from_args({"evidence": "rumour"})


def test_partnership_page_sums_money_and_says_whether_it_persists(sample_client):
    a, b = BASE + "org/arbetsformedlingen", BASE + "org/forsakringskassan"
    page = sample_client.get(f"/partnership?a={a}&b={b}").get_data(as_text=True)
    # The agencies named as such (no office) in the text of three pages; where names in the
    # text count (the analysis's default) only on SMÖT, the one of them that prints no lists...
    assert [r[1] for r in table(page, "pair-projects")] == ["SMÖT"]
    page = sample_client.get(f"/partnership?a={a}&b={b}&text=all").get_data(as_text=True)
    # (Trappsteget lists Arbetsförmedlingen Jönköping: the agency it names is that office's own parent.)
    assert [r[1] for r in table(page, "pair-projects")] == ["JOBBINVEST-ering", "SMÖT"]
    # ...and, with offices rolled up to their agency, the pages that list their offices too
    # (Trappsteget: Arbetsförmedlingen Jönköping and Vaggeryd, Försäkringskassan Värnamo; INTRO:
    # the Gällivare and Älvsbyn offices).
    page = sample_client.get(f"/partnership?a={a}&b={b}&level=parent").get_data(as_text=True)
    assert [r[1] for r in table(page, "pair-projects")] == ["Trappsteget", "INTRO", "SMÖT"]
    page = sample_client.get(f"/partnership?a={a}&b={b}&level=parent&text=all").get_data(as_text=True)
    rows = table(page, "pair-projects")
    assert [r[1] for r in rows] == ["Trappsteget", "JOBBINVEST-ering", "INTRO", "SMÖT"]
    grant = sum(int(r[5].replace(" ", "")) for r in rows)
    assert f"{grant:,}".replace(",", " ") + " SEK" in page
    assert "2007-2013: 3; 2014-2020: 1 — persists from 2007-2013 into 2014-2020" in page
    assert sample_client.get(f"/partnership?a={a}&b={BASE}org/nobody").status_code == 404
    assert sample_client.get(f"/partnership?a={a}&b={b}&text=some").status_code == 400
