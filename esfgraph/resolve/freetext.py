"""Organisations named in a page's free text (summary, background...): role ``mentioned``.

Only names that identify one organisation on their own are looked for: national agencies
("Arbetsförmedlingen", "arbetsförmedlingens", "AF") and their offices ("Arbetsförmedlingen
Mora", "AF i Mora"), regions ("Region Norrbotten",
"Landstinget i Norrbotten"), county boards, municipal governments ("Älvsbyns kommun"),
known organisations ("Folkbildningsrådet", "Samhall") and municipal units tied to a
municipality in the same phrase ("AMA i Jönköping"). Generic words ("socialtjänsten",
"kommunen", "arbetsförmedling") are not, because the text does not say whose.

The text is cut into words once and every word position is looked up in a dictionary of
word sequences, which keeps the cost linear in the length of the text.

Examples
--------
>>> from esfgraph.resolve.reference import Reference
>>> ref = Reference.load()
>>> [(raw, r.org.key) for raw, r in find_text_mentions(ref, ["Samverkan med AF och Älvsbyns kommun."])]
[('AF', 'arbetsformedlingen'), ('Älvsbyns kommun', 'kommun-2560')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .orgs import (
    OrgSpec,
    Resolved,
    agency_office,
    agency_org,
    county_board_org,
    known_org,
    municipal_unit,
    municipality_org,
    parents_of,
    region_org,
)
from .reference import Reference
from .text import TOKEN, genitive, norm

__all__ = ["TextIndex", "text_index", "find_text_mentions", "TEXT_CONFIDENCE", "TEXT_ABBREVIATION_CONFIDENCE"]

TEXT_CONFIDENCE = 0.6
TEXT_ABBREVIATION_CONFIDENCE = 0.5

# Case rules: any case; first letter upper-case; exactly as written (abbreviations).
_ANY, _CAPITAL, _EXACT = "any", "capital", "exact"


@dataclass(frozen=True)
class _Entry:
    kind: str  # agency, known, region, board, municipality
    value: str  # key or code
    case: str
    forms: frozenset[str]  # the forms as written, for the exact rule ("Af", "AF")
    office: bool = False  # an agency's name that a place may follow ("Arbetsförmedlingen Mora")


@dataclass
class TextIndex:
    """Word sequences (norm keys) -> what they name, with the longest sequence length."""

    entries: dict[str, _Entry]
    first_words: frozenset[str]
    longest: int
    unit_words: frozenset[str]  # one-word unit forms ("socialtjänsten"), for "X i <municipality>"
    unit_abbreviations: frozenset[str]  # "AMA", as printed
    starts: frozenset[str] = frozenset()  # first_words | unit_words

    def __post_init__(self) -> None:
        self.starts = self.first_words | self.unit_words


def _put(entries: dict[str, _Entry], form: str, kind: str, value: str, case: str, office: bool = False) -> None:
    key = norm(form)
    if not key:
        return
    old = entries.get(key)
    if old is None:
        entries[key] = _Entry(kind, value, case, frozenset([form]), office)
    elif (old.kind, old.value, old.case) == (kind, value, case):
        entries[key] = _Entry(kind, value, case, old.forms | {form}, old.office or office)


def _build(ref: Reference) -> TextIndex:
    entries: dict[str, _Entry] = {}
    for a in sorted(ref.agencies.values(), key=lambda a: a.key):
        for form in (a.label, *a.aliases):
            if a.label.casefold().startswith(form.casefold()) and form != a.label:
                continue  # "Arbetsförmedling" (indefinite) is the activity, not the agency
            _put(entries, form, "agency", a.key, _ANY, office=True)
            if not form.endswith("s"):
                _put(entries, form + "s", "agency", a.key, _ANY)
        for abbr in a.abbreviations:
            if len(abbr) >= 2:
                _put(entries, abbr, "agency", a.key, _EXACT, office=True)
    for o in sorted(ref.organisations.values(), key=lambda o: o.key):
        for form in (o.label, *o.aliases):
            _put(entries, form, "known", o.key, _CAPITAL)
        for abbr in o.abbreviations:
            if len(abbr) >= 3 and abbr.isupper():
                _put(entries, abbr, "known", o.key, _EXACT)
    for form, code in sorted(ref.region_forms.items()):
        _put(entries, form, "region", code, _ANY)
    for form, code in sorted(ref.board_forms.items()):
        _put(entries, form, "board", code, _ANY)
    for m in sorted(ref.municipalities.values(), key=lambda m: m.code):
        stem = m.org_name.rsplit(" ", 1)[0]
        for form in {f"{m.name} kommun", f"{genitive(m.name)} kommun", f"{stem} kommun", m.org_name}:
            _put(entries, form, "municipality", m.code, _CAPITAL)
    return TextIndex(
        entries,
        frozenset(k.split(" ", 1)[0] for k in entries),
        max(len(k.split()) for k in entries),
        frozenset(k for k in ref.unit_forms if " " not in k),
        frozenset(ref.unit_abbreviations),
    )


def text_index(ref: Reference) -> TextIndex:
    """Return the word-sequence index of ``ref`` (built on first use, kept on the object)."""
    index = ref.__dict__.get("_text_index")
    if index is None:
        index = _build(ref)
        ref.__dict__["_text_index"] = index
    return index


def _case_ok(entry: _Entry, printed: str) -> bool:
    if entry.case == _EXACT:
        return printed in entry.forms
    if entry.case == _CAPITAL:
        return printed[:1].isupper()
    return True


def _org(ref: Reference, entry: _Entry) -> OrgSpec:
    if entry.kind == "agency":
        return agency_org(ref, entry.value)
    if entry.kind == "known":
        return known_org(ref, entry.value)
    if entry.kind == "region":
        return region_org(ref, entry.value)
    if entry.kind == "board":
        return county_board_org(ref, entry.value)
    return municipality_org(ref, entry.value)


class _Words:
    """The words of one text: as printed, case-folded, and (only when needed) their offsets."""

    def __init__(self, text: str):
        self.text = text
        self.printed = TOKEN.findall(text)
        # Case-fold every word in one C-level call ("\x00" never occurs in a word).
        self.folded = "\x00".join(self.printed).casefold().split("\x00") if self.printed else []
        self._spans: list[tuple[int, int]] = []
        self._finder = TOKEN.finditer(text)

    def __len__(self) -> int:
        return len(self.printed)

    def span(self, i: int) -> tuple[int, int]:
        """Offsets of word ``i``, found lazily: names are few and mostly early in a text."""
        while len(self._spans) <= i:
            self._spans.append(next(self._finder).span())
        return self._spans[i]

    def raw(self, i: int, j: int) -> str:
        """The text as printed from word ``i`` to word ``j`` (inclusive)."""
        return self.text[self.span(i)[0]:self.span(j)[1]]

    def gap(self, i: int) -> str:
        """What is printed between word ``i - 1`` and word ``i``."""
        return self.text[self.span(i - 1)[1]:self.span(i)[0]]


def _office_place(ref: Reference, w: _Words, j: int) -> tuple[str, int] | None:
    """The municipality right after an agency's name at word ``j``: ``(code, words used)``.

    "Arbetsförmedlingen Mora" and "Arbetsförmedlingen i Mora" name the office; a comma
    between them ("Arbetsförmedlingen, Mora kommun") is a list, not an office.
    """
    words = w.folded
    start = j + 1 if j < len(words) and words[j] == "i" else j
    if start >= len(words) or not w.printed[start][:1].isupper() or w.gap(j).strip():
        return None
    if start > j and w.gap(start).strip():
        return None
    for n in (3, 2, 1):
        if start + n > len(words):
            continue
        name = " ".join(words[start:start + n])
        code = ref.municipality_names.get(name)
        if code and norm(ref.municipalities[code].name) == name:  # the name itself, not a genitive
            following = words[start + n] if start + n < len(words) else ""
            if following in ("kommun", "kommuns", "stad", "län", "läns"):
                return None  # "Arbetsförmedlingen och Mora kommun" is two organisations
            return code, start + n - j
    return None


def _unit_mention(ref: Reference, w: _Words, i: int) -> tuple[str, OrgSpec, int] | None:
    """"AMA i Jönköping": a unit word, ``i``, then a municipality name (capitalised)."""
    words, printed = w.folded, w.printed[i]
    unit = ref.unit_abbreviations.get(printed) or (ref.unit_forms.get(words[i]) if printed[:1].isupper() else None)
    if unit is None or i + 2 >= len(words) or words[i + 1] != "i" or not w.printed[i + 2][:1].isupper():
        return None
    for n in (3, 2, 1):
        if i + 2 + n > len(words):
            continue
        code = ref.municipality_names.get(" ".join(words[i + 2:i + 2 + n]))
        if code:
            return w.raw(i, i + 1 + n), municipal_unit(ref, code, unit, ref.units[unit].label), 2 + n
    return None


def _match(ref: Reference, index: TextIndex, w: _Words, i: int) -> tuple[str, Resolved, int] | None:
    """The longest known name starting at word ``i``: ``(as printed, resolved, words used)``."""
    words = w.folded
    for n in range(min(index.longest, len(words) - i), 0, -1):
        entry = index.entries.get(" ".join(words[i:i + n]) if n > 1 else words[i])
        if entry is None:
            continue
        printed = " ".join(w.printed[i:i + n])
        if not _case_ok(entry, printed):
            continue
        org = _org(ref, entry)
        step = n
        place = _office_place(ref, w, i + n) if entry.office else None
        if place is not None:
            code, used = place
            org = agency_office(ref, entry.value, ref.municipalities[code].name)
            step = n + used
        confidence = TEXT_ABBREVIATION_CONFIDENCE if entry.case == _EXACT else TEXT_CONFIDENCE
        return w.raw(i, i + step - 1), Resolved(org, "text-mention", confidence, parents_of(ref, org)), step
    return None


def find_text_mentions(ref: Reference, texts: Iterable[str]) -> list[tuple[str, Resolved]]:
    """Return the organisations named in ``texts``, in reading order, as printed.

    Parameters
    ----------
    ref : Reference
        Reference tables.
    texts : iterable of str
        The page's free-text sections, in page order.

    Returns
    -------
    list of (str, Resolved)
        Every occurrence (callers keep the first per organisation); method
        ``text-mention``, confidence 0.6 (0.5 for an abbreviation).
    """
    index = text_index(ref)
    first, starts, unit_abbreviations = index.first_words, index.starts, index.unit_abbreviations
    out: list[tuple[str, Resolved]] = []
    for text in texts:
        if not text:
            continue
        w = _Words(text)
        # Only positions whose word may start a name are looked at (a few per hundred words);
        # the set tests run in C and skip texts that name nothing at all.
        candidates = []
        if not starts.isdisjoint(w.folded):
            candidates = [i for i, word in enumerate(w.folded) if word in starts]
        if not unit_abbreviations.isdisjoint(w.printed):
            candidates = sorted(set(candidates).union(i for i, word in enumerate(w.printed) if word in unit_abbreviations))
        done = 0
        for i in candidates:
            if i < done:
                continue  # inside a name already found
            found = _match(ref, index, w, i) if w.folded[i] in first else None
            if found is None:
                found = _unit_mention(ref, w, i)
                if found is not None:
                    raw, org, step = found
                    found = (raw, Resolved(org, "text-mention", TEXT_ABBREVIATION_CONFIDENCE, parents_of(ref, org)), step)
            if found is not None:
                raw, resolved, step = found
                out.append((raw, resolved))
                done = i + step
    return out
