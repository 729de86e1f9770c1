"""The ESF+ 2021–2027 layout.

Diarienummer like ``22-044-S07`` (the project's number in this period), Fond,
Programperiod, Startdatum and Slutdatum (used when there is no Projektperiod),
Programområde as a letter, Specifikt mål like ``A2A``, owner names often in capitals,
and labels that begin with another label's words (``Projektägare organisationsnummer:``,
``Projektägare org.nr.:``: the owner's organisation number, not the owner). Grant,
budget and contact may be absent without a warning.
"""

from __future__ import annotations

import re

from ...model import ProjectRecord
from ..scan import PageScan
from ..sections import HEADINGS
from .base import Layout, heading_title

__all__ = ["EsfPlus2021"]

_MARKERS = frozenset(
    {
        "Fond", "Programperiod", "Startdatum", "Slutdatum", "Projektägare organisationsnummer",
        "Projektägare org.nr.", "Projektägare org.nr", "Projektägare orgnr", "NUTS2", "NUTS 2",
        "NUTS2-region", "Beviljat ESF+-stöd", "Beviljat ESF+ stöd",
    }
)
_DIARY_2021 = re.compile(r"^\d{2}-\d{3}-[A-Z]?\d+$")


class EsfPlus2021(Layout):
    """The ESF+ 2021–2027 layout."""

    name = "esf-2021"
    format = "esf-2021"
    headings = HEADINGS | {"Om projektet", "Projektets syfte", "Målgrupp", "Förväntade resultat"}
    expected = (("owner", "Projektägare"), ("period_start", "Projektperiod or Startdatum"))

    def detect(self, scan: PageScan) -> float:
        markers = len(_MARKERS & scan.labels_present())
        markers += sum(
            1
            for hit in scan.known
            if hit.label.text == "Diarienummer" and _DIARY_2021.match((hit.value or "").strip())
        )
        if not markers:
            return 0.0
        return 1000.0 + len(scan.known)

    def title(self, scan: PageScan, record: ProjectRecord) -> str | None:
        return heading_title(scan, record)
