"""The 2014–2020 layout with colons (seed 004).

A heading ``DNR - Title``, then each label ending in a colon on one line and its value
on the next (a label may have no value: the next line is the next label); the field
order varies; a cookie-consent banner may stand before the heading. The description
follows without headings.
"""

from __future__ import annotations

import re

from ...model import ProjectRecord
from ..scan import PageScan
from .base import Layout, is_banner, last_title_line

__all__ = ["Colon2014", "MARKERS_2014", "heading_title"]

#: Labels of the 2014–2020 layouts that the 2007–2013 pages do not print.
MARKERS_2014 = frozenset(
    {
        "Projektnummer", "Utlysning", "Utlysningsnummer", "Specifikt mål",
        "Planerat antal deltagare", "Unionens medfinansieringsgrad", "Interventionstyp",
        "Stödmottagare postnr", "Stödmottagarens address", "Namn", "Name", "Diarienummer",
    }
)
# "2019/00144 - SMÖT", "22-044-S07 – TITEL": a number with a digit, a dash, the title.
_HEADING = re.compile(r"^(?P<number>\S*\d[\S]*?)\s+[-–—]\s+(?P<title>\S.*)$")


def heading_title(scan: PageScan, record: ProjectRecord) -> str | None:
    """Return the title for layouts with a ``DNR - Title`` heading.

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


class Colon2014(Layout):
    """The 2014–2020 layout: ``Label:`` lines with the value on the next line."""

    name = "esf-2014-colon"
    format = "esf-2014"
    expected = (
        ("project_number", "Projektnummer"),
        ("owner", "Projektägare"),
        ("period_start", "Projektperiod"),
        ("total_budget_sek", "Total projektbudget"),
        ("esf_grant_sek", "Beviljat ESF-stöd"),
        ("region", "Region"),
    )

    def detect(self, scan: PageScan) -> float:
        colon = scan.count("colon") + scan.count("inline")
        if colon < 2:
            return 0.0
        return 10.0 * colon + 5.0 * len(MARKERS_2014 & scan.labels_present())

    def title(self, scan: PageScan, record: ProjectRecord) -> str | None:
        return heading_title(scan, record)
