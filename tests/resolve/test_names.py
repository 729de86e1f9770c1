"""Owners and listed names tidied before resolution (issue 14, item 1)."""

from __future__ import annotations

import pytest

from esfgraph.resolve import Reference
from esfgraph.resolve.names import alternatives, recase, strip_address, tidy_name
from esfgraph.resolve.listed import resolve_listed
from esfgraph.resolve.rules import Context, resolve_mention


@pytest.fixture(scope="module")
def ref():
    return Reference.load(aliases=False)


@pytest.mark.parametrize("printed, tidy", [
    ("Folkbildningsrådet, Folkbildningsrådet", "Folkbildningsrådet"),
    ("Coompanion Östergötland, Coompanion Östergötland", "Coompanion Östergötland"),
    ("Karlstads kommun, Karlstads kommun, Arbetsmarknad och socialförvaltningen, Staben",
     "Karlstads kommun, Arbetsmarknad och socialförvaltningen, Staben"),
    ("Socialförvaltningen Sydväst, Göteborgs stad, Socialförvaltningen Sydväst",
     "Socialförvaltningen Sydväst, Göteborgs stad"),
    ("Insamlingsstiftelsen HOPE worldwide Sweden, HOPE worldwide Sweden", "Insamlingsstiftelsen HOPE worldwide Sweden"),
    ("Rädda Barnen, Rädda Barnens Riksförbund AB Gustavslundsvägen 141 Bromma", "Rädda Barnen, Rädda Barnens Riksförbund AB"),
    ("Region Gävleborg, Arbetsmarknad och kompetens", "Region Gävleborg, Arbetsmarknad och kompetens"),
    ("Excentrum AB", "Excentrum AB"),
])
def test_tidy_name(printed, tidy):
    assert tidy_name(printed) == tidy


def test_addresses_and_case():
    assert strip_address("Excentrum AB Storgatan 12, 931 21 Skellefteå") == "Excentrum AB"
    assert strip_address("Stiftelsen Storgatan") == "Stiftelsen Storgatan"  # a street word without a number stays
    assert recase("MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN") == "Medborgarskolan Värmland-Örebro län"
    assert recase("SKR") == "SKR" and recase("Fenix AB") == "Fenix AB"
    assert alternatives("Högskolan i Karlskrona/Ronneby") == ["Högskolan i Karlskrona/Ronneby"]


@pytest.mark.parametrize("printed, number, key, label", [
    ("Folkbildningsrådet, Folkbildningsrådet", None, "folkbildningsradet", "Folkbildningsrådet"),
    ("Coompanion Östergötland, Coompanion Östergötland", None, "coompanion/ostergotland", "Coompanion Östergötland"),
    ("Länsstyrelsen i Västmanland, Länsstyrelsen i Västmanland", None, "lansstyrelsen-19", None),
    ("Rädda Barnen, Rädda Barnens Riksförbund AB Gustavslundsvägen 141 Bromma", None, "radda-barnen", "Rädda Barnen"),
    ("Karlstads kommun, Karlstads kommun, Arbetsmarknad och socialförvaltningen, Staben", None,
     "kommun-1780/arbetsmarknad-och-socialforvaltningen-staben", None),
    ("Socialförvaltningen Sydväst, Göteborgs stad, Socialförvaltningen Sydväst", None,
     "kommun-1480/socialforvaltningen-sydvast", "Socialförvaltningen Sydväst, Göteborgs Stad"),
    ("Samordningsförbundet Östra Södertörn, Samordningsförbundet Östra Södertörn", None,
     "name/samordningsforbundet-ostra-sodertorn", "Samordningsförbundet Östra Södertörn"),
    ("MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN", "802002-7930", "medborgarskolan/varmland-orebro-lan",
     "Medborgarskolan Värmland-Örebro län"),
    ("Medborgarskolan Värmland-Örebro län", None, "medborgarskolan/varmland-orebro-lan",
     "Medborgarskolan Värmland-Örebro län"),
    ("Karlstads kommun, Arbetsmarknadsenheten", "212000-1850", "kommun-1780/arbetsmarknadsenheten", None),
])
def test_owner_identities(ref, printed, number, key, label):
    found = resolve_mention(ref, printed, Context("k1"), number)
    assert found.org.key == key
    if label:
        assert found.org.label == label
    # No repeated segment, no address: the key's words occur once and carry no house number.
    words = found.org.key.replace("/", "-").split("-")
    assert len(words) == len(set(words)) and not any(w.isdigit() and len(w) != 4 and len(w) != 2 for w in words)


def test_a_listed_entry_naming_two_organisations(ref):
    keys = [r.org.key for r in resolve_listed(ref, "Arbetsförmedlingen, Försäkringskassan", Context("k1"))]
    assert keys == ["arbetsformedlingen", "forsakringskassan"]
    keys = [r.org.key for r in resolve_listed(ref, "Arbetsförmedlingen och Försäkringskassan", Context("k1"))]
    assert keys == ["arbetsformedlingen", "forsakringskassan"]
    owner = resolve_listed(ref, "Arbetsförmedlingen/Försäkringskassan", Context("k1"), several=False)
    assert [r.org.key for r in owner] == ["arbetsformedlingen"]
    # An office is still an office.
    assert [r.org.key for r in resolve_listed(ref, "Arbetsförmedlingen Vaggeryd", Context("k1"))] == [
        "arbetsformedlingen/vaggeryd"]
