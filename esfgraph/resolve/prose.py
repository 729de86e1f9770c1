"""Organisation names in prose that no reference list holds, read as a careful reader reads them.

:mod:`esfgraph.resolve.freetext` finds the names the reference tables know. This module finds
the others, from what the words around them say:

- a name pattern (``data/reference/name_patterns.csv``): a word that ends or starts a name,
  with the capitalised words beside it: "Lapplands kommunalförbund", "De Hörselskadades
  Förening i Jokkmokk", "Samordningsförbundet Östra Södertörn", "Regionförbundet södra
  Småland", "AB Destination Småland", "Lindholmen Science Park AB";
- an abbreviation the text defines: "Help Ukraine Gothenburg (HUG)", whose initials spell
  the letters in brackets; later uses of "HUG" name it too;
- the other items of a list that names an organisation: in "så som Lernia, FEI, Medlearn m fl"
  Lernia is known, so FEI and Medlearn, capitalised names in the same enumeration, are
  organisations as well;
- municipalities by bare place name when the sentence makes them parties: two or more
  municipality names in one enumeration, in a sentence about municipalities ("fem av länets
  kommuner - Norberg, Skinnskatteberg, Fagersta, Köping och Sala"), and "Älvsbyns och
  Jokkmokks kommuner".

Everything is found as a :class:`Span` of the text with the sentence it stands in; which
spans survive (a name inside a longer name is not a second organisation) is decided by
:func:`esfgraph.resolve.freetext.find_text_mentions`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick
from rapidfuzz import fuzz, process

from .orgs import Resolved, agency_org, known_org, municipality_org, parents_of
from .reference import Reference
from .rules import Context, resolve_mention
from .text import TOKEN, norm

__all__ = [
    "Span",
    "PageText",
    "pattern_names",
    "defined_abbreviations",
    "municipality_lists",
    "coordinated_names",
    "near_known",
    "PATTERN_CONFIDENCE",
]

PATTERN_CONFIDENCE = 0.5
_LIST_CONFIDENCE = 0.4
_PLACE_LIST_CONFIDENCE = 0.5
_NEAR_SCORE = 92  # rapidfuzz ratio (0-100) above which a near spelling is the known name

_SPLIT = re.compile(f"({TOKEN.pattern})")
_LONGEST_SENTENCE = 1500  # characters looked back for a sentence's start
# A sentence ends at . ! ? before a capital or digit, or at a line break.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[\"“”'‘’(]?[A-ZÅÄÖ0-9])|\n+")
# Words that start sentences or join clauses, never the first word of a name.
_NOT_NAME_START = frozenset(
    "projektet projektets vi det den de detta denna dessa i en ett alla många olika samtliga flera varje "
    "både genom med för inom hos från till och samt även dessutom under efter när där som om att av på "
    "målet syftet målgruppen deltagarna".split())
_DIRECTIONS = frozenset("norra södra östra västra mellersta nordvästra nordöstra sydvästra sydöstra övre nedre".split())
_PLACE_TAILS = frozenset("stad kommun län stift".split())
_NAME_JOINERS = frozenset("i för och av på".split())
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
_DEFINED = re.compile(r"\(([A-ZÅÄÖ][A-ZÅÄÖa-zåäö0-9&-]{1,9})\)")
# Names of the programme itself and of places in general: never a party in a list.
_NOT_PARTIES = frozenset(norm(n) for n in (
    "EU", "ESF", "ESF-rådet", "Svenska ESF-rådet", "Europeiska socialfonden", "Europeiska unionen",
    "Socialfonden", "Sverige", "Europa", "Norden", "Ukraina", "Projektet", "Projektägare",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december"))


@dataclass(frozen=True)
class Span:
    """An organisation found in a text: character offsets, what it resolves to, how sure."""

    start: int
    end: int
    resolved: Resolved
    exclusive: bool = True  # False: may share words with other spans (a place in a list of offices)


class PageText:
    """One text's words (as printed, case-folded), their offsets and its sentences.

    The words, their offsets and the case-folded ``hay`` (" " + words joined by single
    spaces) are made with C-level string operations: most of a long description names
    nothing, and a step per word would cost more than the search.
    """

    def __init__(self, text: str):
        self.text = text
        # One regex pass gives gaps and words interleaved; their running lengths are the
        # words' offsets (all C-level: no Python step per word).
        parts = _SPLIT.split(text)
        self.printed = parts[1::2]
        self.folded = "\x00".join(self.printed).casefold().split("\x00") if self.printed else []
        self.hay = " " + " ".join(self.folded)
        bounds = list(accumulate(map(len, parts)))
        self._starts = bounds[0:-1:2]
        self._ends = bounds[1::2]
        self._sentences: dict[int, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self.printed)

    def start(self, i: int) -> int:
        """Character offset where word ``i`` starts."""
        return self._starts[i]

    def end(self, i: int) -> int:
        """Character offset where word ``i`` ends."""
        return self._ends[i]

    def word_of(self, hay_position: int) -> int:
        """Index of the word at ``hay_position`` of :attr:`hay` (its leading space or a letter)."""
        return self.hay.count(" ", 0, hay_position + 1) - 1

    def raw(self, i: int, j: int) -> str:
        """The text as printed from word ``i`` to word ``j`` (inclusive)."""
        return self.text[self.start(i):self.end(j)]

    def gap(self, i: int) -> str:
        """What is printed between word ``i - 1`` and word ``i``."""
        return self.text[self.end(i - 1):self.start(i)]

    def sentence(self, char: int) -> tuple[int, int]:
        """Offsets of the sentence holding character ``char`` (found around it, not over the whole text)."""
        cached = self._sentences.get(char)
        if cached is not None:
            return cached
        text = self.text
        lo = max(0, char - _LONGEST_SENTENCE)
        start = lo
        for match in _SENTENCE_END.finditer(text, lo, min(len(text), char + 3)):
            if match.end() <= char:
                start = match.end()
        following = _SENTENCE_END.search(text, char)
        end = len(text) if following is None else following.start() + (text[following.start()] != "\n")
        self._sentences[char] = (start, end)
        return start, end

    def sentence_initial(self, i: int) -> bool:
        start, _ = self.sentence(self.start(i))
        return not self.text[start:self.start(i)].strip(" \"“”'‘’(•-*\t")

    def word_at(self, char: int) -> int:
        """Index of the first word starting at or after ``char``."""
        return bisect.bisect_left(self._starts, char)


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _joined(page: PageText, i: int) -> bool:
    """True when nothing but spaces, a hyphen or ``&`` separates word ``i - 1`` from word ``i``."""
    return not page.gap(i).strip(" -&")


def _resolve(ref: Reference, name: str, ctx: Context, method: str, confidence: float) -> Resolved | None:
    found = resolve_mention(ref, name, ctx)
    if found is None or found.method == "municipal-unit-project-scoped":
        return None
    if found.method == "name-key":
        found = near_known(ref, name) or found
    if found.method in ("name-key", "org-number"):
        return Resolved(found.org, method, confidence, found.parents)
    return Resolved(found.org, "text-mention", max(confidence, 0.5), found.parents)


def near_known(ref: Reference, name: str) -> Resolved | None:
    """Return the known organisation or agency a near spelling names ("Mitt universitetet").

    Examples
    --------
    >>> near_known(Reference.load(), "Linköpings Universitetet").org.key
    'linkopings-universitet'
    """
    choices = ref.__dict__.get("_near_choices")
    if choices is None:
        choices = {**{k: ("known", v) for k, v in ref.known_forms.items() if len(k) > 6},
                   **{k: ("agency", v) for k, v in ref.agency_forms.items() if len(k) > 6}}
        ref.__dict__["_near_choices"] = choices
    hit = process.extractOne(norm(name), list(choices), scorer=fuzz.ratio, score_cutoff=_NEAR_SCORE)
    if hit is None:
        return None
    kind, key = choices[hit[0]]
    org = agency_org(ref, key) if kind == "agency" else known_org(ref, key)
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


def _pattern_automaton(ref: Reference) -> ahocorasick.Automaton:
    """Pattern words in a page's ``hay``: suffixes anywhere in a word, other words whole."""
    cached = ref.__dict__.get("_pattern_automaton")
    if cached is None:
        suffixes, prefixes, legal = _patterns(ref)
        cached = ahocorasick.Automaton()
        for word in suffixes:
            cached.add_word(word, word)
        for word in (*prefixes, *legal):
            cached.add_word(" " + word, word)
        cached.make_automaton()
        ref.__dict__["_pattern_automaton"] = cached
    return cached


def _left_edge(page: PageText, i: int, limit: int = 4) -> int:
    """The first word of a name that ends at word ``i``: capitalised words to its left."""
    j = i
    while j > 0 and i - j < limit and _joined(page, j):
        prev, folded = page.printed[j - 1], page.folded[j - 1]
        if _capital(prev) and folded not in _NOT_NAME_START:
            j -= 1
        elif ((folded.endswith("ska") or folded == "i") and j > 1 and _capital(page.printed[j - 2])
              and page.folded[j - 2] not in _NOT_NAME_START and _joined(page, j - 1)):
            j -= 2  # "Luleå tekniska universitet", "Skogkompaniet i Sigtuna AB"
        else:
            break
    return j


def _right_edge(page: PageText, i: int, limit: int = 4) -> int:
    """The last word of a name that starts at word ``i``: capitalised words to its right."""
    k = i
    while k + 1 < len(page) and k - i < limit and _joined(page, k + 1):
        nxt, folded = page.printed[k + 1], page.folded[k + 1]
        if _capital(nxt) and folded not in _NOT_NAME_START:
            k += 1
        elif folded in _DIRECTIONS and k + 2 < len(page) and _capital(page.printed[k + 2]):
            k += 1
        elif folded in _PLACE_TAILS and k > i:
            k += 1
            break
        else:
            break
    return k


def _place_after(ref: Reference, page: PageText, k: int) -> int:
    """Extend a name by "i <municipality>" ("De Hörselskadades Förening i Jokkmokk")."""
    if k + 2 < len(page) and page.folded[k + 1] == "i" and _capital(page.printed[k + 2]) and _joined(page, k + 2):
        for n in (2, 1):
            key = " ".join(page.folded[k + 2:k + 2 + n])
            code = ref.municipality_names.get(key) if k + 1 + n < len(page) else None
            following = page.folded[k + 2 + n] if k + 2 + n < len(page) else ""
            if code and norm(ref.municipalities[code].name) == key and following not in _PLACE_TAILS:
                return k + 1 + n
    return k


def _more_places(ref: Reference, page: PageText, k: int) -> int:
    """Extend a name ending in a place by ", X och Y" places ("Samordningsförbundet Laxå, Hällefors och Ljusnarsberg")."""
    if " ".join(page.folded[k:k + 1]) not in ref.municipality_names:
        return k
    while k + 2 < len(page):
        step = 2 if page.folded[k + 1] in ("och", "samt") and not page.gap(k + 1).strip() else 1
        if step == 1 and page.gap(k + 1).strip() != ",":
            break
        hit = _place_at(ref, page, k + step, False)
        after = k + step + (hit[1] if hit else 0)
        if hit is None or (after < len(page) and _joined(page, after) and page.folded[after] not in ("och", "samt")):
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
    folded = page.folded
    hay = page.hay
    ends = {end for end, _ in _pattern_automaton(ref).iter(hay) if end + 1 == len(hay) or hay[end + 1] == " "}
    candidates = sorted({page.word_of(end) for end in ends})
    for i in candidates:
        word = folded[i]
        first = last = None
        right = _right_edge(page, i) if word in prefixes and _capital(page.printed[i]) else i
        if right > i:  # "Samordningsförbundet Östra Södertörn", "Stiftelsen Activa"
            first, last = i, _more_places(ref, page, right)
        elif word.endswith(suffixes):
            first, last = _left_edge(page, i), _place_after(ref, page, i)
            if word in prefixes and first < i:  # "Ideella föreningen Kvinnojouren"
                last = max(last, _right_edge(page, i))
            compound = len(word) > 3 + min(len(s) for s in suffixes if word.endswith(s))
            if first == i and not (_capital(page.printed[i]) and compound and word not in prefixes and word[:-1] not in prefixes):
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
        if norm(name) in _NOT_PARTIES:
            continue
        found = _resolve(ref, name, ctx, "text-pattern", PATTERN_CONFIDENCE)
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
        if page.folded[j] in _NAME_JOINERS and j < end - 1:
            continue
        if not _capital(word):
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
        if norm(name) in _NOT_PARTIES:
            continue
        found = _resolve(ref, name, ctx, "text-abbreviation", PATTERN_CONFIDENCE)
        if found is not None:
            out.append(Span(page.start(first), match.end(), found))
            defined.setdefault(letters, found)
    if defined:
        for i, word in enumerate(page.printed):
            if word in defined and page.text[page.start(i) - 1:page.start(i)] != "(":
                out.append(Span(page.start(i), page.end(i), defined[word]))
    return out


# ---------------------------------------------------------------------- lists
def _place_at(ref: Reference, page: PageText, i: int, genitive: bool) -> tuple[str, int] | None:
    """The municipality named by bare place name at word ``i``: ``(code, words)``."""
    if not _capital(page.printed[i]):
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


def _place_first_words(ref: Reference) -> frozenset[str]:
    firsts = ref.__dict__.get("_place_first_words")
    if firsts is None:
        firsts = frozenset(k.split(" ", 1)[0] for k in ref.municipality_names)
        firsts |= frozenset(w + "s" for w in firsts if not w.endswith("s"))  # "Arvikas och Filipstads kommuner"
        ref.__dict__["_place_first_words"] = firsts
    return firsts


def _place_runs(ref: Reference, page: PageText, lo: int, hi: int, genitive: bool) -> list[list[tuple[str, int, int]]]:
    """Enumerations of municipality names between words ``lo`` and ``hi``: ``(code, first, end)``.

    Two names belong to one enumeration when only a comma (or a bracket or dash) or one of
    "och", "samt", "eller" stands between them.
    """
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    firsts = _place_first_words(ref)
    i = lo
    while i < hi:
        hit = _place_at(ref, page, i, genitive) if page.folded[i] in firsts else None
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
    firsts = _place_first_words(ref)
    if firsts.isdisjoint(page.folded):
        return out
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
    if not 1 <= len(words) <= 5 or not all(_capital(w) or w.isdigit() or w.casefold() in _NAME_JOINERS for w in words):
        return False
    if not _capital(words[0]):
        return False
    key = norm(item)
    places = [w for w in key.split() if w not in _NAME_JOINERS]
    if all(w in ref.municipality_names or w in ref.county_names or w in ref.country_forms for w in places):
        return False  # "Västernorrland och Jämtland"
    if (key in _NOT_PARTIES or key in ref.municipality_names or key in ref.county_names
            or key in ref.country_forms or key in ref.esf_region_forms or len(key) < 3 or key.isdigit()):
        return False
    return not page.sentence_initial(page.word_at(start))


def coordinated_names(ref: Reference, page: PageText, ctx: Context, found: list[Span]) -> list[Span]:
    """Capitalised names in the same enumeration as an organisation already found.

    Examples
    --------
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
        has_org = [any(a <= s < b or s <= a < e for s, e in exclusive) for a, b, _ in items]
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
                resolved = _resolve(ref, printed, ctx, "text-list", _LIST_CONFIDENCE)
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
    while j < len(page) and page.end(j) <= b and _capital(page.printed[j]) and j - i < 4 and (j == i or _joined(page, j)):
        j += 1
    if j == i or (j < len(page) and page.start(j) < b and page.printed[j][:1].isupper()):
        return None
    name = (page.start(i), page.end(j - 1))
    return name if _name_like(ref, page, page.text[name[0]:name[1]], name[0]) else None
