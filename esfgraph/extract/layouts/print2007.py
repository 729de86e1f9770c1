"""The 2007–2013 print layout (seeds 000–003).

Banner lines ("Logotyp på utskrifter", "Stäng", a dated webinar notice, "Mer
information och anmälan."), the title, then each label glued to its value
(``Beviljat ESF-stöd3 574 500 kr``), "In English", section headings on lines of their
own, and bullet lists under Medfinansiärer, Samarbetspartners and Kommun.
"""

from __future__ import annotations

from ...model import ProjectRecord
from ..scan import PageScan
from .base import Layout

__all__ = ["Print2007"]

#: Labels only this layout prints.
_MARKERS = frozenset({"Projektfas", "Telefonnummer"})


class Print2007(Layout):
    """The 2007–2013 print layout: glued labels, headings, bullet lists."""

    name = "esf-2007-print"
    format = "esf-2007"
    skip_lines = frozenset({"In English"})
    expected = (
        ("programme_area", "Programområde"),
        ("owner", "Projektägare"),
        ("esf_grant_sek", "Beviljat ESF-stöd"),
        ("total_budget_sek", "Total projektbudget"),
        ("period_start", "Projektperiod"),
        ("region", "Region"),
    )

    def detect(self, scan: PageScan) -> float:
        glued = scan.count("glued")
        markers = len(_MARKERS & scan.labels_present())
        end = scan.end or 0
        if any(line.strip() == "In English" for line in scan.lines[end : end + 5]):
            markers += 1
        if glued < 2 and markers < 2:
            return 0.0
        return 10.0 * len(scan.known) + 10.0 * glued + 20.0 * markers

    def parse(self, scan: PageScan, record: ProjectRecord) -> None:
        super().parse(scan, record)
        has_text = record.sections or record.transnational_text
        has_lists = record.co_financiers or record.partners or record.municipalities
        if not has_text and not has_lists:
            # Every complete print page has sections and a Kommun list after its fields.
            record.warnings.append("no sections or lists after the fields; the page may be truncated")
