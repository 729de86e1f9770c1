"""Organisation names in prose that no reference list holds, read as a careful reader reads them.

:mod:`esfgraph.resolve.freetext` finds the names the reference tables know. This module finds
the others, from what the words around them say:

- a name pattern (``data/reference/name_patterns.csv``): a word that ends or starts a name,
  with the capitalised words beside it: "Lapplands kommunalförbund", "De Hörselskadades
  Förening i Jokkmokk", "Samordningsförbundet Östra Södertörn", "Regionförbundet södra
  Småland", "AB Destination Småland", "Lindholmen Science Park AB";
- an abbreviation the text defines: "Help Ukraine Gothenburg (HUG)", whose initials spell
  the letters in brackets; later uses of "HUG" name it too;
- (in :mod:`esfgraph.resolve.enumerations`) the other items of a list that names an
  organisation, and municipalities by bare place name when the sentence makes them parties.

Everything is found as a :class:`Span` of the text with the sentence it stands in; which
spans survive (a name inside a longer name is not a second organisation) is decided by
:func:`esfgraph.resolve.freetext.find_text_mentions`.
"""

from __future__ import annotations

import re

import ahocorasick
from rapidfuzz import fuzz, process

from .orgs import Resolved, agency_org, known_org, parents_of
from .pagetext import PageText, Span, capital, joined
from .reference import Reference
from .rules import Context, resolve_mention
from .text import norm

__all__ = [
    "pattern_names",
    "pattern_keys",
    "defined_abbreviations",
    "near_known",
    "resolve_found",
    "resolve_on_page",
    "place_at",
    "place_first_words",
    "NOT_PARTIES",
    "NAME_JOINERS",
    "PATTERN_CONFIDENCE",
]

PATTERN_CONFIDENCE = 0.5
_NEAR_SCORE = 92  # rapidfuzz ratio (0-100) above which a near spelling is the known name

# Words that start sentences or join clauses, never the first word of a name.
_NOT_NAME_START = frozenset(
    "projektet projektets vi det den de detta denna dessa i en ett alla många olika samtliga flera varje "
    "både genom med för inom hos från till och samt även dessutom under efter när där som om att av på "
    "målet syftet målgruppen deltagarna".split())
_DIRECTIONS = frozenset("norra södra östra västra mellersta nordvästra nordöstra sydvästra sydöstra övre nedre".split())
_PLACE_TAILS = frozenset("stad kommun län stift".split())
NAME_JOINERS = frozenset("i för och av på".split())
_DEFINED = re.compile(r"\(([A-ZÅÄÖ][A-ZÅÄÖa-zåäö0-9&-]{1,9})\)")
# Names of the programme itself and of places in general: never a party in a list.
NOT_PARTIES = frozenset(norm(n) for n in (
    "EU", "ESF", "ESF-rådet", "Svenska ESF-rådet", "Europeiska socialfonden", "Europeiska unionen",
    "Socialfonden", "Sverige", "Europa", "Norden", "Ukraina", "Projektet", "Projektägare",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december"))


def resolve_found(ref: Reference, name: str, ctx: Context, method: str, confidence: float) -> Resolved | None:
    """Resolve a name found in prose: a reference name keeps ``text-mention``; others get ``method``.

    A generic unit whose municipality the page does not tell is dropped (None); a name no
    rule knows is tried as a near spelling of a known one.
    """
    found = resolve_mention(ref, name, ctx)
    if found is None or found.method == "municipal-unit-project-scoped":
        return None
    if found.method == "name-key":
        found = near_known(ref, name) or found
    if found.method in ("name-key", "org-number"):
        return Resolved(found.org, method, confidence, found.parents)
    return Resolved(found.org, "text-mention", max(confidence, 0.5), found.parents)


def resolve_on_page(page: PageText, ref: Reference, name: str, ctx: Context, method: str,
                    confidence: float) -> Resolved | None:
    """:func:`resolve_found`, once per name and rule on a page (a name often recurs)."""
    key = (name, method)
    if key not in page.found:
        page.found[key] = resolve_found(ref, name, ctx, method, confidence)
    return page.found[key]


def near_known(ref: Reference, name: str) -> Resolved | None:
    """Return the known organisation or agency a near spelling names ("Mitt universitetet").

    Examples
    --------
    >>> near_known(Reference.load(), "Linköpings Universitetet").org.key
    'linkopings-universitet'
    """
    near = ref.__dict__.get("_near_choices")
    if near is None:
        choices = {**{k: ("known", v) for k, v in ref.known_forms.items() if len(k) > 6},
                   **{k: ("agency", v) for k, v in ref.agency_forms.items() if len(k) > 6}}
        near = ref.__dict__["_near_choices"] = (choices, list(choices), {})
    choices, forms, answers = near
    key = norm(name)
    if key not in answers:  # the same names recur page after page: each is compared once
        if len(answers) >= 1 << 14:
            answers.clear()
        hit = process.extractOne(key, forms, scorer=fuzz.ratio, score_cutoff=_NEAR_SCORE)
        answers[key] = None if hit is None else choices[hit[0]]
    if answers[key] is None:
        return None
    kind, found = answers[key]
    org = agency_org(ref, found) if kind == "agency" else known_org(ref, found)
    return Resolved(org, "text-near-spelling", 0.5, parents_of(ref, org))


# ---------------------------------------------------------------------- name patterns
def _patterns(ref: Reference) -> tuple[tuple[str, ...], dict[str, str], frozenset[str]]:
    cached = ref.__dict__.get("_name_patterns")
    if cached is None:
        suffixes = tuple(p.word for p in ref.name_patterns if p.position == "suffix")
        prefixes = {p.word: p.type for p in ref.name_patterns if p.position == "prefix"}
        legal = frozenset(p.word for p in ref.name_patterns if p.position.startswith("word_"))
        cached = (suffixes + tuple(s + "s" for s in suffixes), prefixes, legal)
        ref.__dict__["_name_patterns"] = cached
    return cached


def pattern_keys(ref: Reference) -> list[str]:
    """What a page's ``hay`` is searched for: suffixes anywhere in a word, other pattern words whole."""
    suffixes, prefixes, legal = _patterns(ref)
    return [*suffixes, *(" " + word for word in (*prefixes, *legal))]


def _pattern_automaton(ref: Reference) -> ahocorasick.Automaton:
    cached = ref.__dict__.get("_pattern_automaton")
    if cached is None:
        cached = ahocorasick.Automaton()
        for key in pattern_keys(ref):
            cached.add_word(key, key)
        cached.make_automaton()
        ref.__dict__["_pattern_automaton"] = cached
    return cached


def _left_edge(page: PageText, i: int, limit: int = 4) -> int:
    """The first word of a name that ends at word ``i``: capitalised words to its left."""
    j = i
    while j > 0 and i - j < limit and joined(page, j):
        prev, folded = page.printed[j - 1], page.folded[j - 1]
        if capital(prev) and folded not in _NOT_NAME_START:
            j -= 1
        elif ((folded.endswith("ska") or folded == "i") and j > 1 and capital(page.printed[j - 2])
              and page.folded[j - 2] not in _NOT_NAME_START and joined(page, j - 1)):
            j -= 2  # "Luleå tekniska universitet", "Skogkompaniet i Sigtuna AB"
        else:
            break
    return j


def _right_edge(page: PageText, i: int, limit: int = 4) -> int:
    """The last word of a name that starts at word ``i``: capitalised words to its right."""
    k = i
    while k + 1 < len(page) and k - i < limit and joined(page, k + 1):
        nxt, folded = page.printed[k + 1], page.folded[k + 1]
        if capital(nxt) and folded not in _NOT_NAME_START:
            k += 1
        elif folded in _DIRECTIONS and k + 2 < len(page) and capital(page.printed[k + 2]):
            k += 1
        elif folded in _PLACE_TAILS and k > i:
            k += 1
            break
        else:
            break
    return k


def _place_after(ref: Reference, page: PageText, k: int) -> int:
    """Extend a name by its municipality: "De Hörselskadades Förening i Jokkmokk",
    "Företagarföreningen Sunne" (a place name, not followed by kommun, stad or län)."""
    lead = 1 if k + 1 < len(page) and page.folded[k + 1] == "i" else 0
    first = k + 1 + lead
    if first >= len(page) or not capital(page.printed[first]) or not joined(page, k + 1) or not joined(page, first):
        return k
    for n in (2, 1):
        key = " ".join(page.folded[first:first + n])
        code = ref.municipality_names.get(key) if first + n <= len(page) else None
        following = page.folded[first + n] if first + n < len(page) else ""
        if code and norm(ref.municipalities[code].name) == key and following not in _PLACE_TAILS:
            return first + n - 1
    return k


def _region_after(page: PageText, k: int) -> int:
    """Extend a name by "i" and a region that ends in län, kommun, stad or stift, such as
    "Samordningsförbundet i Norra Kalmar län" (a region no municipality table names)."""
    if k + 2 >= len(page) or page.folded[k + 1] != "i" or not joined(page, k + 1):
        return k
    last = _right_edge(page, k + 1)
    return last if last > k + 2 and page.folded[last] in _PLACE_TAILS else k


def _more_places(ref: Reference, page: PageText, k: int) -> int:
    """Extend a name ending in a place by ", X och Y" places ("Samordningsförbundet Laxå, Hällefors och Ljusnarsberg")."""
    if " ".join(page.folded[k:k + 1]) not in ref.municipality_names:
        return k
    while k + 2 < len(page):
        step = 2 if page.folded[k + 1] in ("och", "samt") and not page.gap(k + 1).strip() else 1
        if step == 1 and page.gap(k + 1).strip() != ",":
            break
        hit = place_at(ref, page, k + step, False)
        after = k + step + (hit[1] if hit else 0)
        if hit is None or (after < len(page) and joined(page, after) and page.folded[after] not in ("och", "samt")):
            break  # "Laxå, Hällefors folkhögskola": the next place starts a name of its own
        k = after - 1
    return k


def pattern_names(ref: Reference, page: PageText, ctx: Context) -> list[Span]:
    """Names built around a pattern word: "X kommunalförbund", "Stiftelsen X", "X AB".

    Examples
    --------
    >>> ref = Reference.load()
    >>> page = PageText("Ett samverkansprojekt mellan Akademi Norr och Lapplands kommunalförbund.")
    >>> [(page.text[s.start:s.end], s.resolved.org.key) for s in pattern_names(ref, page, Context("k"))]
    [('Lapplands kommunalförbund', 'name/lapplands-kommunalforbund')]
    """
    suffixes, prefixes, legal = _patterns(ref)
    out: list[Span] = []
    if not (suffixes or prefixes or legal):
        return out  # a reference folder without name_patterns.csv
    hay = page.hay
    ends = page.pattern_ends  # found by the reference-name scan, when that has read the text
    if ends is None:
        ends = {end for end, _ in _pattern_automaton(ref).iter(hay) if end + 1 == len(hay) or hay[end + 1] == " "}
    candidates = sorted({page.word_of(end) for end in sorted(ends)})
    folded = page.folded if candidates else []
    for i in candidates:
        word = folded[i]
        first = last = None
        right = i
        if word in prefixes and capital(page.printed[i]):  # "Folkhögskolan i Storfors" too
            right = max(_right_edge(page, i), _place_after(ref, page, i), _region_after(page, i))
        if right > i:  # "Samordningsförbundet Östra Södertörn", "Stiftelsen Activa"
            first, last = i, _more_places(ref, page, right)
        elif word.endswith(suffixes):
            first, last = _left_edge(page, i), _place_after(ref, page, i)
            if word in prefixes and first < i:  # "Ideella föreningen Kvinnojouren"
                last = max(last, _right_edge(page, i))
            compound = len(word) > 3 + min(len(s) for s in suffixes if word.endswith(s))
            if first == i and not (capital(page.printed[i]) and compound and word not in prefixes and word[:-1] not in prefixes):
                continue  # "Regionförbundet" alone refers to a name printed elsewhere
        elif word in legal and page.printed[i].isupper():
            before = _left_edge(page, i)
            if before < i and not page.sentence_initial(before):
                first, last = before, i  # "Lindholmen Science Park AB"
            else:
                first, last = i, _right_edge(page, i, 3)  # "AB Destination Småland"
                if last == i:
                    continue
        else:
            continue
        name = page.raw(first, last)
        if norm(name) in NOT_PARTIES:
            continue
        found = resolve_on_page(page, ref, name, ctx, "text-pattern", PATTERN_CONFIDENCE)
        if found is not None:
            out.append(Span(page.start(first), page.end(last), found))
    return out


# ---------------------------------------------------------------------- abbreviations
def _initials_match(page: PageText, end: int, letters: str) -> int | None:
    """The first word of the capitalised name before word ``end`` whose initials are ``letters``."""
    initials: list[str] = []
    j = end
    while j > 0 and end - j < 8:
        j -= 1
        word = page.printed[j]
        if page.folded[j] in NAME_JOINERS and j < end - 1:
            continue
        if not capital(word):
            return None
        initials.insert(0, word[0].upper())
        if "".join(initials) == letters.upper():
            return j
        if len(initials) >= len(letters):
            return None
    return None


def defined_abbreviations(ref: Reference, page: PageText, ctx: Context) -> list[Span]:
    """An organisation the text names with its abbreviation in brackets, and later uses of it.

    Examples
    --------
    >>> ref = Reference.load()
    >>> page = PageText("Projektet drevs av Help Ukraine Gothenburg (HUG). HUG har fortsatt arbetet.")
    >>> [(page.text[s.start:s.end], s.resolved.org.key) for s in defined_abbreviations(ref, page, Context("k"))]
    [('Help Ukraine Gothenburg (HUG)', 'name/help-ukraine-gothenburg'), ('HUG', 'name/help-ukraine-gothenburg')]
    """
    out: list[Span] = []
    defined: dict[str, Resolved] = {}
    for match in _DEFINED.finditer(page.text):
        letters = match.group(1)
        end = page.word_at(match.start())
        first = _initials_match(page, end, letters.replace("-", ""))
        if first is None or len(letters) < 2:
            continue
        name = page.text[page.start(first):page.end(end - 1)]
        if norm(name) in NOT_PARTIES:
            continue
        found = resolve_on_page(page, ref, name, ctx, "text-abbreviation", PATTERN_CONFIDENCE)
        if found is not None:
            out.append(Span(page.start(first), match.end(), found))
            defined.setdefault(letters, found)
    if defined:
        for i, word in enumerate(page.printed):
            if word in defined and page.text[page.start(i) - 1:page.start(i)] != "(":
                out.append(Span(page.start(i), page.end(i), defined[word]))
    return out


# ---------------------------------------------------------------------- lists
def place_at(ref: Reference, page: PageText, i: int, genitive: bool) -> tuple[str, int] | None:
    """The municipality named by bare place name at word ``i``: ``(code, words)``."""
    if not capital(page.printed[i]):
        return None
    for n in (3, 2, 1):
        if i + n > len(page):
            continue
        key = " ".join(page.folded[i:i + n])
        code = ref.municipality_names.get(key)
        if code is None and genitive and key.endswith("s"):
            code = ref.municipality_names.get(key[:-1])  # "Arvikas", as people write it
        if code and (genitive or norm(ref.municipalities[code].name) == key):
            return code, n
    return None


def place_first_words(ref: Reference) -> frozenset[str]:
    """First words of every municipality name and genitive, case-folded (for a quick scan)."""
    firsts = ref.__dict__.get("_place_first_words")
    if firsts is None:
        firsts = frozenset(k.split(" ", 1)[0] for k in ref.municipality_names)
        firsts |= frozenset(w + "s" for w in firsts if not w.endswith("s"))  # "Arvikas och Filipstads kommuner"
        ref.__dict__["_place_first_words"] = firsts
    return firsts
