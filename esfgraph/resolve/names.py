"""Printed organisation names tidied before resolution: repeats, addresses, upper case.

Owners on 2014–2020 and ESF+ pages are printed from the applicant's registration, with
the organisation and its unit as separate fields joined by commas. The join repeats what
the fields share and sometimes carries the postal address:

- "Folkbildningsrådet, Folkbildningsrådet" (the organisation twice);
- "Karlstads kommun, Karlstads kommun, Arbetsmarknad och socialförvaltningen, Staben"
  (the organisation, then its unit);
- "Socialförvaltningen Sydväst, Göteborgs stad, Socialförvaltningen Sydväst" (the unit,
  its organisation, the unit again);
- "Insamlingsstiftelsen HOPE worldwide Sweden, HOPE worldwide Sweden" (a short form
  inside the full name);
- "Rädda Barnen, Rädda Barnens Riksförbund AB Gustavslundsvägen 141 Bromma" (a street
  address glued to the legal name).

:func:`tidy_name` removes the repeats and the address and keeps everything else as printed,
so that the resolution rules see "Karlstads kommun, Arbetsmarknad och socialförvaltningen,
Staben". :func:`alternatives` splits "A/B" into the names it offers. :func:`recase` writes an
all-capitals name in ordinary case for labels.

Examples
--------
>>> tidy_name("Socialförvaltningen Sydväst, Göteborgs stad, Socialförvaltningen Sydväst")
'Socialförvaltningen Sydväst, Göteborgs stad'
>>> tidy_name("Rädda Barnen, Rädda Barnens Riksförbund AB Gustavslundsvägen 141 Bromma")
'Rädda Barnen, Rädda Barnens Riksförbund AB'
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import norm

__all__ = ["tidy_name", "alternatives", "recase", "strip_address"]

# A street address: a street word with a number ("Gustavslundsvägen 141", "Box 1234"),
# and whatever follows it (postal code, town). Street words are the endings Swedish
# street names use.
_STREET = re.compile(
    r"\s*,?\s*\b(?:[A-ZÅÄÖ][\w.-]*(?:vägen|väg|gatan|gata|gränd|gränden|torget|torg|plan|allén|allé|backe|"
    r"backen|stigen|leden|platsen|kajen|esplanaden|parken|vägen)|Box|Postbox)\s+\d+[A-Za-z]?\b.*$"
)
# A postal code and town at the end: "..., 651 84 Karlstad", "... 11122 Stockholm".
_POSTAL = re.compile(r"\s*,?\s*\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*)?\s*$")
_SEGMENT = re.compile(r"\s*,\s*")
_ALTERNATIVE = re.compile(r"\s*/\s*")
# Words that stay lower case inside a name written in ordinary case.
_LOWER_WORDS = {"i", "och", "för", "på", "av", "med", "till", "vid", "län", "kommun", "stad", "stift",
                "landsting", "universitet", "högskola", "folkhögskola", "samordningsförbund"}


def strip_address(text: str) -> str:
    """Return ``text`` without a street address or postal code and town at its end.

    Examples
    --------
    >>> strip_address("Rädda Barnens Riksförbund AB Gustavslundsvägen 141 Bromma")
    'Rädda Barnens Riksförbund AB'
    >>> strip_address("Excentrum AB, Box 12, 931 21 Skellefteå")
    'Excentrum AB'
    >>> strip_address("Arbetsförmedlingen Storgatan")
    'Arbetsförmedlingen Storgatan'
    """
    stripped = _STREET.sub("", text)
    stripped = _POSTAL.sub("", stripped)
    return stripped.strip(" ,") or text


def _words(segment: str) -> tuple[str, ...]:
    return tuple(norm(segment).split())


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when the words of ``short`` occur in order, side by side, in ``long``."""
    n = len(short)
    return 0 < n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


# Pure, and asked again for the same printed names on page after page (owners, partners,
# names found in prose): each distinct name is tidied once.
@lru_cache(maxsize=1 << 14)
def tidy_name(text: str) -> str:
    """Return a printed name without repeated segments and without an address.

    A comma-separated segment is dropped when an earlier segment has the same words, or
    when its words stand inside another segment ("HOPE worldwide Sweden" inside
    "Insamlingsstiftelsen HOPE worldwide Sweden"). Segments that add something (a unit,
    a place) stay, in their printed order.

    Parameters
    ----------
    text : str
        A cleaned printed name (see :func:`esfgraph.resolve.text.clean`).

    Returns
    -------
    str
        The tidied name; ``text`` itself when nothing was repeated or glued on.

    Examples
    --------
    >>> tidy_name("Folkbildningsrådet, Folkbildningsrådet")
    'Folkbildningsrådet'
    >>> tidy_name("Karlstads kommun, Karlstads kommun, Arbetsmarknad och socialförvaltningen, Staben")
    'Karlstads kommun, Arbetsmarknad och socialförvaltningen, Staben'
    >>> tidy_name("Insamlingsstiftelsen HOPE worldwide Sweden, HOPE worldwide Sweden")
    'Insamlingsstiftelsen HOPE worldwide Sweden'
    >>> tidy_name("Region Gävleborg, Arbetsmarknad och kompetens")
    'Region Gävleborg, Arbetsmarknad och kompetens'
    """
    segments = [s for s in (strip_address(part) for part in _SEGMENT.split(text)) if s.strip()]
    if len(segments) < 2:
        return segments[0] if segments else text
    words = [_words(s) for s in segments]
    kept: list[int] = []
    for i, w in enumerate(words):
        if not w or any(words[j] == w for j in kept):
            continue
        if any(_inside(w, other) for j, other in enumerate(words) if j != i):
            continue
        kept.append(i)
    return ", ".join(segments[i] for i in kept) if kept else text


def alternatives(text: str) -> list[str]:
    """Return the names an "A/B" name offers, or ``[text]`` when it is one name.

    Only a slash between two names of two or more letters each with spaces or capitals
    on both sides splits: "Högskolan i Karlskrona/Ronneby" names one school (the part
    after the slash is a bare word), "Arbetsförmedlingen/Försäkringskassan" two agencies.

    Examples
    --------
    >>> alternatives("Arbetsförmedlingen / Försäkringskassan")
    ['Arbetsförmedlingen', 'Försäkringskassan']
    >>> alternatives("Socialtjänsten/Socialförvaltningen")
    ['Socialtjänsten', 'Socialförvaltningen']
    >>> alternatives("Ingeus/Work directions")
    ['Ingeus/Work directions']
    """
    if "/" not in text:
        return [text]
    parts = [p.strip() for p in _ALTERNATIVE.split(text)]
    if len(parts) < 2 or any(len(p) < 2 or not p[:1].isupper() for p in parts):
        return [text]
    # One word on each side or several on each: two names. "Ingeus/Work directions" is one.
    sizes = {len(p.split()) == 1 for p in parts}
    return parts if len(sizes) == 1 else [text]


def recase(text: str) -> str:
    """Return an all-capitals name in ordinary case; other names unchanged.

    Examples
    --------
    >>> recase("MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN")
    'Medborgarskolan Värmland-Örebro län'
    >>> recase("ABF Jönköping")
    'ABF Jönköping'
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return text

    def word(w: str) -> str:
        low = w.lower()
        if low in _LOWER_WORDS:
            return low
        return "-".join(p[:1].upper() + p[1:] for p in low.split("-"))

    out = [word(w) for w in text.split(" ")]
    return " ".join(out)
