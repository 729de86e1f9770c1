"""The reference data the resolver works from, with the lookups built over it.

:meth:`Reference.load` reads the shipped tables (``data/reference/*.csv``) and the user's
curation file (``data/curation/aliases.csv``) once per process and builds dictionaries
from every printed form a page may use ("Vaggeryds kommun", "Landstinget i Norrbotten",
"Af") to the thing it names. All keys are :func:`~esfgraph.resolve.text.norm` keys, except
abbreviations, which keep their case ("AF" is Arbetsförmedlingen, "af" is not matched).

The object is plain data, so it pickles into worker processes.

Examples
--------
>>> ref = Reference.load()
>>> ref.municipality_names["vaggeryds"], ref.region_forms["landstinget i norrbotten"]
('0665', '25')
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..iris import slug
from ..resources import curation_dir, reference_dir as default_reference_dir
from .tables import (
    Agency,
    Alias,
    Country,
    County,
    Diocese,
    EsfRegion,
    KnownOrganisation,
    NamePattern,
    Municipality,
    ReferenceDataError,
    TABLE_FILES,
    TypeCue,
    UnitWord,
    University,
    read_aliases,
    read_table,
)
from .text import genitive, norm

__all__ = ["Reference", "ReferenceDataError", "clear_cache"]

_UNSEEN = object()  # a cache miss (None is a cached answer)
_CUE_CACHE_SIZE = 1 << 16

_CACHE: dict[tuple, "Reference"] = {}


def _add(index: dict[str, str], form: str, value: str, clashes: set[str]) -> None:
    """Add ``form`` -> ``value``; a form claimed by two values is dropped (ambiguous)."""
    key = norm(form)
    if not key or key in clashes:
        return
    if index.get(key, value) != value:
        clashes.add(key)
        del index[key]
        return
    index[key] = value


def _variants(name: str) -> list[str]:
    """A name and its spelling with hyphens as spaces ("Upplands-Bro", "Upplands Bro")."""
    return [name, name.replace("-", " ")] if "-" in name else [name]


@dataclass
class Reference:
    """Reference tables and the lookups the resolution rules use.

    Build it with :meth:`load`; the constructor is for tests that need a tailored table.

    Attributes
    ----------
    municipalities, counties, agencies, organisations, esf_regions, countries, units : dict
        The table rows by code or key. ``organisations`` also holds the universities (type
        ``school``), so that every rule for known organisations applies to them.
    universities, dioceses : dict
        The rows of ``universities.csv`` and ``dioceses.csv`` by key.
    type_cues : tuple of TypeCue
        In priority order.
    aliases : tuple of Alias
        The curation rows.
    """

    municipalities: dict[str, Municipality]
    counties: dict[str, County]
    agencies: dict[str, Agency]
    organisations: dict[str, KnownOrganisation]
    esf_regions: dict[str, EsfRegion]
    countries: dict[str, Country]
    units: dict[str, UnitWord]
    type_cues: tuple[TypeCue, ...]
    domains: dict[str, str] = field(default_factory=dict)
    aliases: tuple[Alias, ...] = ()
    source: str = ""  # where the tables were read from, for messages
    universities: dict[str, University] = field(default_factory=dict)
    dioceses: dict[str, Diocese] = field(default_factory=dict)
    name_patterns: tuple[NamePattern, ...] = ()

    # --- lookups, built in __post_init__
    municipality_names: dict[str, str] = field(init=False)  # "vaggeryd", "vaggeryds" -> "0665"
    municipality_orgs: dict[str, str] = field(init=False)  # "vaggeryds kommun" -> "0665"
    county_names: dict[str, str] = field(init=False)  # "jönköpings län", "skåne" -> "06", "12"
    region_forms: dict[str, str] = field(init=False)  # "norrbottens läns landsting" -> "25"
    board_forms: dict[str, str] = field(init=False)  # "länsstyrelsen i jönköpings län" -> "06"
    agency_forms: dict[str, str] = field(init=False)  # "arbetsförmedlingen" -> "arbetsformedlingen"
    agency_abbreviations: dict[str, str] = field(init=False)  # "Af" -> "arbetsformedlingen"
    known_forms: dict[str, str] = field(init=False)
    known_abbreviations: dict[str, str] = field(init=False)
    org_numbers: dict[str, tuple[str, str]] = field(init=False)  # digits -> (kind, org key)
    org_number: dict[str, str] = field(init=False)  # org key -> ten digits ("kommun-0665" -> ...)
    wikidata: dict[str, str] = field(init=False)  # org key -> Q-id ("arbetsformedlingen" -> "Q3440237")
    diocese_forms: dict[str, str] = field(init=False)  # "luleå stift" -> "lulea-stift"
    unit_forms: dict[str, str] = field(init=False)  # "socialtjänst" -> "socialtjansten"
    unit_abbreviations: dict[str, str] = field(init=False)  # "AME" -> "arbetsmarknadsenheten"
    esf_region_forms: dict[str, str] = field(init=False)
    country_forms: dict[str, str] = field(init=False)  # "italien", "england" -> "IT", "GB"
    domain_names: dict[str, str] = field(init=False)  # "vaggeryd", "kavlinge" -> code
    curation: dict[tuple[str, str], Alias] = field(init=False)  # (scope, norm(mention)) -> row
    max_prefix_words: int = field(init=False)
    _cues: tuple[tuple[str, str, str], ...] = field(init=False, repr=False)
    # name -> org_type_from_cues(name): the same listed names come back on page after page.
    _cue_types: dict[str, str | None] = field(init=False, repr=False, compare=False, default_factory=dict)
    #: name -> what the resolution rules that read no page context make of it (:mod:`.rules`).
    context_free: dict[str, object] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        for u in self.universities.values():
            self.organisations.setdefault(u.key, KnownOrganisation(
                u.key, u.label, "school", u.abbreviations, u.aliases, u.org_number, u.wikidata))
        self._index_places()
        self._index_organisations()
        self._index_other()
        self._index_identifiers()

    # ------------------------------------------------------------------ building
    def _index_places(self) -> None:
        names: dict[str, str] = {}
        orgs: dict[str, str] = {}
        clashes: set[str] = set()
        org_clashes: set[str] = set()
        for m in self.municipalities.values():
            stem = m.org_name.rsplit(" ", 1)[0] if m.org_name.lower().endswith((" kommun", " stad")) else None
            for name in _variants(m.name):
                _add(names, name, m.code, clashes)
                gen = genitive(name)
                for form in {gen, stem or gen}:
                    if form != name:
                        _add(names, form, m.code, clashes)
                for base in {name, gen, stem or gen}:
                    for word in ("kommun", "stad"):
                        _add(orgs, f"{base} {word}", m.code, org_clashes)
                _add(orgs, f"kommunen {name}", m.code, org_clashes)
            _add(orgs, m.org_name, m.code, org_clashes)
        # A genitive must not hide another municipality's plain name.
        for m in self.municipalities.values():
            names[norm(m.name)] = m.code
        self.municipality_names = names
        self.municipality_orgs = orgs

        counties: dict[str, str] = {}
        regions: dict[str, str] = {}
        boards: dict[str, str] = {}
        clashes = set()
        for c in self.counties.values():
            _add(counties, c.name, c.code, clashes)
            if norm(c.short) not in names:  # "Jönköping" is the municipality; "Skåne" the county
                _add(counties, c.short, c.code, clashes)
            region_forms = [c.region, *c.region_aliases, f"Region {c.short}", f"Region {c.name}",
                            f"Landstinget i {c.name}", f"Landstinget i {c.short}", f"Landstinget {c.short}",
                            f"{c.name}s landsting"]
            for form in region_forms:
                _add(regions, form, c.code, set())
            for form in (c.county_board, f"Länsstyrelsen i {c.name}", f"Länsstyrelsen {c.name}",
                         f"Länsstyrelsen i {c.short}", f"Länsstyrelsen {c.short}", f"Länsstyrelsen {genitive(c.short)} län"):
                _add(boards, form, c.code, set())
        self.county_names = counties
        self.region_forms = regions
        self.board_forms = boards

    def _index_organisations(self) -> None:
        agency_forms: dict[str, str] = {}
        agency_abbr: dict[str, str] = {}
        known_forms: dict[str, str] = {}
        known_abbr: dict[str, str] = {}
        numbers: dict[str, tuple[str, str]] = {}
        longest = 1
        for a in self.agencies.values():
            for form in (a.label, *a.aliases):
                _add(agency_forms, form, a.key, set())
                longest = max(longest, len(norm(form).split()))
            for abbr in a.abbreviations:
                agency_abbr[abbr] = a.key
            if a.org_number:
                numbers[a.org_number] = ("agency", a.key)
        for o in self.organisations.values():
            for form in (o.label, *o.aliases):
                _add(known_forms, form, o.key, set())
                longest = max(longest, len(norm(form).split()))
            for abbr in o.abbreviations:
                known_abbr[abbr] = o.key
            if o.org_number:
                numbers[o.org_number] = ("known", o.key)
        self.agency_forms, self.agency_abbreviations = agency_forms, agency_abbr
        self.known_forms, self.known_abbreviations = known_forms, known_abbr
        self.org_numbers = numbers
        self.max_prefix_words = longest

    def _index_identifiers(self) -> None:
        """Organisation numbers and Wikidata ids per org key, and org keys per number."""
        numbers: dict[str, str] = {}
        qids: dict[str, str] = {}

        def put(key: str, number: str | None, qid: str | None) -> None:
            if number:
                numbers[key] = number
            if qid:
                qids[key] = qid

        for m in self.municipalities.values():
            put(f"kommun-{m.code}", m.org_number, m.wikidata)
        for c in self.counties.values():
            if not c.region_key.startswith("kommun-"):  # Gotland: the municipality is the region
                put(c.region_key, c.region_org_number, c.region_wikidata)
            put(f"lansstyrelsen-{c.code}", c.county_board_org_number, c.county_board_wikidata)
        for a in self.agencies.values():
            put(a.key, a.org_number, a.wikidata)
        for o in self.organisations.values():
            put(o.key, o.org_number, o.wikidata)
        self.org_number, self.wikidata = numbers, qids
        for key, number in sorted(numbers.items()):
            kind = "agency" if key in self.agencies else "known" if key in self.organisations else "place"
            self.org_numbers.setdefault(number, (kind, key))

    def _index_other(self) -> None:
        self.unit_forms = {norm(f): u.key for u in self.units.values() for f in (u.label, *u.forms)}
        self.unit_abbreviations = {a: u.key for u in self.units.values() for a in u.abbreviations}
        self.esf_region_forms = {
            norm(f): r.key
            for r in self.esf_regions.values()
            for f in (r.key.replace("-", " "), r.label, r.label_en, *(r.aliases), *([r.nuts2] if r.nuts2 else []))
        }
        self.country_forms = {
            norm(f): c.iso2 for c in self.countries.values() for f in (c.name_sv, c.name_en, *c.aliases)
        }
        domains: dict[str, str] = {}
        clashes: set[str] = set()
        for m in self.municipalities.values():
            ascii_name = slug(m.name)
            for label in {ascii_name, ascii_name.replace("-", "")}:
                if domains.get(label, m.code) != m.code:
                    clashes.add(label)
                domains[label] = m.code
        for label in clashes:  # "habo" is both Håbo and Habo: only the explicit table decides
            del domains[label]
        self.domain_names = domains
        self.curation = {(a.scope, norm(a.mention)): a for a in self.aliases}
        diocese_forms: dict[str, str] = {}
        for d in self.dioceses.values():
            for form in (d.label, *d.aliases):
                _add(diocese_forms, form, d.key, set())
        self.diocese_forms = diocese_forms
        # Whole-word cues are compared padded with spaces: " ab " in " excentrum ab ".
        self._cues = tuple((f" {norm(c.cue)} " if c.match == "word" else c.cue, c.match, c.type) for c in self.type_cues)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls,
        reference_dir: str | os.PathLike | None = None,
        aliases: str | os.PathLike | None | Literal[False] = None,
    ) -> "Reference":
        """Read the reference tables and curation aliases (cached per process).

        Parameters
        ----------
        reference_dir : path, optional
            Folder with the CSV tables; ``data/reference/`` of the project by default.
        aliases : path, None or False
            The curation file. ``None``: ``data/curation/aliases.csv`` when it exists;
            ``False``: no curation.

        Returns
        -------
        Reference
            The same object for the same files while they are unchanged.

        Raises
        ------
        ReferenceDataError
            A table or the aliases file is missing or malformed (one line naming it).

        Examples
        --------
        >>> Reference.load().municipalities["0665"].name
        'Vaggeryd'
        """
        folder = Path(reference_dir) if reference_dir is not None else default_reference_dir()
        if aliases is None:
            default = curation_dir() / "aliases.csv"
            alias_path = default if default.exists() else None
        elif aliases is False:
            alias_path = None
        else:
            alias_path = Path(aliases)
            if not alias_path.exists():
                raise ReferenceDataError(f"{alias_path}: curation file not found")
        files = [folder / name for name in TABLE_FILES.values()] + ([alias_path] if alias_path else [])
        stamp = tuple((str(p.resolve()), p.stat().st_mtime_ns if p.exists() else -1) for p in files)
        cached = _CACHE.get(stamp)
        if cached is None:
            cached = cls._read(folder, alias_path)
            _CACHE[stamp] = cached
        return cached

    @classmethod
    def _read(cls, folder: Path, alias_path: Path | None) -> "Reference":
        if not folder.is_dir():
            raise ReferenceDataError(f"{folder}: reference folder not found")
        return cls(
            municipalities={m.code: m for m in read_table(folder, "municipalities")},
            counties={c.code: c for c in read_table(folder, "counties")},
            agencies={a.key: a for a in read_table(folder, "agencies")},
            organisations={o.key: o for o in read_table(folder, "organisations")},
            esf_regions={r.key: r for r in read_table(folder, "esf_regions")},
            countries={c.iso2: c for c in read_table(folder, "countries")},
            units={u.key: u for u in read_table(folder, "municipal_units")},
            type_cues=tuple(read_table(folder, "type_cues")),
            domains=dict(read_table(folder, "municipal_domains")),
            universities={u.key: u for u in read_table(folder, "universities")},
            dioceses={d.key: d for d in read_table(folder, "dioceses")},
            name_patterns=tuple(read_table(folder, "name_patterns")),
            aliases=tuple(read_aliases(alias_path)) if alias_path else (),
            source=str(folder),
        )

    # ------------------------------------------------------------------ lookups
    def identifiers(self, key: str) -> tuple[str | None, str | None]:
        """Return ``(organisation number, Wikidata Q-id)`` of the organisation ``key``.

        Parameters
        ----------
        key : str
            An org key as the resolver builds it (``kommun-0665``, ``region-25``,
            ``lansstyrelsen-19``, ``arbetsformedlingen``, ``lulea-tekniska-universitet``).
            Units and offices have none of their own here.

        Examples
        --------
        >>> ref = Reference.load()
        >>> ref.identifiers("kommun-0665"), ref.identifiers("arbetsformedlingen")
        (('2120000522', 'Q605329'), ('2021002114', 'Q3440237'))
        >>> ref.identifiers("lansstyrelsen-19"), ref.identifiers("arbetsformedlingen/jonkoping")
        (('2021002411', 'Q26236700'), (None, None))
        """
        return self.org_number.get(key), self.wikidata.get(key)

    def municipality_for_domain(self, email_or_domain: str | None) -> str | None:
        """Return the municipality code an e-mail address's domain belongs to, if any.

        The registrable label (the one before ``.se``) is compared with the municipality
        names written in ASCII (``kavlinge.se`` -> Kävlinge); a trailing ``kommun`` or
        ``stad`` is ignored; ``municipal_domains.csv`` settles names that clash.

        Examples
        --------
        >>> ref = Reference.load()
        >>> ref.municipality_for_domain("anna@kavlinge.se"), ref.municipality_for_domain("x@folkuniversitetet.se")
        ('1261', None)
        """
        if not email_or_domain:
            return None
        domain = email_or_domain.rsplit("@", 1)[-1].strip().strip(".").casefold()
        labels = domain.split(".")
        if len(labels) < 2:
            return None
        registrable = ".".join(labels[-2:])
        if registrable in self.domains:
            return self.domains[registrable]
        label = labels[-2]
        for candidate in (label, label.removesuffix("kommun").rstrip("-"), label.removesuffix("stad").rstrip("-")):
            if candidate in self.domain_names:
                return self.domain_names[candidate]
        return None

    def municipality_code(self, name: str) -> str | None:
        """Return the code of a municipality given by name, or None.

        Parameters
        ----------
        name : str
            As printed in a Kommun list: "Vaggeryd", "Upplands Bro", "Jönköpings".

        Examples
        --------
        >>> Reference.load().municipality_code("Upplands Bro")
        '0139'
        """
        return self.municipality_names.get(norm(name))

    def esf_region_key(self, printed: str | None) -> str | None:
        """Return the ESF region key of a printed region, or None when unknown.

        Parameters
        ----------
        printed : str or None
            As the page prints it: "Småland & Öarna", "ESF Nationellt", "SE21".

        Examples
        --------
        >>> Reference.load().esf_region_key("Småland & Öarna")
        'smaland-och-oarna'
        """
        if not printed:
            return None
        key = norm(printed)
        if key in self.esf_region_forms:
            return self.esf_region_forms[key]
        for prefix in ("esf region ", "esf ", "region ", "regionen "):
            if key.startswith(prefix) and key[len(prefix):] in self.esf_region_forms:
                return self.esf_region_forms[key[len(prefix):]]
        return None

    def org_type_from_cues(self, name: str) -> str | None:
        """Return the organisation type a name's words suggest, or None.

        Examples
        --------
        >>> ref = Reference.load()
        >>> ref.org_type_from_cues("Excentrum AB"), ref.org_type_from_cues("Älvsby folkhögskola")
        ('company', 'folk_high_school')
        """
        cached = self._cue_types.get(name, _UNSEEN)
        if cached is not _UNSEEN:
            return cached
        kind = self._cue_type(name)
        if len(self._cue_types) >= _CUE_CACHE_SIZE:
            self._cue_types.clear()  # bounded: a long batch of ever new names
        self._cue_types[name] = kind
        return kind

    def _cue_type(self, name: str) -> str | None:
        text = " " + norm(name) + " "
        words = text.split()
        for cue, match, kind in self._cues:
            if match == "word":
                if cue in text:
                    return kind
            elif any(w.endswith(cue) for w in words):
                return kind
        return None


def clear_cache() -> None:
    """Forget every loaded :class:`Reference`.

    :meth:`Reference.load` already reloads files whose modification time changed; this is
    for benchmarks that time a cold load and for tests.

    Examples
    --------
    >>> clear_cache(); Reference.load() is Reference.load()
    True
    """
    _CACHE.clear()
