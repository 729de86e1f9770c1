"""What every layout shares: filling a record from labels, finding the title, sections.

A layout is a small class with a name, the ``format`` it belongs to, a detector that
scores how well a scanned page fits it, and ``parse`` that fills a record. Most of the
work is shared and lives here; a layout module overrides what differs.
"""

from __future__ import annotations

import re

from ...model import ProjectRecord
from ..labels import Label
from ..scan import Hit, PageScan
from ..sections import HEADINGS, fill_sections, split_sections
from ..values import parse_amount, parse_count, parse_date, parse_period

__all__ = ["Layout", "fill_fields", "heading_title", "is_banner", "last_title_line"]

_BANNER_LINES = frozenset(
    {
        "logotyp på utskrifter", "stäng", "mer information och anmälan.",
        "mer information och anmälan", "in english", "skriv ut", "tillbaka", "meny", "sök",
        "dela", "till startsidan", "hoppa till innehållet", "gå till innehållet",
        "projektbanken", "logga in", "english", "svenska", "startsida", "print",
    }
)
_BANNER_WORDS = re.compile(
    r"cookie|kakor|webbinari|godkänn|acceptera|nyhetsbrev|anmäl dig", re.IGNORECASE
)
_DATED_NOTICE = re.compile(
    r"^\d{1,2}\s+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\b", re.IGNORECASE
)
# "2019/00144 - SMÖT", "22-044-S07 – TITEL": a number with a digit, a dash, the title.
_HEADING = re.compile(r"^(?P<number>\S*\d[\S]*?)\s+[-–—]\s+(?P<title>\S.*)$")
#: Longest line taken as a title.
MAX_TITLE_LENGTH = 300
#: Sentinels that a database printed for "no value" (int32 limits).
_SENTINELS = ("-2147483648", "2147483647", "-2147483647")


def is_banner(text: str) -> bool:
    """Return True for a line of site furniture that stands before a page's title.

    Examples
    --------
    >>> is_banner("3 december - Webbinarium om fattigdom i dagens Sverige")
    True
    >>> is_banner("Trappsteget")
    False
    """
    return (
        text.casefold() in _BANNER_LINES
        or _BANNER_WORDS.search(text) is not None
        or _DATED_NOTICE.match(text) is not None
    )


def last_title_line(lines: list[str]) -> str | None:
    """Return the last line of ``lines`` that can be a title (not blank, not banner).

    When every line looks like a banner by its words (a project called "Kakor och
    karriär"), the last line that is not a known banner line word for word is taken.
    """
    fallback = None
    for line in reversed(lines):
        text = line.strip()
        if not text or len(text) > MAX_TITLE_LENGTH:
            continue
        if not is_banner(text):
            return text
        if fallback is None and text.casefold() not in _BANNER_LINES and not _DATED_NOTICE.match(text):
            fallback = text
    return fallback


def heading_title(scan: PageScan, record: ProjectRecord) -> str | None:
    """Return the title for layouts with a ``DNR - Title`` heading (2014–2020, ESF+).

    The ``Namn``/``Name`` field wins; else the ``DNR - Title`` heading before the fields
    (its number fills ``project_number`` when no label gave one); else the last line
    before the fields that is not a banner.
    """
    head = scan.lines[: scan.start]
    for line in reversed(head):
        text = line.strip()
        match = _HEADING.match(text) if text and not is_banner(text) else None
        if match:
            if record.project_number is None and record.diary_number is None:
                record.project_number = match.group("number")
            return record.title or match.group("title").strip()
    return record.title or last_title_line(head)


def fill_fields(record: ProjectRecord, hits: list[Hit]) -> set[str]:
    """Fill ``record.fields`` and the typed attributes from the labels found.

    Parameters
    ----------
    record : ProjectRecord
        Filled in place; problems are appended to ``record.warnings``.
    hits : list of Hit
        From :func:`~esfgraph.extract.scan.scan_fields`.

    Returns
    -------
    set of str
        The attributes (and ``"period"``) for which the page printed a label, so that a
        layout warns about a missing field only when its label is missing.
    """
    chosen: dict[str, tuple[int, Hit]] = {}
    values: dict[str, list[str]] = {}
    seen_labels: set[str] = set()
    warned: set[str] = set()
    for hit in hits:
        value = hit.value or ""
        values.setdefault(hit.printed, []).append(value)
        label = hit.label
        if label is None:
            if value.strip() in _SENTINELS:
                record.warnings.append(
                    f"{hit.printed!r} has the impossible value {value.strip()}; not used"
                )
            elif hit.printed not in warned:
                warned.add(hit.printed)
                record.warnings.append(
                    f"unknown label {hit.printed!r}; its value is kept in fields only"
                )
            continue
        if label.text in seen_labels and label.attribute is not None and label.text not in warned:
            warned.add(label.text)
            record.warnings.append(
                f"{label.text!r} appears more than once; the first value is used"
            )
        seen_labels.add(label.text)
        if label.attribute is None and label.kind == "text":
            continue  # a label kept in fields only (Stödmottagare postnr)
        key = label.attribute or label.kind
        if key not in chosen or label.priority < chosen[key][0]:
            chosen[key] = (label.priority, hit)
    for printed, printed_values in values.items():
        record.fields[printed] = "\n".join(printed_values)
    # Projektperiod first: Startdatum and Slutdatum only fill what it leaves empty.
    order = sorted(chosen.items(), key=lambda item: (item[0] not in ("period",), item[1][1].index))
    for key, (_, hit) in order:
        _apply(record, hit.label, hit.value or "")
    present = set(chosen)
    if "period" in present or ("start" in present and "end" in present):
        present.add("period_start")
    return present


def _apply(record: ProjectRecord, label: Label, value: str) -> None:
    """Set the attribute ``label`` fills from its printed ``value``."""
    value = value.strip()
    if not value:
        return
    kind = label.kind
    if kind == "text":
        setattr(record, label.attribute, value)
    elif kind in ("amount", "count"):
        parse = parse_amount if kind == "amount" else parse_count
        number, problem = parse(value)
        if problem:
            record.warnings.append(f"{label.text}: {problem}; left empty")
        setattr(record, label.attribute, number)
    elif kind == "period":
        start, end, problems = parse_period(value)
        record.period_start, record.period_end = start, end
        record.warnings.extend(f"{label.text}: {problem}" for problem in problems)
    elif kind == "orgnr":
        digits = "".join(char for char in value if char.isdigit())
        if len(digits) == 12 and digits.startswith("16"):
            digits = digits[2:]  # the "16" century prefix some registers print
        if len(digits) == 10 and len(value) <= 16:
            setattr(record, label.attribute, digits)
        else:
            record.warnings.append(f"{label.text}: {value!r} is not a 10-digit organisation number; kept as printed")
            setattr(record, label.attribute, value)
    elif kind in ("start", "end"):
        date, problem = parse_date(value)
        attribute = "period_start" if kind == "start" else "period_end"
        current = getattr(record, attribute)
        if problem:
            record.warnings.append(f"{label.text}: {problem}; left empty")
        elif current is None:
            setattr(record, attribute, date)
        elif current != date:
            record.warnings.append(
                f"{label.text} {date} differs from Projektperiod's {current}; Projektperiod is used"
            )


class Layout:
    """A page layout of the project bank (subclass and register it in ``LAYOUTS``).

    Attributes
    ----------
    name : str
        The layout's name, written to ``record.layout``.
    format : str
        ``esf-2007``, ``esf-2014`` or ``esf-2021`` (the record's ``format``).
    headings : frozenset of str
        Section headings of this layout.
    skip_lines : frozenset of str
        Lines after the fields that are links, not text (``In English``).
    expected : tuple of (attribute, label)
        Fields every page of the layout prints; a missing one gives a warning.
    """

    name = "layout"
    format = "esf"
    headings: frozenset[str] = HEADINGS
    skip_lines: frozenset[str] = frozenset()
    expected: tuple[tuple[str, str], ...] = ()

    def detect(self, scan: PageScan) -> float:
        """Return how well ``scan`` fits this layout; 0 means not at all."""
        raise NotImplementedError

    def title(self, scan: PageScan, record: ProjectRecord) -> str | None:
        """Return the page's title (by default the last line before the fields)."""
        return last_title_line(scan.lines[: scan.start])

    def parse(self, scan: PageScan, record: ProjectRecord) -> None:
        """Fill ``record`` from a page that :meth:`detect` accepted.

        Parameters
        ----------
        scan : PageScan
            The scanned page.
        record : ProjectRecord
            Filled in place, warnings included.
        """
        record.layout = self.name
        record.format = self.format
        present = fill_fields(record, scan.hits)
        if scan.truncated:
            record.warnings.append(
                f"more than {len(scan.hits)} labelled fields; the rest of the page is read as text"
            )
        title = self.title(scan, record)
        if title is not None:
            record.title = title
        parts = split_sections(scan.lines, scan.end or 0, self.headings, self.skip_lines)
        fill_sections(record, parts)
        for attribute, label in self.expected:
            if attribute not in present and getattr(record, attribute) is None:
                record.warnings.append(f"no {label} on the page")
        if (
            record.esf_grant_sek is not None
            and record.total_budget_sek is not None
            and record.esf_grant_sek > record.total_budget_sek
        ):
            record.warnings.append("the ESF grant is larger than the total budget")
        if record.contact_email is not None and "@" not in record.contact_email:
            record.warnings.append(f"E-post {record.contact_email!r} is not an e-mail address")
