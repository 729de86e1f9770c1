"""Every organisation mention of the five seed pages, resolved as a person would.

The same expectations hold for the hand-built records (tests/resolve/seeds.py) and for the
records the extractor makes from data/pages/, so a change in either shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from esfgraph.iris import org_iri
from esfgraph.resolve import Reference, Resolver

from .seeds import SEED_RECORDS, seed_record

ROOT = Path(__file__).resolve().parents[2]
PAGES = {n: ROOT / "data" / "pages" / Path(r.source).name for n, r in SEED_RECORDS.items()}

# (role, printed, org key, method) for every mention, in resolver order.
EXPECTED: dict[str, list[tuple[str, str, str, str]]] = {
    "000": [
        ("owner", "AME - Arbetsmarknadsenheten", "kommun-0665/arbetsmarknadsenheten", "municipal-unit-email-domain"),
        ("co_financier", "Af Jönköping", "arbetsformedlingen/jonkoping", "agency-office"),
        # Shipped curation: the page's text says this is Jönköping's AMA, not Vaggeryd's.
        ("co_financier", "Arbetsmarknadsavdelningen", "kommun-0680/arbetsmarknadsavdelningen", "curation"),
        ("co_financier", "Försäkringskassan Värnamo", "forsakringskassan/varnamo", "agency-office"),
        ("co_financier", "Socialförvaltningen", "kommun-0665/socialforvaltningen", "municipal-unit-email-domain"),
        ("co_financier", "Socialtjänsten", "kommun-0665/socialtjansten", "municipal-unit-email-domain"),
        ("partner", "Arbetsförmedlingen Vaggeryd", "arbetsformedlingen/vaggeryd", "agency-office"),
        ("partner", "Arbetsmarknadsavdelningen", "kommun-0680/arbetsmarknadsavdelningen", "curation"),
        ("partner", "Fenix Kunskapscentrum", "name/fenix-kunskapscentrum", "name-key"),
        ("partner", "Försäkringskassan Värnamo", "forsakringskassan/varnamo", "agency-office"),
        ("partner", "Socialförvaltningen", "kommun-0665/socialforvaltningen", "municipal-unit-email-domain"),
        ("partner", "Socialtjänsten", "kommun-0665/socialtjansten", "municipal-unit-email-domain"),
        # The text names the agencies themselves (their offices are listed) and Samhall.
        ("mentioned", "Arbetsförmedlingen", "arbetsformedlingen", "text-mention"),
        ("mentioned", "Försäkringskassan", "forsakringskassan", "text-mention"),
        ("mentioned", "Samhall", "samhall", "text-mention"),
    ],
    "001": [
        ("owner", "Eskilstuna kommun, Arbetsmarknads och familjeförv",
         "kommun-0484/arbetsmarknads-och-familjeforvaltningen", "municipal-unit"),
        ("co_financier", "Arbetsförmedlingen Eskilstuna", "arbetsformedlingen/eskilstuna", "agency-office"),
        ("co_financier", "Eskilstuna kommun, Arbetsmarknads och familjeförv",
         "kommun-0484/arbetsmarknads-och-familjeforvaltningen", "municipal-unit"),
        ("partner", "Arbetsförmedlingen Eskilstuna", "arbetsformedlingen/eskilstuna", "agency-office"),
        ("mentioned", "Eskilstuna kommun", "kommun-0484", "text-mention"),
        ("mentioned", "Arbetsförmedlingen", "arbetsformedlingen", "text-mention"),
    ],
    "002": [
        ("owner", "Kommunledningskontoret", "kommun-2510/kommunledningskontoret", "municipal-unit-email-domain"),
        ("co_financier", "Arbetsförmedlingen i Gällivare", "arbetsformedlingen/gallivare", "agency-office"),
        ("co_financier", "Arbetsförmedlingen Älvsbyn", "arbetsformedlingen/alvsbyn", "agency-office"),
        ("co_financier", "Försäkringskassan Gällivare", "forsakringskassan/gallivare", "agency-office"),
        ("co_financier", "Norrbottens läns landsting", "region-25", "region"),
        ("co_financier", "Socialtjänsten", "kommun-2510/socialtjansten", "municipal-unit-email-domain"),
        ("co_financier", "Tillväxt och kommunikation", "name/tillvaxt-kommunikation", "name-key"),
        ("partner", "Arbetsförmedlingen i Gällivare", "arbetsformedlingen/gallivare", "agency-office"),
        ("partner", "Arbetsförmedlingen Älvsbyn", "arbetsformedlingen/alvsbyn", "agency-office"),
        ("partner", "DHR Älvsbyn", "dhr/alvsbyn", "known-organisation-branch"),
        ("partner", "Excentrum AB", "name/excentrum", "name-key"),
        ("partner", "Försäkringskassan Gällivare", "forsakringskassan/gallivare", "agency-office"),
        ("partner", "Socialtjänsten", "kommun-2510/socialtjansten", "municipal-unit-email-domain"),
        ("partner", "Solkraft Skellefteå kommun Enheten för Försörjningsstöd",
         "kommun-2482/solkraft-enheten-for-forsorjningsstod", "municipal-unit"),
        ("partner", "Älvsby folkhögskola", "name/alvsby-folkhogskola", "name-key"),
        ("transnational_partner", "Obbietivo Formazione", "foreign/it/obbietivo-formazione", "transnational-name"),
        ("transnational_partner", "Ingeus/Work directions", "foreign/gb/ingeus-work-directions", "transnational-name"),
        ("mentioned", "Älvsbyns kommun", "kommun-2560", "text-mention"),
    ],
    "003": [
        ("owner", "Kävlinge Lärcentrum", "kommun-1261/larcentrum", "municipal-unit"),
        ("co_financier", "Kävlinge Lärcentrum", "kommun-1261/larcentrum", "municipal-unit"),
        ("mentioned", "AF", "arbetsformedlingen", "text-mention"),
        ("mentioned", "FK", "forsakringskassan", "text-mention"),
        ("mentioned", "HSO", "hso", "text-mention"),
    ],
    "004": [
        ("owner", "Folkuniversitetet, Jönköpings län och Gotland", "folkuniversitetet/jonkopings-lan-och-gotland",
         "known-organisation-branch"),
        # No partners listed; the text names the owner's organisation and three agencies.
        ("mentioned", "Folkuniversitetet", "folkuniversitetet", "text-mention"),
        ("mentioned", "Arbetsförmedlingen", "arbetsformedlingen", "text-mention"),
        ("mentioned", "Folkbildningsrådet", "folkbildningsradet", "text-mention"),
        ("mentioned", "Försäkringskassan", "forsakringskassan", "text-mention"),
    ],
}
# The page's full text names organisations the hand-built excerpt leaves out.
FULL_PAGE_MENTIONS = {"002": [
    ("mentioned", "försäkringskassan", "forsakringskassan", "text-mention"),
    ("mentioned", "Älvsbyns kommun", "kommun-2560", "text-mention"),
    ("mentioned", "DHR", "dhr", "text-mention"),  # the association; its Älvsbyn branch is listed
    ("mentioned", "Röda Korset", "svenska-roda-korset", "text-mention"),
    ("mentioned", "HSO", "hso", "text-mention"),
]}
REGIONS = {"000": "smaland-och-oarna", "001": "ostra-mellansverige", "002": "ovre-norrland",
           "003": "sydsverige", "004": "smaland-och-oarna"}
COUNTRIES = {"002": ["GB", "IT"]}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Reference.load())


def _table(resolution) -> list[tuple[str, str, str, str]]:
    prefix = org_iri("x").rsplit("/", 1)[0] + "/"
    return [(m.role, m.raw, m.canonical.removeprefix(prefix), m.method) for m in resolution.mentions]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_hand_built_seed_records(resolver, seed):
    resolution = resolver.resolve(seed_record(seed))
    assert _table(resolution) == EXPECTED[seed]
    assert resolution.region == REGIONS[seed]
    assert resolution.countries == COUNTRIES.get(seed, [])
    assert resolution.warnings == []


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_extracted_seed_pages(resolver, seed):
    extract = pytest.importorskip("esfgraph.extract")
    result = extract.extract_file(PAGES[seed])
    assert result.record is not None, result.reason
    resolution = resolver.resolve(result.record)
    expected = EXPECTED[seed]
    if seed in FULL_PAGE_MENTIONS:
        expected = [row for row in expected if row[0] != "mentioned"] + FULL_PAGE_MENTIONS[seed]
    assert _table(resolution) == expected
    assert resolution.region == REGIONS[seed]
    assert resolution.countries == COUNTRIES.get(seed, [])
    assert len(resolution.municipality_codes) == len(result.record.municipalities)


def test_seed_kommun_lists_become_codes(resolver):
    assert len(resolver.resolve(seed_record("000")).municipality_codes) == 34
    assert resolver.resolve(seed_record("001")).municipality_codes == ["0484"]
    assert resolver.resolve(seed_record("002")).municipality_codes == ["2482", "2510", "2560"]
    codes = resolver.resolve(seed_record("003")).municipality_codes
    assert len(codes) == 38 and "1261" in codes and "1256" in codes  # Kävlinge, Östra Göinge


def test_seed_parents_are_returned(resolver):
    orgs = {o.iri.rsplit("/org/", 1)[1]: o for o in resolver.resolve(seed_record("002")).organisations}
    assert orgs["arbetsformedlingen/gallivare"].parent == org_iri("arbetsformedlingen")
    assert orgs["arbetsformedlingen/gallivare"].municipality_code == "2523"
    assert orgs["arbetsformedlingen"].type == "agency"
    assert orgs["kommun-2510"].label == "Jokkmokks kommun"
    assert orgs["kommun-2482/solkraft-enheten-for-forsorjningsstod"].parent == org_iri("kommun-2482")
    assert orgs["region-25"].label == "Region Norrbotten"
    assert orgs["dhr/alvsbyn"].municipality_code == "2560"
    assert orgs["name/excentrum"].type == "company"
    assert orgs["name/alvsby-folkhogskola"].type == "folk_high_school"
    assert orgs["foreign/it/obbietivo-formazione"].country == "IT"
    assert orgs["foreign/it/obbietivo-formazione"].type == "foreign"


def test_same_generic_unit_on_two_seed_pages_stays_apart(resolver):
    vaggeryd = {m.canonical for m in resolver.resolve(seed_record("000")).mentions if m.raw == "Socialtjänsten"}
    jokkmokk = {m.canonical for m in resolver.resolve(seed_record("002")).mentions if m.raw == "Socialtjänsten"}
    assert vaggeryd == {org_iri("kommun-0665/socialtjansten")}
    assert jokkmokk == {org_iri("kommun-2510/socialtjansten")}


def test_owner_unit_labels(resolver):
    mentions = resolver.resolve(seed_record("003")).mentions
    assert mentions[0].label == "Lärcentrum, Kävlinge kommun"
    assert mentions[0].confidence == 0.9
