"""The prose matchers' shortcuts (session 5, issue 14's speed goal) answer as the long ways do."""

from __future__ import annotations

import random
import re

import pytest

from esfgraph.resolve import Reference
from esfgraph.resolve.enumerations import municipality_lists
from esfgraph.resolve.freetext import _known_spans
from esfgraph.resolve.pagetext import _SENTENCE_END, PageText
from esfgraph.resolve.prose import pattern_names
from esfgraph.resolve.rules import Context

# The sentence-end pattern as first written: the fast form must find exactly its matches.
_PLAIN_SENTENCE_END = re.compile(r"[.!?]\s+(?=[\"“”'‘’(]?[A-ZÅÄÖ0-9])|\n+")
_TEXT = ("Projektet drivs av Samordningsförbundet Östra Södertörn i samverkan med Arbetsförmedlingen Mora "
         "och kommunerna Arvika, Filipstad och Hagfors.  \n\nDeltagare: Lernia, FEI och Medlearn m fl. "
         "Följande kommuner deltar: Vara, Mark och Borås! Stiftelsen Activa och AB Destination Småland? Ja.\n")


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load(aliases=False)


def test_sentence_end_pattern_matches_the_plain_one_anywhere():
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice("ab .!?\n\t\"“(ÅA0 ") for _ in range(rng.randint(0, 30)))
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text))
        assert ([m.span() for m in _SENTENCE_END.finditer(text, pos, end)]
                == [m.span() for m in _PLAIN_SENTENCE_END.finditer(text, pos, end)]), (text, pos, end)


@pytest.mark.parametrize("text", [_TEXT, _TEXT * 40, ("x" * 1499 + ". A") * 3, ("a. " * 700 + "\n") * 3,
                                  "Hej.  \n\nDet här. Och\n\n\nEn.\tB " * 300])
def test_sentences_read_off_the_ends_found_once_equal_the_searched_ones(text):
    page = PageText(text)
    page._sentences = dict.fromkeys(range(len(text) + 1))  # as when looked up often: read off the ends
    answered = 0
    for char in range(len(text)):
        around = page._around(char)
        if around is not None:
            answered += 1
            assert around == page._searched(char), char
    assert answered > len(text) // 3  # the search stays for edges that fall inside an end, or far ends


def test_folded_words_and_offsets_are_made_when_first_read():
    page = PageText("Samverkan med AF. Och Vinnova!")
    assert "folded" not in page.__dict__ and "_offsets" not in page.__dict__
    assert page.hay == " samverkan med af och vinnova"
    assert page.folded == ["samverkan", "med", "af", "och", "vinnova"]
    assert (page.start(2), page.end(2), page.word_at(18)) == (14, 16, 3)
    assert PageText("…").folded == [] and PageText("…").hay == " "


def test_one_scan_gives_the_pattern_words_and_places_the_matchers_find_alone(ref):
    ctx = Context("k")
    alone = PageText(_TEXT)
    expected_patterns = pattern_names(ref, alone, ctx)
    expected_places = municipality_lists(ref, alone)
    scanned = PageText(_TEXT)
    _known_spans(ref, scanned, ctx)
    assert scanned.pattern_ends and scanned.place_words
    assert [scanned.folded[i] for i in scanned.place_words][:4] == ["östra", "mora", "arvika", "filipstad"]
    assert pattern_names(ref, scanned, ctx) == expected_patterns
    assert municipality_lists(ref, scanned) == expected_places
    assert [scanned.text[s.start:s.end] for s in expected_patterns] == [
        "Samordningsförbundet Östra Södertörn", "Stiftelsen Activa", "AB Destination Småland"]
    assert [s.resolved.org.key for s in expected_places] == [
        "kommun-1784", "kommun-1782", "kommun-1783", "kommun-1470", "kommun-1463", "kommun-1490"]
