"""A text as the prose rules read it: words, their offsets, the case-folded text, sentences.

Examples
--------
>>> page = PageText("Samverkan med AF. Och Vinnova!")
>>> page.printed, page.hay, page.sentence(page.start(3))
(['Samverkan', 'med', 'AF', 'Och', 'Vinnova'], ' samverkan med af och vinnova', (18, 30))
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from .orgs import Resolved
from .text import TOKEN

__all__ = ["Span", "PageText", "capital", "joined"]

_SPLIT = re.compile(f"({TOKEN.pattern})")
_LONGEST_SENTENCE = 1500  # characters a sentence is looked for around a name, each way
_LOCAL_LOOKUPS = 16  # sentences found around names before all of the text's are found at once
# A sentence ends at . ! ? before a capital or digit, or at a line break. Written as one
# character class first (then which it was), which the regex engine scans for quickly: the same
# matches as "[.!?]\s+(?=...)|\n+", found in about half the time.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])\s+(?=[\"“”'‘’(]?[A-ZÅÄÖ0-9])|(?<=\n)\n*)")


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
        # Case folding goes character by character, so folding the joined words once is
        # folding each word; no word holds a space, so splitting it again gives the words.
        self.hay = " " + " ".join(self.printed).casefold()
        self._parts = parts  # the words' offsets are counted from these when first asked for
        self._sentences: dict[int, tuple[int, int]] = {}
        self._all_sentences: tuple[list[int], list[int]] | None = None
        self._marks: tuple[list[int], list[int]] | None = None  # the sentence ends' (start, end) offsets
        # Filled by the reference-name scan (:mod:`esfgraph.resolve.freetext`), which reads the whole text
        # once: where name-pattern words end in ``hay``, and the words that may start a municipality's name.
        self.pattern_ends: set[int] | None = None
        self.place_words: list[int] | None = None
        self.found: dict[tuple[str, str], object] = {}  # what a name resolved to on this page, by (name, method)
        self._counted = (0, 1)  # (hay position, spaces up to and including it)

    # Made when first read (cached_property): many texts name nothing and never need them.
    @cached_property
    def folded(self) -> list[str]:
        """The words, case-folded."""
        return self.hay[1:].split(" ") if self.printed else []

    @cached_property
    def _offsets(self) -> tuple[list[int], list[int]]:
        """Where each word starts and ends in the text."""
        bounds = list(accumulate(map(len, self._parts)))
        return bounds[0:-1:2], bounds[1::2]

    def __len__(self) -> int:
        return len(self.printed)

    def start(self, i: int) -> int:
        """Character offset where word ``i`` starts."""
        return self._offsets[0][i]

    def end(self, i: int) -> int:
        """Character offset where word ``i`` ends."""
        return self._offsets[1][i]

    def word_of(self, hay_position: int) -> int:
        """Index of the word at ``hay_position`` of :attr:`hay` (its leading space or a letter).

        Counted from the position asked before, so that the positions of a left-to-right
        search cost one pass over the text in all, however many names it holds.
        """
        last, count = self._counted
        if hay_position >= last:
            count += self.hay.count(" ", last + 1, hay_position + 1)
        else:
            count -= self.hay.count(" ", hay_position + 1, last + 1)
        self._counted = (hay_position, count)
        return count - 1

    def raw(self, i: int, j: int) -> str:
        """The text as printed from word ``i`` to word ``j`` (inclusive)."""
        return self.text[self.start(i):self.end(j)]

    def gap(self, i: int) -> str:
        """What is printed between word ``i - 1`` and word ``i``."""
        return self.text[self.end(i - 1):self.start(i)]

    def sentence(self, char: int) -> tuple[int, int]:
        """Offsets of the sentence holding character ``char``, found around it.

        A text without sentence ends for longer than ``_LONGEST_SENTENCE`` characters is cut
        into blocks of that length, so that a long run of names has few "sentences".
        """
        cached = self._sentences.get(char)
        if cached is not None:
            return cached
        if len(self._sentences) >= _LOCAL_LOOKUPS:  # a text full of names: all sentences at once
            if self._all_sentences is None:
                self._all_sentences = self._every_sentence()
            starts, ends = self._all_sentences
            k = bisect.bisect_right(starts, char) - 1
            return starts[k], ends[k]
        found = self._around(char)
        if found is None:
            found = self._searched(char)
        self._sentences[char] = found
        return found

    def _searched(self, char: int) -> tuple[int, int]:
        """The sentence around ``char``: sentence ends searched for within reach of it."""
        text, size = self.text, _LONGEST_SENTENCE
        block = char - char % size
        start = block  # no sentence end in reach: the block
        for match in _SENTENCE_END.finditer(text, max(0, char - size), min(len(text), char + 3)):
            if match.end() <= char:
                start = match.end()
        following = _SENTENCE_END.search(text, char, min(len(text), char + size))
        end = min(len(text), block + size) if following is None else following.start() + (text[following.start()] != "\n")
        return start, max(end, char)

    def _around(self, char: int) -> tuple[int, int] | None:
        """What :meth:`_searched` finds, read off the text's sentence ends found once.

        A search that starts or stops in reach of ``char`` finds the same ends as one over
        the whole text, unless a boundary of its reach falls inside an end ("." and the
        spaces after it) or an end runs up to where it stops: then None (search instead).
        """
        text, size = self.text, _LONGEST_SENTENCE
        if self._marks is None:
            if len(self._sentences) * 2 * size < len(text):
                return None  # a search within reach reads less of a long text than a pass over it all
            spans = [m.span() for m in _SENTENCE_END.finditer(text)]
            self._marks = ([a for a, _ in spans], [b for _, b in spans])
        starts, ends = self._marks
        low, high = max(0, char - size), min(len(text), char + size)
        for edge in (low, char):
            k = bisect.bisect_left(starts, edge) - 1  # the last end starting before the edge
            if k >= 0 and ends[k] > edge:
                return None
        k = bisect.bisect_left(starts, char)  # the first end at or after char
        if k < len(starts) and ends[k] >= high:
            return None
        block = char - char % size
        j = bisect.bisect_right(ends, char) - 1  # the last end before char
        start = ends[j] if j >= 0 and starts[j] >= low else block
        end = min(len(text), block + size) if k == len(starts) else starts[k] + (text[starts[k]] != "\n")
        return start, max(end, char)

    def _every_sentence(self) -> tuple[list[int], list[int]]:
        """Every sentence's offsets, the long ones cut into blocks as :meth:`sentence` cuts them."""
        text, size = self.text, _LONGEST_SENTENCE
        starts, ends, start = [], [], 0
        for match in [*_SENTENCE_END.finditer(text), None]:
            end = len(text) if match is None else match.start() + (text[match.start()] != "\n")
            while end - start > size:
                cut = start - start % size + size
                starts.append(start)
                ends.append(cut)
                start = cut
            starts.append(start)
            ends.append(end)
            start = len(text) if match is None else match.end()
        return starts, ends

    def sentence_initial(self, i: int) -> bool:
        start, _ = self.sentence(self.start(i))
        return not self.text[start:self.start(i)].strip(" \"“”'‘’(•-*\t")

    def word_at(self, char: int) -> int:
        """Index of the first word starting at or after ``char``."""
        return bisect.bisect_left(self._offsets[0], char)


def capital(word: str) -> bool:
    """True when ``word`` starts with a capital letter."""
    return word[:1].isupper()


def joined(page: PageText, i: int) -> bool:
    """True when nothing but spaces, a hyphen or ``&`` separates word ``i - 1`` from word ``i``."""
    return not page.gap(i).strip(" -&")
