"""What the two 2014–2020 layouts share: their marker labels, fields, score and title.

The colon layout (:mod:`~esfgraph.extract.layouts.colon2014`) and the intermediate
layout (:mod:`~esfgraph.extract.layouts.intermediate2014`) print the same fields under a
``DNR - Title`` heading; they differ only in how a label stands on its line, which is
all a subclass names (:attr:`Esf2014Layout.label_styles`).
"""

from __future__ import annotations

from ...model import ProjectRecord
from ..scan import PageScan
from .base import Layout, heading_title

__all__ = ["Esf2014Layout", "MARKERS_2014"]

#: Labels of the 2014–2020 layouts that the 2007–2013 pages do not print.
MARKERS_2014 = frozenset(
    {
        "Projektnummer", "Utlysning", "Utlysningsnummer", "Specifikt mål",
        "Planerat antal deltagare", "Unionens medfinansieringsgrad", "Interventionstyp",
        "Stödmottagare postnr", "Stödmottagarens address", "Namn", "Name", "Diarienummer",
    }
)


class Esf2014Layout(Layout):
    """A 2014–2020 layout, recognised by its label style and the 2014 marker labels.

    Attributes
    ----------
    label_styles : tuple of str
        The :class:`~esfgraph.extract.scan.Hit` styles (``colon``, ``inline``,
        ``alone``) in which this layout prints its labels.
    """

    format = "esf-2014"
    expected = (
        ("project_number", "Projektnummer"),
        ("owner", "Projektägare"),
        ("period_start", "Projektperiod"),
        ("total_budget_sek", "Total projektbudget"),
        ("esf_grant_sek", "Beviljat ESF-stöd"),
        ("region", "Region"),
    )
    label_styles: tuple[str, ...] = ()

    def detect(self, scan: PageScan) -> float:
        in_style = sum(scan.count(style) for style in self.label_styles)
        if in_style < 2:
            return 0.0
        return 10.0 * in_style + 5.0 * len(MARKERS_2014 & scan.labels_present())

    def title(self, scan: PageScan, record: ProjectRecord) -> str | None:
        return heading_title(scan, record)
