#!/usr/bin/env python3
"""Generate a realistic corpus of ESF project-bank pages, with its ground truth.

``python benchmarks/generate.py N --seed S --out DIR`` writes ``N`` pages across the
layouts the extractor reads, in the proportions the project bank shows, plus
``truth.jsonl`` (what each page says, and what the pipeline should make of it) and
``corpus.json`` (the parameters and counts).

What the pages hold, and why:

* **Layouts** (shares of all pages): the 2007–2013 print layout (~42 %, labels glued to
  values, banners, bullet lists), the 2014–2020 colon layout (~32 %), the intermediate
  2014 layout (~10 %, no colons, ``Utlysning`` first) and ESF+ 2021–2027 (~16 %,
  diary numbers such as ``22-044-S07``, owners in capitals, organisation numbers).
  A share (``--html-share``) is saved as HTML from a browser instead of text.
* **Organisations** come from the project's reference tables (``data/reference/*.csv``,
  read at generation time) with skewed popularity: Arbetsförmedlingen and
  Försäkringskassan in most projects, a Zipf long tail of generated companies,
  associations and folk high schools; spelling variants (``Af``/``AF``/``Arbetsförmedlingen
  i X``; ``Xs kommun``/``X kommun``/``Kommunen X``); generic municipal units whose
  municipality only the owner's e-mail domain tells.
* **Families**: groups of 3–6 organisations that recur across several projects and
  programme periods, so that recurring-partnership analyses have signal.
* **Defects** at ``--defect-share``: missing region, ``Total Kostnader: -2147483648``,
  a budget of ``1.1``, mojibake (``SmÃ¥land``), ``¬`` debris, CRLF, BOM, Windows-1252,
  an empty file, a truncated page.

Deterministic: the same ``N``, seed and shares give byte-identical files. Each page has
its own ``random.Random`` seeded from ``(seed, index)``, so pages can be made in any
order and in worker processes.

Examples
--------
>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> summary = generate(20, seed=1, out_dir=out)
>>> summary["pages"], len(list(out.glob("*.txt"))) + len(list(out.glob("*.html")))
(20, 20)
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import html
import json
import math
import os
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

__all__ = [
    "LAYOUT_SHARES",
    "DEFECTS",
    "GENERATOR_VERSION",
    "Universe",
    "load_universe",
    "make_page",
    "generate",
    "main",
]

#: Bumped whenever the output for a given seed changes (run.py's corpus cache uses it).
GENERATOR_VERSION = "2"

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Shares of the four layouts (the project bank's history: ~40 / 30 / 10 / 15, normalised).
LAYOUT_SHARES: dict[str, float] = {
    "esf-2007-print": 40 / 95,
    "esf-2014-colon": 30 / 95,
    "esf-2014-intermediate": 10 / 95,
    "esf-2021": 15 / 95,
}

#: The record ``format`` each layout gives.
LAYOUT_FORMAT = {
    "esf-2007-print": "esf-2007",
    "esf-2014-colon": "esf-2014",
    "esf-2014-intermediate": "esf-2014",
    "esf-2021": "esf-2021",
}

#: Defect kinds and their relative weights among defective pages, with the extraction
#: statuses a correct extractor may give such a page.
DEFECTS: dict[str, tuple[float, tuple[str, ...]]] = {
    "missing_region": (2.0, ("ok", "warnings")),
    "total_kostnader": (1.5, ("ok", "warnings")),  # near-miss label, broken value
    "budget_1_1": (1.5, ("warnings",)),
    "mojibake": (1.5, ("warnings",)),
    "soft_hyphen": (1.5, ("ok", "warnings")),
    "crlf": (2.0, ("ok",)),
    "bom": (1.5, ("ok",)),
    "cp1252": (1.5, ("ok", "warnings")),
    "empty": (0.5, ("rejected",)),
    "truncated": (0.8, ("rejected", "warnings")),
}

# --------------------------------------------------------------------------- places

#: The ESF regions (2007–2020 and ESF+), by county code; NUTS 2 codes for ESF+.
ESF_REGIONS: dict[str, tuple[str, str, str]] = {
    # key: (2007 print spelling, 2014 spelling, NUTS2)
    "ovre-norrland": ("Övre Norrland", "Övre Norrland", "SE33"),
    "mellersta-norrland": ("Mellersta Norrland", "Mellersta Norrland", "SE32"),
    "norra-mellansverige": ("Norra Mellansverige", "Norra Mellansverige", "SE31"),
    "ostra-mellansverige": ("Östra Mellansverige", "Östra Mellansverige", "SE12"),
    "stockholm": ("Stockholm", "Stockholm", "SE11"),
    "vastsverige": ("Västsverige", "Västsverige", "SE23"),
    "smaland-och-oarna": ("Småland och Öarna", "Småland & Öarna", "SE21"),
    "sydsverige": ("Sydsverige", "Sydsverige", "SE22"),
}
COUNTY_REGION = {
    "25": "ovre-norrland", "24": "ovre-norrland",
    "23": "mellersta-norrland", "22": "mellersta-norrland",
    "17": "norra-mellansverige", "20": "norra-mellansverige", "21": "norra-mellansverige",
    "03": "ostra-mellansverige", "04": "ostra-mellansverige", "05": "ostra-mellansverige",
    "18": "ostra-mellansverige", "19": "ostra-mellansverige",
    "01": "stockholm",
    "13": "vastsverige", "14": "vastsverige",
    "06": "smaland-och-oarna", "07": "smaland-och-oarna", "08": "smaland-och-oarna",
    "09": "smaland-och-oarna",
    "10": "sydsverige", "12": "sydsverige",
}  # fmt: skip
COUNTY_LAN = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län",
    "05": "Östergötlands län", "06": "Jönköpings län", "07": "Kronobergs län",
    "08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län", "12": "Skåne län",
    "13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
    "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
    "24": "Västerbottens län", "25": "Norrbottens län",
}  # fmt: skip

# --------------------------------------------------------------------------- words

FIRST_NAMES = (
    "Anna Maria Eva Karin Sara Lena Kristina Elisabeth Emma Ingrid Malin Johanna Linda "
    "Magdalena Helena Camilla Sofia Ulrika Annika Marie Petra Jenny Susanne Åsa Therese "
    "Lars Mikael Anders Johan Per Erik Karl Peter Thomas Jan Daniel Fredrik Stefan "
    "Hans Bengt Mats Magnus Andreas Jonas Niklas Christer Michael Göran Björn Ola Håkan "
    "Ahmed Fatima Ali Mohammed Leila Amir Nadia Yusuf Mirja Aino Juha Pekka"
).split()
LAST_NAMES = (
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
    "Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson "
    "Magnusson Olofsson Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg "
    "Lundgren Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin "
    "Engström Eklund Danielsson Håkansson Lundin Björk Bergman Gunnarsson Holm Samuelsson "
    "Fransson Wikström Isaksson Ladebäck Anderberg Lallukka Fjellner Stenberg Nyström "
    "Öberg Åberg Mäkinen Hassan Ali Yilmaz Nordin Strand Falk"
).split()
COMPANY_HEADS = (
    "Nord Syd Väst Öst Jobb Kompetens Framtid Steg Bro Lärande Ex Pro Miljö Vård Bygg "
    "Data Ljus Berg Skog Sjö Fjäll Äng Kraft Väg Mötes Idé Arbets Utvecklings Karriär "
    "Start Nyckel Fokus Balans Dialog Flex Team Human Puls Vision Insikt Kunskaps Bas "
    "Lots Brygg Horisont Resurs Plattform Tillväxt"
).split()
COMPANY_TAILS = (
    "centrum huset partner gruppen kraft konsult utveckling service link nätet verkstaden "
    "kompaniet akademin coaching bolaget fabriken rådgivning forum kompetens byrån lab "
    "arena porten vägen"
).split()
ASSOCIATION_WORDS = (
    "Vägen Ut|Bryggan|Gemenskapen|Hoppet|Medmänniskan|Nya Steg|Framsteget|Kvinnojouren|"
    "Fontänhuset|Kamratstödet|Verdandi|Unga Vuxna|Invandrarföreningen|Idrottsalliansen|"
    "Kulturhuset|Hembygdsföreningen|Pensionärsföreningen|Företagarföreningen|Byalaget|"
    "Grannsamverkan|Ungdomens Hus|Mötesplatsen|Stödcentrum|Återbruket|Naturskyddsgruppen"
).split("|")
#: How often pages name each municipal unit (labels of data/reference/municipal_units.csv).
UNIT_POPULARITY = {
    "Socialtjänsten": 6.0, "Socialförvaltningen": 4.0, "Arbetsmarknadsavdelningen": 3.0,
    "Arbetsmarknadsenheten": 4.0, "Kommunledningskontoret": 1.5, "Vuxenutbildningen": 2.0,
    "Barn- och utbildningsförvaltningen": 1.0, "Individ- och familjeomsorgen": 1.0,
    "Gymnasieskolan": 1.0, "Näringslivskontoret": 0.8, "Integrationsenheten": 1.0,
    "Försörjningsstöd": 0.6, "Lärcentrum": 0.8, "Arbetsmarknads- och familjeförvaltningen": 0.5,
    "Jobbcentrum": 0.6, "Flyktingmottagningen": 0.5, "Daglig verksamhet": 0.4,
}  # fmt: skip
# Used only when data/reference/ has no unit table.
MUNICIPAL_UNITS = tuple(UNIT_POPULARITY.items())
#: Study associations: popularity and e-mail domains, by key of data/reference/organisations.csv.
STUDY_POPULARITY = {"folkuniversitetet": 4.0, "abf": 4.0, "studieforbundet-vuxenskolan": 3.0,
                    "studieframjandet": 1.5, "medborgarskolan": 1.5, "sensus": 1.0, "bilda": 1.0, "nbv": 0.7}  # fmt: skip
STUDY_DOMAINS = {"folkuniversitetet": "folkuniversitetet.se", "abf": "abf.se", "studieforbundet-vuxenskolan": "sv.se",
                 "sensus": "sensus.se", "bilda": "bilda.nu", "nbv": "nbv.se"}  # fmt: skip
STUDY_ASSOCIATIONS = (
    ("Folkuniversitetet", "folkuniversitetet.se", 4.0),
    ("ABF", "abf.se", 4.0),
    ("Studieförbundet Vuxenskolan", "sv.se", 3.0),
)
# Used only when data/reference/ has no agency table yet.
FALLBACK_AGENCIES = (
    ("Arbetsförmedlingen", ("Af", "AF"), "2021005646", "arbetsformedlingen.se"),
    ("Försäkringskassan", ("FK",), "2021005521", "forsakringskassan.se"),
    ("Migrationsverket", (), "2021001595", "migrationsverket.se"),
    ("Kriminalvården", (), "2021002825", "kriminalvarden.se"),
    ("Skolverket", (), "2021005729", "skolverket.se"),
    ("Socialstyrelsen", (), "2021000118", "socialstyrelsen.se"),
)
#: How often an agency appears among a project's co-financiers or partners.
AGENCY_RATES = {
    "arbetsformedlingen": 0.78,
    "forsakringskassan": 0.5,
    "migrationsverket": 0.06,
    "kriminalvarden": 0.04,
    "skolverket": 0.02,
    "socialstyrelsen": 0.02,
}
COUNTRIES = (
    # (Swedish name, upper-case heading form, ISO, org templates, cities, weight)
    ("Italien", "ITALIEN", "IT", ("Cooperativa Sociale {w}", "Consorzio {w}", "Associazione {w}"),
     ("Florens", "Bologna", "Turin", "Milano", "Neapel"), 3.0),
    ("Tyskland", "TYSKLAND", "DE", ("{w} Bildungswerk e.V.", "Jobcenter {c}", "{w} gGmbH"),
     ("Berlin", "Hamburg", "München", "Leipzig", "Köln"), 4.0),
    ("England", "ENGLAND", "GB", ("{w} Trust", "{w} Community Foundation"),
     ("London", "Manchester", "Leeds", "Bristol"), 2.0),
    ("Spanien", "SPANIEN", "ES", ("Fundación {w}", "Asociación {w}"),
     ("Madrid", "Barcelona", "Sevilla", "Valencia"), 2.5),
    ("Finland", "FINLAND", "FI", ("{w} ry", "{w} Oy"),
     ("Helsingfors", "Åbo", "Tammerfors", "Uleåborg"), 3.0),
    ("Polen", "POLEN", "PL", ("Fundacja {w}", "Stowarzyszenie {w}"),
     ("Krakow", "Gdansk", "Warszawa", "Lodz"), 2.0),
    ("Nederländerna", "NEDERLÄNDERNA", "NL", ("Stichting {w}",),
     ("Amsterdam", "Rotterdam", "Utrecht"), 1.5),
    ("Frankrike", "FRANKRIKE", "FR", ("Association {w}",), ("Paris", "Lyon", "Lille"), 1.0),
    ("Irland", "IRLAND", "IE", ("{w} Partnership",), ("Dublin", "Cork"), 1.0),
    ("Danmark", "DANMARK", "DK", ("Jobcenter {c}", "{w} ApS"), ("Köpenhamn", "Århus", "Odense"), 1.5),
    ("Estland", "ESTLAND", "EE", ("MTÜ {w}",), ("Tallinn", "Tartu"), 0.7),
    ("Österrike", "ÖSTERRIKE", "AT", ("Verein {w}",), ("Wien", "Graz"), 0.8),
    ("Belgien", "BELGIEN", "BE", ("{w} vzw",), ("Bryssel", "Antwerpen", "Gent"), 0.8),
    ("Portugal", "PORTUGAL", "PT", ("Associação {w}",), ("Lissabon", "Porto"), 0.6),
)  # fmt: skip
FOREIGN_WORDS = (
    "Il Ponte|Nuova Vita|Horizon|Bridge|Nova|Aurora|Phoenix|Futura|Insieme|Arcobaleno|"
    "Gateway|Pathways|Compass|Lighthouse|Sol|Esperanza|Nordlicht|Zukunft|Brücke|Impuls|"
    "Kompas|Nadzieja|Toivo|Silta|Avenir|Tremplin"
).split("|")
TITLE_WORDS = (
    "Trappsteget|Jobbtrappan|INTRO|JOBBINVEST-ering|Vägen vidare|Steg för steg|Nya möjligheter|"
    "Kompetenslyftet|Unga in|Framtidsverkstaden|Bron till arbete|Jobbsprånget|Mötesplats jobb|"
    "Integration i arbete|Kraftsamling|Språngbrädan|Nästa steg|Arbetslinjen|Tillsammans|"
    "Lärande i arbete|Hälsa och arbete|Yrkesvägen|Startpunkten|Kompassen|Navet|Brobygget|"
    "Rätt kompetens|Fler i jobb|Växtkraft|Mentorskap|Inkludera|Plattformen|Lotsen|Ankaret|"
    "Drivkraft|Validering nu|Första jobbet|Resursen|Fokus framtid|Ny start|Hela vägen"
).split("|")
TITLE_SUFFIXES = ("", "", "", " 2.0", " II", " – fas 2", " plus", " i {place}", " {place}", " för unga",
                  " för nyanlända", " – en väg till arbete", " {year}")  # fmt: skip
SENTENCES = (
    "Målgruppen för projektet är ungdomar i åldern 16-24 år som har svårt att få tillträde till arbetsmarknaden.",
    "Projektet riktar sig till kvinnor och män som står långt ifrån arbetsmarknaden.",
    "Syftet med projektet är att skapa en samsyn hos samverkande organisationer kring målgruppen.",
    "Arbetsmarknaden i regionen har haft en positiv utveckling under de senaste åren.",
    "Trots det riskerar en växande grupp att hamna i ett långvarigt utanförskap.",
    "Lång arbetslöshet, ohälsa och bristande nätverk är faktorer som leder till marginalisering.",
    "Deltagarna erbjuds individuellt stöd i form av coachning, kartläggning och arbetsträning.",
    "Projektet kommer att arbeta med en modell där arbetsgivare rekryteras och bjuds in att delta.",
    "Utvärdering av projektet sker löpande genom enkäter till deltagare och samverkansparter.",
    "En styrgrupp med representanter för de samverkande parterna följer arbetet.",
    "Genom samverkan kan resurserna användas mer effektivt.",
    "Erfarenheter från tidigare projekt visar att tidiga insatser ger bäst resultat.",
    "Projektet ska ha ett tydligt jämställdhetsperspektiv i alla delar.",
    "Lokalerna är anpassade för personer med funktionsnedsättning.",
    "Minst 50 % av deltagarna ska ha påbörjat arbete eller studier vid projektets slut.",
    "Deltagarna ska uppleva att de har kommit närmare arbetsmarknaden.",
    "Kompetensutveckling av personalen är en viktig del av projektet.",
    "Metoderna ska implementeras i ordinarie verksamhet efter projekttiden.",
    "Projektet bygger på ett salutogent och lösningsfokuserat förhållningssätt.",
    "Näringslivet i regionen efterfrågar arbetskraft med yrkeskompetens.",
    "Validering av tidigare kunskaper ger deltagarna en snabbare väg till arbete.",
    "Språkstöd kombineras med praktik på en arbetsplats.",
    "Projektet samverkar med lokala företag kring praktikplatser och handledning.",
    "Resultaten sprids genom seminarier, nyhetsbrev och en slutkonferens.",
    "En extern utvärderare följer projektet och återkopplar till styrgruppen.",
    "Deltagandet omfattar sex till tolv månader per individ.",
    "Insatserna ska anpassas efter varje deltagares förutsättningar och behov.",
    "Målet är att utveckla en hållbar modell för samverkan på lokal nivå.",
    "Kartläggningen ligger till grund för en individuell handlingsplan.",
    "Projektet ska motverka diskriminering och främja lika möjligheter.",
    "Tillgängligheten säkerställs genom anpassade lokaler och material.",
    "Jämställdhetsintegrering sker genom att statistik redovisas uppdelad på kön.",
    "Projektledningen ansvarar för att resultaten dokumenteras och sprids.",
    "Den psykosociala hälsan hos deltagarna ska förbättras under projekttiden.",
    "Insatserna kombinerar studier, praktik och hälsofrämjande aktiviteter.",
    "Projektet är ett komplement till de ordinarie insatserna hos myndigheterna.",
    "Unga kvinnor är en grupp som är särskilt utsatt.",
    "Arbetsgivare får stöd i att ta emot och handleda deltagare.",
    "Nyanlända ges möjlighet att kombinera svenska för invandrare med arbetsträning.",
    "Projektet arbetar med att bryta könsbundna studie- och yrkesval.",
)
MENTION_TEMPLATES = (
    "Projektet genomförs i samverkan med {orgs}.",
    "Samverkan sker med flera relevanta parter såsom {orgs}.",
    "Arbetet bedrivs tillsammans med {orgs} samt lokala arbetsgivare.",
    "I styrgruppen ingår representanter för {orgs}.",
)
BANNERS_2007 = (
    "Logotyp på utskrifter",
    "Stäng",
    "{day} {month} - Webbinarium om {topic}",
    "Mer information och anmälan.",
)
WEBINAR_TOPICS = ("fattigdom i dagens Sverige", "social innovation", "unga som varken arbetar eller studerar",
                  "jämställdhet i projekt", "ESF+ och den nya programperioden")  # fmt: skip
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")  # fmt: skip
COOKIE_BANNER = (
    "Vi använder kakor (cookies) för att webbplatsen ska fungera på ett bra sätt för dig. "
    "Genom att klicka vidare godkänner du att vi använder kakor.",
    "Jag förstår",
)
SECTIONS_2007 = (
    "Sammanfattning",
    "Bakgrund",
    "Syfte",
    "Målsättning",
    "Tillgänglighet för personer med funktionsnedsättning",
    "Jämställdhetsintegrering",
)
AREAS_2007 = ("Programområde 1 Kompetensutveckling för sysselsatta", "Programområde 2 Ökat arbetskraftsutbud")
AREAS_2014 = ("1.1 Kompetensförsörjning", "1.2 Kompetensförsörjning", "2.1 Ökade övergångar till arbete",
              "2.2 Ökade övergångar till arbete", "2.3 Ökade övergångar till arbete",
              "3.1 Sysselsättningsinitiativet för unga")  # fmt: skip
ESFPLUS_OBJECTIVES = ("A1A", "A2A", "A2D", "A3G", "B1D", "B2H", "B3K", "C1H", "C2L", "D1A", "E1M")


# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Return ``text`` lower-cased with accents dropped (``Väst Öst`` -> ``vast ost``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """The same slug as ``esfgraph.iris.slug`` (kept here so the generator stands alone)."""
    out, dash = [], False
    for ch in fold(text):
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "x"


_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y", "æ": "|", "ø": "}"})


def sv_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z (as the project bank sorts lists)."""
    return text.casefold().translate(_SV_ORDER)


def genitive(name: str) -> str:
    """``Vaggeryd`` -> ``Vaggeryds``; names ending in s, x, z or a vowel take no s."""
    return name if name[-1].lower() in "sxzaeiouyåäö" else name + "s"


def luhn_complete(nine: str) -> str:
    """Append the Luhn check digit to a nine-digit organisation number stem."""
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return nine + str((10 - total % 10) % 10)


def stable_int(*parts: str) -> int:
    """A stable non-negative integer from strings (not Python's randomised ``hash``)."""
    return int.from_bytes(hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest(), "big")


class Zipf:
    """Draw indices ``0..n-1`` with weight ``1 / (rank + 1) ** s`` (rank 0 most popular)."""

    __slots__ = ("cumulative", "total")

    def __init__(self, n: int, s: float = 1.1, weights: Sequence[float] | None = None):
        weights = weights if weights is not None else [1.0 / (r + 1) ** s for r in range(n)]
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1] if self.cumulative else 0.0

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_right(self.cumulative, rng.random() * self.total)


def weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights)[0]


def sek(amount: int, sep: str = " ") -> str:
    """``3574500`` -> ``3 574 500`` with ``sep`` between thousands."""
    return f"{amount:,}".replace(",", sep)


# --------------------------------------------------------------------------- organisations


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    org_name: str  # the municipal government's name: "Vaggeryds kommun", "Malmö stad"
    domain: str  # its staff's e-mail domain: "vaggeryd.se"

    @property
    def region_key(self) -> str:
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
        return self.municipalities[self.municipality_draw.draw(rng)]

    def nearby(self, rng: random.Random, home: Municipality) -> Municipality:
        """A municipality in the same county (most often) or the same ESF region."""
        pool = self.by_county[home.county_code] if rng.random() < 0.8 else self.by_region[home.region_key]
        return rng.choice(pool)

    def long_tail(self, rng: random.Random, home: Municipality) -> Org:
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


# --------------------------------------------------------------------------- projects


@dataclass
class Mention:
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
        body = (
            f"Samarbete med organisationen {name} i {city}, {sv_name}. Samarbetet syftar till att hämta "
            "kunskap och erfarenhet om metoder för att nå målgruppen, genom studiebesök och gemensamma "
            "seminarier för deltagare, praktiker och beslutsfattare."
        )
        paragraphs.append(f"{upper}, TN-aktivitet {number}:\n{body}" if headed else body)
    p.transnational_text = "\n\n".join(paragraphs)


def _text_mentions(u: Universe, rng: random.Random, p: Project, family: list[Org] | None) -> None:
    """Organisations named in running text (the newer layouts print no lists)."""
    orgs: list[Org] = []
    for agency in u.agencies[:2]:
        if rng.random() < 0.5:
            orgs.append(agency)
    if family:
        orgs.extend(o for o in family if o.key != p.owner.key and o.kind in ("agency_office", "municipality", "region"))
    elif rng.random() < 0.3:
        orgs.append(u.municipality_org(p.home))
    seen, unique = set(), []
    for org in orgs:
        if org.key not in seen:
            seen.add(org.key)
            unique.append(org)
    p.text_mentions = [Mention(o.label if o.kind != "agency_office" else o.spellings[0], o.key, o.kind) for o in unique]


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


# --------------------------------------------------------------------------- layouts
#
# A page is a list of blocks; the same blocks print as text or as HTML, so the two
# formats of one page say exactly the same thing.
#   ("line", text)            a line of its own (banner, title, "In English")
#   ("glued", label, value)   2007 print: label and value on one line, no separator
#   ("pair", label, value)    newer layouts: the label on one line, its value on the next
#   ("heading", text)         a section heading
#   ("para", text)            a paragraph (may hold single newlines)
#   ("bullets", items, pre)   a bullet list, each item as "<pre>• item"
#   ("blank",)                an empty line

Block = tuple


def _paragraphs(u: Universe, rng: random.Random, low: int, high: int) -> list[Block]:
    return [("para", u.paragraphs[rng.randrange(len(u.paragraphs))]) for _ in range(rng.randint(low, high))]


def _section(u: Universe, rng: random.Random, heading: str, low: int = 1, high: int = 3) -> list[Block]:
    blocks: list[Block] = [("heading", heading), ("blank",)]
    if rng.random() < 0.04:  # a heading that repeats (seed 003: "Sammanfattning" twice)
        blocks += [("heading", heading), ("blank",)]
    for para in _paragraphs(u, rng, low, high):
        blocks += [para, ("blank",)]
    return blocks


def _mention_sentence(p: Project, rng: random.Random) -> Block | None:
    names = [m.printed for m in p.text_mentions]
    if not names:
        return None
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    return ("para", rng.choice(MENTION_TEMPLATES).format(orgs=joined))


def blocks_2007(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    blocks: list[Block] = []
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    for banner in BANNERS_2007:
        if rng.random() < 0.7:
            blocks += [("line", banner.format(day=day, month=month, topic=rng.choice(WEBINAR_TOPICS))), ("blank",)]
    blocks += [("line", p.title), ("blank",)]
    if rng.random() < 0.03:
        p.contact_name = p.contact_name[0].lower() + p.contact_name[1:]  # "Kontaktpersonstefan Johansson"
    if rng.random() < 0.1:
        p.omitted.add("contact_phone")
    grant = f"{sek(p.grant, chr(0xA0))} kr"
    budget = f"{sek(p.budget, chr(0xA0))} kr"
    fields = [
        ("Programområde", p.programme_area),
        ("Projektfas", p.phase),
        ("Projektägare", p.owner_printed),
        ("Kontaktperson", p.contact_name),
        ("E-post", p.contact_email),
        ("Telefonnummer", None if "contact_phone" in p.omitted else p.contact_phone),
        ("Beviljat ESF-stöd", grant),
        ("Total projektbudget", budget),
        ("Projektperiod", f"{p.start} till {p.end}"),
        ("Region", None if defect == "missing_region" else ESF_REGIONS[p.region_key][0] if p.region_key else "Nationellt"),
    ]
    for label, value in fields:
        if value is not None:
            blocks.append(("glued", label + (" " if rng.random() < 0.04 else ""), value))
    blocks += [("line", "In English"), ("blank",)]
    # Section lengths chosen so that pages average ~11 kB, like the seed pages (14-23 kB).
    blocks += _section(u, rng, "Sammanfattning", 1, 6)
    blocks += _section(u, rng, "Bakgrund", 2, 10)
    blocks += _section(u, rng, "Syfte", 1, 5)
    blocks += _section(u, rng, "Målsättning", 1, 6)
    blocks += _section(u, rng, "Tillgänglighet för personer med funktionsnedsättning", 1, 3)
    blocks += _section(u, rng, "Jämställdhetsintegrering", 1, 4)
    if rng.random() < 0.2:
        blocks += _section(u, rng, "Regionala prioriteringar", 1, 1)
    if p.transnational:
        blocks += [("heading", "Transnationellt samarbete"), ("blank",)]
        for part in p.transnational_text.split("\n\n"):
            blocks += [("para", part), ("blank",)]
    prefix = rng.choice((" ", " ", "  ", "\u00a0"))
    for heading, items in (
        ("Medfinansiärer", [m.printed for m in p.co_financiers]),
        ("Samarbetspartners", [m.printed for m in p.partners]),
        ("Kommun", [m.name for m in p.municipalities]),
    ):
        if items:
            blocks += [("heading", heading), ("blank",), ("bullets", items, prefix), ("blank",)]
    if rng.random() < 0.5:
        blocks.append(("heading", "Relaterade dokument"))
    while blocks and blocks[-1] == ("blank",):
        blocks.pop()
    return blocks


def _header_pairs(p: Project, rng: random.Random, defect: str | None, budget_sep: str = " ") -> list[tuple[str, str | None]]:
    region = None if defect == "missing_region" else ESF_REGIONS[p.region_key][1] if p.region_key else "Nationellt"
    budget: str | None = sek(p.budget, budget_sep)
    if defect == "budget_1_1":
        budget = "1.1"
    pairs: list[tuple[str, str | None]] = [
        ("Projektägare", p.owner_printed),
        ("Namn" if rng.random() < 0.85 else "Name", p.title),
        ("Region", region),
        ("Planerat antal deltagare", str(p.planned_participants)),
        ("Projektperiod", f"{p.start} - {p.end}"),
        ("Total projektbudget", budget),
        ("Beviljat ESF-stöd", sek(p.grant, budget_sep)),
        ("Kontaktperson", p.contact_name),
        ("E-post", p.contact_email),
    ]
    if defect == "total_kostnader":
        pairs[5] = ("Total Kostnader", "-2147483648")
    if region is None and rng.random() < 0.5:
        pairs = [pair for pair in pairs if pair[0] != "Region"]
    return pairs


def blocks_2014(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    blocks: list[Block] = []
    if rng.random() < 0.2:
        blocks += [("line", COOKIE_BANNER[0]), ("line", COOKIE_BANNER[1]), ("blank",)]
    blocks += [("line", f"{p.project_number} - {p.title}"), ("blank",)]
    pairs = [("Projektnummer", p.project_number)]
    if p.diary_number:
        pairs.append(("Diarienummer", p.diary_number))
    header = _header_pairs(p, rng, defect)
    if rng.random() < 0.25:  # field order varies: swap two neighbours
        i = rng.randrange(len(header) - 1)
        header[i], header[i + 1] = header[i + 1], header[i]
    pairs += header
    pairs += [
        ("Stödmottagare postnr", f"{rng.randint(100, 989)}{rng.randint(10, 99)}"),
        ("Stödmottagarens address", None if rng.random() < 0.6 else f"{rng.choice(('Storgatan', 'Kyrkogatan', 'Järnvägsgatan', 'Box'))} {rng.randint(1, 120)}"),
        ("Programområde", p.programme_area),
        ("Specifikt mål", p.specific_objective),
        ("Unionens medfinansieringsgrad", p.co_financing_rate),
        ("Interventionstyp", p.intervention_type),
    ]  # fmt: skip
    for label, value in pairs:
        blocks.append(("pair", label + ":", value))
    blocks.append(("blank",))
    paras = _paragraphs(u, rng, 3, 16)
    sentence = _mention_sentence(p, rng)
    if sentence:
        paras.insert(rng.randrange(len(paras) + 1), sentence)
    for para in paras:
        blocks += [para, ("blank",)]
    if rng.random() < 0.3:
        items = [rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))]
        blocks += [("bullets", items, ""), ("blank",)]
    while blocks and blocks[-1] == ("blank",):
        blocks.pop()
    return blocks


def blocks_intermediate(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    blocks: list[Block] = [("line", p.title), ("blank",)]
    region = None if defect == "missing_region" else ESF_REGIONS[p.region_key][1] if p.region_key else "Nationellt"
    budget = "1.1" if defect == "budget_1_1" else sek(p.budget)
    pairs = [
        ("Utlysning", p.call_number),
        ("Projektnummer", p.project_number),
        ("Projektägare", p.owner_printed),
        ("Region", region),
        ("Projektperiod", f"{p.start}-{p.end}"),
        ("Programområde", p.programme_area),
        ("Beviljat ESF-stöd", sek(p.grant)),
        ("Total projektbudget", budget),
        ("Kontaktperson", p.contact_name),
        ("E-post", p.contact_email),
    ]
    if defect == "total_kostnader":
        pairs[7] = ("Total Kostnader", "-2147483648")
    for label, value in pairs:
        if value is None and label == "Region" and rng.random() < 0.5:
            continue
        blocks.append(("pair", label, value))
    blocks.append(("blank",))
    paras = _paragraphs(u, rng, 3, 14)
    sentence = _mention_sentence(p, rng)
    if sentence:
        paras.insert(rng.randrange(len(paras) + 1), sentence)
    for para in paras:
        blocks += [para, ("blank",)]
    blocks.pop()
    return blocks


def blocks_esfplus(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    blocks: list[Block] = []
    if rng.random() < 0.2:
        blocks += [("line", COOKIE_BANNER[0]), ("line", COOKIE_BANNER[1]), ("blank",)]
    blocks += [("line", f"{p.diary_number} - {p.title}"), ("blank",)]
    number = p.org_number
    printed_number = number if rng.random() < 0.5 else f"{number[:6]}-{number[6:]}"
    region = None if defect == "missing_region" else ESF_REGIONS[p.region_key][1] if p.region_key else "Nationellt"
    pairs: list[tuple[str, str | None]] = [
        ("Diarienummer", p.diary_number),
        ("Namn", p.title),
        ("Projektägare", p.owner_printed),
        ("Projektägare organisationsnummer" if rng.random() < 0.7 else "Projektägare org.nr.", printed_number),
        ("Fond", "ESF+"),
        ("Programperiod", "2021-2027"),
        ("Startdatum", p.start),
        ("Slutdatum", p.end),
        ("Region", region),
        ("Programområde", p.programme_area),
        ("Specifikt mål", p.specific_objective),
    ]
    if rng.random() < 0.4:
        pairs.append(("NUTS2", ESF_REGIONS[p.region_key][2] if p.region_key else None))
    if rng.random() < 0.85:
        pairs.append(("Beviljat ESF-stöd", sek(p.grant)))
    else:
        p.omitted.add("esf_grant_sek")
    if rng.random() < 0.8 or defect == "budget_1_1":
        pairs.append(("Total projektbudget", "1.1" if defect == "budget_1_1" else sek(p.budget)))
    else:
        p.omitted.add("total_budget_sek")
    if defect == "total_kostnader":
        pairs = [pair for pair in pairs if pair[0] != "Total projektbudget"] + [("Total Kostnader", "-2147483648")]
    if rng.random() < 0.75:
        pairs += [("Kontaktperson", p.contact_name), ("E-post", p.contact_email)]
    else:
        p.omitted.update(("contact_name", "contact_email"))
    pairs += [
        ("Planerat antal deltagare", str(p.planned_participants)),
        ("Unionens medfinansieringsgrad", p.co_financing_rate),
        ("Interventionstyp", p.intervention_type),
    ]
    for label, value in pairs:
        if value is None and label in ("Region", "NUTS2") and rng.random() < 0.5:
            continue
        blocks.append(("pair", label + ":", value))
    blocks.append(("blank",))
    paras = _paragraphs(u, rng, 3, 14)
    sentence = _mention_sentence(p, rng)
    if sentence:
        paras.insert(rng.randrange(len(paras) + 1), sentence)
    for para in paras:
        blocks += [para, ("blank",)]
    blocks.pop()
    return blocks


LAYOUT_WRITERS: dict[str, Callable[[Universe, Project, random.Random, str | None], list[Block]]] = {
    "esf-2007-print": blocks_2007,
    "esf-2014-colon": blocks_2014,
    "esf-2014-intermediate": blocks_intermediate,
    "esf-2021": blocks_esfplus,
}


def render_text(blocks: Iterable[Block]) -> str:
    """Print blocks as the project bank's text pages look (no final newline, like the seeds)."""
    lines: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("line", "heading", "para"):
            lines.append(block[1])
        elif kind == "glued":
            lines.append(block[1] + block[2])
        elif kind == "pair":
            lines.append(block[1])
            if block[2] is not None:
                lines.append(block[2])
        elif kind == "bullets":
            lines.extend(f"{block[2]}• {item}" for item in block[1])
        else:
            lines.append("")
    return "\n".join(lines)


_HTML_HEAD = (
    '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<title>{title} | Svenska ESF-rådet</title>\n'
    '<link rel="stylesheet" href="/static/css/main.css">\n<style>.project-facts span.label{{font-weight:bold}}</style>\n'
    '<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>\n'
    "</head>\n<body>\n"
    '<nav class="site-nav" aria-label="Huvudmeny"><ul><li><a href="/">Startsida</a></li>'
    '<li><a href="/projektbanken/">Projektbanken</a></li><li><a href="/om-oss/">Om oss</a></li></ul></nav>\n'
)
_HTML_FOOT = (
    '<footer class="site-footer"><p>Svenska ESF-rådet · Box 471 · 101 29 Stockholm</p>'
    '<p><a href="/om-webbplatsen/kakor/">Om kakor</a></p></footer>\n'
    '<script src="/static/js/main.js"></script>\n</body>\n</html>\n'
)


def render_html(blocks: Sequence[Block], title: str) -> str:
    """Print blocks as the same page saved from a browser: block structure, nav, scripts."""
    e = html.escape
    out = [_HTML_HEAD.format(title=e(title, quote=False)), '<main id="content">\n']
    in_facts = False
    title_done = False
    for block in blocks:
        kind = block[0]
        is_fact = kind in ("glued", "pair")
        if is_fact and not in_facts:
            out.append('<div class="project-facts">\n')
            in_facts = True
        elif not is_fact and in_facts and kind != "blank":
            out.append("</div>\n")
            in_facts = False
        if kind == "line":
            if not title_done and (block[1] == title or block[1].endswith(" - " + title)):
                out.append(f"<h1>{e(block[1], quote=False)}</h1>\n")
                title_done = True
            else:
                out.append(f'<div class="notice">{e(block[1], quote=False)}</div>\n')
        elif kind == "heading":
            out.append(f"<h2>{e(block[1], quote=False)}</h2>\n")
        elif kind == "para":
            out.append("<p>" + "<br>\n".join(e(line, quote=False) for line in block[1].split("\n")) + "</p>\n")
        elif kind == "glued":
            out.append(f'<div class="fact"><span class="label">{e(block[1], quote=False)}</span>'
                       f'<span class="value">{e(block[2], quote=False)}</span></div>\n')  # fmt: skip
        elif kind == "pair":
            value = "" if block[2] is None else e(block[2], quote=False)
            out.append(f'<div class="fact"><div class="label">{e(block[1], quote=False)}</div>'
                       f'<div class="value">{value}</div></div>\n')  # fmt: skip
        elif kind == "bullets":
            out.append("<ul>\n" + "".join(f"<li>{e(item, quote=False)}</li>\n" for item in block[1]) + "</ul>\n")
    if in_facts:
        out.append("</div>\n")
    out.append("</main>\n")
    out.append(_HTML_FOOT)
    return "".join(out)


# --------------------------------------------------------------------------- defects


def _sloppy_cp1252(data: bytes) -> str:
    """Decode as Windows-1252, keeping its five undefined bytes as Latin-1 (as browsers do)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) if 0x80 <= b <= 0x9F else chr(b) for b in data
    )


def _soft_hyphen_debris(text: str, rng: random.Random) -> str:
    """Insert ``¬`` inside a few long words of running text ("prak¬tik")."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 9 and w.isalpha() and w.islower()]
    for i in rng.sample(candidates, min(len(candidates), rng.randint(2, 6))):
        w = words[i]
        cut = rng.randint(3, len(w) - 3)
        words[i] = w[:cut] + "¬" + w[cut:]
    return " ".join(words)


#: Defects that only the newer layouts can carry (the print layout has no such labels).
NEWER_LAYOUT_DEFECTS = ("total_kostnader", "budget_1_1")


def choose_defect(rng: random.Random, share: float, layout: str) -> str | None:
    """Draw the defect of one page (``None`` for most), among those its layout can carry."""
    if rng.random() >= share:
        return None
    names = [n for n in DEFECTS if layout != "esf-2007-print" or n not in NEWER_LAYOUT_DEFECTS]
    return rng.choices(names, [DEFECTS[n][0] for n in names])[0]


# --------------------------------------------------------------------------- pages


def make_page(u: Universe, index: int, html_share: float = 0.1, defect_share: float = 0.02) -> tuple[str, bytes, dict[str, Any]]:
    """Make page ``index``: its file name, bytes and ground-truth record.

    Parameters
    ----------
    u : Universe
        From :func:`load_universe`.
    index : int
        Page number, ``0 <= index < u.n_pages``.
    html_share, defect_share : float
        Shares of pages saved as HTML and of pages with a defect.

    Returns
    -------
    (str, bytes, dict)
        ``NNNNNNN_<hash>.txt|.html``, the file's bytes, and its truth record.
    """
    p, rng = make_project(u, index)
    page_rng = random.Random(f"page:{u.seed}:{index}")
    defect = choose_defect(page_rng, defect_share, p.layout)
    is_html = page_rng.random() < html_share
    blocks = LAYOUT_WRITERS[p.layout](u, p, page_rng, defect)
    if defect == "soft_hyphen":
        blocks = [("para", _soft_hyphen_debris(b[1], page_rng)) if b[0] == "para" else b for b in blocks]
    text = render_html(blocks, p.title) if is_html else render_text(blocks)
    if not is_html and page_rng.random() < 0.3:
        text += "\n"
    if defect == "truncated":
        # Cut inside the block of fields, as an interrupted download does: the page ends
        # before its owner or its period, sometimes in the middle of a line or a tag.
        facts = [i for i, b in enumerate(blocks) if b[0] in ("glued", "pair")]
        head = render_text(blocks[: facts[0]]) if facts else ""
        cut_at = len(head) + 5 if not is_html else text.find('<div class="project-facts">') + 30
        text = text[: page_rng.randint(max(1, cut_at - 4), cut_at + 60)]
    data: bytes
    if defect == "empty":
        data = b""
    elif defect == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif defect == "bom":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif defect == "cp1252":
        if is_html:
            text = text.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
        data = text.encode("cp1252", errors="replace")
    elif defect == "mojibake":
        data = _sloppy_cp1252(text.encode("utf-8")).encode("utf-8")
    else:
        data = text.encode("utf-8")
    digest = hashlib.sha1(data).hexdigest()[:16]
    name = f"{index:07d}_{digest}.{'html' if is_html else 'txt'}"
    truth = _truth(p, name, is_html, defect)
    return name, data, truth


def _keys(mentions: list[Mention]) -> list[str]:
    return [m.key for m in mentions]


def _truth(p: Project, name: str, is_html: bool, defect: str | None) -> dict[str, Any]:
    """What the page says and what the pipeline should make of it."""
    gone = defect in ("empty", "truncated")
    total = None if defect in ("budget_1_1", "total_kostnader") or "total_budget_sek" in p.omitted else p.budget
    if defect == "missing_region":
        region = None
    elif not p.region_key:
        region = "Nationellt"
    else:
        region = ESF_REGIONS[p.region_key][0 if p.layout == "esf-2007-print" else 1]

    def shown(key: str, value: Any) -> Any:
        return None if key in p.omitted else value

    return {
        "file": name,
        "index": p.index,
        "layout": p.layout,
        "format": LAYOUT_FORMAT[p.layout],
        "html": is_html,
        "defect": defect,
        "expected_status": list(DEFECTS[defect][1]) if defect else ["ok"],
        "complete": not gone,
        "title": p.title,
        "project_number": p.project_number,
        "diary_number": p.diary_number,
        "call_number": p.call_number,
        "owner": p.owner_printed,
        "owner_key": p.owner.key,
        "owner_kind": p.owner.kind,
        "owner_org_number": p.org_number,
        "owner_municipality_code": p.owner.municipality.code if p.owner.municipality else None,
        "contact_name": shown("contact_name", p.contact_name),
        "contact_email": shown("contact_email", p.contact_email),
        "contact_phone": shown("contact_phone", p.contact_phone) if p.layout == "esf-2007-print" else None,
        "esf_grant_sek": shown("esf_grant_sek", p.grant),
        "total_budget_sek": total,
        "period_start": p.start,
        "period_end": p.end,
        "region_key": None if defect == "missing_region" else (p.region_key or "nationellt"),
        "region": region,
        "co_financiers": [m.printed for m in p.co_financiers],
        "co_financier_keys": _keys(p.co_financiers),
        "partners": [m.printed for m in p.partners],
        "partner_keys": _keys(p.partners),
        "municipalities": [m.name for m in p.municipalities] if p.layout == "esf-2007-print" else [],
        "municipality_codes": [m.code for m in p.municipalities] if p.layout == "esf-2007-print" else [],
        "home_municipality_code": p.home.code,
        "transnational": p.transnational,
        "countries": p.countries,
        "transnational_orgs": [m.printed for m in p.foreign_orgs],
        "transnational_org_keys": _keys(p.foreign_orgs),
        "text_mentions": [m.printed for m in p.text_mentions],
        "text_mention_keys": _keys(p.text_mentions),
        "family": p.family,
    }


def _pages_in_range(args: tuple[Universe | None, int, int, float, float, str]) -> list[tuple[int, int, str]]:
    """Worker: write pages ``start..stop-1``; return ``(index, size, truth line)``."""
    universe, start, stop, html_share, defect_share, out = args
    u = universe or _WORKER_UNIVERSE
    out_dir = Path(out)
    results = []
    for index in range(start, stop):
        name, data, truth = make_page(u, index, html_share, defect_share)
        with open(out_dir / name, "wb") as handle:
            handle.write(data)
        results.append((index, len(data), json.dumps(truth, ensure_ascii=False, sort_keys=True)))
    return results


_WORKER_UNIVERSE: Universe | None = None


def _set_worker_universe(universe: Universe) -> None:
    global _WORKER_UNIVERSE
    _WORKER_UNIVERSE = universe


def generate(
    n_pages: int,
    seed: int = 42,
    out_dir: str | Path = "benchmarks/corpus",
    html_share: float = 0.1,
    defect_share: float = 0.02,
    reference_dir: str | Path | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Write a generated corpus of ``n_pages`` pages to ``out_dir``.

    Parameters
    ----------
    n_pages : int
        How many pages.
    seed : int
        The corpus seed; the same seed, size and shares give byte-identical files.
    out_dir : path
        Folder for the pages, ``truth.jsonl`` and ``corpus.json`` (created; files of
        an earlier corpus there with other names are left alone, so use a fresh folder).
    html_share, defect_share : float
        Shares of pages saved as HTML and of pages with a defect (0..1).
    reference_dir : path, optional
        Reference tables (default ``data/reference/``).
    workers : int
        Processes that write pages (the output does not depend on it).
    progress : callable, optional
        Called with the number of pages written so far, now and then.

    Returns
    -------
    dict
        The contents of ``corpus.json``: parameters, counts per layout, format and
        defect, bytes written, seconds taken.

    Examples
    --------
    >>> import tempfile
    >>> generate(5, seed=3, out_dir=tempfile.mkdtemp())["layouts"]  # doctest: +SKIP
    {'esf-2007-print': 2, 'esf-2014-colon': 2, 'esf-2021': 1}
    """
    if n_pages < 0:
        raise ValueError("n_pages must be 0 or more")
    for name, share in (("html_share", html_share), ("defect_share", defect_share)):
        if not 0 <= share <= 1:
            raise ValueError(f"{name} must be between 0 and 1, not {share}")
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    universe = load_universe(n_pages, seed, Path(reference_dir) if reference_dir else None)
    setup_s = time.perf_counter() - started
    chunk = 500
    ranges = [(start, min(n_pages, start + chunk)) for start in range(0, n_pages, chunk)]
    layouts: dict[str, int] = {}
    defects: dict[str, int] = {}
    formats = {"txt": 0, "html": 0}
    total_bytes = 0
    written = 0
    truth_path = out / "truth.jsonl"
    with truth_path.open("w", encoding="utf-8", newline="\n") as truth_file:

        def consume(results: list[tuple[int, int, str]]) -> None:
            nonlocal total_bytes, written
            for _, size, line in results:
                total_bytes += size
                record = json.loads(line)
                layouts[record["layout"]] = layouts.get(record["layout"], 0) + 1
                formats["html" if record["html"] else "txt"] += 1
                if record["defect"]:
                    defects[record["defect"]] = defects.get(record["defect"], 0) + 1
                truth_file.write(line + "\n")
            written += len(results)
            if progress:
                progress(written)

        if workers > 1 and len(ranges) > 1:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            with context.Pool(workers, initializer=_set_worker_universe, initargs=(universe,)) as pool:
                tasks = [(None, a, b, html_share, defect_share, str(out)) for a, b in ranges]
                for results in pool.imap(_pages_in_range, tasks):  # imap keeps the order
                    consume(results)
        else:
            for a, b in ranges:
                consume(_pages_in_range((universe, a, b, html_share, defect_share, str(out))))
    summary = {
        "generator_version": GENERATOR_VERSION,
        "pages": n_pages,
        "seed": seed,
        "html_share": html_share,
        "defect_share": defect_share,
        "layouts": dict(sorted(layouts.items())),
        "formats": formats,
        "defects": dict(sorted(defects.items())),
        "families": len(universe.families),
        "family_pages": len(universe.page_family),
        "municipalities_in_reference": len(universe.municipalities),
        "bytes": total_bytes,
    }
    (out / "corpus.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    summary["seconds"] = round(time.perf_counter() - started, 3)
    summary["setup_seconds"] = round(setup_s, 3)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``generate.py N --seed S --out DIR``."""
    parser = argparse.ArgumentParser(
        description="Generate N realistic ESF project-bank pages (all layouts, HTML share, defects) "
        "with truth.jsonl beside them.",
        epilog="example: python benchmarks/generate.py 10000 --seed 42 --out benchmarks/corpus/10000-42",
    )
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True, help="output folder (use a fresh one)")
    parser.add_argument("--html-share", type=float, default=0.1)
    parser.add_argument("--defect-share", type=float, default=0.02)
    parser.add_argument("--reference", default=None, help="reference tables folder (default data/reference)")
    parser.add_argument("--workers", type=int, default=1, help="processes (output does not depend on it)")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.n, args.seed, args.out, args.html_share, args.defect_share, args.reference, args.workers)
    except ValueError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    rate = summary["pages"] / summary["seconds"] if summary["seconds"] else 0
    print(
        f"{summary['pages']} pages ({summary['bytes'] / 1e6:.1f} MB) in {summary['seconds']:.1f} s "
        f"({rate:,.0f} pages/s) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
