"""The shipped reference tables and the lookups built from them."""

from __future__ import annotations

import csv
import os
import shutil

import pytest

from esfgraph.model import ORG_TYPES
from esfgraph.resolve import Reference, ReferenceDataError
from esfgraph.resources import reference_dir


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load(aliases=False)


def test_all_290_municipalities_with_their_counties(ref):
    assert len(ref.municipalities) == 290
    assert len(ref.counties) == 21
    for m in ref.municipalities.values():
        assert len(m.code) == 4 and m.code.isdigit()
        assert m.county_code == m.code[:2] and m.county_code in ref.counties
        assert m.county == ref.counties[m.county_code].name
    assert ref.municipalities["0665"].name == "Vaggeryd"
    assert ref.municipalities["0665"].org_name == "Vaggeryds kommun"
    assert ref.municipalities["1261"].org_name == "Kävlinge kommun"
    assert ref.municipalities["1480"].org_name == "Göteborgs Stad"
    assert ref.municipalities["2080"].org_name == "Falu kommun"
    assert ref.municipalities["0980"].org_name == "Region Gotland"
    per_county = {c: sum(m.county_code == c for m in ref.municipalities.values()) for c in ref.counties}
    assert per_county["14"] == 49 and per_county["12"] == 33 and per_county["09"] == 1 and per_county["01"] == 26


def test_codes_are_strings_with_leading_zeros_in_the_file():
    with (reference_dir() / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["code"] == "0114" and list(rows[0]) == ["code", "name", "county_code", "county", "org_name",
                                                        "org_number", "wikidata"]


def test_counties_and_the_regions_that_govern_them(ref):
    assert ref.counties["25"].region == "Region Norrbotten"
    assert ref.region_forms["norrbottens läns landsting"] == "25"
    assert ref.region_forms["landstinget i norrbotten"] == "25"
    assert ref.counties["14"].region == "Västra Götalandsregionen"
    # Gotland has no region of its own: the municipality has regional responsibilities.
    assert ref.counties["09"].region_key == "kommun-0980"


def test_agencies_known_organisations_units_and_cues_are_consistent(ref):
    assert ref.agency_abbreviations == {"Af": "arbetsformedlingen", "AF": "arbetsformedlingen",
                                        "FK": "forsakringskassan", "Fk": "forsakringskassan",
                                        "KFM": "kronofogden", "MFD": "myndigheten-for-delaktighet",
                                        "SPSM": "specialpedagogiska-skolmyndigheten",
                                        "MYH": "myndigheten-for-yrkeshogskolan", "SiS": "statens-institutionsstyrelse",
                                        "MUCF": "myndigheten-for-ungdoms-och-civilsamhallesfragor",
                                        "SCB": "statistiska-centralbyran",
                                        "IAF": "inspektionen-for-arbetsloshetsforsakringen",
                                        "DUA": "delegationen-for-unga-och-nyanlanda-till-arbete",
                                        "UHR": "universitets-och-hogskoleradet", "IVO": "inspektionen-for-vard-och-omsorg",
                                        "Brå": "brottsforebyggande-radet", "BRÅ": "brottsforebyggande-radet",
                                        "MFoF": "myndigheten-for-familjeratt-och-foraldraskapsstod",
                                        "RAÄ": "riksantikvarieambetet", "MTM": "myndigheten-for-tillgangliga-medier"}
    assert ref.org_numbers["2021002114"] == ("agency", "arbetsformedlingen")
    for needed in ("arbetsformedlingen", "forsakringskassan", "migrationsverket", "kriminalvarden", "skolverket",
                   "socialstyrelsen", "svenska-esf-radet"):
        assert needed in ref.agencies
    for needed in ("folkuniversitetet", "abf", "studieforbundet-vuxenskolan", "medborgarskolan", "studieframjandet",
                   "nbv", "sensus", "bilda", "ibn-rushd", "coompanion", "samhall"):
        assert needed in ref.organisations
    assert all(o.type in ORG_TYPES for o in ref.organisations.values())
    assert all(c.type in ORG_TYPES for c in ref.type_cues)
    assert ref.unit_abbreviations["AME"] == "arbetsmarknadsenheten"


def test_esf_regions_in_the_spellings_pages_use(ref):
    assert len(ref.esf_regions) == 9
    for printed, key in [("Småland och Öarna", "smaland-och-oarna"), ("Småland & Öarna", "smaland-och-oarna"),
                         ("Övre Norrland", "ovre-norrland"), ("Nationellt", "nationellt"),
                         ("ESF Nationellt", "nationellt"), ("Östra Mellansverige", "ostra-mellansverige"),
                         ("Sydsverige", "sydsverige"), ("SE21", "smaland-och-oarna"), ("Region Stockholm", "stockholm")]:
        assert ref.esf_region_key(printed) == key, printed
    assert ref.esf_region_key("Atlantis") is None


def test_countries_swedish_and_english(ref):
    for printed, iso in [("Italien", "IT"), ("italy", "IT"), ("England", "GB"), ("UK", "GB"), ("Tyskland", "DE"),
                         ("Nederländerna", "NL"), ("Holland", "NL"), ("Norge", "NO"), ("Island", "IS")]:
        assert ref.country_forms[printed.casefold()] == iso
    eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
          "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
    assert eu | {"IS", "LI", "NO"} <= set(ref.countries)


@pytest.mark.parametrize("address,code", [
    ("michael.anderberg@vaggeryd.se", "0665"), ("christer.stenberg@kavlinge.se", "1261"),
    ("Magdalena.Fjellner@jokkmokk.se", "2510"), ("x@skelleftea.se", "2482"), ("x@edu.goteborg.se", "1480"),
    ("x@upplands-bro.se", "0139"), ("x@ostragoinge.se", "1256"), ("x@alvsbyn.se", "2560"),
    ("x@habo.se", "0305"), ("x@habokommun.se", "0643"), ("x@malung-salen.se", "2023"),
    ("x@folkuniversitetet.se", None), ("x@gmail.com", None), ("not an address", None), (None, None),
])
def test_email_domains_point_to_municipalities(ref, address, code):
    assert ref.municipality_for_domain(address) == code


def test_load_is_cached_and_reloads_changed_files(tmp_path):
    assert Reference.load() is Reference.load()
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    first = Reference.load(folder, aliases=False)
    assert Reference.load(folder, aliases=False) is first
    path = folder / "agencies.csv"
    path.write_text(path.read_text(encoding="utf-8") + "testverket,Testverket,TV,,\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    second = Reference.load(folder, aliases=False)
    assert second is not first and "testverket" in second.agencies


def test_bad_tables_give_one_line_messages_naming_the_file(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    (folder / "municipalities.csv").write_text("code,name,county_code,county,org_name\n665,Vaggeryd,06,J,V\n",
                                               encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        Reference.load(folder, aliases=False)
    assert str(err.value) == f"{folder / 'municipalities.csv'}: line 2: code '665' is not four digits"
    shutil.copy(reference_dir() / "municipalities.csv", folder / "municipalities.csv")
    (folder / "counties.csv").unlink()
    with pytest.raises(ReferenceDataError, match=r"counties\.csv: cannot read"):
        Reference.load(folder, aliases=False)
    with pytest.raises(ReferenceDataError, match="reference folder not found"):
        Reference.load(tmp_path / "missing", aliases=False)


def test_identifiers_per_org_key(ref):
    # Organisation numbers (ten digits) and Wikidata Q-ids, by the keys the resolver builds.
    assert ref.identifiers("kommun-0665") == ("2120000522", "Q605329")
    assert ref.identifiers("region-25") == ("2321000230", "Q3232292")
    assert ref.identifiers("lansstyrelsen-19") == ("2021002411", "Q26236700")
    assert ref.identifiers("region-19") == ("2321000172", None)  # Region Västmanland: no Q-id in the source
    assert ref.identifiers("arbetsformedlingen") == ("2021002114", "Q3440237")
    assert ref.identifiers("vinnova") == ("2021005216", "Q4355568")
    assert ref.identifiers("lulea-tekniska-universitet") == ("2021002841", "Q1972721")
    assert ref.identifiers("kommun-0980") == ("2120000803", "Q374794")  # Gotland: the region is the municipality
    assert ref.identifiers("arbetsformedlingen/vaggeryd") == (None, None)
    assert ref.org_numbers["2120000522"] == ("place", "kommun-0665")
    assert ref.org_numbers["2021003096"] == ("known", "linkopings-universitet")


def test_universities_and_dioceses_are_known_organisations(ref):
    liu = ref.organisations["linkopings-universitet"]
    assert (liu.type, liu.abbreviations) == ("school", ("LiU", "LIU"))
    assert "jönköping university" not in ref.known_forms or ref.known_forms["jönköping university"] == "jonkoping-university"
    assert ref.known_abbreviations["LTU"] == "lulea-tekniska-universitet"
    assert ref.known_forms["chalmers"] == "chalmers-tekniska-hogskola"
    assert len(ref.universities) == 39 and len(ref.dioceses) == 13
    assert ref.diocese_forms["luleå stift"] == "lulea-stift"


def test_a_malformed_wikidata_id_is_one_line_naming_file_and_line(tmp_path):
    folder = tmp_path / "ref"
    shutil.copytree(reference_dir(), folder)
    path = folder / "agencies.csv"
    path.write_text(path.read_text(encoding="utf-8") + "testverket,Testverket,,,,Z12\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"agencies\.csv: line \d+: wikidata 'Z12' is not a Q-id"):
        Reference.load(folder, aliases=False)
