"""Free-text mentions (role ``mentioned``) and transnational countries and partners."""

from __future__ import annotations

import pytest

from esfgraph.model import ProjectRecord
from esfgraph.resolve import Reference, Resolver
from esfgraph.resolve.freetext import find_text_mentions
from esfgraph.resolve.transnational import find_transnational, means_none


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load(aliases=False)


def _found(ref, text):
    return [(m.raw, m.resolved.org.key) for m in find_text_mentions(ref, [text])]


def test_agencies_in_text_in_every_printed_form(ref):
    text = ("Vi samverkar med Arbetsförmedlingen och arbetsförmedlingens handläggare, med FK och "
            "Försäkringskassans lokalkontor samt Migrationsverket.")
    assert _found(ref, text) == [
        ("Arbetsförmedlingen", "arbetsformedlingen"), ("arbetsförmedlingens", "arbetsformedlingen"),
        ("FK", "forsakringskassan"), ("Försäkringskassans", "forsakringskassan"),
        ("Migrationsverket", "migrationsverket"),
    ]


def test_offices_in_text(ref):
    text = "Arbetsförmedlingen Mora, AF i Leksand och Arbetsförmedlingen, Rättviks kommun samt Försäkringskassan Dalarna."
    assert _found(ref, text) == [
        ("Arbetsförmedlingen Mora", "arbetsformedlingen/mora"), ("AF i Leksand", "arbetsformedlingen/leksand"),
        ("Arbetsförmedlingen", "arbetsformedlingen"), ("Rättviks kommun", "kommun-2031"),
        ("Försäkringskassan", "forsakringskassan"),
    ]


def test_listed_organisations_are_not_repeated_as_mentions():
    record = ProjectRecord(source="p.txt", title="P", owner="Mora kommun",
                           sections={"Sammanfattning": "Mora kommun och Arbetsförmedlingen Mora driver projektet."})
    mentions = Resolver(Reference.load(aliases=False)).resolve(record).mentions
    assert [(m.role, m.raw) for m in mentions] == [("owner", "Mora kommun"), ("mentioned", "Arbetsförmedlingen Mora")]


def test_generic_words_in_text_are_not_organisations(ref):
    text = ("Skola, socialtjänst, arbetsförmedling och försäkringskassa samverkar; kommunen och regionen "
            "deltar; det kan vara kommun eller landsting; af och fk.")
    assert _found(ref, text) == []


def test_regions_boards_municipalities_and_units_in_text(ref):
    text = ("Landstinget i Norrbotten, Länsstyrelsen i Jönköpings län, Älvsbyns kommun, Region Gotland "
            "och AMA i Jönköping samt Studieförbundet Vuxenskolan och ABF.")
    assert _found(ref, text) == [
        ("Landstinget i Norrbotten", "region-25"), ("Länsstyrelsen i Jönköpings län", "lansstyrelsen-06"),
        ("Älvsbyns kommun", "kommun-2560"), ("Region Gotland", "kommun-0980"),
        ("AMA i Jönköping", "kommun-0680/arbetsmarknadsavdelningen"),
        ("Studieförbundet Vuxenskolan", "studieforbundet-vuxenskolan"), ("ABF", "abf"),
    ]


def test_text_mentions_have_their_own_role_and_lower_confidence():
    record = ProjectRecord(source="p.txt", title="P", owner="Af Vaggeryd",
                           sections={"Bakgrund": "Arbetsförmedlingen, Skolverket och SCB. Skolverket igen.",
                                     "Medfinansiärer": "Socialstyrelsen"})
    mentions = Resolver(Reference.load(aliases=False)).resolve(record).mentions
    assert [(m.role, m.raw, m.confidence, m.position) for m in mentions] == [
        ("owner", "Af Vaggeryd", 0.9, 0),
        # The agency itself is not its listed office; Skolverket once; list sections are not prose.
        ("mentioned", "Arbetsförmedlingen", 0.6, 0),
        ("mentioned", "Skolverket", 0.6, 1),
        ("mentioned", "SCB", 0.5, 2),
    ]
    assert {m.method for m in mentions[1:]} == {"text-mention"}


@pytest.mark.parametrize("text", ["Inget", "Ingen transnationell verksamhet.", "Inga", "Nej", "", None,
                                  "Ingen transnationell verksamhet planeras under förprojekteringen."])
def test_no_transnational_cooperation(ref, text):
    assert means_none(text)
    found = find_transnational(ref, text)
    assert found.countries == [] and found.partners == []


def test_countries_from_transnational_text(ref):
    text = ("ITALIEN, TN-aktivitet 1: kooperativ i Italien. ENGLAND, TN-aktivitet 2: studieresa till England "
            "och UK. Employment week i Bryssel; även Tysklands erfarenheter. Verksamhet i Sverige.")
    found = find_transnational(ref, text)
    assert found.countries == ["DE", "GB", "IT"]
    assert found.first_printed == {"IT": "ITALIEN", "GB": "ENGLAND", "DE": "Tysklands"}


def test_partner_names_are_placed_in_the_country_named_before_them(ref):
    text = ("Danmark: samarbete med organisationen Kofoeds Skole (KS) i Köpenhamn. "
            "Finland: projektet drivs av Helsingin Diakonissalaitos. Vi har kontakt med sociala företag i Finland.")
    found = find_transnational(ref, text)
    assert [(p.name, p.country, p.key, p.abbreviation) for p in found.partners] == [
        ("Kofoeds Skole", "DK", "foreign/dk/kofoeds-skole", "KS"),
        ("Helsingin Diakonissalaitos", "FI", "foreign/fi/helsingin-diakonissalaitos", None),
    ]


def test_countries_without_a_named_partner_become_project_scoped_partners():
    record = ProjectRecord(source="p.txt", title="Bro", transnational_text="Erfarenhetsutbyte med Polen och Litauen.")
    resolution = Resolver(Reference.load(aliases=False)).resolve(record)
    assert resolution.countries == ["LT", "PL"]
    assert [(m.raw, m.canonical.rsplit("/", 1)[1], m.method, m.confidence, m.country) for m in resolution.mentions] == [
        ("Litauen", "partner-lt", "transnational-country", 0.5, "LT"),
        ("Polen", "partner-pl", "transnational-country", 0.5, "PL"),
    ]
    labels = sorted(o.label for o in resolution.organisations)
    assert labels == ["Transnationell partner i Litauen (Bro)", "Transnationell partner i Polen (Bro)"]
