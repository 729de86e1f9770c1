"""Enumerations in prose: the other names of a list that names an organisation, and
municipalities named by bare place name when the sentence makes them parties.

- In "så som Lernia, FEI, Medlearn m fl" Lernia is known, so FEI and Medlearn, capitalised
  names in the same enumeration, are organisations as well; after "Följande företag har
  deltagit: ..." every name of the enumeration is one. An enumeration that is mostly
  lower-case words is of things, not organisations ("lönebidrag, Samhall, boendestöd").
- Two or more municipality names in one enumeration, in a sentence about municipalities or
  parties ("fem av länets kommuner - Norberg, Skinnskatteberg, Fagersta, Köping och Sala"),
  and "Älvsbyns och Jokkmokks kommuner", are the municipal governments.
"""

from __future__ import annotations

import bisect
import re

from .orgs import Resolved, municipality_org, parents_of
from .pagetext import PageText, Span, capital, joined
from .prose import NAME_JOINERS, NOT_PARTIES, place_at, place_first_words, resolve_on_page
from .reference import Reference
from .rules import Context
from .text import TOKEN, norm

__all__ = ["municipality_lists", "coordinated_names"]

_LIST_CONFIDENCE = 0.4
_PLACE_LIST_CONFIDENCE = 0.5
# A sentence about municipalities or parties: its enumerations of place names name parties.
_KOMMUN_WORDS = re.compile(r"\b(?:kommun(?:er|erna|ernas|ala|alt|a)|parter(?:na)?|partners)\b", re.IGNORECASE)
_COLON = re.compile(r":\s")
# One word in the definite form ("Regionen", "Kommunen", "Näringslivet"): a kind of party, not a name.
_GENERIC = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+(?:en|et|na)$")
# "Följande företag har deltagit: A, B, C": a category of organisations, then a colon.
_CATEGORY_COLON = re.compile(r"\b(?:företag(?:en)?|organisationer(?:na)?|föreningar(?:na)?|aktörer(?:na)?|"
                             r"parter(?:na)?|partners|samarbetspartners|myndigheter(?:na)?)\b[^:]*:", re.IGNORECASE)
_CHUNK_SPLIT = re.compile(r"\s*(?:,|;|:|\s-\s|\s–\s|\bm\.?\s?fl\b\.?)\s*", re.IGNORECASE)
_AND_SPLIT = re.compile(r"\s+(?:och|samt)\s+", re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)?")


def _place_runs(ref: Reference, page: PageText, lo: int, hi: int, genitive: bool) -> list[list[tuple[str, int, int]]]:
    """Enumerations of municipality names between words ``lo`` and ``hi``: ``(code, first, end)``.

    Two names belong to one enumeration when only a comma (or a bracket or dash) or one of
    "och", "samt", "eller" stands between them.
    """
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    firsts = place_first_words(ref)
    i = lo
    while i < hi:
        hit = place_at(ref, page, i, genitive) if page.folded[i] in firsts else None
        if hit is not None:
            code, n = hit
            if run:
                end = run[-1][2]
                joined = (end == i and not page.gap(i).strip(" ,(-–")) or (
                    end + 1 == i and page.folded[end] in ("och", "samt", "eller") and not page.gap(end).strip())
                if not joined:
                    runs.append(run)
                    run = []
            run.append((code, i, i + n))
            i += n
            continue
        if run and not (page.folded[i] in ("och", "samt", "eller") and run[-1][2] == i):
            runs.append(run)
            run = []
        i += 1
    if run:
        runs.append(run)
    return runs


def municipality_lists(ref: Reference, page: PageText) -> list[Span]:
    """Municipalities named by bare place name in an enumeration the sentence makes parties.

    Examples
    --------
    >>> ref = Reference.load()
    >>> page = PageText("Sex kommuner i Värmland (Arvika, Hammarö och Sunne) deltar.")
    >>> [s.resolved.org.key for s in municipality_lists(ref, page)]
    ['kommun-1784', 'kommun-1761', 'kommun-1766']
    """
    out: list[Span] = []
    places = page.place_words  # found by the reference-name scan, when that has read the text
    if places is None:
        firsts = place_first_words(ref)
        places = [i for i, w in enumerate(page.folded) if w in firsts]
    # An enumeration has place names at most a few words apart; only their sentences are read.
    sentences = sorted({page.sentence(page.start(a)) for a, b in zip(places, places[1:]) if b - a <= 4})
    for start, end in sentences:
        lo, hi = page.word_at(start), page.word_at(end)
        sentence = page.text[start:end]
        about_municipalities = bool(_KOMMUN_WORDS.search(sentence))
        plural = "kommuner" in sentence
        for genitive in (False, True):
            if not (plural if genitive else about_municipalities):
                continue
            for run in _place_runs(ref, page, lo, hi, genitive):
                followed = run[-1][2] < len(page) and page.folded[run[-1][2]] in ("kommuner", "kommunerna")
                if len(run) < 2 or not (followed if genitive else about_municipalities):
                    continue
                for code, i, j in run:
                    org = municipality_org(ref, code)
                    resolved = Resolved(org, "text-municipality-list", _PLACE_LIST_CONFIDENCE, parents_of(ref, org))
                    out.append(Span(page.start(i), page.end(j - 1), resolved, exclusive=False))
    return out


def _name_like(ref: Reference, page: PageText, item: str, start: int) -> bool:
    words = TOKEN.findall(item)
    if not 1 <= len(words) <= 5 or not all(capital(w) or w.isdigit() or w.casefold() in NAME_JOINERS for w in words):
        return False
    if not capital(words[0]):
        return False
    key = norm(item)
    places = [w for w in key.split() if w not in NAME_JOINERS]
    if all(w in ref.municipality_names or w in ref.county_names or w in ref.country_forms for w in places):
        return False  # "Västernorrland och Jämtland"
    if (key in NOT_PARTIES or key in ref.municipality_names or key in ref.county_names
            or key in ref.country_forms or key in ref.esf_region_forms or len(key) < 3 or key.isdigit()):
        return False
    return not page.sentence_initial(page.word_at(start))


def coordinated_names(ref: Reference, page: PageText, ctx: Context, found: list[Span]) -> list[Span]:
    """Capitalised names in the same enumeration as an organisation already found.

    Examples
    --------
    >>> from esfgraph.resolve.orgs import known_org
    >>> ref = Reference.load()
    >>> page = PageText("Vi samarbetar med yrkeshögskoleaktörer så som Lernia, FEI, Medlearn m fl.")
    >>> lernia = page.text.index("Lernia")
    >>> known = [Span(lernia, lernia + 6, Resolved(known_org(ref, "lernia"), "text-mention", 0.6))]
    >>> [s.resolved.org.key for s in coordinated_names(ref, page, Context("k"), known)]
    ['name/fei', 'name/medlearn']
    """
    out: list[Span] = []
    exclusive = sorted((s.start, s.end) for s in found if s.exclusive)
    sentences = {page.sentence(a) for a, _ in exclusive}
    sentences.update(page.sentence(m.start()) for m in _COLON.finditer(page.text))
    for start, end in sorted(sentences):
        colon = _CATEGORY_COLON.search(page.text, start, end) if page.text.find(":", start, end) >= 0 else None
        items = _items(ref, page, start, end)
        inside = exclusive[bisect.bisect_left(exclusive, (start, -1)):bisect.bisect_left(exclusive, (end, -1))]
        has_org = [any(a <= s < b or s <= a < e for s, e in inside) for a, b, _ in items]
        # After "Följande företag har deltagit: ..." every name of the enumeration is one.
        accepted = [bool(colon) and a >= colon.end() and name is not None and not has_org[k]
                    for k, (a, _, name) in enumerate(items)]
        changed = True
        while changed:
            changed = False
            for k, (_, _, name) in enumerate(items):
                if has_org[k] or accepted[k] or name is None:
                    continue
                if any(has_org[n] or accepted[n] for n in (k - 1, k + 1) if 0 <= n < len(items)):
                    accepted[k] = changed = True
        # An enumeration of organisations is mostly names; one of benefits or activities
        # ("lönebidrag, Samhall, boendestöd") is mostly lower-case words.
        names = sum(has_org) + sum(accepted)
        if names <= len(items) - names:
            continue
        for k, (_, _, name) in enumerate(items):
            if accepted[k]:
                printed = page.text[name[0]:name[1]]
                resolved = resolve_on_page(page, ref, printed, ctx, "text-list", _LIST_CONFIDENCE)
                generic = resolved is not None and resolved.method == "text-list" and _GENERIC.match(printed)
                if resolved is not None and not (generic and not colon):  # after "Följande företag:" any name
                    out.append(Span(name[0], name[1], resolved))
    return out


def _items(ref: Reference, page: PageText, start: int, end: int) -> list[tuple[int, int, tuple[int, int] | None]]:
    """The items of a sentence's enumerations: ``(start, end, the name it is or None)``.

    Items are cut at commas, semicolons, colons and dashes; "och"/"samt" cut only where an
    enumeration ends (the last item, or one that the next does not continue with a
    capital), since inside an enumeration they belong to a name ("Jokkmokks blommor och
    Begravningsbyrå"). A bracket after a name is the name's abbreviation, not an item. An
    item is a name when all its words are capitalised; the last one, after "och" or
    "samt", when it starts with one ("Socialtjänsten med långtidsarbetslösa").
    """
    chunks: list[tuple[int, int]] = []
    cursor = start
    for sep in [*_CHUNK_SPLIT.finditer(page.text, start, end), None]:
        chunks.append((cursor, sep.start() if sep else end))
        cursor = sep.end() if sep else end
    items: list[tuple[int, int, tuple[int, int] | None]] = []
    for k, (a, b) in enumerate(chunks):
        following = page.text[chunks[k + 1][0]:chunks[k + 1][1]].lstrip() if k + 1 < len(chunks) else ""
        pieces = [(a, b, False)]
        if not following[:1].isupper():
            pieces, cursor, after_and = [], a, False
            for sep in [*_AND_SPLIT.finditer(page.text, a, b), None]:
                pieces.append((cursor, sep.start() if sep else b, after_and))
                cursor, after_and = (sep.end(), True) if sep else (b, after_and)
        for x, y, after_and in pieces:
            bracket = _BRACKET.search(page.text, x, y)
            # "OSA (Offentligt skyddat arbete)": spelled out in common words, a thing, not a name.
            described = bracket is not None and not _name_like(ref, page, bracket.group(1), bracket.start(1))
            text = page.text[x:bracket.start()] if bracket else page.text[x:y]
            if not text.strip(" ."):
                continue
            lead = len(text) - len(text.lstrip())
            x, y = x + lead, x + len(text.rstrip(" ."))
            name = (x, y) if not described and _name_like(ref, page, page.text[x:y], x) else None
            if name is None and after_and and not described:
                name = _leading_name(ref, page, x, y)
            items.append((x, y, name))
    return items


def _leading_name(ref: Reference, page: PageText, a: int, b: int) -> tuple[int, int] | None:
    i = page.word_at(a)
    j = i
    while j < len(page) and page.end(j) <= b and capital(page.printed[j]) and j - i < 4 and (j == i or joined(page, j)):
        j += 1
    if j == i or (j < len(page) and page.start(j) < b and page.printed[j][:1].isupper()):
        return None
    if j < len(page) and page.start(j) < b and page.folded[j - 1].endswith("s"):
        return None  # "Lapplands kommunalförbund": a genitive of the noun that follows, not a name
    name = (page.start(i), page.end(j - 1))
    return name if _name_like(ref, page, page.text[name[0]:name[1]], name[0]) else None
