"""The facts of one generated project, drawn before any layout prints them."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from .universe import Municipality, Org, Universe
from .util import fold, luhn_complete, slug, stable_int, sv_key
from .vocabulary import (
    AGENCY_RATES,
    AREAS_2007,
    AREAS_2014,
    COUNTRIES,
    ESFPLUS_OBJECTIVES,
    FIRST_NAMES,
    FOREIGN_WORDS,
    LAST_NAMES,
    PLACE_TEMPLATES,
    TITLE_SUFFIXES,
    TITLE_WORDS,
    TRANSNATIONAL_BODIES,
)

__all__ = ["Mention", "Project", "make_project"]


@dataclass
class Mention:
    """An organisation as one page prints it, with the key it should resolve to."""

    printed: str
    key: str
    kind: str


@dataclass
class Project:
    """The facts of one generated project, before any layout prints them."""

    index: int
    layout: str
    home: Municipality
    national: bool
    title: str
    owner: Org
    owner_printed: str
    contact_name: str
    contact_email: str
    contact_phone: str
    grant: int
    budget: int
    start: str
    end: str
    region_key: str | None
    municipalities: list[Municipality]
    co_financiers: list[Mention] = field(default_factory=list)
    partners: list[Mention] = field(default_factory=list)
    text_mentions: list[Mention] = field(default_factory=list)
    text_phrases: list[str] = field(default_factory=list)  # sentences naming more organisations in the prose
    phrase_mentions: list[Mention] = field(default_factory=list)  # what those sentences name
    transnational: str | None = None  # "none-inget", "none-ingen", "paragraphs", or None (absent)
    transnational_text: str | None = None
    countries: list[str] = field(default_factory=list)
    foreign_orgs: list[Mention] = field(default_factory=list)
    family: int | None = None
    phase: str | None = None
    programme_area: str | None = None
    specific_objective: str | None = None
    project_number: str | None = None
    diary_number: str | None = None
    call_number: str | None = None
    planned_participants: int | None = None
    org_number: str | None = None
    co_financing_rate: str | None = None
    intervention_type: str | None = None
    omitted: set[str] = field(default_factory=set)  # record keys the page leaves out


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{first} {last}", f"{fold(first)}.{fold(last)}"


def _phone(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"0{rng.randint(120, 980)}-{rng.randint(10000, 99999)}"
    if kind < 0.75:
        return f"0{rng.randint(10, 98)}-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"07{rng.choice('0236')}{rng.randint(0, 9)}-{rng.randint(100000, 999999)}"


def _dates(rng: random.Random, years: tuple[int, int], short: bool) -> tuple[str, str]:
    year = rng.randint(*years)
    month = rng.randint(1, 12)
    day = 1 if rng.random() < 0.6 else rng.randint(2, 28)
    months = rng.randint(3, 6) if short else rng.randint(12, 40)
    end_month_index = month - 1 + months
    end_year, end_month = year + end_month_index // 12, end_month_index % 12 + 1
    end_day = (31, 29 if end_year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[end_month - 1]
    if rng.random() < 0.3:
        end_day = rng.randint(1, end_day)
    return f"{year:04d}-{month:02d}-{day:02d}", f"{end_year:04d}-{end_month:02d}-{end_day:02d}"


def _amounts(rng: random.Random, small: bool) -> tuple[int, int]:
    if small:
        grant = int(rng.uniform(80_000, 400_000))
    else:
        grant = int(min(60_000_000, rng.lognormvariate(math.log(3_500_000), 0.9)))
    share = rng.uniform(0.35, 0.8)
    budget = int(grant / share)
    return grant, budget


def _pick_owner(u: Universe, rng: random.Random, home: Municipality, layout: str) -> Org:
    roll = rng.random()
    county = home.county_code
    if layout == "esf-2021":  # ESF+ owners are legal persons with an organisation number
        if roll < 0.45:
            return u.municipality_org(home)
        if roll < 0.55:
            return u.regions.get(county) or u.municipality_org(home)
        if roll < 0.7:
            return rng.choice(u.coordination[county])
        if roll < 0.8:
            return rng.choice(u.folk_high_schools[county])
        if roll < 0.9:
            return u.associations[county][u.association_draw[county].draw(rng)]
        return u.companies[county][u.company_draw[county].draw(rng)]
    if roll < 0.22:
        return u.municipality_org(home)
    if roll < 0.45:
        return u.draw_unit(rng, home)
    if roll < 0.55:
        return u.study_association(u.study_draw.draw(rng), home, rng.random() < 0.25)
    if roll < 0.63:
        return rng.choice(u.coordination[county])
    if roll < 0.7:
        return u.regions.get(county) or u.municipality_org(home)
    if roll < 0.76:
        return rng.choice(u.folk_high_schools[county])
    if roll < 0.78:
        return u.county_boards[county]
    if roll < 0.9:
        return u.companies[county][u.company_draw[county].draw(rng)]
    return u.associations[county][u.association_draw[county].draw(rng)]


def _mention(org: Org, rng: random.Random) -> Mention:
    return Mention(org.printed(rng), org.key, org.kind)


def _listed_orgs(u: Universe, rng: random.Random, p: Project, family: list[Org] | None) -> None:
    """Fill the co-financier and partner lists (2007 print pages print them)."""
    home = p.home
    municipal_context = p.owner.municipality is not None and p.owner.domain == home.domain
    municipal_context = municipal_context or len(p.municipalities) == 1
    co: dict[str, Mention] = {}
    partners: dict[str, Mention] = {}

    def add(target: dict[str, Mention], org: Org) -> None:
        if org.kind == "municipal_unit" and not municipal_context:
            return  # a generic unit name only where the page tells its municipality
        mention = _mention(org, rng)
        target.setdefault(mention.printed, mention)

    for agency in u.agencies:
        rate = AGENCY_RATES.get(agency.key, 0.01)
        if p.national:
            rate *= 0.3
        if rng.random() < rate:
            target = co if rng.random() < 0.55 else partners
            place = home if rng.random() < 0.7 else u.nearby(rng, home)
            add(target, u.office(agency, place) if rng.random() < 0.85 else agency)
            if rng.random() < 0.35:  # the same office often sits in both lists
                add(partners if target is co else co, u.office(agency, place))
    if rng.random() < 0.45:
        for _ in range(rng.randint(1, 3)):
            add(co if rng.random() < 0.6 else partners, u.draw_unit(rng, home))
    if rng.random() < 0.25:
        add(co, p.owner)
    if rng.random() < 0.2:
        add(co if rng.random() < 0.5 else partners, rng.choice(u.coordination[home.county_code]))
    if rng.random() < 0.15:
        add(co, u.regions.get(home.county_code) or u.county_boards[home.county_code])
    if rng.random() < 0.2:
        add(partners, u.municipality_org(u.nearby(rng, home)))
    for _ in range(min(12, int(rng.expovariate(0.7)))):
        add(partners, u.long_tail(rng, home))
    if family:
        for org in family:
            if org.key != p.owner.key:
                add(co if rng.random() < 0.4 else partners, org)
    p.co_financiers = sorted(co.values(), key=lambda m: sv_key(m.printed))
    p.partners = sorted(partners.values(), key=lambda m: sv_key(m.printed))


def _transnational(u: Universe, rng: random.Random, p: Project) -> None:
    roll = rng.random()
    if roll < 0.25:
        return  # no section at all
    if roll < 0.55:
        p.transnational, p.transnational_text = "none", "Inget"
        return
    if roll < 0.82:
        p.transnational, p.transnational_text = "none", "Ingen transnationell verksamhet."
        return
    p.transnational = "paragraphs"
    count = 1 if rng.random() < 0.6 else rng.randint(2, 3)
    chosen: list[tuple] = []
    while len(chosen) < count:
        country = COUNTRIES[u.country_draw.draw(rng)]
        if country not in chosen:
            chosen.append(country)
    paragraphs = [
        f"Projektet kommer att samarbeta med {('en', 'två', 'tre')[count - 1]} "
        f"{'partnerorganisation' if count == 1 else 'partnerorganisationer'} inom ramen för transnationellt "
        "samarbete. Under förprojekteringen har kontakter tagits i syfte att finna samarbetspartners som "
        "stämmer väl överens med inriktningen i det svenska projektet."
    ]
    headed = rng.random() < 0.5
    for number, (sv_name, upper, iso, templates, cities, _) in enumerate(chosen, start=1):
        city = rng.choice(cities)
        name = rng.choice(templates).format(w=rng.choice(FOREIGN_WORDS), c=city)
        p.countries.append(iso)
        p.foreign_orgs.append(Mention(name, f"foreign/{iso.lower()}/{slug(name)}", "foreign"))
        where = sv_name if city in name else f"{city}, {sv_name}"  # not "Jobcenter Berlin i Berlin"
        body = rng.choice(TRANSNATIONAL_BODIES).format(org=name, where=where, country=sv_name)
        paragraphs.append(f"{upper}, TN-aktivitet {number}:\n{body}" if headed else body)
    p.transnational_text = "\n\n".join(paragraphs)


# Kinds of organisation the prose of the newer layouts names by their own name (generic
# municipal units are not named in prose without their municipality).
_PROSE_KINDS = ("agency_office", "municipality", "region", "county_board", "coordination_association",
                "folk_high_school", "company", "non_profit", "study_association", "social_enterprise")


def _text_mentions(u: Universe, rng: random.Random, p: Project, family: list[Org] | None) -> None:
    """Organisations named in running text (the newer layouts print no lists).

    A family's members are named in the prose of every page of the family, so that a
    partnership listed on 2007–2013 pages is named in the text of later ones. Some pages
    also name organisations of the long tail, municipalities by bare place name
    ("kommunerna Arvika, Hammarö och Sunne") and agency offices in the plural
    ("Arbetsförmedlingarna i Piteå och Arvidsjaur").
    """
    orgs: list[Org] = []
    for agency in u.agencies[:2]:
        if rng.random() < 0.5:
            orgs.append(agency)
    if family:
        orgs.extend(o for o in family if o.key != p.owner.key and o.kind in _PROSE_KINDS)
    else:
        if rng.random() < 0.3:
            orgs.append(u.municipality_org(p.home))
        if rng.random() < 0.3:
            orgs.append(u.long_tail(rng, p.home))
    seen, unique = {p.owner.key}, []
    for org in orgs:
        if org.key not in seen:
            seen.add(org.key)
            unique.append(org)
    p.text_mentions = [Mention(o.label if o.kind != "agency_office" else o.spellings[0], o.key, o.kind) for o in unique]
    _text_phrases(u, rng, p, seen)


def _text_phrases(u: Universe, rng: random.Random, p: Project, seen: set[str]) -> None:
    """Sentences naming municipalities by bare name and offices in the plural."""
    places: list[Municipality] = []
    for _ in range(rng.randint(2, 4)):
        m = u.nearby(rng, p.home)
        if all(m.code != other.code for other in places):
            places.append(m)
    if len(places) < 2:
        return

    def listed(names: list[str]) -> str:
        return ", ".join(names[:-1]) + " och " + names[-1]

    roll = rng.random()
    if roll < 0.25:
        orgs = [u.municipality_org(m) for m in places]
        p.text_phrases.append(rng.choice(PLACE_TEMPLATES).format(places=listed([m.name for m in places])))
    elif roll < 0.4 and u.agencies:
        agency = u.agency_by_key.get("arbetsformedlingen", u.agencies[0])
        orgs = [u.office(agency, m) for m in places]
        p.text_phrases.append(f"Arbetsförmedlingarna i {listed([m.name for m in places])} medverkar i rekryteringen.")
    else:
        return
    for org, m in zip(orgs, places):
        if org.key not in seen:
            seen.add(org.key)
            p.phrase_mentions.append(Mention(m.name, org.key, org.kind))


def _municipality_list(u: Universe, rng: random.Random, home: Municipality, national: bool) -> list[Municipality]:
    if national:
        return [] if rng.random() < 0.7 else rng.sample(u.municipalities, min(len(u.municipalities), rng.randint(3, 12)))
    roll = rng.random()
    if roll < 0.6:
        chosen = {home}
    elif roll < 0.85:
        chosen = {home} | {u.nearby(rng, home) for _ in range(rng.randint(1, 4))}
    elif roll < 0.95:
        chosen = set(u.by_county[home.county_code])
    else:
        chosen = set(u.by_region[home.region_key])
    return sorted(chosen, key=lambda m: sv_key(m.name))


def _title(rng: random.Random, home: Municipality, year: str) -> str:
    suffix = rng.choice(TITLE_SUFFIXES).format(place=home.name, year=year)
    return rng.choice(TITLE_WORDS) + suffix


def _unique_number(index: int, seed: int, modulus: int) -> int:
    """A bijection of ``index`` onto ``0..modulus-1`` (7919 is prime, coprime to 10**k)."""
    return (index * 7919 + seed) % modulus


def make_project(u: Universe, index: int) -> tuple[Project, random.Random]:
    """Draw the facts of page ``index`` (pure: depends only on the universe and index)."""
    rng = random.Random(f"{u.seed}:{index}")
    layout = u.layout(rng)
    family_id = u.page_family.get(index)
    family = u.families[family_id] if family_id is not None else None
    national = family is None and rng.random() < 0.03
    if family:
        home = family[0].municipality or u.draw_municipality(rng)
    else:
        home = u.draw_municipality(rng)
    if national:
        owner = u.agencies[min(len(u.agencies) - 1, int(rng.expovariate(1.2)))]
    elif family:
        owner = rng.choice([o for o in family if o.can_own] or family[:1])
        if layout == "esf-2021" and owner.kind == "municipal_unit":
            owner = u.municipality_org(home)
    else:
        owner = _pick_owner(u, rng, home, layout)
    years = {"esf-2007-print": (2008, 2013), "esf-2014-colon": (2015, 2020),
             "esf-2014-intermediate": (2015, 2018), "esf-2021": (2022, 2025)}[layout]  # fmt: skip
    small = layout == "esf-2007-print" and rng.random() < 0.15
    start, end = _dates(rng, years, short=small)
    grant, budget = _amounts(rng, small)
    name, local = _person(rng)
    domain = owner.domain
    email = f"{local}@{domain}"
    if rng.random() < 0.05:
        email = email[0].upper() + email[1:]
    p = Project(
        index=index, layout=layout, home=home, national=national,
        title=_title(rng, home, start[:4]), owner=owner, owner_printed=owner.printed(rng),
        contact_name=name, contact_email=email, contact_phone=_phone(rng),
        grant=grant, budget=budget, start=start, end=end,
        region_key=None if national else home.region_key,
        municipalities=_municipality_list(u, rng, home, national), family=family_id,
    )  # fmt: skip
    if owner.kind == "municipal_unit" and rng.random() < 0.05 and layout == "esf-2007-print":
        # The long form that names its municipality ("Eskilstuna kommun, Arbetsmarknads och familjeförv").
        p.owner_printed = f"{owner.municipality.name} kommun, {owner.label}"
    if layout == "esf-2007-print":
        p.phase = "Förprojektering" if small else "Genomförande"
        p.programme_area = rng.choice(AREAS_2007) if not small else AREAS_2007[1]
        _listed_orgs(u, rng, p, family)
        _transnational(u, rng, p)
    else:
        _text_mentions(u, rng, p, family)
        p.planned_participants = rng.choice((0, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500))
        p.co_financing_rate = rng.choice(("50%", "50%", "50%", "40%", "60%", "100%"))
        p.intervention_type = rng.choice(("102", "103", "104", "105", "109", "111", "117", "134", "136", "138", "150", "152", "153"))  # fmt: skip
    if layout == "esf-2014-colon":
        p.project_number = f"{start[:4]}/{_unique_number(index, u.seed, 10 ** max(5, len(str(u.n_pages)))):05d}"
        area = rng.choice(AREAS_2014)
        p.programme_area, p.specific_objective = area.split(".")[0], area.split(" ")[0]
        if rng.random() < 0.3:
            p.diary_number = f"{start[:4]}/{rng.randint(1000, 9999):05d}"
        if rng.random() < 0.35:
            p.grant = p.budget
    elif layout == "esf-2014-intermediate":
        p.project_number = f"{start[:4]}/{_unique_number(index, u.seed + 1, 10 ** max(5, len(str(u.n_pages)))):05d}"
        p.call_number = f"{int(start[:4]) - 1}/{rng.randint(1, 400):05d}"
        p.programme_area = rng.choice(AREAS_2014)
    elif layout == "esf-2021":
        value = _unique_number(index, u.seed, 4 * 999 * 99)
        year, rest = 22 + value // (999 * 99), value % (999 * 99)
        p.diary_number = f"{year:02d}-{rest // 99 + 1:03d}-S{rest % 99 + 1:02d}"
        p.specific_objective = rng.choice(ESFPLUS_OBJECTIVES)
        p.programme_area = p.specific_objective[0]
        p.org_number = owner.org_number or luhn_complete(str(stable_int(owner.key) % 10**9).zfill(9))
        p.owner_printed = owner.label.upper()
    return p, rng
