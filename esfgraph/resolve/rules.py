"""The rules that turn one listed mention (owner, co-financier, partner) into an organisation.

:func:`resolve_mention` tries the rules in a fixed order and returns the first that
applies, with the ``method`` documented in docs/resolution.md:

1. ``curation``: a row of ``data/curation/aliases.csv`` (project scope, then municipality
   scope, then unscoped) overrides everything.
2. ``org-number``: the owner's organisation number (ESF+ pages).
3. Exact reference names: ``agency``, ``county-board``, ``region``, ``municipality``,
   ``known-organisation``.
4. A reference name followed by a place or unit: ``agency-office`` ("Af Jönköping",
   "Arbetsförmedlingen i Jönköping"), ``county-board``, ``regional-unit``,
   ``known-organisation-branch`` ("ABF Jönköping").
5. ``municipal-unit``: a unit of a municipality the mention names ("Kävlinge
   Lärcentrum", "Eskilstuna kommun, Arbetsmarknads och familjeförv").
6. A generic unit ("Socialtjänsten") of the page's municipality:
   ``municipal-unit-owner`` / ``-email-domain`` / ``-only-municipality``, else
   ``municipal-unit-project-scoped``.
7. ``name-key``: anything else, by its normalised name, typed by cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .orgs import (
    OrgSpec,
    Resolved,
    agency_office,
    agency_org,
    county_board_org,
    known_branch,
    known_org,
    locate,
    municipal_unit,
    municipality_org,
    parents_of,
    reference_org,
    region_org,
    regional_unit,
    scoped_unit,
)
from .names import tidy_name
from .orgnumber import luhn_ok, org_number_digits
from .reference import Reference
from .tables import Alias
from .text import TOKEN, clean, expand_abbreviations, is_placeholder, name_key, norm, split_parts

__all__ = ["Context", "resolve_mention", "exact_reference", "generic_unit", "curated", "CONFIDENCE", "org_number_digits"]

#: Confidence of each method (docs/resolution.md explains the scale).
CONFIDENCE: dict[str, float] = {
    "curation": 1.0,
    "org-number": 1.0,
    "org-number-bad-checksum": 0.8,
    "agency": 0.95,
    "agency-abbreviation": 0.9,
    "agency-office": 0.95,
    "agency-office-abbreviation": 0.9,
    "agency-office-unlocated": 0.8,
    "county-board": 0.95,
    "region": 0.95,
    "regional-unit": 0.85,
    "municipality": 0.95,
    "municipal-unit": 0.9,
    "municipal-unit-unlisted": 0.85,
    "municipal-unit-owner": 0.75,
    "municipal-unit-email-domain": 0.7,
    "municipal-unit-only-municipality": 0.6,
    "municipal-unit-project-scoped": 0.4,
    "municipality-owner": 0.75,
    "municipality-email-domain": 0.7,
    "municipality-only-municipality": 0.6,
    "known-organisation": 0.9,
    "known-organisation-branch": 0.85,
    "name-key-typed": 0.6,
    "name-key": 0.5,
}

# Word endings that make a name a unit of an organisation rather than an organisation.
_UNIT_HEADS = ("förvaltningen", "förvaltning", "enheten", "enhet", "avdelningen", "avdelning",
               "kontoret", "nämnden", "sektorn", "kansliet")
_CONJUNCTIONS = {"och", "samt", "and", "eller", "+"}
_PLACE_LEAD = re.compile(r"^(?:i|in|på)\s+", re.IGNORECASE)
_SEPARATORS = " \t,;:/-–()"
_MUNICIPALITY_WORDS = {"kommun", "kommuns", "stad", "stads"}
# A "unit" that is the organisation itself when the organisation's number is printed.
_HEAD_OFFICE = {"huvudkontoret", "huvudkontor", "centralt", "nationellt"}


@dataclass(frozen=True)
class Context:
    """What the page says about where its generic units belong.

    Attributes
    ----------
    project_key : str
        Key of the project (``iris.project_key``), for project-scoped units and curation.
    project_title : str or None
        For the labels of project-scoped units.
    home_code : str or None
        The municipality the page points to (owner, owner's e-mail domain, only Kommun).
    home_method : str or None
        How it was found: ``owner``, ``email-domain`` or ``only-municipality``.
    """

    project_key: str
    project_title: str | None = None
    home_code: str | None = None
    home_method: str | None = None


def _resolved(ref: Reference, org: OrgSpec, method: str, confidence: float | None = None) -> Resolved:
    return Resolved(org, method, CONFIDENCE[method] if confidence is None else confidence, parents_of(ref, org))


# ---------------------------------------------------------------------- curation
def _alias_org(ref: Reference, alias: Alias, text: str) -> OrgSpec:
    known = reference_org(ref, alias.canonical_key)
    if known is not None:
        return replace(known, label=alias.label or known.label, type=alias.type or known.type)
    parent_key, _, _ = alias.canonical_key.rpartition("/")
    parent = reference_org(ref, parent_key) if parent_key else None
    inferred = {"municipality": "municipal_unit", "agency": "agency_office", "region": "regional_unit"}
    kind = alias.type or (inferred.get(parent.type, parent.type) if parent else "unknown")
    country = None
    if alias.canonical_key.startswith("foreign/"):
        country = alias.canonical_key.split("/")[1].upper()
        kind = alias.type or "foreign"
    return OrgSpec(alias.canonical_key, alias.label or text, kind, parent.key if parent else None,
                   parent.municipality_code if parent else None, parent.county_code if parent else None,
                   None, country)


def curated(ref: Reference, text: str, ctx: Context) -> Resolved | None:
    """Return the curation override for ``text`` on this page, if a row matches.

    A row scoped to the project wins over one scoped to the page's municipality, which
    wins over an unscoped row.
    """
    if not ref.curation:
        return None
    key = norm(text)
    scopes = [f"project:{ctx.project_key}"]
    if ctx.home_code:
        scopes.append(f"municipality:{ctx.home_code}")
    scopes.append("")
    for scope in scopes:
        alias = ref.curation.get((scope, key))
        if alias is not None:
            return _resolved(ref, _alias_org(ref, alias, text), "curation")
    return None


# ---------------------------------------------------------------------- units
def generic_unit(ref: Reference, text: str) -> tuple[str, str, bool] | None:
    """Return ``(unit key, unit label, listed)`` when ``text`` names a generic unit.

    ``listed`` is True for the unit words of ``municipal_units.csv`` (one key for all
    their spellings and abbreviations: "AME - Arbetsmarknadsenheten" is
    ``arbetsmarknadsenheten``); other names that end in a unit word ("...förvaltningen",
    "Enheten för ...") are units keyed by their slug.

    Examples
    --------
    >>> ref = Reference.load()
    >>> generic_unit(ref, "AME - Arbetsmarknadsenheten")
    ('arbetsmarknadsenheten', 'Arbetsmarknadsenheten', True)
    >>> generic_unit(ref, "Fenix Kunskapscentrum") is None
    True
    """
    from ..iris import slug

    text = expand_abbreviations(text)
    key = norm(text)
    unit = ref.unit_forms.get(key) or ref.unit_abbreviations.get(text.strip())
    if unit is None:
        parts = split_parts(text)
        if len(parts) > 1:
            keys = {ref.unit_forms.get(norm(p)) or ref.unit_abbreviations.get(p) for p in parts}
            if len(keys) == 1 and None not in keys:
                unit = keys.pop()
    if unit is not None:
        return unit, ref.units[unit].label, True
    if not key or ref.org_type_from_cues(text):
        return None
    if any(w.endswith(_UNIT_HEADS) for w in key.split()):
        return slug(key), clean(text), False
    return None


def _without_place(ref: Reference, code: str, rest: str) -> str:
    """``rest`` without the municipality's own name at its start or end ("Ale Lärcentrum")."""
    spans = list(TOKEN.finditer(rest))
    words = [m.group(0).casefold() for m in spans]
    for n in (3, 2, 1):
        if len(words) > n and ref.municipality_names.get(" ".join(words[:n])) == code:
            return rest[spans[n - 1].end():].strip(_SEPARATORS)
        if len(words) > n and ref.municipality_names.get(" ".join(words[-n:])) == code:
            return re.sub(r"\s+(?:i|in|på)$", "", rest[:spans[-n].start()].strip(_SEPARATORS), flags=re.IGNORECASE)
    return rest


def _unit_of(ref: Reference, code: str, rest: str) -> Resolved | None:
    """A unit of municipality ``code`` named by ``rest`` (None when ``rest`` is an organisation)."""
    rest = _PLACE_LEAD.sub("", rest.strip(_SEPARATORS)).strip(_SEPARATORS)
    if not rest:
        return _resolved(ref, municipality_org(ref, code), "municipality")
    rest = _without_place(ref, code, rest)
    unit = generic_unit(ref, rest)
    if unit is None:
        if ref.org_type_from_cues(rest) or norm(rest) in ref.known_forms:
            return None
        from ..iris import slug

        unit = (slug(expand_abbreviations(rest)), clean(expand_abbreviations(rest)), False)
    key, label, listed = unit
    method = "municipal-unit" if listed else "municipal-unit-unlisted"
    resolved = _resolved(ref, municipal_unit(ref, code, key, label), method)
    return replace(resolved, method="municipal-unit")


def _named_municipality(ref: Reference, text: str, spans: list[re.Match]) -> Resolved | None:
    """"X kommun" / "Xs kommun" / "Kommunen X" anywhere in the mention, the rest a unit."""
    words = [m.group(0).casefold() for m in spans]
    for j, word in enumerate(words):
        if word in _MUNICIPALITY_WORDS:
            for n in (3, 2, 1):
                if j - n < 0:
                    continue
                code = ref.municipality_orgs.get(" ".join(words[j - n:j] + ["kommun"]))
                if code:
                    start, end = spans[j - n].start(), spans[j].end()
                    return _unit_of(ref, code, text[:start] + " " + text[end:])
        if word == "kommunen":
            for n in (3, 2, 1):
                code = ref.municipality_names.get(" ".join(words[j + 1:j + 1 + n]))
                if code and j + n < len(words):
                    start, end = spans[j].start(), spans[j + n].end()
                    return _unit_of(ref, code, text[:start] + " " + text[end:])
    return None


def _bare_municipality(ref: Reference, text: str, spans: list[re.Match]) -> Resolved | None:
    """A municipality name at the start or end of a unit name ("Kävlinge Lärcentrum")."""
    words = [m.group(0).casefold() for m in spans]
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        code = ref.municipality_names.get(" ".join(words[:n]))
        if code and generic_unit(ref, text[spans[n - 1].end():].strip(_SEPARATORS)):
            return _unit_of(ref, code, text[spans[n - 1].end():])
        code = ref.municipality_names.get(" ".join(words[-n:]))
        if code:
            rest = text[:spans[-n].start()].strip(_SEPARATORS)
            rest = re.sub(r"\s+(?:i|in|på)$", "", rest, flags=re.IGNORECASE)
            if generic_unit(ref, rest):
                return _unit_of(ref, code, rest)
    return None


# ---------------------------------------------------------------------- prefixes
def _prefix(ref: Reference, text: str, spans: list[re.Match], forms: dict[str, str],
            abbreviations: dict[str, str]) -> tuple[str, str, bool] | None:
    """Return ``(key, rest of the text, by abbreviation)`` for the longest known prefix."""
    words = [m.group(0).casefold() for m in spans]
    for n in range(min(ref.max_prefix_words, len(words) - 1), 0, -1):
        key = forms.get(" ".join(words[:n]))
        if key:
            return key, text[spans[n - 1].end():], False
    if len(spans) > 1 and spans[0].group(0) in abbreviations:
        return abbreviations[spans[0].group(0)], text[spans[0].end():], True
    return None


def _place(ref: Reference, rest: str) -> str | None:
    """The place or unit after an organisation's name; None when it starts a second name.

    "Arbetsförmedlingen och Försäkringskassan" and "AF Industri AB" (a company whose
    name starts like an abbreviation) are not offices.
    """
    rest = _PLACE_LEAD.sub("", rest.strip(_SEPARATORS)).strip(_SEPARATORS)
    if not rest or rest.split(" ", 1)[0].casefold() in _CONJUNCTIONS or rest.startswith("&"):
        return None
    if _exact(ref, rest, norm(rest)) is not None:
        return None  # "Arbetsförmedlingen, Försäkringskassan": a second organisation, not a place
    if ref.org_type_from_cues(rest) == "company":
        return None
    return clean(rest)


def _prefixed(ref: Reference, text: str, spans: list[re.Match]) -> Resolved | None:
    hit = _prefix(ref, text, spans, ref.agency_forms, ref.agency_abbreviations)
    if hit:
        key, rest, abbreviated = hit
        agency = ref.agencies[key]
        if norm(rest) in {norm(a) for a in agency.abbreviations}:  # "Arbetsförmedlingen (AF)"
            return _resolved(ref, agency_org(ref, key), "agency")
        place = _place(ref, rest)
        if place is not None:
            office = agency_office(ref, key, place)
            confidence = CONFIDENCE["agency-office-abbreviation" if abbreviated else "agency-office"]
            if office.municipality_code is None:
                confidence = min(confidence, CONFIDENCE["agency-office-unlocated"])
            return _resolved(ref, office, "agency-office", confidence)
    words = [m.group(0).casefold() for m in spans]
    if words and words[0] == "länsstyrelsen" and len(words) > 1:
        rest = text[spans[0].end():]
        code = ref.county_names.get(norm(_PLACE_LEAD.sub("", rest.strip(_SEPARATORS))))
        if code is None:
            municipality, code = locate(ref, rest)
        if code:
            return _resolved(ref, county_board_org(ref, code), "county-board", 0.85)
    hit = _prefix(ref, text, spans, ref.region_forms, {})
    if hit:
        code, rest, _ = hit
        place = _place(ref, rest)
        if place is not None:
            return _resolved(ref, regional_unit(ref, code, place), "regional-unit")
    hit = _prefix(ref, text, spans, ref.known_forms, ref.known_abbreviations)
    if hit:
        key, rest, _ = hit
        place = _place(ref, rest)
        if place is not None:
            return _resolved(ref, known_branch(ref, key, place), "known-organisation-branch")
    return None


# ---------------------------------------------------------------------- main entry
def exact_reference(ref: Reference, text: str, key: str | None = None) -> Resolved | None:
    """The reference organisation ``text`` names exactly (agency, county board, region,
    municipality, known organisation), or None. ``key`` is ``norm(text)`` when known."""
    return _exact(ref, text, norm(text) if key is None else key)


def _exact(ref: Reference, text: str, key: str) -> Resolved | None:
    if key in ref.agency_forms:
        return _resolved(ref, agency_org(ref, ref.agency_forms[key]), "agency")
    if text in ref.agency_abbreviations:
        return _resolved(ref, agency_org(ref, ref.agency_abbreviations[text]), "agency",
                         CONFIDENCE["agency-abbreviation"])
    if key in ref.board_forms:
        return _resolved(ref, county_board_org(ref, ref.board_forms[key]), "county-board")
    if key in ref.region_forms:
        org = region_org(ref, ref.region_forms[key])
        return _resolved(ref, org, "region" if org.type == "region" else "municipality")
    if key in ref.municipality_orgs:
        return _resolved(ref, municipality_org(ref, ref.municipality_orgs[key]), "municipality")
    if key in ref.known_forms or text in ref.known_abbreviations:
        return _resolved(ref, known_org(ref, ref.known_forms.get(key) or ref.known_abbreviations[text]),
                         "known-organisation")
    return None


def _contextual_unit(ref: Reference, text: str, ctx: Context) -> Resolved | None:
    key = norm(text)
    if key in ("kommunen", "kommun"):
        if ctx.home_code:
            method = f"municipality-{ctx.home_method}"
            return _resolved(ref, municipality_org(ref, ctx.home_code), method)
        unit = ("kommunen", "Kommunen", True)
    else:
        unit = generic_unit(ref, text)
    if unit is None:
        return None
    unit_key, label, _ = unit
    if ctx.home_code:
        return _resolved(ref, municipal_unit(ref, ctx.home_code, unit_key, label), f"municipal-unit-{ctx.home_method}")
    return _resolved(ref, scoped_unit(ctx.project_key, unit_key, label, ctx.project_title),
                     "municipal-unit-project-scoped")


def _name_key(ref: Reference, text: str) -> Resolved:
    kind = ref.org_type_from_cues(text)
    org = OrgSpec(f"name/{name_key(text)}", text, kind or "unknown")
    return _resolved(ref, org, "name-key", CONFIDENCE["name-key-typed" if kind else "name-key"])


_LEGAL_WORDS = re.compile(r"\s+(?:AB|Aktiebolag|\(publ\)|ek\.?\s*för\.?|ideell förening)$", re.IGNORECASE)


def _one_organisation(ref: Reference, text: str) -> Resolved | None:
    """"Rädda Barnen, Rädda Barnens Riksförbund AB": segments that each name one organisation.

    The registration prints the everyday name and the legal name side by side; when every
    comma-separated segment (legal-form words aside) is a reference name of the same
    organisation, the mention is that organisation.
    """
    segments = [s.strip() for s in text.split(",")]
    if len(segments) < 2:
        return None
    hits = [_exact(ref, _LEGAL_WORDS.sub("", s), norm(_LEGAL_WORDS.sub("", s))) for s in segments]
    if any(h is None for h in hits) or len({h.org.key for h in hits}) != 1:
        return None
    return hits[0]


def _context_free(ref: Reference, text: str) -> Resolved | None:
    """The rules that do not read the page's context, once per distinct name (names recur page after page)."""
    cache = ref.context_free
    found = cache.get(text, cache)  # the dict itself: not asked yet (None is an answer)
    if found is cache:
        found = _exact(ref, text, norm(text)) or _one_organisation(ref, text)
        if found is None:
            spans = list(TOKEN.finditer(text))
            found = (_prefixed(ref, text, spans) or _named_municipality(ref, text, spans)
                     or _bare_municipality(ref, text, spans))
        if len(cache) >= 1 << 15:
            cache.clear()  # bounded: a long batch of ever new names
        cache[text] = found
    return found


def _rules(ref: Reference, text: str, ctx: Context) -> Resolved:
    return _context_free(ref, text) or _contextual_unit(ref, text, ctx) or _name_key(ref, text)


def _with_org_number(ref: Reference, found: Resolved, digits: str, text: str) -> Resolved:
    """The organisation a printed number and name denote together.

    A number of the reference tables names that organisation; the printed name still
    decides which of its branches or units printed it ("Arbetsförmedlingen Vaggeryd"
    with the agency's number is the office). A name the rules know (a reference
    organisation, a branch, an office) keeps its key and carries the number, so that an
    upper-case spelling with a number and a mixed-case one without reach one node; only a
    name no rule knows is keyed by its number (``orgnr-<digits>``).
    """
    confidence = CONFIDENCE["org-number" if luhn_ok(digits) else "org-number-bad-checksum"]
    if digits in ref.org_numbers:
        _, key = ref.org_numbers[digits]
        head_office = found.org.key.rpartition("/")[2] in _HEAD_OFFICE
        if found.org.key == key:
            return replace(found, org=replace(found.org, org_number=digits), confidence=max(found.confidence, confidence))
        if found.org.key.startswith(key + "/") and not head_office:
            return replace(found, confidence=max(found.confidence, confidence))
        org = reference_org(ref, key)
        if org is not None:
            return _resolved(ref, replace(org, org_number=digits), "org-number", confidence)
    if found.org.type == "municipal_unit":
        return found  # a unit shares its municipality's number: the number does not name the unit
    if found.method != "name-key":
        # A reference organisation or a branch of one: keep its key and record the number on it.
        org = found.org if found.org.org_number else replace(found.org, org_number=digits)
        return replace(found, org=org)
    org = OrgSpec(f"orgnr-{digits}", text, found.org.type, found.org.parent,
                  found.org.municipality_code, found.org.county_code, digits)
    return Resolved(org, "org-number", confidence, found.parents)


def resolve_mention(ref: Reference, raw: str, ctx: Context, org_number: str | None = None) -> Resolved | None:
    """Resolve one printed organisation name on one page.

    Parameters
    ----------
    ref : Reference
        Reference tables and curation.
    raw : str
        The name as printed.
    ctx : Context
        What the page says about its municipality and project.
    org_number : str, optional
        The organisation number printed for this organisation (the owner on ESF+ pages).

    Returns
    -------
    Resolved or None
        None for list entries that name no organisation ("Inga", "-").

    Examples
    --------
    >>> ref = Reference.load()
    >>> r = resolve_mention(ref, "Af Jönköping", Context("k1"))
    >>> r.org.key, r.method, r.parents[0].key
    ('arbetsformedlingen/jonkoping', 'agency-office', 'arbetsformedlingen')
    >>> resolve_mention(ref, "Socialtjänsten", Context("k1", None, "0665", "email-domain")).org.key
    'kommun-0665/socialtjansten'
    """
    text = clean(raw)
    if not text or is_placeholder(text):
        return None
    found = curated(ref, text, ctx)
    if found is not None:
        return found
    tidy = tidy_name(text)
    if tidy != text:
        found = curated(ref, tidy, ctx)
        if found is not None:
            return found
    found = _rules(ref, tidy, ctx)
    digits = org_number_digits(org_number)
    if digits:
        found = _with_org_number(ref, found, digits, text)
    return found

