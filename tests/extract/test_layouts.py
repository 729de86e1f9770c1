"""Hand-made pages for each layout (tests/fixtures/pages/), with the awkward cases."""

from __future__ import annotations

import pytest

from esfgraph.extract import extract_file


@pytest.fixture(scope="module")
def pages(fixtures_dir):
    return fixtures_dir / "pages"


def extract(pages, name):
    result = extract_file(pages / name)
    assert result.record is not None, result.reason
    return result, result.record


# --------------------------------------------------------------------- 2007–2013 print


def test_print_lowercase_contact_spaces_after_labels_and_nbsp_bullets(pages):
    result, record = extract(pages, "print2007/lowercase_contact_repeated_heading.txt")
    assert result.status == "ok"
    assert (record.format, record.layout) == ("esf-2007", "esf-2007-print")
    assert record.title == "Ungdomslyftet Norr"  # "Hoppa över" and the logo line are not it
    assert record.contact_name == "stefan Johansson"  # split on the label, never on case
    assert record.programme_area == "Programområde 1 Kompetensförsörjning"  # space after label
    assert record.owner == "Kalix kommun, Arbetsmarknadsenheten"
    assert record.contact_email == "stefan.johansson@kalix.se"
    assert record.contact_phone == "0923-650 00"
    assert record.esf_grant_sek == 1250000  # "1\u00a0250\u00a0000 kr"
    assert record.total_budget_sek == 2500000  # no-break space before "kr" too
    assert (record.period_start, record.period_end) == ("2012-01-01", "2013-12-31")
    assert record.region == "Övre Norrland"
    assert record.co_financiers == ["Arbetsförmedlingen Kalix", "Kalix kommun"]  # NBSP bullets
    assert record.partners == ["Länsstyrelsen i Norrbottens län", "Region Norrbotten"]  # "•" glued
    assert record.municipalities == ["Kalix", "Haparanda", "Överkalix"]
    assert record.transnational_text == "Ingen transnationell verksamhet."
    # "Sammanfattning" twice: both texts kept, joined, in the first heading's place.
    assert record.sections == {
        "Sammanfattning": "Projektet vänder sig till unga i Kalix.\n\nProjektet pågår i två år.",
        "Bakgrund": "Ungdomsarbetslösheten är hög.\nMånga saknar gymnasieexamen.",
    }
    assert record.fields["Beviljat ESF-stöd"] == "1\u00a0250\u00a0000 kr"
    assert record.fields["Kontaktperson"] == "stefan Johansson"


def test_print_title_that_begins_with_a_label_word(pages):
    result, record = extract(pages, "print2007/title_starts_with_label_word.txt")
    assert result.status == "ok"
    assert record.title == "Regionalt samarbete i Bergslagen"  # not a "Region" field
    assert record.region == "Östra Mellansverige"
    assert record.owner == "Region Örebro län"
    assert record.phase == "Analys"
    assert record.transnational_text == "Inget"  # as printed; resolution decides "none"
    assert record.co_financiers == ["Arbetsförmedlingen Örebro"]
    assert record.partners == []
    assert record.municipalities == ["Örebro", "Lindesberg"]
    assert list(record.sections) == ["Syfte"]


def test_print_broken_amounts_become_null_with_warnings(pages):
    result, record = extract(pages, "print2007/broken_amounts.txt")
    assert result.status == "warnings"
    assert record.esf_grant_sek is None  # "1.1"
    assert record.total_budget_sek is None  # "-2147483648"
    assert record.fields["Beviljat ESF-stöd"] == "1.1"  # as printed
    assert record.fields["Total projektbudget"] == "-2147483648"
    assert record.warnings == [
        "Beviljat ESF-stöd: '1.1' is not a whole amount in kronor; left empty",
        "Total projektbudget: '-2147483648' is a database placeholder (the int32 limit), not an amount; left empty",
    ]
    assert (record.period_start, record.period_end) == ("2009-01-01", "2011-06-30")  # " - "


def test_print_truncated_after_owner_is_warnings_not_rejected(pages):
    result, record = extract(pages, "print2007/truncated_after_owner.txt")
    assert result.status == "warnings"
    assert record.title == "Kvinnor i arbete"
    assert record.owner == "Hofors kommun"
    assert record.warnings == [
        "no Beviljat ESF-stöd on the page",
        "no Total projektbudget on the page",
        "no Projektperiod on the page",
        "no Region on the page",
        "no sections or lists after the fields; the page may be truncated",
    ]
    assert result.warnings == record.warnings


SMALAND = {
    "title": "Småland i arbete",
    "owner": "Växjö kommun, Arbetsmarknadsenheten",
    "contact_name": "Åsa Öberg",
    "region": "Småland och Öarna",
    "programme_area": "Programområde 2 Ökat arbetskraftsutbud",
    "esf_grant_sek": 2000000,
    "total_budget_sek": 4000000,
    "period_start": "2009-09-01",
    "period_end": "2011-08-31",
    "co_financiers": ["Arbetsförmedlingen Växjö", "Försäkringskassan Växjö"],
    "municipalities": ["Växjö", "Älmhult", "Åseda"],
    "transnational_text": "Inget",
    "sections": {"Sammanfattning": "Deltagarna får praktik och handledning på arbetsplatser i Småland."},
}


@pytest.mark.parametrize(
    ("name", "status", "warnings"),
    [
        ("print2007/soft_hyphens.txt", "ok", []),
        ("print2007/bom_crlf.txt", "ok", []),
        ("print2007/cp1252_crlf.txt", "warnings", ["the page is not UTF-8; decoded as Windows-1252"]),
        ("print2007/mojibake.txt", "warnings", ["repaired mis-decoded UTF-8 (mojibake), e.g. 'pÃ¥' -> 'på'"]),
    ],
)
def test_text_hygiene_gives_the_same_record(pages, name, status, warnings):
    result, record = extract(pages, name)
    assert result.status == status
    assert record.warnings == warnings
    for key, value in SMALAND.items():
        assert getattr(record, key) == value, key
    assert all("\r" not in value and "\ufeff" not in value for value in record.fields.values())


# --------------------------------------------------------------------- 2014–2020 colon


def test_colon_cookie_banner_order_and_empty_label(pages):
    result, record = extract(pages, "colon2014/cookie_banner_order_varies.txt")
    assert result.status == "ok"
    assert (record.format, record.layout) == ("esf-2014", "esf-2014-colon")
    assert record.title == "Vägen vidare"
    assert record.project_number == "2018/00231"
    assert record.owner == "Region Gävleborg"  # a value starting with a label word
    assert record.region == "Norra Mellansverige"
    assert (record.period_start, record.period_end) == ("2018-09-01", "2021-08-31")  # en dash
    assert record.esf_grant_sek == 4500000
    assert record.total_budget_sek == 9000000
    assert record.planned_participants == 1200
    assert record.contact_name == "Lena Holm"
    assert record.contact_email == "lena.holm@regiongavleborg.se"
    assert record.contact_phone is None
    assert record.programme_area == "1"
    assert record.specific_objective == "1.1"
    assert record.co_financing_rate == "50%"
    assert record.intervention_type == "103"  # the description is not part of it
    assert record.fields["Stödmottagarens address"] == ""
    assert record.fields["Stödmottagare postnr"] == "80188"
    assert record.sections == {
        "Beskrivning": "Projektet ska stärka kompetensen hos anställda i vården.\n"
        "Samverkan sker med kommunerna i länet.\n\nMålgrupp:\nAnställda inom vård och omsorg."
    }


def test_colon_near_miss_label_and_broken_budget(pages):
    result, record = extract(pages, "colon2014/broken_values.txt")
    assert result.status == "warnings"
    assert record.total_budget_sek is None  # "1.1", and "Total Kostnader" is not taken for it
    assert record.esf_grant_sek == 3200000
    assert record.project_number == "2016/00412"
    assert record.diary_number == "2016/00412-3"
    assert record.fields["Total Kostnader"] == "-2147483648"
    assert record.fields["Total projektbudget"] == "1.1"
    assert record.warnings == [
        "'Total Kostnader' has the impossible value -2147483648; not used",
        "Total projektbudget: '1.1' is not a whole amount in kronor; left empty",
    ]


def test_colon_inline_values_and_a_two_line_value(pages):
    result, record = extract(pages, "colon2014/inline_values_multiline_address.txt")
    assert result.status == "ok"
    assert record.layout == "esf-2014-colon"
    assert record.title == "Digitalt lyft"  # from "Name:"
    assert record.owner == "Folkuniversitetet, Stiftelsen kursverksamheten vid Uppsala universitet"
    assert record.total_budget_sek == 12345678
    assert record.esf_grant_sek == 6172839
    assert record.fields["Stödmottagarens address"] == "Box 1234\n751 42 Uppsala"
    assert record.programme_area == "1"


# --------------------------------------------------------------------- 2014 intermediate


def test_intermediate_call_before_project_number(pages):
    result, record = extract(pages, "intermediate2014/utlysning_first.txt")
    assert result.status == "ok"
    assert (record.format, record.layout) == ("esf-2014", "esf-2014-intermediate")
    assert record.title == "Nästa steg i Dalarna"
    assert record.call_number == "2016/00182"  # the call, not the project
    assert record.project_number == "2017/00905"
    assert record.owner == "Region Dalarna"
    assert record.region == "Norra Mellansverige"
    assert (record.period_start, record.period_end) == ("2016-10-01", "2018-09-30")  # no spaces
    assert record.programme_area == "1.1 Kompetensförsörjning"
    assert record.esf_grant_sek == 1414616
    assert record.total_budget_sek == 2171147
    assert record.contact_email == "anna.lindgren@regiondalarna.se"
    assert record.sections == {
        "Beskrivning": "Projektet ska ge anställda i industrin ny kompetens.\n\nSamverkan sker med Ludvika kommun."
    }


def test_intermediate_missing_region_and_unknown_label(pages):
    result, record = extract(pages, "intermediate2014/missing_region_unknown_pair.txt")
    assert result.status == "warnings"
    assert record.title == "Jobbsteget"  # from the "DNR - Title" heading, after a cookie line
    assert record.project_number == "2015/00050"
    assert record.region is None
    assert record.fields["Ansökt belopp"] == "5 000 000"
    assert record.esf_grant_sek == 4800000  # not the applied-for amount
    assert (record.period_start, record.period_end) == ("2015-06-01", "2017-05-31")
    assert record.warnings == [
        "unknown label 'Ansökt belopp'; its value is kept in fields only",
        "no Region on the page",
    ]


# --------------------------------------------------------------------- ESF+ 2021–2027


def test_esfplus_org_number_label_is_not_the_owner(pages):
    result, record = extract(pages, "esfplus2021/orgnr_long_label_no_money.txt")
    assert result.status == "ok"  # no grant, budget or contact: normal for ESF+
    assert (record.format, record.layout) == ("esf-2021", "esf-2021")
    assert record.title == "Framtidsvägen"
    assert record.owner == "VÄSTERÅS STAD"  # capitals as printed
    assert record.owner_org_number == "2120002080"
    assert record.fields["Projektägare organisationsnummer"] == "212000-2080"
    assert record.diary_number == "22-044-S07"
    assert record.project_number is None  # the page prints no Projektnummer
    assert record.fund == "ESF+"
    assert record.programme_period == "2021-2027"
    assert (record.period_start, record.period_end) == ("2023-01-01", "2025-12-31")  # Start/Slutdatum
    assert record.programme_area == "A"
    assert record.specific_objective == "A2A"
    assert record.nuts2 == "SE12"
    assert record.esf_grant_sek is None and record.total_budget_sek is None
    assert record.contact_name is None


def test_esfplus_short_org_number_label_and_period_wins(pages):
    result, record = extract(pages, "esfplus2021/orgnr_short_label_period.txt")
    assert record.title == "Kompetens i Norr"
    assert record.owner == "LULEÅ KOMMUN"
    assert record.owner_org_number == "2120002742"
    assert (record.period_start, record.period_end) == ("2023-03-01", "2026-02-28")
    assert record.warnings == ["Startdatum 2023-03-15 differs from Projektperiod's 2023-03-01; Projektperiod is used"]
    assert record.planned_participants == 80
    assert record.intervention_type == "138"
    assert record.specific_objective == "B1A"


def test_esfplus_inline_labels_and_headings(pages):
    result, record = extract(pages, "esfplus2021/inline_labels.txt")
    assert result.status == "ok"
    assert record.layout == "esf-2021"
    assert record.title == "Arbete åt alla"
    assert record.owner == "STIFTELSEN MIKAMOCKA"
    assert record.owner_org_number == "8024801234"
    assert record.region == "Västsverige"
    assert record.sections == {
        "Om projektet": "Projektet ger långtidsarbetslösa stöd.",
        "Målgrupp": "Långtidsarbetslösa kvinnor och män.",
    }


# --------------------------------------------------------------------- HTML


def test_html_print_page_drops_scripts_navigation_and_cookie_banner(pages, sample_pages):
    result, record = extract(pages, "html/print2007_saved.html")
    text_record = extract_file(sample_pages / "000_ebc39ac141ca286d.txt").record
    assert result.status == "ok"
    assert record.media_type == "text/html"
    assert record.layout == "esf-2007-print"
    for key in ("title", "programme_area", "phase", "owner", "contact_name", "contact_email",
                "contact_phone", "esf_grant_sek", "total_budget_sek", "period_start",
                "period_end", "region", "transnational_text"):
        assert getattr(record, key) == getattr(text_record, key), key
    assert record.co_financiers == ["Af Jönköping", "Försäkringskassan Värnamo"]
    assert record.partners == ["Arbetsförmedlingen Vaggeryd", "Fenix Kunskapscentrum"]
    assert record.municipalities == ["Vaggeryd", "Jönköping"]
    assert record.sections == {
        "Sammanfattning": "Arbetsmarknaden i Jönköpingsregionen har haft en mycket positiv utveckling."
        "\n\nMålgruppen är ungdomar."
    }
    flat = repr(record.to_dict())
    for dropped in ("dataLayer", "track()", "font-weight", "kakor", "Projektbanken", "© Svenska"):
        assert dropped not in flat


def test_html_print_fields_in_table_cells(pages):
    result, record = extract(pages, "html/print2007_table_cells.html")
    assert result.status == "ok"
    assert record.layout == "esf-2007-print"  # bare label cells, but the 2007 labels
    assert record.title == "Jobbtrappan"
    assert record.owner == "Eskilstuna kommun, Arbetsmarknads och familjeförv"
    assert record.contact_phone == "016-710 50 33"
    assert record.total_budget_sek == 21005662
    assert record.municipalities == ["Eskilstuna"]
    assert record.sections == {"Syfte": "Att ge ensamstående kvinnor arbete."}


def test_html_colon_definition_list(pages):
    result, record = extract(pages, "html/colon2014_dl.html")
    assert result.status == "ok"
    assert record.layout == "esf-2014-colon"
    assert record.title == "SMÖT"
    assert record.project_number == "2019/00144"
    assert record.region == "Småland & Öarna"  # "&amp;" unescaped
    assert record.fields["Stödmottagarens address"] == ""
    assert record.sections == {
        "Beskrivning": "Med bakgrund i tidigare projekt ser vi ett stort behov.\n\n• noll-klassade\n• unga (15-24 år)"
    }  # hidden elements dropped


def test_html_intermediate_table(pages):
    result, record = extract(pages, "html/intermediate2014_table.html")
    assert result.status == "ok"
    assert record.layout == "esf-2014-intermediate"
    assert record.call_number == "2016/00182"
    assert record.project_number == "2017/00905"
    assert (record.period_start, record.period_end) == ("2016-10-01", "2018-09-30")


def test_html_declared_windows_1252(pages):
    result, record = extract(pages, "html/esfplus2021_cp1252.html")
    assert result.status == "ok"  # a declared encoding is not a warning
    assert record.layout == "esf-2021"
    assert record.title == "Framtidsvägen"  # "22-044-S07 &ndash; Framtidsvägen"
    assert record.owner == "VÄSTERÅS STAD"
    assert record.owner_org_number == "2120002080"
    assert record.sections == {"Om projektet": "Projektet stärker unga vuxnas väg till arbete – i Västerås."}


# --------------------------------------------------------------------- titles and banners


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("Logotyp på utskrifter\n\nStäng\n\nKakor och karriär\n\nProjektfasAnalys\nRegionSydsverige\n", "Kakor och karriär"),
        ("Vi använder kakor.\n\nDigitalt lyft\n\nProjektfasAnalys\nRegionSydsverige\n", "Digitalt lyft"),
        ("3 december - Webbinarium om fattigdom\n\nMer information och anmälan.\n\nLyftet\n\nProjektfasAnalys\nRegionSydsverige\n", "Lyftet"),
        ("Stäng\n\nProjektfasAnalys\nRegionSydsverige\n", None),
    ],
)
def test_title_is_the_last_line_before_the_fields_that_is_not_a_banner(page, title):
    from esfgraph.extract import extract_bytes

    result = extract_bytes(page.encode(), "page.txt")
    assert (result.record.title if result.record else None) == title
    if title is None:
        assert result.reason == "no project title found (esf-2007-print layout)"
