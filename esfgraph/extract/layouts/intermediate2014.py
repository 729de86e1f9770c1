"""The intermediate 2014–2020 layout: labels and values on separate lines, no colons.

An ``Utlysning`` number (the call, not the project) may stand before ``Projektnummer``;
periods may have no spaces (``2016-10-01-2018-09-30``); the programme area reads like
``1.1 Kompetensförsörjning``.
"""

from __future__ import annotations

from ...model import ProjectRecord
from ..scan import PageScan
from .base import Layout
from .colon2014 import MARKERS_2014, heading_title

__all__ = ["Intermediate2014"]


class Intermediate2014(Layout):
    """The intermediate 2014–2020 layout: a bare label line, then its value."""

    name = "esf-2014-intermediate"
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
        alone = scan.count("alone")
        if alone < 2:
            return 0.0
        return 10.0 * alone + 5.0 * len(MARKERS_2014 & scan.labels_present())

    def title(self, scan: PageScan, record: ProjectRecord) -> str | None:
        return heading_title(scan, record)
