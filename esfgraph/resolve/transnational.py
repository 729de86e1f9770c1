"""Transnational cooperation: the countries and (best effort) the partner organisations.

The "Transnationellt samarbete" text is prose. Countries are found by name, Swedish or
English, capitalised ("ITALIEN", "England", "UK"; Sweden itself is ignored). Partner
organisations are found after phrases that introduce one ("organisationen X",
"organiserade av X", "samarbete med X"), up to the end of the name; each is placed in
the country named later in the same sentence ("organisationen X i Sevilla, Spanien"), else
the one named last before it ("ITALIEN, TN-aktivitet 1: ... organisationen X").
"Inget", "Ingen transnationell verksamhet" and the like mean no cooperation.

Examples
--------
>>> from esfgraph.resolve.reference import Reference
>>> ref = Reference.load()
>>> found = find_transnational(ref, "ITALIEN: samarbete med organisationen Obbietivo Formazione (ObF) i Florens.")
>>> found.countries, [(p.name, p.country) for p in found.partners]
(['IT'], [('Obbietivo Formazione', 'IT')])
>>> find_transnational(ref, "Ingen transnationell verksamhet.").countries
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .reference import Reference
from ..iris import slug
from .text import TOKEN, norm, strip_genitive

__all__ = ["Partner", "Transnational", "find_transnational", "means_none"]

_NONE_WORDS = {"inget", "ingen", "inga", "nej", "saknas", "ej", "inte", "finns"}
# Phrases after which a partner's name follows (compared on norm keys).
_TRIGGERS = (
    "partnerorganisationen", "partnerorganisation", "organisationen", "organisation", "partnern",
    "organiserade av", "organiserad av", "organiserat av", "drivs av", "samarbete med",
    "samarbetar med", "samarbetspartnern", "samarbetspartner", "tillsammans med", "kontakt med",
)
_TRIGGER = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in _TRIGGERS) + r")\s+", re.IGNORECASE)
# A name ends at punctuation that closes a phrase, or at a Swedish function word.
# A full stop ends a name only before a capital or the end ("Bildungswerk e.V. i Berlin").
_NAME_END = re.compile(
    r"\.(?=\s+[A-ZÅÄÖ]|\s*$)|[;:()\n\"”]|,\s|\s(?:i|som|och|med|för|där|att|har|är|vid|inom|samt|på|till|från|om|under|via)\s"
)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n")
_ABBREVIATION = re.compile(r"^\s*\(([A-Za-zÅÄÖåäö][\w&-]{0,9})\)")
_MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Partner:
    """A foreign partner organisation named in the text."""

    name: str
    country: str | None  # ISO 3166-1 alpha-2 of the country named last before it
    key: str  # org key: foreign/<iso2>/<name key>
    abbreviation: str | None = None


@dataclass
class Transnational:
    """What the transnational text says: countries (sorted ISO codes) and partners."""

    countries: list[str] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    first_printed: dict[str, str] = field(default_factory=dict)  # ISO -> the country as first printed


def means_none(text: str | None) -> bool:
    """Return True when the text says there is no transnational cooperation.

    Examples
    --------
    >>> means_none("Inget"), means_none("Ingen transnationell verksamhet."), means_none("Italien")
    (True, True, False)
    """
    if not text or not text.strip():
        return True
    words = norm(text).split()
    return bool(words) and words[0] in _NONE_WORDS and len(words) <= 25


def _countries(ref: Reference, text: str) -> list[tuple[int, str, str]]:
    """Every country named in ``text``: (offset, ISO code, as printed), in order."""
    spans = list(TOKEN.finditer(text))
    words = [m.group(0).casefold() for m in spans]
    out = []
    i = 0
    while i < len(words):
        step = 1
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            key = " ".join(words[i:i + n])
            iso = ref.country_forms.get(key)
            if iso is None and n == 1:
                iso = ref.country_forms.get(strip_genitive(key)) if key.endswith("s") else None
            if iso and text[spans[i].start()].isupper():
                printed = text[spans[i].start():spans[i + n - 1].end()]
                if iso != "SE":
                    out.append((spans[i].start(), iso, printed))
                step = n
                break
        i += step
    return out


def _is_candidate(ref: Reference, name: str) -> bool:
    key = norm(name)
    words = key.split()
    if not words or len(words) > _MAX_NAME_WORDS or not name[:1].isupper():
        return False
    if key in ref.country_forms or key in ref.agency_forms or key in ref.known_forms:
        return False  # a country or a Swedish organisation, not a foreign partner
    if key in ref.municipality_names or key in ref.municipality_orgs:
        return False
    return True


def _sentence_end(text: str, start: int) -> int:
    match = _SENTENCE_END.search(text, start)
    return match.start() if match else len(text)


def _country_of(found: list[tuple[int, str, str]], countries: list[str], start: int, end: int) -> str | None:
    """The country a partner named at ``start`` is in: named later in its sentence, else before it."""
    same_sentence = [iso for offset, iso, _ in found if start <= offset < end]
    if same_sentence:
        return same_sentence[0]
    before = [iso for offset, iso, _ in found if offset < start]
    if before:
        return before[-1]
    return countries[0] if len(countries) == 1 else None


def find_transnational(ref: Reference, text: str | None) -> Transnational:
    """Return the countries and partner organisations a transnational text names.

    Parameters
    ----------
    ref : Reference
        For country names and to tell Swedish organisations apart.
    text : str or None
        The "Transnationellt samarbete" text.

    Returns
    -------
    Transnational
        Empty when the text says there is none.
    """
    if means_none(text):
        return Transnational()
    assert text is not None
    found = _countries(ref, text)
    result = Transnational(sorted({iso for _, iso, _ in found}))
    for _, iso, printed in found:
        result.first_printed.setdefault(iso, printed)
    seen: set[str] = set()
    for trigger in _TRIGGER.finditer(text):
        start = trigger.end()
        end_match = _NAME_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        name = text[start:end].strip(" ,-–")
        if name.endswith(".") and not re.search(r"\.\w+\.$", name):
            name = name[:-1]  # the sentence's full stop, not an abbreviation's (e.V.)
        if not _is_candidate(ref, name):
            continue
        country = _country_of(found, result.countries, start, _sentence_end(text, end))
        # Foreign legal forms (Oy, e.V., gGmbH) are part of the name: a plain slug.
        key = f"foreign/{(country or 'unknown').lower()}/{slug(name)}"
        if key in seen:
            continue
        seen.add(key)
        abbreviation = _ABBREVIATION.match(text[end:])
        result.partners.append(Partner(name, country, key, abbreviation.group(1) if abbreviation else None))
    return result
