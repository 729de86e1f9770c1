"""ESF+ 2021–2027 pages: Antal deltagare, NUTS-2 kod, Berörd fond and the owner's postal code.

The pages in ``tests/fixtures/pages/esfplus2021/real/`` are real project-bank pages
(copied from the hand-annotated set); the expected values are their annotations.
"""

from __future__ import annotations

import pytest

from esfgraph.extract import extract_bytes, extract_file
from esfgraph.model import ProjectRecord
from esfgraph.resolve import Resolver
from esfgraph.resolve.postal import owner_postal_code, place_owner_by_postal_code, postal_table
from esfgraph.resolve.tables import ReferenceDataError

REAL = {
    # file: (planned_participants, nuts2, fund, owner, postal code)
    "008.txt": (500, "SE0", "ESF+", "ÖREBRO KOMMUN", "70135"),
    "019.txt": (0, "SE33", "ESF+", "KOMMUNALFÖRBUNDET PARTNERSKAP INLAND-AKADEMI N", "92381"),
    "041.txt": (0, "SE12", "ESF+", "MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN", "65340"),
}


@pytest.fixture(scope="module")
def real_pages(fixtures_dir):
    return fixtures_dir / "pages" / "esfplus2021" / "real"


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_esfplus_page_fills_participants_nuts2_and_fund(real_pages, name):
    participants, nuts2, fund, owner, postal = REAL[name]
    record = extract_file(real_pages / name).record
    assert record.format == "esf-2021"
    assert (record.planned_participants, record.nuts2, record.fund) == (participants, nuts2, fund)
    assert record.owner == owner
    assert owner_postal_code(record) == postal
    assert record.fields["Berörd fond"] == "ESF+"  # printed above the field block, kept as printed
    # the labels now understood are no longer reported as unknown
    assert not [w for w in record.warnings if "Antal deltagare" in w or "NUTS-2 kod" in w
                or "Stödmottagare ort" in w]


def test_shared_label_wins_over_the_esfplus_one():
    page = ("22-044-S07 - Titel\n\nBerörd fond:\nESF+\nDiarienummer:\n22-044-S07\nProjektägare:\nX AB\n"
            "Startdatum:\n2023-01-01\nSlutdatum:\n2024-01-01\nNUTS2:\nSE11\nNUTS-2 kod:\nSE12\n"
            "Planerat antal deltagare:\n40\nAntal deltagare:\n50\nFond:\nESF+ (Europeiska socialfonden+)\n")
    record = extract_bytes(page.encode(), "p.txt").record
    assert (record.nuts2, record.planned_participants, record.fund) == ("SE11", 40, "ESF+ (Europeiska socialfonden+)")


def test_bad_participant_count_is_a_warning_not_a_value():
    page = ("22-044-S07 - Titel\n\nDiarienummer:\n22-044-S07\nProjektägare:\nX AB\nStartdatum:\n2023-01-01\n"
            "Slutdatum:\n2024-01-01\nAntal deltagare:\nmånga\n")
    record = extract_bytes(page.encode(), "p.txt").record
    assert record.planned_participants is None
    assert "Antal deltagare: 'många' is not a whole number; left empty" in record.warnings


def test_postal_table_ships_every_code_once():
    table = postal_table()
    assert len(table) == 15463
    assert (table["70135"], table["92381"], table["65340"]) == ("1880", "2421", "1780")


def test_owner_placed_by_postal_code_only_when_the_name_does_not_place_it(real_pages):
    resolver = Resolver()
    by_name = extract_file(real_pages / "008.txt").record  # ÖREBRO KOMMUN: placed by its name
    resolution = resolver.resolve(by_name)
    assert place_owner_by_postal_code(by_name, resolution) is resolution

    record = extract_file(real_pages / "019.txt").record  # a kommunalförbund: the name says nowhere
    resolution = resolver.resolve(record)
    owner_iri = next(m.canonical for m in resolution.mentions if m.role == "owner")
    before = next(o for o in resolution.organisations if o.iri == owner_iri)
    assert before.municipality_code is None
    placed = place_owner_by_postal_code(record, resolution)
    after = next(o for o in placed.organisations if o.iri == owner_iri)
    assert (after.municipality_code, after.county_code) == ("2421", "24")  # 923 81 Storuman


def test_postal_code_never_overrides_a_name_placed_owner():
    record = ProjectRecord(source="p.txt", title="T", owner="Vaggeryds kommun",
                           fields={"Stödmottagare postnr": "70135"})  # an Örebro code
    resolution = Resolver().resolve(record)
    placed = place_owner_by_postal_code(record, resolution)
    assert {o.municipality_code for o in placed.organisations} == {"0665"}


def test_unknown_or_malformed_postal_code_places_nothing():
    resolution_for = Resolver().resolve
    for printed in ("00000", "7013", "abc"):
        record = ProjectRecord(source="p.txt", title="T", owner="Föreningen Hoppet",
                               fields={"Stödmottagare postnr": printed})
        resolution = resolution_for(record)
        assert place_owner_by_postal_code(record, resolution) is resolution


def test_malformed_postal_table_is_one_line_naming_file_and_row(tmp_path):
    path = tmp_path / "postal_codes.csv"
    path.write_text("postal_code,locality,municipality_code\n70135,Örebro,1880\n7013,X,18\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        postal_table(path)
    assert str(error.value).startswith(f"{path}:3: postal_code '7013'")
    assert "\n" not in str(error.value)
