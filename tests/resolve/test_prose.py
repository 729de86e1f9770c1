"""Organisations in prose (issue 14, item 3): morphology, patterns, lists, nesting, evidence."""

from __future__ import annotations

import pytest

from esfgraph.resolve import Reference
from esfgraph.resolve.freetext import find_text_mentions
from esfgraph.resolve.rules import Context


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load(aliases=False)


def _found(ref, text, ctx=None):
    return [(m.raw, m.resolved.org.key) for m in find_text_mentions(ref, [text], ctx)]


@pytest.mark.parametrize("text, expected", [
    # Genitive forms of municipal governments.
    ("I samverkan med Arbetsförmedlingen och Botkyrka kommuns arbetsmarknadsverksamhet Jobbcenter.",
     [("Arbetsförmedlingen", "arbetsformedlingen"), ("Botkyrka kommuns", "kommun-0127")]),
    ("Arbetssökande ungdomar i Stockholm Stads regi.", [("Stockholm Stads", "kommun-0180")]),
    # Universities by name and by their everyday abbreviation; a diocese.
    ("Samarbete med Luleå tekniska universitet, Umeå universitet och KTH.",
     [("Luleå tekniska universitet", "lulea-tekniska-universitet"), ("Umeå universitet", "umea-universitet"),
      ("KTH", "kungl-tekniska-hogskolan")]),
    ("Forskare vid LiU följer projektet tillsammans med Luleå stift.",
     [("LiU", "linkopings-universitet"), ("Luleå stift", "svenska-kyrkan/lulea-stift")]),
    # Indefinite (as a name) and plural agency forms: the agency, and offices in several places.
    ("Samverkan mellan socialtjänst, Försäkringskassa och Arbetsförmedlingar i Boden, Kalix och Luleå.",
     [("Försäkringskassa", "forsakringskassan"), ("Arbetsförmedlingar i Boden, Kalix och Luleå", "arbetsformedlingen/boden"),
      ("Arbetsförmedlingar i Boden, Kalix och Luleå", "arbetsformedlingen/kalix"),
      ("Arbetsförmedlingar i Boden, Kalix och Luleå", "arbetsformedlingen/lulea")]),
    # A name inside a longer name is not a second organisation.
    ("Projektet drivs av Samordningsförbundet Stockholms stad.",
     [("Samordningsförbundet Stockholms stad", "name/samordningsforbundet-stockholms-stad")]),
    # Name patterns for names no list holds.
    ("Vi samarbetar med Gislaveds folkhögskola och Stiftelsen Activa samt Montage i Ljungby AB.",
     [("Gislaveds folkhögskola", "name/gislaveds-folkhogskola"), ("Stiftelsen Activa", "name/stiftelsen-activa"),
      ("Montage i Ljungby AB", "name/montage-i-ljungby")]),
    ("Deltagarna studerar vid Folkhögskolan i Storfors.", [("Folkhögskolan i Storfors", "name/storfors-folkhogskola")]),
    # "i" and a region that ends in län (no municipality table names it): part of the name.
    ("Projektet drivs av Samordningsförbundet i Norra Kalmar län och Arbetsförmedlingen.",
     [("Samordningsförbundet i Norra Kalmar län", "name/samordningsforbundet-norra-kalmar-lan"),
      ("Arbetsförmedlingen", "arbetsformedlingen")]),
    ("Ägare är Stiftelsen i Södra Dalarnas kommun.", [("Stiftelsen i Södra Dalarnas kommun", "name/stiftelsen-i-sodra-dalarnas-kommun")]),
    # A name's municipality after it.
    ("I styrgruppen ingår Företagarföreningen Sunne och De Hörselskadades Förening i Jokkmokk.",
     [("Företagarföreningen Sunne", "name/foretagarforeningen-sunne"),
      ("Hörselskadades Förening i Jokkmokk", "name/horselskadades-forening-i-jokkmokk")]),
    # "X och Y kommuner" and "kommunerna X, Y och Z": municipalities as parties.
    ("Projektet genomförs av Arvikas och Filipstads kommuner.",
     [("Arvikas", "kommun-1784"), ("Filipstads", "kommun-1782")]),
    ("I projektet deltar kommunerna Arvika, Filipstad och Hagfors.",
     [("Arvika", "kommun-1784"), ("Filipstad", "kommun-1782"), ("Hagfors", "kommun-1783")]),
    # An abbreviation the text defines, and its later use.
    ("Arbetet leds av Nätverket Unga Entreprenörer (NUE). NUE rapporterar till styrgruppen.",
     [("Nätverket Unga Entreprenörer (NUE)", "name/natverket-unga-entreprenorer"),
      ("NUE", "name/natverket-unga-entreprenorer")]),
    # The other names of an enumeration that names an organisation.
    ("Utbildningar ges av aktörer så som Lernia, Hermods och Astar m fl.",
     [("Lernia", "lernia"), ("Hermods", "name/hermods"), ("Astar", "name/astar")]),
    ("Följande företag har deltagit: Norrskog Tjänst, Kalix Bygg och Fiskebaren.",
     [("Norrskog Tjänst", "name/norrskog-tjanst"), ("Kalix Bygg", "name/kalix-bygg"), ("Fiskebaren", "name/fiskebaren")]),
])
def test_names_in_prose(ref, text, expected):
    assert _found(ref, text) == expected


@pytest.mark.parametrize("text", [
    # Generic words, places where the project works, benefits and the funder are not parties.
    "Skola, socialtjänst, arbetsförmedling och försäkringskassa samverkar; regionen och kommunen deltar.",
    "Deltagare rekryteras i Luleå och Boden.",
    "Stöd som lönebidrag, Samhall-anställning, boendestöd, omsorgerna och anpassade utbildningar.",
    "Projektet finansieras av ESF-rådet och Europeiska socialfonden (ESF).",
    "Unga som varken arbetar eller studerar (UVAS) är målgruppen.",
    "Föreningen har funnits länge. Stiftelsen ansöker. Universitetet följer upp.",
    "Samordningsförbundet i kommunen och Stiftelsen i projektet ansöker.",
])
def test_what_is_not_an_organisation(ref, text):
    assert _found(ref, text) == []


def test_generic_unit_in_an_enumeration_is_the_pages_municipalitys(ref):
    ctx = Context("k1", None, "1261", "owner")
    text = "Vi har arbetat på uppdrag av AF, FK och Socialtjänsten med långtidsarbetslösa."
    assert _found(ref, text, ctx) == [("AF", "arbetsformedlingen"), ("FK", "forsakringskassan"),
                                      ("Socialtjänsten", "kommun-1261/socialtjansten")]
    # Without a municipality the page does not say whose it is: left out.
    assert _found(ref, text) == [("AF", "arbetsformedlingen"), ("FK", "forsakringskassan")]


def test_evidence_is_the_sentence_without_contact_details(ref):
    text = ("Bakgrund finns. Kontakta anna@vaggeryd.se eller 036-12 34 56 om Vinnova och projektet. "
            "Nästa mening.")
    (mention,) = find_text_mentions(ref, [text])
    assert mention.raw == "Vinnova"
    assert mention.evidence == "Kontakta … eller … om Vinnova och projektet."


def test_near_spelling_of_a_known_name(ref):
    assert _found(ref, "Projektet samarbetar med Linköpings Universitetet kring utvärdering.") == [
        ("Linköpings Universitetet", "linkopings-universitet")]


@pytest.mark.parametrize("unit", [
    "Arbetsförmedlingen, Vinnova och Lernia samt Fenix AB samarbetar med kommunerna Arvika och Hagfors. ",
    "Arbetsförmedlingen, Vinnova, Fenix AB, Stiftelsen Activa och kommunerna Arvika och Hagfors, ",  # no sentence end
])
def test_a_text_full_of_names_takes_time_in_proportion_to_its_length(unit):
    import time

    from esfgraph.model import ProjectRecord
    from esfgraph.resolve import Resolver

    ref = Reference.load(aliases=False)
    small, large = (unit * (n // len(unit)) for n in (50_000, 500_000))
    timings = []
    for text in (small, large):
        started = time.process_time()
        resolution = Resolver(ref).resolve(ProjectRecord(source="p.txt", title="T", sections={"Beskrivning": text}))
        timings.append(time.process_time() - started)
        assert {m.canonical.rsplit("/org/", 1)[1] for m in resolution.mentions} >= {
            "arbetsformedlingen", "vinnova", "name/fenix", "kommun-1784", "kommun-1783"}
        assert all(len(m.evidence) <= 600 for m in resolution.mentions)
    assert timings[1] < 10  # seconds of CPU for half a megabyte of names
    assert timings[1] < 25 * max(timings[0], 0.05)  # ten times the text, not a hundred times the time


def test_the_pages_contact_person_stays_out_of_the_evidence(ref):
    from esfgraph.model import ProjectRecord
    from esfgraph.resolve import Resolver

    record = ProjectRecord(source="p.txt", title="T", contact_name="Ylva Lindström",
                           sections={"Beskrivning": "Ylva Lindström leder arbetet med Vinnova."})
    (mention,) = Resolver(ref).resolve(record).mentions
    assert (mention.raw, mention.evidence) == ("Vinnova", "… leder arbetet med Vinnova.")
