"""The twenty annotated real pages (tests/fixtures/real-pages): organisations, owners, identities, fields.

Issue 14: on 2014–2020 and ESF+ pages the partners are named only in the prose. For every
page the organisations the annotations list are found (recall) and nothing else is (precision),
each page on its own; the owner gets the identity its name denotes (no repeated segment, no
address; the county board, branch or unit); an organisation on several pages is one node.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from esfgraph.extract import extract_file
from esfgraph.iris import org_iri
from esfgraph.resolve import Reference, Resolver
from esfgraph.resolve.evaluate import score_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real-pages"
ANNOTATIONS = {row["file"]: row["orgs"] for row in map(json.loads, (FIXTURES / "organisations.jsonl").open(encoding="utf-8"))}
FIELDS = {row["file"]: row for row in map(json.loads, (FIXTURES / "fields.jsonl").open(encoding="utf-8"))}
PREFIX = org_iri("x")[:-1]

#: The identity each page's owner denotes (the annotated owner, as an org key).
OWNERS = {
    "004.txt": "kommun-1480/socialforvaltningen-sydvast",  # "Socialförvaltningen Sydväst, Göteborgs stad, Socialförvaltningen Sydväst"
    "006.txt": "name/kommunforbundet-skane",
    "007.txt": "kommun-0180/arbetsmarknadsforvaltningen",
    "008.txt": "kommun-1880",  # "ÖREBRO KOMMUN"
    "009.txt": "sveriges-kommuner-och-regioner/arbetsmarknadssektionen",
    "010.txt": "lansstyrelsen-19",  # "Länsstyrelsen i Västmanland, Länsstyrelsen i Västmanland"
    "016.txt": "name/samordningsforbundet-ostra-sodertorn",
    "019.txt": "orgnr-2220001289",  # an upper-case name cut short, with its organisation number
    "020.txt": "kommun-1273",
    "021.txt": "kommun-1981/arbetsmarknadsenheten",
    "022.txt": "coompanion/ostergotland",  # "Coompanion Östergötland, Coompanion Östergötland"
    "030.txt": "kommun-2581/forvaltningen-for-arbetsmarknad-och-vuxenutbildning",  # the e-mail domain places it
    "034.txt": "kommun-1780/arbetsmarknad-och-socialforvaltningen-staben",
    "035.txt": "region-21/arbetsmarknad-och-kompetens",
    "039.txt": "name/regionforbundet-sodra-smaland",
    "041.txt": "medborgarskolan/varmland-orebro-lan",  # "MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN" with its number
    "042.txt": "kommun-2282/samhallsavdelningen",
    "044.txt": "folkbildningsradet",  # "Folkbildningsrådet, Folkbildningsrådet"
    "047.txt": "name/insamlingsstiftelsen-hope-worldwide-sweden",
    "048.txt": "name/lindholmen-science-park",  # "Lindholmen Science Park AB, Lindholmen Science Park AB"
}
#: Header fields the extractor reads (the ESF+ fields and diary-number fallbacks are not asserted here).
HEADER_FIELDS = ("title", "programme_area", "phase", "owner", "contact_name", "contact_email", "contact_phone",
                 "esf_grant_sek", "total_budget_sek", "period_start", "period_end", "region")


@pytest.fixture(scope="module")
def resolved() -> dict[str, tuple]:
    resolver = Resolver(Reference.load())
    out = {}
    for name in sorted(ANNOTATIONS):
        result = extract_file(FIXTURES / "pages" / name)
        assert result.record is not None, f"{name}: {result.reason}"
        out[name] = (result.record, resolver.resolve(result.record))
    return out


def test_the_fixture_is_the_twenty_pages():
    assert len(ANNOTATIONS) == len(FIELDS) == len(OWNERS) == 20
    assert sorted(p.name for p in (FIXTURES / "pages").glob("*.txt")) == sorted(ANNOTATIONS)


@pytest.mark.parametrize("page", sorted(ANNOTATIONS))
def test_every_organisation_the_page_names_and_nothing_else(resolved, page):
    _, resolution = resolved[page]
    score = score_page(resolution.mentions, ANNOTATIONS[page])
    assert score.missed == [], f"{page}: not found: {score.missed}"
    assert score.wrong == [], f"{page}: found but not named by the page: {score.wrong}"
    assert (score.recall, score.precision) == (1.0, 1.0)
    assert score.true_positives == sum(1 for o in ANNOTATIONS[page] if not o.get("doubtful"))


@pytest.mark.parametrize("page", sorted(OWNERS))
def test_owner_identity(resolved, page):
    _, resolution = resolved[page]
    owner = next(m for m in resolution.mentions if m.role == "owner")
    key = owner.canonical.removeprefix(PREFIX)
    assert key == OWNERS[page]
    words = key.replace("/", "-").split("-")
    assert len(words) == len(set(words)), f"{page}: a repeated segment in {key}"
    segments = [s.casefold() for s in owner.label.split(", ")]
    assert len(segments) == len(set(segments)), f"{page}: a repeated segment in the label {owner.label!r}"
    assert not any(ch.isdigit() for ch in owner.label), f"{page}: an address in the label {owner.label!r}"


def test_prose_mentions_keep_their_sentence(resolved):
    _, resolution = resolved["030.txt"]
    offices = {m.canonical.removeprefix(PREFIX): m for m in resolution.mentions if m.role == "mentioned"}
    # "Försäkringskassa och Arbetsförmedlingar i Piteå och Arvidsjaur": the agency and two offices.
    assert {"forsakringskassan", "arbetsformedlingen/pitea", "arbetsformedlingen/arvidsjaur",
            "kommun-2581", "kommun-2505"} <= set(offices)
    evidence = offices["arbetsformedlingen/arvidsjaur"].evidence
    assert evidence.startswith("Denna grupp vill vi stötta via ett projekt gemensamt mellan kommunala")
    assert evidence.endswith("Försäkringskassa och Arbetsförmedlingar i Piteå och Arvidsjaur.")
    owner = resolution.mentions[0]
    assert owner.role == "owner" and owner.evidence is None


def test_a_name_inside_a_longer_name_is_not_a_second_organisation(resolved):
    _, resolution = resolved["039.txt"]
    keys = [m.canonical.removeprefix(PREFIX) for m in resolution.mentions]
    assert keys == ["name/regionforbundet-sodra-smaland", "name/destination-smaland"]  # no Småland, no AB
    _, resolution = resolved["019.txt"]
    keys = {m.canonical.removeprefix(PREFIX) for m in resolution.mentions}
    # "Region Västerbotten Enhet för utbildning och kunskapsutveckling" is the unit, not the region too.
    assert "region-24/enhet-for-utbildning-och-kunskapsutveckling" in keys and "region-24" not in keys


def test_the_same_organisation_on_several_pages_is_one_node(resolved):
    nodes: dict[str, set[str]] = {}
    pages: dict[str, set[str]] = {}
    for page, (_, resolution) in resolved.items():
        for org_id, iris in score_page(resolution.mentions, ANNOTATIONS[page]).keys.items():
            nodes.setdefault(org_id, set()).update(iris)
            pages.setdefault(org_id, set()).add(page)
    split = {org_id: iris for org_id, iris in nodes.items() if len(iris) > 1}
    assert split == {}
    shared = sorted(org_id for org_id, where in pages.items() if len(where) > 1)
    assert shared == ["kommun-1981", "kommun-2282", "kommun-2505"]  # Sala, Kramfors, Arvidsjaur
    assert nodes["kommun-2505"] == {org_iri("kommun-2505")}  # Arvidsjaur on 019 and 030


@pytest.mark.parametrize("page", sorted(FIELDS))
def test_header_fields(resolved, page):
    record, _ = resolved[page]
    got = asdict(record)
    expected = FIELDS[page]
    assert {f: got[f] for f in HEADER_FIELDS} == {f: expected[f] for f in HEADER_FIELDS}
