"""The resolution rules on printed variants: agencies and offices, municipalities, regions,
county boards, municipal units by context, known organisations, name keys, org numbers."""

from __future__ import annotations

import pytest

from esfgraph.model import ProjectRecord
from esfgraph.resolve import Reference, Resolver
from esfgraph.resolve.rules import Context, resolve_mention

NO_HOME = Context("k-test", "Test")
VAGGERYD = Context("k-test", "Test", "0665", "email-domain")


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load(aliases=False)


def key(ref, text, ctx=NO_HOME, org_number=None):
    found = resolve_mention(ref, text, ctx, org_number)
    return None if found is None else found.org.key


@pytest.mark.parametrize("printed", [
    "Af Jönköping", "AF Jönköping", "Arbetsförmedlingen Jönköping", "Arbetsförmedlingen i Jönköping",
    "Arbetsförmedlingen, Jönköping", "Arbetsförmedlingen - Jönköping", "Arbetsförmedlingen/Jönköping",
    "ARBETSFÖRMEDLINGEN I JÖNKÖPING", " • Arbetsförmedlingen  i  Jönköping.", "Arbetsförmedling Jönköping",
    "Arbetsförmedlingen i jönköping",
])
def test_agency_office_variants_are_one_office(ref, printed):
    found = resolve_mention(ref, printed, NO_HOME)
    assert found.org.key == "arbetsformedlingen/jonkoping"
    assert found.org.label == "Arbetsförmedlingen Jönköping"
    assert found.org.municipality_code == "0680" and found.org.county_code == "06"
    assert found.method == "agency-office"
    assert [p.key for p in found.parents] == ["arbetsformedlingen"]


def test_agency_abbreviations_and_names(ref):
    assert key(ref, "Arbetsförmedlingen") == "arbetsformedlingen"
    assert key(ref, "AF") == "arbetsformedlingen"
    assert key(ref, "Arbetsförmedlingen (AF)") == "arbetsformedlingen"
    assert key(ref, "FK Värnamo") == "forsakringskassan/varnamo"
    assert key(ref, "Försäkringskassan") == "forsakringskassan"
    assert key(ref, "ESF-rådet") == "svenska-esf-radet"
    assert key(ref, "Migrationsverket Göteborg") == "migrationsverket/goteborg"
    # Lower-case abbreviations are not abbreviations: "af" is not Arbetsförmedlingen.
    assert key(ref, "af Jönköping") == "name/af-jonkoping"


def test_agency_abbreviation_confidence(ref):
    assert resolve_mention(ref, "Af Jönköping", NO_HOME).confidence == 0.9
    assert resolve_mention(ref, "Arbetsförmedlingen Jönköping", NO_HOME).confidence == 0.95


def test_office_in_a_place_that_is_not_a_municipality(ref):
    found = resolve_mention(ref, "Arbetsförmedlingen Rinkeby", NO_HOME)
    assert found.org.key == "arbetsformedlingen/rinkeby"
    assert found.org.municipality_code is None
    assert found.confidence == 0.8
    county = resolve_mention(ref, "Försäkringskassan Jönköpings län", NO_HOME).org
    assert (county.key, county.municipality_code, county.county_code) == ("forsakringskassan/jonkopings-lan", None, "06")


def test_two_agencies_in_one_entry_are_not_an_office(ref):
    assert key(ref, "Arbetsförmedlingen och Försäkringskassan") == "name/arbetsformedlingen-forsakringskassan"


def test_companies_that_start_like_an_abbreviation_are_companies(ref):
    found = resolve_mention(ref, "AF Industri AB", NO_HOME)
    assert (found.org.key, found.org.type) == ("name/af-industri", "company")
    assert key(ref, "SV Bilteknik AB") == "name/sv-bilteknik"


@pytest.mark.parametrize("printed,expected", [
    ("Vaggeryds kommun", "kommun-0665"), ("Vaggeryd kommun", "kommun-0665"), ("Kommunen Vaggeryd", "kommun-0665"),
    ("VAGGERYDS KOMMUN", "kommun-0665"), ("Kävlinge kommun", "kommun-1261"), ("Göteborgs Stad", "kommun-1480"),
    ("Göteborgs stad", "kommun-1480"), ("Falu kommun", "kommun-2080"), ("Borås Stad", "kommun-1490"),
    ("Upplands-Bro kommun", "kommun-0139"), ("Upplands Bro kommun", "kommun-0139"), ("Håbo kommun", "kommun-0305"),
    ("Habo kommun", "kommun-0643"), ("Region Gotland", "kommun-0980"), ("Östra Göinge kommun", "kommun-1256"),
])
def test_municipalities_as_organisations(ref, printed, expected):
    found = resolve_mention(ref, printed, NO_HOME)
    assert (found.org.key, found.org.type, found.method) == (expected, "municipality", "municipality")


def test_municipality_labels(ref):
    assert resolve_mention(ref, "Vaggeryd kommun", NO_HOME).org.label == "Vaggeryds kommun"
    assert resolve_mention(ref, "Kommunen Skellefteå", NO_HOME).org.label == "Skellefteå kommun"


@pytest.mark.parametrize("printed", [
    "Region Norrbotten", "Norrbottens läns landsting", "Landstinget i Norrbotten", "Landstinget i Norrbottens län",
    "landstinget i norrbotten",
])
def test_regions_and_their_old_names(ref, printed):
    found = resolve_mention(ref, printed, NO_HOME)
    assert (found.org.key, found.org.label, found.org.type, found.method) == (
        "region-25", "Region Norrbotten", "region", "region")


def test_region_of_vastra_gotaland_and_a_regional_unit(ref):
    assert key(ref, "Västra Götalandsregionen") == "region-14"
    assert key(ref, "VGR") == "region-14"
    unit = resolve_mention(ref, "Region Skåne, Habilitering", NO_HOME)
    assert (unit.org.key, unit.org.type, unit.method) == ("region-12/habilitering", "regional_unit", "regional-unit")
    assert [p.key for p in unit.parents] == ["region-12"]


@pytest.mark.parametrize("printed", [
    "Länsstyrelsen i Jönköpings län", "Länsstyrelsen Jönköping", "Länsstyrelsen Jönköpings län",
    "Länsstyrelsen i Jönköping",
])
def test_county_boards(ref, printed):
    found = resolve_mention(ref, printed, NO_HOME)
    assert (found.org.key, found.org.type, found.method) == ("lansstyrelsen-06", "county_board", "county-board")


def test_municipal_unit_named_in_the_mention(ref):
    for printed in ("Kävlinge Lärcentrum", "Lärcentrum Kävlinge", "Lärcentrum i Kävlinge", "Kävlinge kommun, Lärcentrum"):
        found = resolve_mention(ref, printed, NO_HOME)
        assert (found.org.key, found.method) == ("kommun-1261/larcentrum", "municipal-unit"), printed
    assert key(ref, "Vaggeryds socialtjänst") == "kommun-0665/socialtjansten"
    assert key(ref, "Socialtjänsten i Jokkmokk") == "kommun-2510/socialtjansten"


def test_generic_units_follow_the_page(ref):
    jokkmokk = Context("k-other", "Other", "2510", "email-domain")
    assert key(ref, "Socialtjänsten", VAGGERYD) == "kommun-0665/socialtjansten"
    assert key(ref, "Socialtjänsten", jokkmokk) == "kommun-2510/socialtjansten"
    assert key(ref, "socialtjänst", VAGGERYD) == "kommun-0665/socialtjansten"
    assert key(ref, "AME", VAGGERYD) == key(ref, "Arbetsmarknadsenheten", VAGGERYD) == key(
        ref, "AME - Arbetsmarknadsenheten", VAGGERYD) == "kommun-0665/arbetsmarknadsenheten"
    assert key(ref, "IFO", VAGGERYD) == "kommun-0665/individ-och-familjeomsorgen"
    assert key(ref, "Kommunen", VAGGERYD) == "kommun-0665"


def test_unknown_municipality_keeps_the_unit_in_its_project(ref):
    found = resolve_mention(ref, "Socialtjänsten", Context("k123", "Trappsteget"))
    assert found.org.key == "project/k123/socialtjansten"
    assert found.org.label == "Socialtjänsten (Trappsteget)"
    assert (found.method, found.confidence) == ("municipal-unit-project-scoped", 0.4)


def test_unlisted_unit_words_are_units_too(ref):
    found = resolve_mention(ref, "Barn- och ungdomsförvaltningen", VAGGERYD)
    assert found.org.key == "kommun-0665/barn-och-ungdomsforvaltningen"
    assert found.org.label == "Barn- och ungdomsförvaltningen, Vaggeryds kommun"


def _page(**fields) -> ProjectRecord:
    return ProjectRecord(source="p.txt", title="P", **fields)


def test_context_order_owner_then_email_then_only_municipality():
    resolver = Resolver(Reference.load(aliases=False))
    by_owner = resolver.resolve(_page(owner="Eskilstuna kommun", contact_email="a@vaggeryd.se",
                                      partners=["Socialtjänsten"]))
    assert by_owner.mentions[1].canonical.endswith("/kommun-0484/socialtjansten")
    assert by_owner.mentions[1].method == "municipal-unit-owner"
    by_email = resolver.resolve(_page(owner="Socialtjänsten", contact_email="a@kavlinge.se"))
    assert by_email.mentions[0].canonical.endswith("/kommun-1261/socialtjansten")
    only = resolver.resolve(_page(owner="Socialtjänsten", contact_email="a@gmail.com", municipalities=["Ydre"]))
    assert only.mentions[0].canonical.endswith("/kommun-0512/socialtjansten")
    assert (only.mentions[0].method, only.mentions[0].confidence) == ("municipal-unit-only-municipality", 0.6)
    nothing = resolver.resolve(_page(owner="Socialtjänsten", municipalities=["Ydre", "Kinda"]))
    assert nothing.mentions[0].method == "municipal-unit-project-scoped"


def test_known_organisations_and_branches(ref):
    assert key(ref, "Folkuniversitetet") == "folkuniversitetet"
    assert key(ref, "ABF") == "abf"
    assert key(ref, "Arbetarnas bildningsförbund") == "abf"
    branch = resolve_mention(ref, "ABF Jönköping", NO_HOME)
    assert (branch.org.key, branch.org.type, branch.org.municipality_code) == ("abf/jonkoping", "study_association", "0680")
    assert branch.method == "known-organisation-branch"
    assert key(ref, "Studieförbundet Vuxenskolan Skåne") == "studieforbundet-vuxenskolan/skane"
    assert resolve_mention(ref, "Coompanion Jönköpings län", NO_HOME).org.county_code == "06"
    assert key(ref, "Samhall AB") == "samhall"


@pytest.mark.parametrize("printed,expected_key,expected_type", [
    ("Excentrum AB", "name/excentrum", "company"),
    ("EXCENTRUM AB", "name/excentrum", "company"),
    ("Excentrum", "name/excentrum", "unknown"),
    ("Älvsby folkhögskola", "name/alvsby-folkhogskola", "folk_high_school"),
    ("Samordningsförbundet Södra Vätterbygden", "name/samordningsforbundet-sodra-vatterbygden", "coordination_association"),
    ("Konstnärsföreningen", "name/konstnarsforeningen", "non_profit"),
    ("Unga Örnars riksförbund", "name/unga-ornars-riksforbund", "non_profit"),
    ("Hälsohögskolan i Jönköping", "name/halsohogskolan-i-jonkoping", "school"),
    ("Macken sociala kooperativ ek. för.", "name/macken-sociala-kooperativ", "social_enterprise"),
    ("Fenix Kunskapscentrum", "name/fenix-kunskapscentrum", "unknown"),
])
def test_name_keys_typed_by_cues(ref, printed, expected_key, expected_type):
    found = resolve_mention(ref, printed, NO_HOME)
    assert (found.org.key, found.org.type, found.method) == (expected_key, expected_type, "name-key")
    assert found.confidence == (0.5 if expected_type == "unknown" else 0.6)


@pytest.mark.parametrize("printed", ["Inga", "Ingen", "-", "Saknas", "Inga medfinansiärer", ""])
def test_placeholders_name_no_organisation(ref, printed):
    assert resolve_mention(ref, printed, NO_HOME) is None


def test_organisation_numbers(ref):
    known = resolve_mention(ref, "AF Huvudkontoret", NO_HOME, org_number="202100-2114")
    assert (known.org.key, known.method, known.confidence) == ("arbetsformedlingen", "org-number", 1.0)
    other = resolve_mention(ref, "Excentrum AB", NO_HOME, org_number="556677-8890")
    assert (other.org.key, other.org.org_number, other.org.type, other.method) == (
        "orgnr-5566778890", "5566778890", "company", "org-number")
    assert other.confidence == 0.8  # the checksum does not hold
    good = resolve_mention(ref, "Excentrum", NO_HOME, org_number="16 556036-0793")
    assert (good.org.key, good.confidence) == ("orgnr-5560360793", 1.0)
    # A municipality keeps its reference key and carries the number.
    town = resolve_mention(ref, "Vaggeryds kommun", NO_HOME, org_number="212000-0522")
    assert (town.org.key, town.org.org_number) == ("kommun-0665", "2120000522")
    # The number names Sävsjö's municipal government, whatever the printed name says.
    other_town = resolve_mention(ref, "Vaggeryds kommun", NO_HOME, org_number="212000-0563")
    assert (other_town.org.key, other_town.method) == ("kommun-0684", "org-number")
    # A branch keeps its key with the number on it, whatever the case of the name.
    for printed in ("MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN", "Medborgarskolan Värmland-Örebro län"):
        branch = resolve_mention(ref, printed, NO_HOME, org_number="802002-7930")
        assert (branch.org.key, branch.org.org_number) == ("medborgarskolan/varmland-orebro-lan", "8020027930")
    # An office of an agency keeps the office when the agency's number is printed.
    office = resolve_mention(ref, "Arbetsförmedlingen Vaggeryd", NO_HOME, org_number="202100-2114")
    assert office.org.key == "arbetsformedlingen/vaggeryd"


def test_page_problems_become_warnings():
    resolution = Resolver(Reference.load(aliases=False)).resolve(_page(
        owner="Excentrum AB", owner_org_number="12-34", region="Atlantis", municipalities=["Vaggeryd", "Gondor"]))
    assert resolution.warnings == [
        "unknown municipality in the Kommun list: 'Gondor'",
        "unknown ESF region: 'Atlantis'",
        "owner organisation number is not ten digits: '12-34'",
    ]
    assert resolution.municipality_codes == ["0665"] and resolution.region is None
    assert resolution.mentions[0].canonical.endswith("/org/name/excentrum")


def test_same_org_number_same_organisation_whatever_the_name():
    resolver = Resolver(Reference.load(aliases=False))
    a = resolver.resolve(_page(owner="Föreningen Macken", owner_org_number="802400-1235"))
    b = resolver.resolve(_page(owner="Macken i Växjö", owner_org_number="8024001235"))
    assert a.mentions[0].canonical == b.mentions[0].canonical
    assert a.mentions[0].canonical.endswith("/org/orgnr-8024001235")


def test_org_number_digits_are_ascii_digits_only():
    from esfgraph.resolve.rules import org_number_digits

    assert org_number_digits("212000-0563") == "2120000563"
    assert org_number_digits("16212000-0563") == "2120000563"
    assert org_number_digits("212000-056¹3") == "2120000563"  # the superscript is not a digit
    assert org_number_digits("٢١٢٠٠٠٠٥٦٣") is None  # nor are Arabic-Indic digits
