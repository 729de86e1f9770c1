"""Text normalisation shared by the resolution rules: tokens, lookup keys, name keys.

Every comparison in the resolver goes through :func:`norm`, so that "Arbetsförmedlingen
i  Jönköping", "arbetsförmedlingen i Jönköping." and "ARBETSFÖRMEDLINGEN I JÖNKÖPING"
meet in the same dictionary entry. :func:`name_key` is the stronger normalisation used for
organisations that no reference table knows: legal suffixes (AB, ek. för.) and
punctuation go, so "Excentrum AB" and "Excentrum" share one key.

Examples
--------
>>> norm("  AME - Arbetsmarknadsenheten ")
'ame arbetsmarknadsenheten'
>>> name_key("Excentrum AB")
'excentrum'
>>> genitive("Vaggeryd"), genitive("Borås"), genitive("Kävlinge")
('Vaggeryds', 'Borås', 'Kävlinge')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..iris import slug

__all__ = [
    "TOKEN",
    "clean",
    "tokens",
    "norm",
    "name_key",
    "genitive",
    "strip_genitive",
    "expand_abbreviations",
    "is_placeholder",
    "split_parts",
]

#: A word: letters/digits, with inner hyphens, dots or apostrophes ("ESF-rådet", "ek.för").
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)

_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
# Bullets, quotes and stray punctuation around a printed list item.
_EDGE = " \t\r\n•·*\"'“”‘’„«»,;:.-"
# Separators between the parts of one printed name: "AME - Arbetsmarknadsenheten", "X/Y", "X, Y".
_PARTS = re.compile(r"\s+-\s+|\s*/\s*|\s*,\s*|\s*\(\s*|\s*\)\s*")
# Legal-form words that do not distinguish organisations from each other.
_LEGAL = {"ab", "aktiebolag", "publ", "hb", "kb", "handelsbolag", "kommanditbolag", "ltd", "gmbh", "oy", "aps"}
_LEGAL_PHRASES = re.compile(r"\b(?:ek\.?\s*för\.?|ekonomisk förening|ideell förening)(?=\W|$)", re.IGNORECASE)
# "familjeförv" -> "familjeförvaltningen": a truncation the seed pages print.
# Words that join names and vary between printings ("Ljushuset & Fransson", "Ljushuset och Fransson").
_JOINERS = {"och", "and", "und"}
# Two printed orders of one kind of name, rewritten to one ("Folkhögskolan i X" = "X folkhögskola").
_NAME_REWRITES = (
    (re.compile(r"^folkhögskolan i (.+)$"), r"\1 folkhögskola"),
    (re.compile(r"^samordningsförbundet i (.+)$"), r"samordningsförbundet \1"),
    (re.compile(r"^(.+) samordningsförbund$"), r"samordningsförbundet \1"),
)
_ABBREVIATED = re.compile(r"(\w)förv\.?(?=\W|$)", re.IGNORECASE)
_PLACEHOLDERS = {
    "", "x", "inga", "ingen", "inget", "saknas", "nej", "ej aktuellt", "inte aktuellt", "n a", "na",
    "finns ej", "finns inte", "se ovan", "uppgift saknas",
}
_SWEDISH_VOWEL_OR_S = set("sxzaeiouyåäöSXZAEIOUYÅÄÖ")


# Pure, and asked for the same printed names on page after page.
@lru_cache(maxsize=1 << 14)
def clean(text: str | None) -> str:
    """Return ``text`` as printed but tidy: NFC, one space between words, no bullets.

    Parameters
    ----------
    text : str or None
        A printed name.

    Returns
    -------
    str
        The text with whitespace collapsed, unicode dashes turned into ``-`` and bullets,
        quotes and trailing punctuation removed from both ends ("" for ``None``).

    Examples
    --------
    >>> clean(" • Af  Jönköping ;")
    'Af Jönköping'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_DASHES).replace("\u00ad", "")
    text = _SPACES.sub(" ", text).strip(_EDGE)
    # A closing parenthesis belongs to the name: "Obbietivo Formazione (ObF)".
    if text.count("(") > text.count(")"):
        text += ")"
    return text


def tokens(text: str) -> list[str]:
    """Return the words of ``text`` (punctuation dropped, inner hyphens kept).

    Examples
    --------
    >>> tokens("Eskilstuna kommun, Arbetsmarknads- och familjeförv.")
    ['Eskilstuna', 'kommun', 'Arbetsmarknads', 'och', 'familjeförv']
    """
    return TOKEN.findall(unicodedata.normalize("NFC", text or ""))


# Pure and called on the same few thousand names (reference forms, listed names, words of
# the page texts) over and over: a page's resolution asks it ~40 times.
@lru_cache(maxsize=1 << 16)
def norm(text: str | None) -> str:
    """Return the lookup key of ``text``: case-folded words joined by single spaces.

    ``&`` counts as ``och``. Two spellings that differ only in case, spacing or
    punctuation between words get the same key.

    Examples
    --------
    >>> norm("Småland & Öarna") == norm("småland och öarna")
    True
    """
    if not text:
        return ""
    text = text.replace("&", " och ").translate(_DASHES)
    return " ".join(t.casefold() for t in tokens(text))


def expand_abbreviations(text: str) -> str:
    """Expand truncations that pages print in unit names (``-förv`` -> ``-förvaltningen``).

    Examples
    --------
    >>> expand_abbreviations("Arbetsmarknads och familjeförv")
    'Arbetsmarknads och familjeförvaltningen'
    """
    return _ABBREVIATED.sub(lambda m: m.group(1) + "förvaltningen", text)


@lru_cache(maxsize=1 << 14)  # pure, and asked for the same names page after page
def name_key(text: str) -> str:
    """Return the normalised name key of an organisation no reference table knows.

    Case, spacing, punctuation, legal-form words (AB, aktiebolag, (publ), ek. för.) and
    joining words (``&``, och) are ignored; "Folkhögskolan i X" is "X folkhögskola" and
    "Samordningsförbundet i X" / "X samordningsförbund" are "Samordningsförbundet X";
    the rest is slugged (ASCII, ``-`` between words).

    Parameters
    ----------
    text : str
        The name as printed.

    Returns
    -------
    str
        A slug; never empty (the slug of the whole text when only legal words remain).

    Examples
    --------
    >>> name_key("Fenix Kunskapscentrum"), name_key("AB Excentrum"), name_key("Coop & Co ek. för.")
    ('fenix-kunskapscentrum', 'excentrum', 'coop-co')
    >>> name_key("Folkhögskolan i Storfors"), name_key("Samordningsförbundet i Leksand")
    ('storfors-folkhogskola', 'samordningsforbundet-leksand')
    """
    cleaned = _LEGAL_PHRASES.sub(" ", text.replace("&", " och "))
    words = [w.casefold() for w in tokens(cleaned)]
    words = [w for w in words if w not in _LEGAL and w not in _JOINERS]
    if not words:
        return slug(text)
    joined = " ".join(words)
    for pattern, replacement in _NAME_REWRITES:
        joined = pattern.sub(replacement, joined)
    return slug(joined)


def genitive(name: str) -> str:
    """Return the Swedish genitive of a place name as used before ``kommun``.

    Names ending in a vowel or s/x/z take no ``s`` ("Kävlinge kommun", "Borås");
    others take one ("Vaggeryds kommun").
    """
    return name if name[-1:] in _SWEDISH_VOWEL_OR_S else name + "s"


def strip_genitive(word: str) -> str:
    """Return ``word`` without a final genitive ``s`` (``"Vaggeryds"`` -> ``"Vaggeryd"``)."""
    return word[:-1] if len(word) > 2 and word[-1:] in ("s", "S") else word


def is_placeholder(text: str) -> bool:
    """Return True for list entries that name no organisation ("Inga", "-", "Saknas").

    Examples
    --------
    >>> is_placeholder("Inga medfinansiärer"), is_placeholder("Ingeus")
    (True, False)
    """
    key = norm(text)
    if key in _PLACEHOLDERS:
        return True
    first = key.split(" ", 1)[0]
    return first in ("inga", "ingen", "inget")


def split_parts(text: str) -> list[str]:
    """Split one printed name at its inner separators (`` - ``, ``/``, ``,``, parentheses).

    Examples
    --------
    >>> split_parts("AME - Arbetsmarknadsenheten")
    ['AME', 'Arbetsmarknadsenheten']
    """
    return [p for p in (s.strip(_EDGE) for s in _PARTS.split(text)) if p]
