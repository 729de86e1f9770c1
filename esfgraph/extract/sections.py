"""Section headings, bullet lists and free text after a page's fields.

The text after the labelled fields is split on known section headings: a heading is a
line of its own whose text is exactly a known heading (``Sammanfattning``, ``Syfte``,
``Medfinansiärer``...). Case matters here: ``BAKGRUND`` inside the text is the author's
own sub-heading and stays part of the section. A heading that repeats (``Sammanfattning``
twice) keeps the texts of both, joined by a blank line.

The three list sections (``Medfinansiärer``, ``Samarbetspartners``, ``Kommun``) become
lists of names as printed, in page order (text under them that is not an item, such
as ``Inga``, stays in ``sections``); ``Transnationellt samarbete`` becomes the
record's ``transnational_text``; every other section goes into ``record.sections``.
Text before the first heading (the 2014–2020 description) is kept under
:data:`UNTITLED_SECTION`. Empty sections are left out.
"""

from __future__ import annotations

import re

from ..model import ProjectRecord

__all__ = [
    "HEADINGS",
    "LIST_HEADINGS",
    "TRANSNATIONAL_HEADINGS",
    "UNTITLED_SECTION",
    "split_sections",
    "list_items",
    "fill_sections",
]

#: Where text that stands under no heading is kept.
UNTITLED_SECTION = "Beskrivning"

#: List section heading -> the record attribute holding its items.
LIST_HEADINGS: dict[str, str] = {
    "Medfinansiärer": "co_financiers",
    "Medfinansiär": "co_financiers",
    "Samarbetspartners": "partners",
    "Samarbetspartner": "partners",
    "Kommun": "municipalities",
    "Kommuner": "municipalities",
}

TRANSNATIONAL_HEADINGS = frozenset({"Transnationellt samarbete", "Transnationell verksamhet"})

#: The prose headings of the project pages.
HEADINGS = frozenset(
    {
        "Sammanfattning",
        "Bakgrund",
        "Syfte",
        "Målsättning",
        "Tillgänglighet för personer med funktionsnedsättning",
        "Jämställdhetsintegrering",
        "Regionala prioriteringar",
        "Relaterade dokument",
        "Projektbeskrivning",
        *TRANSNATIONAL_HEADINGS,
        *LIST_HEADINGS,
    }
)

_BULLET = re.compile(r"^[\s\u00a0]*(?:[•·▪●◦‣∙]|[-*–](?=[\s\u00a0]))[\s\u00a0]*")
_NONE_ITEM = re.compile(r"^(?:inga?|inget|saknas|ej aktuellt|-|–)(?:\b.*)?$", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def _heading_of(text: str, headings: frozenset[str]) -> str | None:
    """Return the heading a stripped line is, or None."""
    if text in headings:
        return text
    if text.endswith(":") and text[:-1].rstrip() in headings:
        return text[:-1].rstrip()
    return None


def split_sections(
    lines: list[str], start: int, headings: frozenset[str], skip: frozenset[str] = frozenset()
) -> list[tuple[str, list[str]]]:
    """Split ``lines[start:]`` on headings.

    Parameters
    ----------
    lines : list of str
        The page's lines.
    start : int
        Where the text after the fields begins.
    headings : frozenset of str
        The headings to split on (exact lines; a trailing colon is allowed).
    skip : frozenset of str
        Lines to leave out wherever they stand (``In English``, a link).

    Returns
    -------
    list of (heading, lines)
        In page order; text before the first heading has the heading
        :data:`UNTITLED_SECTION`. Headings may repeat.

    Examples
    --------
    >>> split_sections(["Syfte", "", "Att hjälpa."], 0, HEADINGS)
    [('Syfte', ['', 'Att hjälpa.'])]
    """
    parts: list[tuple[str, list[str]]] = [(UNTITLED_SECTION, [])]
    current = parts[0][1]
    for line in lines[start:]:
        text = line.strip()
        if text in skip:
            continue
        heading = _heading_of(text, headings) if text else None
        if heading is not None:
            current = []
            parts.append((heading, current))
        else:
            current.append(line.rstrip())
    if not any(line.strip() for line in parts[0][1]):
        parts.pop(0)
    return parts


def _section_text(lines: list[str]) -> str:
    """Join a section's lines: ends trimmed, runs of blank lines made one blank line."""
    text = "\n".join(line.rstrip() for line in lines).strip()
    return _BLANK_RUNS.sub("\n\n", text) if "\n\n\n" in text else text


def list_items(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return the items of a bullet list as printed, in order, and any other text.

    Bullets (``•`` after spaces or no-break spaces; ``-``, ``*`` or ``–`` followed by a
    space) are removed and items trimmed. In a bulleted list, a line without a bullet
    right below an item continues it (a wrapped name); one after a blank line is not an
    item and is returned as other text. A list without bullets has one item per line.
    A list that only says there is none (``Inga``, ``Inget``, ``-``) has no items.

    Parameters
    ----------
    lines : list of str

    Returns
    -------
    tuple
        ``(items, other_lines)``.

    Examples
    --------
    >>> list_items([" • Af Jönköping", "\u00a0\u00a0• Socialtjänsten"])
    (['Af Jönköping', 'Socialtjänsten'], [])
    """
    bulleted = any(_BULLET.match(line) for line in lines)
    items: list[str] = []
    other: list[str] = []
    after_item = False
    for line in lines:
        text = line.strip()
        if not text:
            after_item = False
            continue
        match = _BULLET.match(line)
        if match:
            item = line[match.end() :].strip()
            if item:
                items.append(item)
            after_item = bool(item)
        elif not bulleted:
            items.append(text)
        elif after_item:
            items[-1] = f"{items[-1]} {text}"
        else:
            other.append(text)
    if len(items) == 1 and _NONE_ITEM.match(items[0]):
        return [], [items[0], *other]
    return items, other


def fill_sections(record: ProjectRecord, parts: list[tuple[str, list[str]]]) -> None:
    """Put split sections into ``record``: lists, transnational text, other sections.

    Parameters
    ----------
    record : ProjectRecord
        Filled in place.
    parts : list of (heading, lines)
        From :func:`split_sections`.

    Examples
    --------
    >>> record = ProjectRecord(source="x")
    >>> fill_sections(record, [("Kommun", [" • Eskilstuna"]), ("Syfte", ["Att."])])
    >>> record.municipalities, record.sections
    (['Eskilstuna'], {'Syfte': 'Att.'})
    """
    texts: dict[str, list[str]] = {}
    for heading, lines in parts:
        attribute = LIST_HEADINGS.get(heading)
        if attribute is not None:
            items, other = list_items(lines)
            getattr(record, attribute).extend(items)
            if other:  # "Inga", or text that is not an item: kept, never lost
                texts.setdefault(heading, []).append("\n".join(other))
            continue
        text = _section_text(lines)
        if text:
            texts.setdefault(heading, []).append(text)
    transnational: list[str] = []
    for heading, chunks in texts.items():
        if heading in TRANSNATIONAL_HEADINGS:
            transnational.extend(chunks)
        else:
            record.sections[heading] = "\n\n".join(chunks)
    if transnational:
        record.transnational_text = "\n\n".join(transnational)
