"""Everything a corpus draws from: municipalities, organisations, pools, families.

Read from the project's reference tables (``data/reference/*.csv``) and the corpus seed;
never changed afterwards, so pages can be drawn in any order and in worker processes.
"""

from __future__ import annotations

import bisect
import csv
import random
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from .util import Zipf, fold, genitive, luhn_complete, slug, stable_int
from .vocabulary import (
    ASSOCIATION_WORDS,
    COMPANY_HEADS,
    COMPANY_TAILS,
    COUNTRIES,
    COUNTY_LAN,
    COUNTY_REGION,
    FALLBACK_AGENCIES,
    LAST_NAMES,
    LAYOUT_SHARES,
    MUNICIPAL_UNITS,
    SENTENCES,
    STUDY_ASSOCIATIONS,
    STUDY_DOMAINS,
    STUDY_POPULARITY,
    UNIT_POPULARITY,
)

__all__ = ["REPO_ROOT", "Municipality", "Org", "Universe", "load_universe"]

REPO_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Municipality:
    """A municipality from ``municipalities.csv``."""

    code: str
    name: str
    county_code: str
    org_name: str  # the municipal government's name: "Vaggeryds kommun", "Malmö stad"
    domain: str  # its staff's e-mail domain: "vaggeryd.se"

    @property
    def region_key(self) -> str:
        """The ESF region its county belongs to."""
        return COUNTY_REGION.get(self.county_code, "stockholm")


@dataclass
class Org:
    """One organisation as the generator knows it: its expected key and printed forms."""

    key: str  # the canonical key docs/architecture.md gives (org IRI = iris.org_iri(key))
    kind: str  # agency, agency_office, municipality, municipal_unit, region, county_board, ...
    label: str
    spellings: tuple[str, ...]  # printed forms, most common first
    domain: str  # e-mail domain of its staff
    municipality: Municipality | None = None
    org_number: str | None = None
    can_own: bool = True

    def printed(self, rng: random.Random) -> str:
        """One printed form: the usual one on most pages, a variant on the rest."""
        n = len(self.spellings)
        if n == 1:
            return self.spellings[0]
        # Most pages use the first form; the others share the rest.
        return self.spellings[0] if rng.random() < 0.6 else self.spellings[rng.randrange(1, n)]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _column(row: dict[str, str], *names: str) -> str:
    for name in names:
        if row.get(name):
            return row[name]
    return ""


def _split_aliases(text: str) -> tuple[str, ...]:
    for sep in ("|", ";"):
        if sep in text:
            return tuple(a.strip() for a in text.split(sep) if a.strip())
    return (text.strip(),) if text.strip() else ()


class Universe:
    """Everything pages are drawn from: places, organisations, families, text pools.

    Built once per corpus from the seed and the reference tables; reading it never
    changes it, so pages can be generated in any order (and in worker processes).
    """

    def __init__(self, n_pages: int, seed: int, reference_dir: Path):
        self.n_pages = n_pages
        self.seed = seed
        rng = random.Random(f"universe:{seed}")
        self.municipalities = self._load_municipalities(reference_dir)
        self.by_county: dict[str, list[Municipality]] = {}
        for m in self.municipalities:
            self.by_county.setdefault(m.county_code, []).append(m)
        self.by_region: dict[str, list[Municipality]] = {}
        for m in self.municipalities:
            self.by_region.setdefault(m.region_key, []).append(m)
        # Project activity per municipality: a heavy-tailed weight (big towns run more).
        weights = [rng.lognormvariate(0, 1.0) for _ in self.municipalities]
        self.municipality_draw = Zipf(len(weights), weights=weights)
        self.agencies = self._load_agencies(reference_dir)
        self._load_counties(reference_dir)
        self._load_units(reference_dir)
        self._load_known_organisations(reference_dir)
        self._office_cache: dict[tuple[str, str], Org] = {}
        self._build_pools(rng)
        self._build_families(rng)
        self.layouts = list(LAYOUT_SHARES)
        self.layout_weights = list(accumulate(LAYOUT_SHARES.values()))

    # -- reference tables ------------------------------------------------------

    @staticmethod
    def _load_municipalities(reference_dir: Path) -> list[Municipality]:
        path = reference_dir / "municipalities.csv"
        if not path.is_file():
            raise SystemExit(f"generate.py: {path}: not found (the reference table of municipalities is needed)")
        rows = _read_csv(path)
        domains_path = reference_dir / "municipal_domains.csv"
        # Where two names fold to one domain (Håbo, Habo) the table says which is which.
        overrides = {}
        for row in _read_csv(domains_path) if domains_path.is_file() else []:
            overrides[_column(row, "code")] = _column(row, "domain")
        out = []
        for row in rows:
            code = _column(row, "code", "municipality_code", "kommunkod")
            name = _column(row, "name", "municipality", "kommun")
            county = _column(row, "county_code", "lanskod") or code[:2]
            org_name = _column(row, "org_name") or f"{genitive(name)} kommun"
            domain = overrides.get(code) or fold(name).replace(" ", "").replace("-", "") + ".se"
            if len(code) == 4 and code.isdigit() and name:
                out.append(Municipality(code, name, county.zfill(2), org_name, domain))
        if not out:
            raise SystemExit(f"generate.py: {path}: no rows with a four-digit code and a name")
        return sorted(out, key=lambda m: m.code)

    @staticmethod
    def _load_agencies(reference_dir: Path) -> list[Org]:
        path = reference_dir / "agencies.csv"
        found = []
        for row in _read_csv(path) if path.is_file() else []:
            name = _column(row, "label", "name")
            if not name:
                continue
            abbreviations = _split_aliases(_column(row, "abbreviations", "abbreviation"))
            number = "".join(ch for ch in _column(row, "org_number", "organisation_number") if ch.isdigit())
            key = _column(row, "key", "id") or slug(name)
            found.append((name, abbreviations, number or None, fold(name).replace(" ", "") + ".se", key))
        if not found:
            found = [(n, a, o, d, slug(n)) for n, a, o, d in FALLBACK_AGENCIES]
        return [
            Org(key, "agency", name, (name, *abbreviations), domain, None, number)
            for name, abbreviations, number, domain, key in found
        ]

    def _load_counties(self, reference_dir: Path) -> None:
        """Regional governments and county boards, by county code (``counties.csv``)."""
        self.regions: dict[str, Org] = {}
        self.county_boards: dict[str, Org] = {}
        path = reference_dir / "counties.csv"
        rows = {(_column(r, "code", "county_code")).zfill(2): r for r in (_read_csv(path) if path.is_file() else [])}
        for code, lan in sorted(COUNTY_LAN.items()):
            row = rows.get(code, {})
            region = _column(row, "region") or f"Region {lan.removesuffix(' län')}"
            aliases = tuple(a for a in _split_aliases(_column(row, "region_aliases")) if len(a) > 4)
            key = _column(row, "region_key") or f"region-{code}"
            domain = fold(region).replace(" ", "") + ".se"
            self.regions[code] = Org(key, "region", region, (region, *aliases), domain)
            board = _column(row, "county_board") or f"Länsstyrelsen i {lan}"
            short = _column(row, "short") or lan.removesuffix(" län")
            spellings = tuple(dict.fromkeys((board, f"Länsstyrelsen i {lan}", f"Länsstyrelsen {short}")))
            self.county_boards[code] = Org(f"lansstyrelsen-{code}", "county_board", board, spellings, "lansstyrelsen.se")

    def _load_units(self, reference_dir: Path) -> None:
        """Municipal unit names (``municipal_units.csv``), weighted by how often pages use them."""
        path = reference_dir / "municipal_units.csv"
        units = []
        for row in _read_csv(path) if path.is_file() else []:
            key, label = _column(row, "key") or slug(_column(row, "label")), _column(row, "label")
            if not label:
                continue
            abbreviations = _split_aliases(_column(row, "abbreviations"))
            # "AME - Arbetsmarknadsenheten" (seed 000) is the one abbreviated form pages print.
            forms = [label] + [f"{abbr} - {label}" for abbr in abbreviations[:1] if abbr == "AME"]
            units.append((key, label, tuple(forms), UNIT_POPULARITY.get(label, 0.3)))
        if not units:
            units = [(slug(label), label, (label,), weight) for label, weight in MUNICIPAL_UNITS]
        self.units = units
        self.unit_draw = Zipf(len(units), weights=[u[3] for u in units])

    def _load_known_organisations(self, reference_dir: Path) -> None:
        """Study associations and national organisations (``organisations.csv``)."""
        path = reference_dir / "organisations.csv"
        self.study_associations: list[tuple[str, str, str, float]] = []
        self.national_orgs: list[Org] = []
        for row in _read_csv(path) if path.is_file() else []:
            key, label, kind = _column(row, "key"), _column(row, "label"), _column(row, "type")
            if not key or not label:
                continue
            domain = STUDY_DOMAINS.get(key, slug(label).replace("-", "") + ".se")
            if kind == "study_association":
                self.study_associations.append((key, label, domain, STUDY_POPULARITY.get(key, 0.5)))
            else:
                number = "".join(ch for ch in _column(row, "org_number") if ch.isdigit()) or None
                self.national_orgs.append(Org(key, kind or "non_profit", label, (label,), domain, None, number))
        if not self.study_associations:
            self.study_associations = [(slug(n), n, d, w) for n, d, w in STUDY_ASSOCIATIONS]
        self.study_draw = Zipf(len(self.study_associations), weights=[s[3] for s in self.study_associations])

    # -- pools ------------------------------------------------------------------

    def _build_pools(self, rng: random.Random) -> None:
        n = self.n_pages
        self.agency_by_key = {a.key: a for a in self.agencies}
        # Long-tail pools per county; sizes grow with the corpus so that the tail stays long.
        self.companies: dict[str, list[Org]] = {}
        self.associations: dict[str, list[Org]] = {}
        self.folk_high_schools: dict[str, list[Org]] = {}
        self.coordination: dict[str, list[Org]] = {}
        company_count = max(25, int(n * 0.3 / 21))
        association_count = max(15, int(n * 0.12 / 21))
        for county in sorted(self.by_county):
            places = self.by_county[county]
            companies, seen = [], set()
            for _ in range(company_count):
                name = rng.choice(COMPANY_HEADS) + rng.choice(COMPANY_TAILS)
                if rng.random() < 0.15:
                    name += " i " + rng.choice(places).name
                elif rng.random() < 0.1:
                    name = name + " & " + rng.choice(LAST_NAMES)
                if name in seen:
                    continue
                seen.add(name)
                key = f"name/{slug(name)}"
                spellings = (f"{name} AB", name, f"{name.upper()} AB")
                number = luhn_complete("556" + str(stable_int(key) % 10**6).zfill(6))
                home = rng.choice(places)
                domain = slug(name).replace("-", "") + ".se"
                companies.append(Org(key, "company", f"{name} AB", spellings, domain, home, number))
            self.companies[county] = companies
            associations, seen = [], set()
            for _ in range(association_count):
                home = rng.choice(places)
                word = rng.choice(ASSOCIATION_WORDS)
                form = rng.randrange(4)
                name = (f"Föreningen {word}", f"{word} i {home.name}", f"Ideella föreningen {word}",
                        f"{word} {home.name}")[form]  # fmt: skip
                if name in seen:
                    continue
                seen.add(name)
                key = f"name/{slug(name)}"
                number = luhn_complete("802" + str(stable_int(key) % 10**6).zfill(6))
                domain = slug(word).replace("-", "") + slug(home.name).replace("-", "") + ".se"
                associations.append(Org(key, "non_profit", name, (name,), domain, home, number))
            self.associations[county] = associations
            schools = []
            for home in rng.sample(places, min(len(places), rng.randint(2, 5))):
                name = f"{home.name} folkhögskola"
                spellings = (name, f"{genitive(home.name)} folkhögskola", f"Folkhögskolan i {home.name}")
                key = f"name/{slug(name)}"
                number = luhn_complete("817" + str(stable_int(key) % 10**6).zfill(6))
                schools.append(Org(key, "folk_high_school", name, spellings, slug(home.name).replace("-", "") + "fhsk.se", home, number))  # fmt: skip
            self.folk_high_schools[county] = schools
            coordination = []
            for home in rng.sample(places, min(len(places), rng.randint(1, 4))):
                name = f"Samordningsförbundet {home.name}"
                key = f"name/{slug(name)}"
                number = luhn_complete("222" + str(stable_int(key) % 10**6).zfill(6))
                coordination.append(Org(key, "coordination_association", name, (name, f"Samordningsförbundet i {home.name}"), "samordning" + slug(home.name).replace("-", "") + ".se", home, number))  # fmt: skip
            self.coordination[county] = coordination
        self.company_draw = {c: Zipf(len(v), 1.05) for c, v in self.companies.items()}
        self.association_draw = {c: Zipf(len(v), 1.0) for c, v in self.associations.items()}
        self.country_draw = Zipf(len(COUNTRIES), weights=[c[-1] for c in COUNTRIES])
        self.paragraphs = [
            " ".join(rng.sample(SENTENCES, rng.randint(3, 9))) for _ in range(800)
        ]

    def _build_families(self, rng: random.Random) -> None:
        """Recurring partnerships: 3–6 organisations that work together again and again."""
        count = max(3, self.n_pages // 60)
        self.families: list[list[Org]] = []
        for _ in range(count):
            home = self.municipalities[self.municipality_draw.draw(rng)]
            county = home.county_code
            members = [self.municipality_org(home) if rng.random() < 0.5 else self.draw_unit(rng, home)]
            members.append(self.office(self.agency_by_key.get("arbetsformedlingen", self.agencies[0]), home))
            extras = [
                lambda: self.office(self.agency_by_key.get("forsakringskassan", self.agencies[-1]), home),
                lambda: rng.choice(self.coordination[county]),
                lambda: rng.choice(self.folk_high_schools[county]),
                lambda: self.companies[county][self.company_draw[county].draw(rng)],
                lambda: self.associations[county][self.association_draw[county].draw(rng)],
                lambda: self.regions.get(county) or self.county_boards[county],
            ]
            for make in rng.sample(extras, rng.randint(1, 4)):
                org = make()
                if all(org.key != m.key for m in members):
                    members.append(org)
            self.families.append(members)
        # Which pages belong to a family: about 12 % of them, 3–12 projects per family.
        self.page_family: dict[int, int] = {}
        free = list(range(self.n_pages))
        rng.shuffle(free)
        cursor, target = 0, int(self.n_pages * 0.12)
        for family_id in range(count):
            for _ in range(rng.randint(3, 12)):
                if cursor >= len(free) or cursor >= target:
                    break
                self.page_family[free[cursor]] = family_id
                cursor += 1

    # -- organisation makers ----------------------------------------------------

    def municipality_org(self, m: Municipality) -> Org:
        """The municipal government of ``m`` ("Vaggeryds kommun", "Malmö stad")."""
        spellings = (m.org_name, f"{m.name} kommun", f"Kommunen {m.name}", f"{genitive(m.name)} kommun")
        return Org(
            f"kommun-{m.code}", "municipality", m.org_name, tuple(dict.fromkeys(spellings)), m.domain, m,
            luhn_complete("212000" + str(int(m.code) % 1000).zfill(3)),
        )

    def unit(self, m: Municipality, unit: tuple[str, str, tuple[str, ...], float]) -> Org:
        """A unit of municipality ``m``: printed by its generic name ("Socialtjänsten")."""
        key, label, forms, _ = unit
        if key == "larcentrum":  # named after its town: "Kävlinge Lärcentrum"
            forms = (f"{m.name} {label}",)
        return Org(f"kommun-{m.code}/{key}", "municipal_unit", forms[0], forms, m.domain, m)

    def draw_unit(self, rng: random.Random, m: Municipality) -> Org:
        """A unit of ``m``, the common ones (Socialtjänsten) most often."""
        return self.unit(m, self.units[self.unit_draw.draw(rng)])

    def office(self, agency: Org, m: Municipality) -> Org:
        """A local office of ``agency`` in ``m``: "Arbetsförmedlingen i X", "Af X"..."""
        cache_key = (agency.key, m.code)
        org = self._office_cache.get(cache_key)
        if org is None:
            spellings = [f"{agency.label} {m.name}", f"{agency.label} i {m.name}", f"{agency.label}, {m.name}"]
            spellings += [f"{abbr} {m.name}" for abbr in agency.spellings[1:]]
            org = Org(f"{agency.key}/{slug(m.name)}", "agency_office", f"{agency.label} {m.name}",
                      tuple(spellings), agency.domain, m, agency.org_number, can_own=False)  # fmt: skip
            self._office_cache[cache_key] = org
        return org

    def study_association(self, index: int, m: Municipality | None, county_branch: bool = False) -> Org:
        """A study association: national, its branch in ``m`` ("ABF Jönköping") or in m's county
        ("Folkuniversitetet, Jönköpings län")."""
        key, name, domain, _ = self.study_associations[index]
        if m is None:
            return Org(key, "study_association", name, (name,), domain)
        if county_branch:
            lan = COUNTY_LAN.get(m.county_code, "")
            return Org(f"{key}/{slug(lan)}", "study_association", f"{name}, {lan}", (f"{name}, {lan}",), domain, m)
        spellings = (f"{name} {m.name}", f"{name} i {m.name}")
        return Org(f"{key}/{slug(m.name)}", "study_association", f"{name} {m.name}", spellings, domain, m)

    def national_branch(self, rng: random.Random, m: Municipality) -> Org:
        """A national organisation, often its local branch ("DHR Älvsbyn", "Coompanion Jönköping")."""
        org = rng.choice(self.national_orgs)
        if rng.random() < 0.4:
            return org
        return Org(f"{org.key}/{slug(m.name)}", org.kind, f"{org.label} {m.name}", (f"{org.label} {m.name}",), org.domain, m)

    # -- draws ------------------------------------------------------------------

    def draw_municipality(self, rng: random.Random) -> Municipality:
        """A project's home municipality (heavy-tailed: some run many projects)."""
        return self.municipalities[self.municipality_draw.draw(rng)]

    def nearby(self, rng: random.Random, home: Municipality) -> Municipality:
        """A municipality in the same county (most often) or the same ESF region."""
        pool = self.by_county[home.county_code] if rng.random() < 0.8 else self.by_region[home.region_key]
        return rng.choice(pool)

    def long_tail(self, rng: random.Random, home: Municipality) -> Org:
        """A small organisation of ``home``'s county: company, association, school, branch."""
        county = home.county_code
        roll = rng.random()
        if roll < 0.55:
            return self.companies[county][self.company_draw[county].draw(rng)]
        if roll < 0.8:
            return self.associations[county][self.association_draw[county].draw(rng)]
        if roll < 0.87:
            return rng.choice(self.folk_high_schools[county])
        if roll < 0.94 or not self.national_orgs:
            return self.study_association(self.study_draw.draw(rng), self.nearby(rng, home), rng.random() < 0.25)
        return self.national_branch(rng, self.nearby(rng, home))

    def layout(self, rng: random.Random) -> str:
        """A page layout, in the shares of :data:`LAYOUT_SHARES`."""
        return self.layouts[bisect.bisect_right(self.layout_weights, rng.random() * self.layout_weights[-1])]


def load_universe(n_pages: int, seed: int, reference_dir: Path | None = None) -> Universe:
    """Build the :class:`Universe` for a corpus of ``n_pages`` pages.

    Parameters
    ----------
    n_pages : int
        Corpus size (pools and families grow with it).
    seed : int
        The corpus seed.
    reference_dir : path, optional
        Folder of the reference tables (default ``data/reference/``).

    Returns
    -------
    Universe

    Raises
    ------
    SystemExit
        When ``municipalities.csv`` is missing or empty (a one-line message).
    """
    return Universe(n_pages, seed, Path(reference_dir or REPO_ROOT / "data" / "reference"))
