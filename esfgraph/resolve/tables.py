"""The reference tables as typed rows, read from the CSV files in ``data/reference/``.

One small CSV per kind of thing (see ``docs/resolution.md`` for what each holds and where
it comes from). This module only reads and checks them; the lookups built from them live
in :mod:`esfgraph.resolve.reference`. Multi-valued cells use ``|`` between values.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from ..model import ORG_TYPES
from ..runtime.errors import InputError

__all__ = [
    "ReferenceDataError",
    "Municipality",
    "County",
    "Agency",
    "KnownOrganisation",
    "EsfRegion",
    "Country",
    "UnitWord",
    "TypeCue",
    "Alias",
    "University",
    "Diocese",
    "NamePattern",
    "TABLE_FILES",
    "OPTIONAL_TABLES",
    "read_table",
    "read_aliases",
]


class ReferenceDataError(InputError, ValueError):
    """A reference or curation file is missing or malformed (one-line message naming it).

    An :class:`~esfgraph.runtime.errors.InputError` (the user must fix the file; exit code
    2, as ``esfgraph build`` gave it before) and still a ``ValueError`` for code that
    catches that.
    """


@dataclass(frozen=True)
class Municipality:
    """One of Sweden's 290 municipalities (a place; its government is ``org_name``)."""

    code: str  # four digits, "0665"
    name: str  # "Vaggeryd"
    county_code: str  # two digits, "06"
    county: str  # "Jönköpings län"
    org_name: str  # the municipal government's own name, "Vaggeryds kommun", "Borås Stad"
    org_number: str | None = None  # the municipal government's, ten digits
    wikidata: str | None = None  # Q-id of the municipality


@dataclass(frozen=True)
class County:
    """A county (län), the region that governs its health care and development, its board."""

    code: str
    name: str  # "Jönköpings län"
    short: str  # "Jönköping"
    region: str  # "Region Jönköpings län"
    region_key: str  # org key of the region: "region-06" ("kommun-0980" for Gotland)
    county_board: str  # "Länsstyrelsen i Jönköpings län"
    region_aliases: tuple[str, ...]  # older names: "Landstinget i Jönköpings län"...
    county_wikidata: str | None = None
    region_org_number: str | None = None
    region_wikidata: str | None = None
    county_board_org_number: str | None = None
    county_board_wikidata: str | None = None


@dataclass(frozen=True)
class Agency:
    """A national government agency; ``key`` is the slug of its name."""

    key: str
    label: str
    abbreviations: tuple[str, ...]  # matched with their case: "Af", "AF"
    aliases: tuple[str, ...]
    org_number: str | None
    wikidata: str | None = None


@dataclass(frozen=True)
class KnownOrganisation:
    """A recurring non-government organisation (study association, Coompanion, Samhall...)."""

    key: str
    label: str
    type: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    org_number: str | None
    wikidata: str | None = None


@dataclass(frozen=True)
class University:
    """A university or university college; its everyday abbreviations keep their case ("LiU")."""

    key: str
    label: str
    abbreviations: tuple[str, ...]
    aliases: tuple[str, ...]
    org_number: str | None
    wikidata: str | None


@dataclass(frozen=True)
class Diocese:
    """A diocese (stift) of Svenska kyrkan; ``key`` is the slug of its name ("lulea-stift")."""

    key: str
    label: str  # "Luleå stift"
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class NamePattern:
    """A word that makes the words around it an organisation's name ("X folkhögskola", "Stiftelsen X")."""

    word: str  # case-folded
    position: str  # "suffix": ends the name's last word; "prefix": its first word; "word_after"/"word_before": "X AB", "AB X"
    type: str


@dataclass(frozen=True)
class EsfRegion:
    """An ESF region (NUTS 2 area, 2007-2020 and later) or the national programme."""

    key: str  # concept key, "smaland-och-oarna"
    label: str
    label_en: str
    nuts2: str | None
    county_codes: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Country:
    """A country that ESF projects cooperate with (ISO 3166-1 alpha-2)."""

    iso2: str
    name_sv: str
    name_en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class UnitWord:
    """A generic municipal unit ("Socialtjänsten") with the forms pages print it in."""

    key: str  # the unit part of the IRI key, "socialtjansten"
    label: str
    forms: tuple[str, ...]  # compared case-insensitively
    abbreviations: tuple[str, ...]  # compared with their case: "AME"


@dataclass(frozen=True)
class TypeCue:
    """A word that tells an organisation's type from its name ("AB" -> company)."""

    cue: str
    match: str  # "word": a whole word (or phrase); "suffix": the end of any word
    type: str


@dataclass(frozen=True)
class Alias:
    """One curation row: a mention (optionally scoped) -> a canonical organisation."""

    mention: str
    scope: str  # "", "project:<project key>" or "municipality:<code>"
    canonical_key: str  # an org key, as in docs/architecture.md
    label: str
    type: str
    line: int  # line number in the file, for messages


#: File name of each table in the reference folder.
TABLE_FILES: dict[str, str] = {
    "municipalities": "municipalities.csv",
    "counties": "counties.csv",
    "agencies": "agencies.csv",
    "organisations": "organisations.csv",
    "esf_regions": "esf_regions.csv",
    "countries": "countries.csv",
    "municipal_units": "municipal_units.csv",
    "type_cues": "type_cues.csv",
    "municipal_domains": "municipal_domains.csv",
    "universities": "universities.csv",
    "dioceses": "dioceses.csv",
    "name_patterns": "name_patterns.csv",
}

_COLUMNS: dict[str, tuple[str, ...]] = {
    "municipalities": ("code", "name", "county_code", "county", "org_name"),
    "counties": ("code", "name", "short", "region", "region_key", "county_board", "region_aliases"),
    "agencies": ("key", "label", "abbreviations", "aliases", "org_number"),
    "organisations": ("key", "label", "type", "abbreviations", "aliases", "org_number"),
    "esf_regions": ("key", "label", "label_en", "nuts2", "county_codes", "aliases"),
    "countries": ("iso2", "name_sv", "name_en", "aliases"),
    "municipal_units": ("key", "label", "forms", "abbreviations"),
    "type_cues": ("cue", "match", "type"),
    "municipal_domains": ("domain", "code"),
    "universities": ("key", "label", "abbreviations", "aliases", "org_number", "wikidata"),
    "dioceses": ("key", "label", "aliases"),
    "name_patterns": ("word", "position", "type"),
}
#: Tables added later: a reference folder without them loads, with none of their rows.
OPTIONAL_TABLES = frozenset({"universities", "dioceses", "name_patterns"})
#: Identifier columns added later; read when present so that older tables still load.
_OPTIONAL: dict[str, tuple[str, ...]] = {
    "municipalities": ("org_number", "wikidata"),
    "counties": ("county_wikidata", "region_org_number", "region_wikidata", "county_board_org_number",
                 "county_board_wikidata"),
    "agencies": ("wikidata",),
    "organisations": ("wikidata",),
}
_QID = re.compile(r"^Q[1-9]\d*$")
ALIAS_COLUMNS = ("mention", "scope", "canonical_key", "label", "type")
_DIGITS = re.compile(r"^\d+$")
_SCOPE = re.compile(r"^(?:project:[a-z0-9-]+|municipality:\d{4})$")

Row = dict[str, str]
T = TypeVar("T")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def _rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[tuple[int, Row]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)} in the header row")
        out = []
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue  # blank line
            out.append((reader.line_num, {c: (row.get(c) or "").strip() for c in columns + optional}))
        return out


def _check(path: Path, line: int, ok: bool, problem: str) -> None:
    if not ok:
        raise ReferenceDataError(f"{path}: line {line}: {problem}")


def _municipality(path: Path, line: int, r: Row) -> Municipality:
    _check(path, line, len(r["code"]) == 4 and r["code"].isdigit(), f"code {r['code']!r} is not four digits")
    _check(path, line, r["county_code"] == r["code"][:2], f"county_code {r['county_code']!r} does not match code")
    _check(path, line, bool(r["name"] and r["org_name"]), "name and org_name are required")
    return Municipality(r["code"], r["name"], r["county_code"], r["county"], r["org_name"],
                        _org_number(path, line, r["org_number"]), _wikidata(path, line, r["wikidata"]))


def _county(path: Path, line: int, r: Row) -> County:
    _check(path, line, len(r["code"]) == 2 and r["code"].isdigit(), f"code {r['code']!r} is not two digits")
    return County(
        r["code"], r["name"], r["short"], r["region"], r["region_key"], r["county_board"], _split(r["region_aliases"]),
        _wikidata(path, line, r["county_wikidata"]), _org_number(path, line, r["region_org_number"]),
        _wikidata(path, line, r["region_wikidata"]), _org_number(path, line, r["county_board_org_number"]),
        _wikidata(path, line, r["county_board_wikidata"]),
    )


def _org_number(path: Path, line: int, cell: str) -> str | None:
    digits = cell.replace("-", "")
    _check(path, line, not digits or (len(digits) == 10 and digits.isdigit()), f"org_number {cell!r} is not ten digits")
    return digits or None


def _wikidata(path: Path, line: int, cell: str) -> str | None:
    _check(path, line, not cell or bool(_QID.match(cell)), f"wikidata {cell!r} is not a Q-id such as Q3440237")
    return cell or None


def _agency(path: Path, line: int, r: Row) -> Agency:
    _check(path, line, bool(r["key"] and r["label"]), "key and label are required")
    return Agency(r["key"], r["label"], _split(r["abbreviations"]), _split(r["aliases"]),
                  _org_number(path, line, r["org_number"]), _wikidata(path, line, r["wikidata"]))


def _known(path: Path, line: int, r: Row) -> KnownOrganisation:
    _check(path, line, r["type"] in ORG_TYPES, f"type {r['type']!r} is not one of {', '.join(ORG_TYPES)}")
    return KnownOrganisation(
        r["key"], r["label"], r["type"], _split(r["abbreviations"]), _split(r["aliases"]),
        _org_number(path, line, r["org_number"]), _wikidata(path, line, r["wikidata"]),
    )


def _university(path: Path, line: int, r: Row) -> University:
    _check(path, line, bool(r["key"] and r["label"]), "key and label are required")
    return University(r["key"], r["label"], _split(r["abbreviations"]), _split(r["aliases"]),
                      _org_number(path, line, r["org_number"]), _wikidata(path, line, r["wikidata"]))


def _diocese(path: Path, line: int, r: Row) -> Diocese:
    _check(path, line, bool(r["key"] and r["label"]), "key and label are required")
    return Diocese(r["key"], r["label"], _split(r["aliases"]))


def _esf_region(path: Path, line: int, r: Row) -> EsfRegion:
    return EsfRegion(r["key"], r["label"], r["label_en"], r["nuts2"] or None, _split(r["county_codes"]), _split(r["aliases"]))


def _country(path: Path, line: int, r: Row) -> Country:
    _check(path, line, len(r["iso2"]) == 2 and r["iso2"].isupper(), f"iso2 {r['iso2']!r} is not an ISO 3166-1 alpha-2 code")
    return Country(r["iso2"], r["name_sv"], r["name_en"], _split(r["aliases"]))


def _unit(path: Path, line: int, r: Row) -> UnitWord:
    return UnitWord(r["key"], r["label"], _split(r["forms"]), _split(r["abbreviations"]))


def _cue(path: Path, line: int, r: Row) -> TypeCue:
    _check(path, line, r["match"] in ("word", "suffix"), f"match {r['match']!r} is not 'word' or 'suffix'")
    _check(path, line, r["type"] in ORG_TYPES, f"type {r['type']!r} is not one of {', '.join(ORG_TYPES)}")
    return TypeCue(r["cue"].casefold(), r["match"], r["type"])


def _domain(path: Path, line: int, r: Row) -> tuple[str, str]:
    _check(path, line, len(r["code"]) == 4 and r["code"].isdigit(), f"code {r['code']!r} is not four digits")
    return r["domain"].casefold(), r["code"]


def _name_pattern(path: Path, line: int, r: Row) -> NamePattern:
    positions = ("suffix", "prefix", "word_after", "word_before")
    _check(path, line, r["position"] in positions, f"position {r['position']!r} is not one of {', '.join(positions)}")
    _check(path, line, r["type"] in ORG_TYPES, f"type {r['type']!r} is not one of {', '.join(ORG_TYPES)}")
    return NamePattern(r["word"].casefold(), r["position"], r["type"])


_PARSERS: dict[str, Callable[[Path, int, Row], object]] = {
    "municipalities": _municipality,
    "counties": _county,
    "agencies": _agency,
    "organisations": _known,
    "esf_regions": _esf_region,
    "countries": _country,
    "municipal_units": _unit,
    "type_cues": _cue,
    "municipal_domains": _domain,
    "universities": _university,
    "dioceses": _diocese,
    "name_patterns": _name_pattern,
}


def read_table(reference_dir: Path, name: str) -> list:
    """Read one reference table into typed rows.

    Parameters
    ----------
    reference_dir : pathlib.Path
        The folder holding the CSV files.
    name : str
        A key of :data:`TABLE_FILES` (``"municipalities"``, ``"agencies"``...).

    Returns
    -------
    list
        Rows as the dataclass of that table, in file order.

    Raises
    ------
    ReferenceDataError
        The file is missing, lacks a column, or a row is malformed (message names the
        file and line).
    """
    path = Path(reference_dir) / TABLE_FILES[name]
    if name in OPTIONAL_TABLES and not path.exists():
        return []  # a reference folder written before these tables existed still loads
    parse = _PARSERS[name]
    return [parse(path, line, row) for line, row in _rows(path, _COLUMNS[name], _OPTIONAL.get(name, ()))]


def read_aliases(path: Path) -> list[Alias]:
    """Read a curation file (``data/curation/aliases.csv``).

    Columns: ``mention, scope, canonical_key, label, type`` (see docs/resolution.md).

    Raises
    ------
    ReferenceDataError
        The file is unreadable, lacks a column, or a row has an empty mention or key, an
        unknown scope form or an unknown type.
    """
    path = Path(path)
    out = []
    for line, r in _rows(path, ALIAS_COLUMNS):
        _check(path, line, bool(r["mention"]), "mention is empty")
        _check(path, line, bool(r["canonical_key"]), "canonical_key is empty")
        _check(path, line, not r["scope"] or bool(_SCOPE.match(r["scope"])),
               f"scope {r['scope']!r} is not empty, 'project:<project key>' or 'municipality:<code>'")
        _check(path, line, not r["type"] or r["type"] in ORG_TYPES, f"type {r['type']!r} is not one of {', '.join(ORG_TYPES)}")
        out.append(Alias(r["mention"], r["scope"], r["canonical_key"].strip("/"), r["label"], r["type"], line))
    return out
