"""Organisations named in a page's free text (summary, background...): role ``mentioned``.

The names the reference tables know are matched with an Aho–Corasick automaton
(:mod:`ahocorasick`) over the text's case-folded words, in every printed form: national
agencies ("Arbetsförmedlingen", "arbetsförmedlingens", "AF", the indefinite "Försäkringskassa"
written as a name, the plural "Arbetsförmedlingar") and their offices ("Arbetsförmedlingen
Mora", "AF i Mora", "Arbetsförmedlingar i Piteå och Arvidsjaur": two offices), regions,
county boards, municipal governments ("Älvsbyns kommun", "Botkyrka kommuns", "Stockholm
Stads"), universities ("Luleå tekniska universitet", "LTU"), Svenska kyrkan's dioceses,
known organisations ("Folkbildningsrådet", "Lernia") and municipal units tied to a
municipality in the same phrase ("AMA i Jönköping"). Generic words ("socialtjänsten",
"kommunen", lower-case "arbetsförmedling") are not names, because the text does not say whose.

:mod:`esfgraph.resolve.prose` adds the names no list holds (name patterns, abbreviations the
text defines, the other items of a list that names an organisation, municipalities by bare
place name in an enumeration of parties). Of overlapping names the longest wins: a name
inside a longer name ("Stockholms stad" in "Samordningsförbundet Stockholms stad") is not a
second organisation. Every name keeps the sentence it was found in as its evidence.

Examples
--------
>>> from esfgraph.resolve.reference import Reference
>>> ref = Reference.load()
>>> [(m.raw, m.resolved.org.key) for m in find_text_mentions(ref, ["Samverkan med AF och Älvsbyns kommun."])]
[('AF', 'arbetsformedlingen'), ('Älvsbyns kommun', 'kommun-2560')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

import ahocorasick

from .orgs import (
    OrgSpec,
    Resolved,
    agency_office,
    agency_org,
    county_board_org,
    diocese_org,
    known_branch,
    known_org,
    municipal_unit,
    municipality_org,
    parents_of,
    region_org,
)
from .enumerations import coordinated_names, municipality_lists
from .pagetext import PageText, Span
from .prose import defined_abbreviations, pattern_keys, pattern_names, place_first_words
from .reference import Reference
from .rules import Context, resolve_mention
from .text import genitive, norm

__all__ = ["TextMention", "find_text_mentions", "TEXT_CONFIDENCE", "TEXT_ABBREVIATION_CONFIDENCE", "EXCLUDED_KEYS"]

TEXT_CONFIDENCE = 0.6
TEXT_ABBREVIATION_CONFIDENCE = 0.5
#: The programme's own bodies: the funder and publisher of every page, never a partner.
EXCLUDED_KEYS = frozenset({"svenska-esf-radet"})
_EVIDENCE_CHARS = 600
# Contact details sometimes printed in a description: kept out of the evidence.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d -]{6,}\d")

# Case rules: any case; first letter upper-case; exactly as written (abbreviations).
_ANY, _CAPITAL, _EXACT = "any", "capital", "exact"
# Which reading of one phrase wins: a reference name, then the text's own definition, a pattern, a list.
_RANK = {"text-mention": 0, "text-near-spelling": 1, "text-abbreviation": 2, "text-pattern": 3, "text-list": 4}
# What else one pass over a text looks for besides the names (flags of the automaton's values).
_PATTERN, _UNIT, _PLACE = 1, 2, 4
_UNIT_HEADS = frozenset("enhet enheten avdelning avdelningen förvaltning förvaltningen sektionen staben kansliet".split())


@dataclass(frozen=True)
class TextMention:
    """One organisation named in a text: as printed, what it resolves to, where."""

    raw: str
    resolved: Resolved
    page: PageText = field(repr=False, compare=False)
    start: int = 0  # character offset in the text

    @property
    def evidence(self) -> str:
        """The sentence the name stands in (contact details masked; long ones cut)."""
        start, end = self.page.sentence(self.start)
        sentence = " ".join(_CONTACT.sub("…", self.page.text[start:end]).split())
        return sentence if len(sentence) <= _EVIDENCE_CHARS else sentence[:_EVIDENCE_CHARS - 1] + "…"


@dataclass(frozen=True)
class _Entry:
    kind: str  # agency, known, region, board, municipality, diocese
    value: str  # key or code
    case: str
    forms: frozenset[str]  # the forms as written, for the exact rule ("Af", "AF")
    office: bool = False  # an agency's name that a place may follow ("Arbetsförmedlingen Mora")
    words: int = 1


def _put(entries: dict[str, _Entry], form: str, kind: str, value: str, case: str, office: bool = False) -> None:
    key = norm(form)
    if not key:
        return
    old = entries.get(key)
    if old is None:
        entries[key] = _Entry(kind, value, case, frozenset([form]), office, key.count(" ") + 1)
    elif (old.kind, old.value, old.case) == (kind, value, case):
        entries[key] = _Entry(kind, value, case, old.forms | {form}, old.office or office, old.words)


def _agency_forms(label: str) -> list[str]:
    """Indefinite and plural forms of an agency named by a definite noun ("Arbetsförmedlingar")."""
    if " " in label:
        return []
    if label.endswith("ingen"):  # Arbetsförmedlingen: -ing, -ingar, -ingarna
        stem = label[:-2]
        return [stem, stem + "ar", stem + "arna"]
    if label.endswith("an"):  # Försäkringskassan: -a, -or, -orna
        stem = label[:-1]
        return [stem, stem[:-1] + "or", stem[:-1] + "orna"]
    return []


def _add_agencies(ref: Reference, entries: dict[str, _Entry]) -> None:
    for a in sorted(ref.agencies.values(), key=lambda a: a.key):
        if a.key in EXCLUDED_KEYS:
            continue
        for form in (a.label, *a.aliases):
            if a.label.casefold().startswith(form.casefold()) and form != a.label:
                continue  # "Arbetsförmedling" (indefinite) is the activity unless written as a name
            _put(entries, form, "agency", a.key, _ANY, office=True)
            if not form.endswith("s"):
                _put(entries, form + "s", "agency", a.key, _ANY)
        for form in _agency_forms(a.label):
            _put(entries, form, "agency", a.key, _CAPITAL, office=True)
        for abbr in a.abbreviations:
            if len(abbr) >= 2:
                _put(entries, abbr, "agency", a.key, _EXACT, office=True)


def _build(ref: Reference) -> tuple[ahocorasick.Automaton, bool]:
    entries: dict[str, _Entry] = {}
    _add_agencies(ref, entries)
    for o in sorted(ref.organisations.values(), key=lambda o: o.key):
        for form in (o.label, *o.aliases):
            _put(entries, form, "known", o.key, _CAPITAL)
            if not form.endswith(("s", "x", "z")):
                _put(entries, form + "s", "known", o.key, _CAPITAL)
        for abbr in o.abbreviations:
            if len(abbr) >= 3 and sum(c.isupper() for c in abbr) >= 2:
                _put(entries, abbr, "known", o.key, _EXACT)
    for d in sorted(ref.dioceses.values(), key=lambda d: d.key):
        for form in (d.label, *d.aliases):
            _put(entries, form, "diocese", d.key, _CAPITAL)
    for form, code in sorted(ref.region_forms.items()):
        _put(entries, form, "region", code, _ANY)
        _put(entries, form + "s", "region", code, _ANY)
    for form, code in sorted(ref.board_forms.items()):
        _put(entries, form, "board", code, _ANY)
    for m in sorted(ref.municipalities.values(), key=lambda m: m.code):
        stem = m.org_name.rsplit(" ", 1)[0]
        forms = {f"{m.name} kommun", f"{genitive(m.name)} kommun", f"{stem} kommun", m.org_name,
                 f"{m.name} stad", f"{genitive(m.name)} stad"}
        for form in sorted(forms):
            _put(entries, form, "municipality", m.code, _CAPITAL)
            _put(entries, form + "s", "municipality", m.code, _CAPITAL)  # "Botkyrka kommuns"
    automaton = ahocorasick.Automaton()
    for key, value in _scan_keys(ref, entries).items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton, bool(entries)


def _scan_keys(ref: Reference, entries: dict[str, _Entry]) -> dict[str, tuple[int, _Entry | None, int]]:
    """The automaton's keys: the names, and the words other matchers look for, so that one
    pass over a text finds them all. Value: the key's length, the name's entry (or None),
    and flags (a name-pattern word, a unit word, a municipality name's first word)."""
    keys = {" " + key: (len(key) + 1, entry, 0) for key, entry in entries.items()}
    units, abbreviations = _unit_words(ref)
    wanted = [(key, _PATTERN) for key in pattern_keys(ref)]
    wanted += [(" " + word, _UNIT) for word in (*units, *abbreviations)]
    wanted += [(" " + word, _PLACE) for word in place_first_words(ref)]
    for key, flag in wanted:
        length, entry, flags = keys.get(key, (len(key), None, 0))
        keys[key] = (length, entry, flags | flag)
    return keys


def _automaton(ref: Reference) -> tuple[ahocorasick.Automaton, bool]:
    """The name automaton of ``ref`` and whether it holds names (built on first use, kept on the object)."""
    automaton = ref.__dict__.get("_text_automaton")
    if automaton is None:
        automaton = _build(ref)
        ref.__dict__["_text_automaton"] = automaton
    return automaton


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
    if entry.kind == "diocese":
        return diocese_org(ref, entry.value)
    return municipality_org(ref, entry.value)


def _office_places(ref: Reference, page: PageText, j: int) -> tuple[list[str], int]:
    """The municipalities right after an agency's name ending before word ``j``.

    "Arbetsförmedlingen Mora" and "Arbetsförmedlingen i Mora" name the office;
    "Arbetsförmedlingar i Piteå och Arvidsjaur" two. A comma between name and place
    ("Arbetsförmedlingen, Mora kommun") is a list, not an office. Returns the codes and
    the number of words used.
    """
    words = page.folded
    start = j + 1 if j < len(words) and words[j] == "i" else j
    if start >= len(words) or page.gap(j).strip() or (start > j and page.gap(start).strip()):
        return [], 0
    codes: list[str] = []
    k = start
    while k < len(words) and page.printed[k][:1].isupper():
        for n in (3, 2, 1):
            name = " ".join(words[k:k + n])
            code = ref.municipality_names.get(name)
            if code and k + n <= len(words) and norm(ref.municipalities[code].name) == name:
                following = words[k + n] if k + n < len(words) else ""
                if following in ("kommun", "kommuns", "stad", "län", "läns"):
                    return ([], 0) if not codes else (codes, k - j - 1)
                codes.append(code)
                k += n
                break
        else:
            break
        if start == j or k >= len(words):
            break  # "Arbetsförmedlingen Mora": one place
        if words[k] in ("och", "samt") and not page.gap(k).strip() and k + 1 < len(words):
            k += 1  # "i Piteå och Arvidsjaur"
        elif page.gap(k).strip() != ",":
            break  # "i Luleå, Överkalix och Kalix" goes on at a comma
    if codes and words[k - 1] in ("och", "samt"):
        k -= 1
    return codes, k - j


def _unit_after(ref: Reference, page: PageText, j: int, ctx: Context, name_start: int) -> Span | None:
    """"Region Västerbotten Enhet för utbildning ...": a unit printed right after its organisation."""
    if j >= len(page) or page.folded[j] not in _UNIT_HEADS or not page.printed[j][:1].isupper() or page.gap(j).strip():
        return None
    k = j
    while k + 1 < len(page) and k - j < 8 and not page.gap(k + 1).strip():
        k += 1
    found = resolve_mention(ref, page.text[page.start(name_start):page.end(k)], ctx)
    if found is None or found.org.type not in ("regional_unit", "municipal_unit"):
        return None
    return Span(page.start(name_start), page.end(k), Resolved(found.org, "text-mention", TEXT_CONFIDENCE,
                                                                           found.parents))


def _unit_mention(ref: Reference, page: PageText, i: int) -> Span | None:
    """"AMA i Jönköping": a unit word, ``i``, then a municipality name (capitalised)."""
    words, printed = page.folded, page.printed[i]
    unit = ref.unit_abbreviations.get(printed) or (ref.unit_forms.get(words[i]) if printed[:1].isupper() else None)
    if unit is None or i + 2 >= len(words) or words[i + 1] != "i" or not page.printed[i + 2][:1].isupper():
        return None
    for n in (3, 2, 1):
        if i + 2 + n > len(words):
            continue
        code = ref.municipality_names.get(" ".join(words[i + 2:i + 2 + n]))
        if code:
            org = municipal_unit(ref, code, unit, ref.units[unit].label)
            resolved = Resolved(org, "text-mention", TEXT_ABBREVIATION_CONFIDENCE, parents_of(ref, org))
            return Span(page.start(i), page.end(i + 1 + n), resolved)
    return None


def _known_spans(ref: Reference, page: PageText, ctx: Context) -> list[Span]:
    """Every reference name in the text, longest first at each word (case rules applied)."""
    if not page.printed:
        return []
    by_word, unit_words = _scan(ref, page)
    spans: list[Span] = []
    for i in sorted(by_word):
        for entry in sorted(by_word[i], key=lambda e: -e.words):
            last = i + entry.words - 1
            if not _case_ok(entry, " ".join(page.printed[i:last + 1])):
                continue
            spans.extend(_entry_spans(ref, page, ctx, entry, i, last))
            break
    if not unit_words:
        return spans
    units, _ = _unit_words(ref)
    for i in [i for i, w in enumerate(page.folded) if w in units or page.printed[i] in ref.unit_abbreviations]:
        if i not in by_word:
            unit = _unit_mention(ref, page, i)
            if unit is not None:
                spans.append(unit)
    return spans


def _scan(ref: Reference, page: PageText) -> tuple[dict[int, list[_Entry]], bool]:
    """One pass over the text: the names starting at each word, and whether a unit word is there.

    Records on ``page`` where the name-pattern words end and which words may start a
    municipality's name, for :func:`pattern_names` and :func:`municipality_lists`.
    """
    hay = page.hay
    by_word: dict[int, list[_Entry]] = {}
    pattern_ends: set[int] = set()
    places: list[int] = []
    unit_words = False
    for end, (length, entry, flags) in _automaton(ref)[0].iter(hay):
        if end + 1 < len(hay) and hay[end + 1] != " ":
            continue  # ends inside a word
        if entry is not None:
            by_word.setdefault(page.word_of(end - length + 1), []).append(entry)
        if flags:
            if flags & _PATTERN:
                pattern_ends.add(end)
            if flags & _PLACE:
                places.append(page.word_of(end - length + 1))
            unit_words = unit_words or bool(flags & _UNIT)
    page.pattern_ends, page.place_words = pattern_ends, places
    return by_word, unit_words


def _unit_words(ref: Reference) -> tuple[frozenset[str], frozenset[str]]:
    """One-word unit forms and unit abbreviations, case-folded (a quick check before the exact one)."""
    words = ref.__dict__.get("_unit_words")
    if words is None:
        words = (frozenset(k for k in ref.unit_forms if " " not in k),
                 frozenset(a.casefold() for a in ref.unit_abbreviations))
        ref.__dict__["_unit_words"] = words
    return words


def _entry_spans(ref: Reference, page: PageText, ctx: Context, entry: _Entry, i: int, last: int) -> list[Span]:
    confidence = TEXT_ABBREVIATION_CONFIDENCE if entry.case == _EXACT else TEXT_CONFIDENCE
    codes, used = _office_places(ref, page, last + 1) if entry.office else ([], 0)
    if codes:
        end = page.end(last + used)
        out = []
        for code in codes:
            org = agency_office(ref, entry.value, ref.municipalities[code].name)
            out.append(Span(page.start(i), end, Resolved(org, "text-mention", confidence, parents_of(ref, org))))
        return out
    if entry.kind in ("region", "municipality"):
        unit = _unit_after(ref, page, last + 1, ctx, i)
        if unit is not None:
            return [unit]
    if entry.kind == "known" and entry.case != _EXACT:
        codes, used = _office_places(ref, page, last + 1)
        if len(codes) == 1:  # "Medborgarskolan Ljusdal": the branch
            org = known_branch(ref, entry.value, ref.municipalities[codes[0]].name)
            return [Span(page.start(i), page.end(last + used),
                         Resolved(org, "text-mention", confidence, parents_of(ref, org)))]
    org = _org(ref, entry)
    return [Span(page.start(i), page.end(last), Resolved(org, "text-mention", confidence,
                                                                     parents_of(ref, org)))]


def _select(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping names; spans with the same extent all stay."""
    kept: list[Span] = []
    taken: dict[tuple[int, int], tuple[str, set[str]]] = {}  # extent -> (method, keys)
    reach = -1  # the end of the furthest name kept so far (spans come in order of start)
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start), _RANK.get(s.resolved.method, 9))):
        if not span.exclusive:
            continue
        extent, key = (span.start, span.end), span.resolved.org.key
        if extent in taken:
            # One phrase may name several organisations ("Arbetsförmedlingar i Piteå och
            # Arvidsjaur"), all by one rule; a known name beats a pattern reading of it.
            method, keys = taken[extent]
            if method != span.resolved.method or key in keys:
                continue
            keys.add(key)
        elif span.start < reach:
            continue  # inside or across a longer name
        else:
            taken[extent] = (span.resolved.method, {key})
        reach = max(reach, span.end)
        kept.append(span)
    # A place of an enumeration is a party unless it is part of a name ("Samordningsförbundet
    # Laxå, Hällefors och Ljusnarsberg"); the places of plural offices are both.
    names = sorted((s.start, s.end) for s in kept if s.resolved.org.type != "agency_office")
    starts = [a for a, _ in names]
    for span in spans:
        if span.exclusive:
            continue
        k = bisect.bisect_left(starts, span.end) - 1  # the last name starting before the span ends
        if k < 0 or names[k][1] <= span.start:
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, -(s.end - s.start)))


def find_text_mentions(ref: Reference, texts: Iterable[str], ctx: Context | None = None) -> list[TextMention]:
    """Return the organisations named in ``texts``, in reading order, as printed.

    Parameters
    ----------
    ref : Reference
        Reference tables.
    texts : iterable of str
        The page's free-text sections, in page order.
    ctx : Context, optional
        The page's context (its municipality), for names the rules resolve.

    Returns
    -------
    list of TextMention
        Every occurrence, in reading order (callers keep the first per organisation; the
        evidence sentence is found only when asked for). Known names have
        method ``text-mention`` (confidence 0.6, 0.5 for an abbreviation); the methods of
        :mod:`esfgraph.resolve.prose` for the others.
    """
    ctx = ctx or Context("text")
    names = _automaton(ref)[1]  # a reference folder may hold no names
    out: list[TextMention] = []
    for text in texts:
        if not text:
            continue
        page = PageText(text)
        spans = _known_spans(ref, page, ctx) if names else []
        spans += pattern_names(ref, page, ctx) + defined_abbreviations(ref, page, ctx)
        spans += coordinated_names(ref, page, ctx, spans) + municipality_lists(ref, page)
        for span in _select(spans):
            if span.resolved.org.key not in EXCLUDED_KEYS:
                out.append(TextMention(text[span.start:span.end], span.resolved, page, span.start))
    return out
