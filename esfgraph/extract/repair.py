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

# A character that UTF-8 lead bytes C2/C3 or E2 80 turn into under Windows-1252,
# followed by one of the characters a continuation byte turns into.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|\u00e2\u20ac"
)
_SOFT_HYPHEN_DEBRIS = re.compile(r"(?<=[^\W\d_])\u00ac\n?(?=[^\W\d_])")
_INVISIBLE = re.compile("[\u00ad\ufeff]")


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Repair UTF-8 that was mis-decoded as Windows-1252 or Latin-1.

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
    match = _MOJIBAKE.search(text)
    if match is None:
        return text, None
    import ftfy  # imported on demand: most pages never need it

    # Line by line: ftfy leaves a whole text alone when one part of it cannot be
    # re-encoded, so a single odd line would otherwise block every repair.
    lines = text.split("\n")
    first_changed: tuple[str, str] | None = None
    for index, line in enumerate(lines):
        if _MOJIBAKE.search(line) is None:
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            lines[index] = fixed
            if first_changed is None:
                first_changed = _changed_word(line, fixed)
    if first_changed is None:
        return text, None
    before, after = first_changed
    return "\n".join(lines), f"repaired mis-decoded UTF-8 (mojibake), e.g. {before!r} -> {after!r}"


def _changed_word(before: str, after: str) -> tuple[str, str]:
    """Return the first word of ``before`` that the repair changed, and its repair."""
    import ftfy

    for word in before.split():
        if _MOJIBAKE.search(word):
            return word, ftfy.fix_encoding(word)
    return before.strip()[:40], after.strip()[:40]


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
    return _INVISIBLE.sub("", text)


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
