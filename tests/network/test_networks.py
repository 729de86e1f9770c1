"""Networks built from the store: weights, kinds of tie, levels, roles."""

from __future__ import annotations

import pytest

from esfgraph.network import NetworkError, networks_from_store, normalise_roles
from esfgraph.network.networks import tie_kind

from .graphs import AF, AF_J, AF_V, AME, FK, IT, K0665, K0680, LONE, MENTIONED, PROJECTS, REGION, SF


@pytest.fixture(scope="module")
def unit(tiny_store):
    return networks_from_store(tiny_store)


def test_projection_weights_and_years(unit):
    edge = unit.organisations.edges[AME, AF_J]
    assert edge["weight"] == 3
    assert edge["projects"] == (PROJECTS[1], PROJECTS[2], PROJECTS[3])
    assert (edge["first_year"], edge["last_year"]) == (2008, 2015)
    assert (edge["first_date"], edge["last_date"]) == ("2008-05-01", "2017-02-28")
    assert unit.organisations.edges[SF, K0680]["weight"] == 2
    assert unit.organisations.edges[AME, K0680]["weight"] == 1
    assert unit.organisations.number_of_nodes() == 8
    assert unit.organisations.number_of_edges() == 12


def test_separate_weights_per_kind_of_tie(unit):
    # AME owns, AF Jönköping co-finances all three projects: three co-financing ties.
    assert {k: unit.organisations.edges[AME, AF_J][k] for k in unit.tie_kinds} == {
        "co_financing": 3, "partnership": 0, "transnational": 0, "mentioned": 0}
    # Försäkringskassan co-finances P1 and P3 but is a partner in P2.
    assert {k: unit.organisations.edges[AME, FK][k] for k in unit.tie_kinds} == {
        "co_financing": 2, "partnership": 1, "transnational": 0, "mentioned": 0}
    assert unit.organisations.edges[AME, IT]["transnational"] == 1
    for _, _, data in unit.organisations.edges(data=True):
        assert sum(data[k] for k in unit.tie_kinds) == data["weight"]


def test_bipartite_edges_carry_roles_and_years(unit):
    bipartite = unit.bipartite
    assert bipartite.nodes[PROJECTS[1]]["kind"] == "project"
    assert bipartite.nodes[AME]["kind"] == "organisation"
    edge = bipartite.edges[PROJECTS[2], FK]
    assert edge["roles"] == ("partner",)
    assert (edge["start"], edge["end"], edge["start_year"], edge["end_year"]) == ("2010-01-01", "2011-12-31", 2010, 2011)
    assert bipartite.number_of_edges() == 18  # 20 participations less the two mentions


def test_organisation_attributes(unit):
    node = unit.organisations.nodes[AF_J]
    assert node["label"] == "Arbetsförmedlingen Jönköping"
    assert node["type"] == "agency_office"
    assert node["parent"] == AF and node["parent_label"] == "Arbetsförmedlingen"
    assert (node["municipality_code"], node["county_code"], node["county"]) == ("0680", "06", "Jönköpings län")
    assert unit.organisations.nodes[K0680]["municipality_code"] == "0680"  # via esf:governs
    assert unit.organisations.nodes[LONE]["projects"] == 1
    assert unit.organisations.degree(LONE) == 0
    assert unit.base == "https://w3id.org/esfgraph/id/"


def test_project_periods(unit):
    assert unit.projects[PROJECTS[1]].period == "2007-2013"
    assert unit.projects[PROJECTS[3]].period == "2014-2020"
    assert unit.projects[PROJECTS[5]].start_year == 2014


def test_level_parent_merges_two_offices(tiny_store):
    parent = networks_from_store(tiny_store, level="parent")
    graph = parent.organisations
    assert AF in graph and AF_J not in graph and AF_V not in graph
    assert K0665 in graph and AME not in graph
    assert graph.nodes[AF]["projects"] == 5  # P1-P3 through Jönköping, P4-P5 through Vaggeryd
    assert graph.edges[AF, K0680]["weight"] == 3  # P1, P4, P5
    assert graph.edges[AF, K0665]["weight"] == 3
    assert graph.nodes[AF]["parent"] is None
    assert graph.number_of_nodes() == 7  # AF_J+AF_V -> AF, AME -> K0665
    assert parent.level == "parent"


def test_roles_filter(tiny_store):
    owners_and_financiers = networks_from_store(tiny_store, roles=["owner", "co_financier"])
    graph = owners_and_financiers.organisations
    assert K0680 not in graph and IT not in graph  # only ever a partner
    assert graph.edges[AME, FK]["weight"] == 2  # P2, where it is a partner, no longer counts
    assert owners_and_financiers.roles == ("owner", "co_financier")


def test_mentioned_only_when_asked(tiny_store, unit):
    # P4 and P5 print lists: by default the names in their text are not evidence of a tie.
    assert MENTIONED not in unit.organisations
    listed_pages = networks_from_store(tiny_store, roles="owner,co_financier,partner,transnational_partner,mentioned")
    assert MENTIONED not in listed_pages.organisations
    with_mentions = networks_from_store(tiny_store, text_mentions="all")
    assert with_mentions.organisations.edges[MENTIONED, SF]["mentioned"] == 1  # owner and a mention
    assert with_mentions.organisations.edges[MENTIONED, K0680]["partnership"] == 1
    assert "mentioned" in with_mentions.tie_kinds
    region = with_mentions.organisations.nodes[REGION]  # governs a county, not a municipality
    assert (region["county_code"], region["county"], region["municipality_code"]) == ("06", "Jönköpings län", None)


def test_bad_level_and_roles(tiny_store):
    with pytest.raises(NetworkError, match="unknown level 'county'"):
        networks_from_store(tiny_store, level="county")
    with pytest.raises(NetworkError, match="unknown role 'sponsor'"):
        normalise_roles(["owner", "sponsor"])
    assert normalise_roles("partner, co-financier") == ("co_financier", "partner")


def test_network_error_is_input_error_with_exit_code_2(tiny_store):
    from esfgraph.runtime.errors import InputError, exit_code_for

    with pytest.raises(InputError) as caught:
        networks_from_store(tiny_store, text_mentions="sometimes")
    assert isinstance(caught.value, NetworkError)
    assert exit_code_for(caught.value) == 2
    assert "unknown text-mentions choice 'sometimes'" in str(caught.value)


def test_rows_read_from_the_store(tiny_store):
    from esfgraph.network import open_analysis_store, select_rows, smallest
    from esfgraph.network.rows import read_participations, read_projects

    store = open_analysis_store(tiny_store)
    grouped = read_participations(store, ("owner", "co_financier", "partner"))
    assert grouped[PROJECTS[1]] == {AME: {"owner"}, AF_J: {"co_financier"}, FK: {"co_financier"},
                                    K0680: {"partner"}}
    assert PROJECTS[6] in grouped and PROJECTS[4] in grouped
    assert set(read_participations(store, ("transnational_partner",))) == {PROJECTS[3]}
    info = read_projects(store)[PROJECTS[1]]
    assert (info.start_year, info.end_year, info.period, info.number) == (2008, 2010, "2007-2013", "2009/00001")
    rows = sorted(select_rows(store, "SELECT ?p ?grant WHERE { ?p <https://w3id.org/esfgraph/ontology#esfGrantSEK> "
                                     "?grant }"))
    assert rows[0] == (PROJECTS[1], "100000")
    assert smallest(smallest(None, "b"), "a") == "a" and smallest("a", "") == "a"


def test_tie_kind_priority():
    assert tie_kind(["owner"], ["co_financier"]) == "co_financing"
    assert tie_kind(["co_financier"], ["partner"]) == "partnership"
    assert tie_kind(["partner"], ["transnational_partner"]) == "transnational"
    assert tie_kind(["owner"], ["mentioned"]) == "mentioned"
