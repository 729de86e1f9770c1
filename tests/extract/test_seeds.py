"""The five seed pages of data/pages/, every field asserted."""

from __future__ import annotations

import hashlib

import pytest

from esfgraph.extract import extract_file
from esfgraph.model import RECORD_KEYS

SCALARS = {
    "000_ebc39ac141ca286d.txt": {
        "format": "esf-2007",
        "layout": "esf-2007-print",
        "title": "Trappsteget",
        "programme_area": "Programområde 2 Ökat arbetskraftsutbud",
        "phase": "Genomförande",
        "owner": "AME - Arbetsmarknadsenheten",
        "contact_name": "Michael Anderberg",
        "contact_email": "michael.anderberg@vaggeryd.se",
        "contact_phone": "0370-78612",
        "esf_grant_sek": 3574500,
        "total_budget_sek": 8936300,
        "period_start": "2008-05-01",
        "period_end": "2010-10-31",
        "region": "Småland och Öarna",
        "transnational_text": "Inget",
    },
    "001_4dc85357327c1bbb.txt": {
        "format": "esf-2007",
        "layout": "esf-2007-print",
        "title": "Jobbtrappan",
        "programme_area": "Programområde 2 Ökat arbetskraftsutbud",
        "phase": "Genomförande",
        "owner": "Eskilstuna kommun, Arbetsmarknads och familjeförv",
        "contact_name": "Elisabeth Lallukka",
        "contact_email": "elisabeth.lallukka@eskilstuna.se",
        "contact_phone": "016-710 50 33",
        "esf_grant_sek": 7270054,
        "total_budget_sek": 21005662,
        "period_start": "2011-08-01",
        "period_end": "2014-06-30",
        "region": "Östra Mellansverige",
        "transnational_text": None,
    },
    "002_2b3fa1d7a6e76dce.txt": {
        "format": "esf-2007",
        "layout": "esf-2007-print",
        "title": "INTRO",
        "programme_area": "Programområde 2 Ökat arbetskraftsutbud",
        "phase": "Genomförande",
        "owner": "Kommunledningskontoret",
        "contact_name": "Magdalena Fjellner",
        "contact_email": "Magdalena.Fjellner@jokkmokk.se",
        "contact_phone": "0971-17184",
        "esf_grant_sek": 5978228,
        "total_budget_sek": 15532492,
        "period_start": "2009-01-07",
        "period_end": "2010-12-31",
        "region": "Övre Norrland",
        "transnational_text": ...,  # paragraphs: test_seed_002_transnational_paragraphs
    },
    "003_a9bc3cbe2c0d61c5.txt": {
        "format": "esf-2007",
        "layout": "esf-2007-print",
        "title": "JOBBINVEST-ering",
        "programme_area": "Programområde 2 Ökat arbetskraftsutbud",
        "phase": "Förprojektering",
        "owner": "Kävlinge Lärcentrum",
        "contact_name": "Christer Stenberg",
        "contact_email": "christer.stenberg@kavlinge.se",
        "contact_phone": "0709-739447",
        "esf_grant_sek": 108880,
        "total_budget_sek": 145173,
        "period_start": "2008-05-01",
        "period_end": "2008-09-30",
        "region": "Sydsverige",
        "transnational_text": "Ingen transnationell verksamhet.",
    },
    "004_e1f4b13072c7ae19.txt": {
        "format": "esf-2014",
        "layout": "esf-2014-colon",
        "title": "SMÖT",
        "project_number": "2019/00144",
        "programme_area": "2",
        "specific_objective": "2.3",
        "owner": "Folkuniversitetet, Jönköpings län och Gotland",
        "contact_name": "Mats Ladebäck",
        "contact_email": "mats.ladeback@folkuniversitetet.se",
        "esf_grant_sek": 6979677,
        "total_budget_sek": 6979677,
        "period_start": "2019-09-02",
        "period_end": "2022-06-24",
        "region": "Småland & Öarna",
        "planned_participants": 120,
        "co_financing_rate": "50%",
        "intervention_type": "109",
        "transnational_text": None,
    },
}

LISTS = {
    "000_ebc39ac141ca286d.txt": {
        "co_financiers": [
            "Af Jönköping", "Arbetsmarknadsavdelningen", "Försäkringskassan Värnamo",
            "Socialförvaltningen", "Socialtjänsten",
        ],
        "partners": [
            "Arbetsförmedlingen Vaggeryd", "Arbetsmarknadsavdelningen", "Fenix Kunskapscentrum",
            "Försäkringskassan Värnamo", "Socialförvaltningen", "Socialtjänsten",
        ],
        "municipalities": [
            "Alvesta", "Aneby", "Borgholm", "Eksjö", "Emmaboda", "Gislaved", "Gnosjö", "Gotland",
            "Habo", "Hultsfred", "Högsby", "Jönköping", "Kalmar", "Lessebo", "Ljungby", "Markaryd",
            "Mullsjö", "Mönsterås", "Mörbylånga", "Nybro", "Nässjö", "Oskarshamn", "Sävsjö",
            "Tingsryd", "Torsås", "Tranås", "Uppvidinge", "Vaggeryd", "Vetlanda", "Vimmerby",
            "Värnamo", "Västervik", "Växjö", "Älmhult",
        ],
    },
    "001_4dc85357327c1bbb.txt": {
        "co_financiers": ["Arbetsförmedlingen Eskilstuna", "Eskilstuna kommun, Arbetsmarknads och familjeförv"],
        "partners": ["Arbetsförmedlingen Eskilstuna"],
        "municipalities": ["Eskilstuna"],
    },
    "002_2b3fa1d7a6e76dce.txt": {
        "co_financiers": [
            "Arbetsförmedlingen i Gällivare", "Arbetsförmedlingen Älvsbyn",
            "Försäkringskassan Gällivare", "Norrbottens läns landsting", "Socialtjänsten",
            "Tillväxt och kommunikation",
        ],
        "partners": [
            "Arbetsförmedlingen i Gällivare", "Arbetsförmedlingen Älvsbyn", "DHR Älvsbyn",
            "Excentrum AB", "Försäkringskassan Gällivare", "Socialtjänsten",
            "Solkraft Skellefteå kommun Enheten för Försörjningsstöd", "Älvsby folkhögskola",
        ],
        "municipalities": ["Jokkmokk", "Skellefteå", "Älvsbyn"],
    },
    "003_a9bc3cbe2c0d61c5.txt": {
        "co_financiers": ["Kävlinge Lärcentrum"],
        "partners": [],
        "municipalities": [
            "Bjuv", "Bromölla", "Burlöv", "Båstad", "Eslöv", "Helsingborg", "Hässleholm", "Höganäs",
            "Hörby", "Höör", "Karlshamn", "Karlskrona", "Klippan", "Kristianstad", "Kävlinge",
            "Landskrona", "Lomma", "Lund", "Malmö", "Olofström", "Osby", "Perstorp", "Ronneby",
            "Simrishamn", "Sjöbo", "Skurup", "Staffanstorp", "Svalöv", "Svedala", "Sölvesborg",
            "Tomelilla", "Trelleborg", "Vellinge", "Ystad", "Åstorp", "Ängelholm", "Örkelljunga",
            "Östra Göinge",
        ],
    },
    "004_e1f4b13072c7ae19.txt": {"co_financiers": [], "partners": [], "municipalities": []},
}

PRINT_SECTIONS = [
    "Sammanfattning", "Bakgrund", "Syfte", "Målsättning",
    "Tillgänglighet för personer med funktionsnedsättning", "Jämställdhetsintegrering",
]
SECTION_KEYS = {
    "000_ebc39ac141ca286d.txt": PRINT_SECTIONS,
    "001_4dc85357327c1bbb.txt": PRINT_SECTIONS,
    "002_2b3fa1d7a6e76dce.txt": [
        "Sammanfattning", "Bakgrund", "Syfte", "Regionala prioriteringar", "Målsättning",
        "Tillgänglighet för personer med funktionsnedsättning", "Jämställdhetsintegrering",
    ],
    "003_a9bc3cbe2c0d61c5.txt": PRINT_SECTIONS[:5],
    "004_e1f4b13072c7ae19.txt": ["Beskrivning"],
}

PRINT_FIELDS = [
    "Programområde", "Projektfas", "Projektägare", "Kontaktperson", "E-post", "Telefonnummer",
    "Beviljat ESF-stöd", "Total projektbudget", "Projektperiod", "Region",
]


@pytest.fixture(scope="module")
def results(sample_pages):
    return {path.name: extract_file(path) for path in sorted(sample_pages.glob("*.txt"))}


@pytest.mark.parametrize("name", sorted(SCALARS))
def test_seed_scalar_fields(results, sample_pages, name):
    result = results[name]
    assert result.status == "ok", result.warnings
    record = result.record.to_dict()
    expected = dict.fromkeys(
        [key for key in RECORD_KEYS if key not in ("source", "co_financiers", "partners", "municipalities",
                                                   "sections", "fields", "warnings", "sha256", "media_type")]
    )
    expected.update(SCALARS[name])
    for key, value in expected.items():
        if value is not ...:
            assert record[key] == value, key
    assert record["source"] == (sample_pages / name).as_posix()
    assert record["media_type"] == "text/plain"
    assert record["sha256"] == hashlib.sha256((sample_pages / name).read_bytes()).hexdigest()
    assert record["warnings"] == []


@pytest.mark.parametrize("name", sorted(LISTS))
def test_seed_lists_exactly_as_printed(results, name):
    record = results[name].record
    for key, items in LISTS[name].items():
        assert getattr(record, key) == items, key


@pytest.mark.parametrize("name", sorted(SECTION_KEYS))
def test_seed_section_keys_in_page_order(results, name):
    assert list(results[name].record.sections) == SECTION_KEYS[name]


def test_seed_000_section_texts_start_and_end_as_printed(results):
    sections = results["000_ebc39ac141ca286d.txt"].record.sections
    assert sections["Sammanfattning"].startswith("Arbetsmarknaden i Jönköpingsregionen har haft")
    assert sections["Sammanfattning"].endswith("kontaktas för utvärdering av projektets faser.")
    assert sections["Syfte"].startswith("Syfte med projektet är att skapa en helhetsbild")
    # A line break inside a paragraph is kept as printed.
    assert "krävs att målet är\nmöjligt att uppnå." in sections["Målsättning"]


def test_seed_002_transnational_paragraphs(results):
    text = results["002_2b3fa1d7a6e76dce.txt"].record.transnational_text
    assert text.startswith("Projektet kommer att samarbeta med två verksamheter/partnerorganisationer")
    assert "\n\nITALIEN, TN-aktivitet 1:\nSamarbete med sociala kooperativ i Italien." in text
    assert "ENGLAND, TN-aktivitet 2:" in text
    assert text.endswith("till ökad förståelse och integrering i ett större sammanhang.")
    assert "Transnationellt samarbete" not in results["002_2b3fa1d7a6e76dce.txt"].record.sections


def test_seed_003_repeated_heading_and_soft_hyphens(results):
    sections = results["003_a9bc3cbe2c0d61c5.txt"].record.sections
    # "Sammanfattning" stands twice; the first has no text, the second holds it all.
    assert sections["Sammanfattning"].startswith("Kävlinge Lärcentrum har under 15 år arbetat")
    assert sections["Sammanfattning"].endswith("genom samverkan med 4 kommuner i Skåne/Blekinge.")
    # An author's own upper-case sub-heading stays in the text.
    assert sections["Bakgrund"].startswith("BAKGRUND\n")
    # "¬" soft-hyphen debris removed inside words.
    assert "ambassadörerna var dels" in sections["Bakgrund"]
    assert "praktik/arbetsprövning på arbetsplatsen" in sections["Bakgrund"]
    assert all("¬" not in text for text in sections.values())


def test_seed_004_description_and_empty_label(results):
    record = results["004_e1f4b13072c7ae19.txt"].record
    text = record.sections["Beskrivning"]
    assert text.startswith("Med bakgrund i tidigare projekt “Ett rikare liv\" (2013/3030026)")
    assert text.endswith("Modeller och aktiviteter utvecklas utifrån analysens resultat.")
    assert record.fields == {
        "Projektnummer": "2019/00144",
        "Projektägare": "Folkuniversitetet, Jönköpings län och Gotland",
        "Namn": "SMÖT",
        "Region": "Småland & Öarna",
        "Planerat antal deltagare": "120",
        "Projektperiod": "2019-09-02 - 2022-06-24",
        "Total projektbudget": "6 979 677",
        "Beviljat ESF-stöd": "6 979 677",
        "Kontaktperson": "Mats Ladebäck",
        "E-post": "mats.ladeback@folkuniversitetet.se",
        "Stödmottagare postnr": "62141",
        "Stödmottagarens address": "",
        "Programområde": "2",
        "Specifikt mål": "2.3",
        "Unionens medfinansieringsgrad": "50%",
        "Interventionstyp": "109",
    }


@pytest.mark.parametrize("name", [name for name in SCALARS if name != "004_e1f4b13072c7ae19.txt"])
def test_seed_print_fields_as_printed(results, name):
    fields = results[name].record.fields
    assert list(fields) == PRINT_FIELDS
    assert fields["Programområde"] == SCALARS[name]["programme_area"]
    assert fields["Projektperiod"] == f"{SCALARS[name]['period_start']} till {SCALARS[name]['period_end']}"
    assert fields["Beviljat ESF-stöd"].endswith(" kr")
    assert "\u00a0" in fields["Beviljat ESF-stöd"]  # the no-break spaces stay as printed


def test_seed_keys_in_record_order(results):
    for result in results.values():
        assert tuple(result.record.to_dict()) == RECORD_KEYS
