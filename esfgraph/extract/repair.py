"""Text hygiene applied to every page before parsing.

* line ends: CRLF and CR become LF;
* mojibake: UTF-8 that was once decoded as Windows-1252 (``"SmÃ¥land"``) is repaired
  with ftfy, and a warning records it;
* soft-hyphen debris: the ``"¬"`` that PDF and Word exports leave for a soft hyphen inside
  a word (``"prak¬tik"``) is removed, and so are invisible soft hyphens (U+00AD) and stray
  byte-order marks.

Nothing else is changed: case, spacing and punctuation stay as printed.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "repair_mojibake", "remove_soft_hyphens"]

# Strong signs of mojibake: "Ã" or "Â" followed by a character a UTF-8 continuation byte
# becomes under Windows-1252, or "â€" (the start of "–", "”", "•"...). Swedish text
# never has them, so a page with none is left alone.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c2\u00c3][{_CONTINUATION}]|\u00e2\u20ac")
# One mis-decoded UTF-8 sequence: a lead byte's character and its continuation bytes'.
_SEQUENCE = re.compile(
    f"[\u00c2-\u00df][{_CONTINUATION}]"
    f"|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"
    f"|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"
)
# The literal comes first so that the regex engine can jump to it.
_SOFT_HYPHEN_DEBRIS = re.compile(r"\u00ac(?<=[^\W\d_]\u00ac)\n?(?=[^\W\d_])")
_INVISIBLE = re.compile("[\u00ad\ufeff]")


def _to_bytes(text: str) -> bytes:
    """Re-encode mojibake characters to the bytes they were decoded from."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            out.append(ord(char))  # bytes cp1252 leaves undefined were read as latin-1
    return bytes(out)


def _fix_sequence(match: re.Match) -> str:
    """Return the character a mis-decoded UTF-8 sequence stands for (unchanged if none)."""
    text = match.group()
    try:
        return _to_bytes(text).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return text


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Repair UTF-8 that was mis-decoded as Windows-1252 or Latin-1.

    Only a page with strong signs of mojibake (``Ã¥``, ``Â\u00a0``, ``â€¢``) is touched.
    Each mis-decoded sequence is re-encoded and decoded as UTF-8 where that gives valid
    UTF-8, so a line mixing mojibake with genuine characters (a bullet added by the HTML
    conversion) is repaired too; ftfy then fixes what is left, line by line (it is
    careful, and leaves short or mixed lines such as ``Karl Ã…berg`` alone).

    Parameters
    ----------
    text : str
        Decoded page text.

    Returns
    -------
    tuple
        ``(text, warning)``; ``warning`` is ``None`` when nothing needed repair.

    Examples
    --------
    >>> repair_mojibake("RegionSmÃ¥land och Ã–arna")[0]
    'RegionSmåland och Öarna'
    """
    if "\u00c3" not in text and "\u00c2" not in text and "\u00e2\u20ac" not in text:
        return text, None  # the common case, checked at C speed
    match = _MOJIBAKE.search(text)
    if match is None:
        return text, None
    fixed = _SEQUENCE.sub(_fix_sequence, text)
    if _MOJIBAKE.search(fixed):
        import ftfy  # imported on demand: most pages never need it

        lines = fixed.split("\n")
        for index, line in enumerate(lines):
            if _MOJIBAKE.search(line):
                lines[index] = ftfy.fix_encoding(line)
        fixed = "\n".join(lines)
    if fixed == text:
        return text, None
    before = _word_at(text, match.start())
    after = _SEQUENCE.sub(_fix_sequence, before)
    return fixed, f"repaired mis-decoded UTF-8 (mojibake), e.g. {before!r} -> {after!r}"


def _word_at(text: str, position: int) -> str:
    """Return the whitespace-delimited word of ``text`` around ``position``."""
    start = position
    while start > 0 and not text[start - 1].isspace() and position - start < 30:
        start -= 1
    end = position
    while end < len(text) and not text[end].isspace() and end - position < 30:
        end += 1
    return text[start:end]


def remove_soft_hyphens(text: str) -> str:
    """Remove ``"¬"`` soft-hyphen debris inside words, and invisible soft hyphens.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> remove_soft_hyphens("prak¬tik och ¬ ensam")
    'praktik och ¬ ensam'
    """
    if "\u00ac" in text:
        text = _SOFT_HYPHEN_DEBRIS.sub("", text)
    if "\u00ad" in text or "\ufeff" in text:
        text = _INVISIBLE.sub("", text)
    return text


def clean_text(text: str) -> tuple[str, list[str]]:
    """Apply all of this module's hygiene to a decoded page.

    Parameters
    ----------
    text : str

    Returns
    -------
    tuple
        ``(text, warnings)``.

    Examples
    --------
    >>> clean_text("Sm\u00c3\u00a5land\\r\\nprak¬tik")[0]
    'Småland\\npraktik'
    """
    warnings: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, warning = repair_mojibake(text)
    if warning:
        warnings.append(warning)
    return remove_soft_hyphens(text), warnings
