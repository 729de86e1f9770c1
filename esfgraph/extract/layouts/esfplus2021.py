"""The ESF+ 2021–2027 layout.

Diarienummer like ``22-044-S07`` (the project's number in this period), Fond,
Programperiod, Startdatum and Slutdatum (used when there is no Projektperiod),
Programområde as a letter, Specifikt mål like ``A2A``, owner names often in capitals,
and labels that begin with another label's words (``Projektägare organisationsnummer:``,
``Projektägare org.nr.:``: the owner's organisation number, not the owner). Grant,
budget and contact may be absent without a warning.

The project bank's ESF+ pages also print ``Antal deltagare`` (planned participants),
``NUTS-2 kod``, ``Berörd fond`` (above the field block, beside ``Land som berörs``) and
``Stödmottagare postnr``/``Stödmottagare ort`` (the owner's postal code and town). The
first three fill ``planned_participants``, ``nuts2`` and ``fund`` here, where the shared
label table does not know them; the postal code stays in ``fields`` for the resolver
(:mod:`esfgraph.resolve.postal`).

Examples
--------
>>> from esfgraph.extract import extract_bytes
>>> page = ("23-017-S04 - Barnutsatthet i Örebro\\n\\nBerörd fond:\\nESF+\\nDiarienummer:\\n23-017-S04\\n"
...         "Projektägare:\\nÖREBRO KOMMUN\\nStartdatum:\\n2023-09-01\\nSlutdatum:\\n2026-08-31\\n"
...         "NUTS-2 kod:\\nSE0\\nStödmottagare postnr:\\n70135\\nAntal deltagare:\\n500\\n")
>>> record = extract_bytes(page.encode(), "p.txt").record
>>> record.fund, record.nuts2, record.planned_participants
('ESF+', 'SE0', 500)
"""

from __future__ import annotations

import re

from ...model import ProjectRecord
from ..scan import PageScan
from ..sections import HEADINGS
from ..values import parse_count
from .base import Layout, heading_title

__all__ = ["EsfPlus2021", "ESFPLUS_LABELS", "HEAD_LABELS"]

_MARKERS = frozenset(
    {
        "Fond", "Programperiod", "Startdatum", "Slutdatum", "Projektägare organisationsnummer",
        "Projektägare org.nr.", "Projektägare org.nr", "Projektägare orgnr", "NUTS2", "NUTS 2",
        "NUTS2-region", "Beviljat ESF+-stöd", "Beviljat ESF+ stöd",
    }
)
_DIARY_2021 = re.compile(r"^\d{2}-\d{3}-[A-Z]?\d+$")

#: ESF+ labels the shared label table does not know: printed label (case-folded) ->
#: (record attribute, ``"text"`` or ``"count"``). A shared label of the same meaning
#: (``NUTS2``, ``Fond``, ``Planerat antal deltagare``) wins when the page prints both.
ESFPLUS_LABELS: dict[str, tuple[str, str]] = {
    "antal deltagare": ("planned_participants", "count"),
    "nuts-2 kod": ("nuts2", "text"),
    "nuts-2-kod": ("nuts2", "text"),
    "berörd fond": ("fund", "text"),
}
#: Labels printed above the field block (``Land som berörs``, ``Berörd fond``), which the
#: scan does not read as fields: looked for in the page's head, label line then value line.
HEAD_LABELS = ("berörd fond",)
#: Labels kept in ``fields`` only, on purpose (no warning): the owner's town.
_KNOWN_UNUSED = frozenset({"stödmottagare ort", "land som berörs", "program cci"})


def _label_key(text: str) -> str:
    return " ".join(text.strip().rstrip(":").casefold().split())


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

    def parse(self, scan: PageScan, record: ProjectRecord) -> None:
        """Fill ``record`` as every layout does, then from the ESF+ labels of :data:`ESFPLUS_LABELS`."""
        super().parse(scan, record)
        handled: set[str] = set()
        for hit in scan.hits:
            key = _label_key(hit.printed)
            if hit.label is None and key in ESFPLUS_LABELS:
                _fill(record, hit.printed, key, hit.value or "")
                handled.add(hit.printed)
            elif hit.label is None and key in _KNOWN_UNUSED:
                handled.add(hit.printed)
        for printed, value in _head_fields(scan):
            record.fields.setdefault(printed, value)
            _fill(record, printed, _label_key(printed), value)
        if handled:
            notes = {f"unknown label {printed!r}; its value is kept in fields only" for printed in handled}
            record.warnings[:] = [warning for warning in record.warnings if warning not in notes]


def _head_fields(scan: PageScan) -> list[tuple[str, str]]:
    """``(label, value)`` of the :data:`HEAD_LABELS` printed before the field block."""
    head = scan.lines[: scan.start or 0]
    found = []
    for index, line in enumerate(head[:-1]):
        if line.rstrip().endswith(":") and _label_key(line) in HEAD_LABELS:
            value = head[index + 1].strip()
            if value and not value.endswith(":"):
                found.append((line.strip().rstrip(":").strip(), value))
    return found


def _fill(record: ProjectRecord, printed: str, key: str, value: str) -> None:
    """Set the attribute of an ESF+ label, unless a shared label set it already."""
    attribute, kind = ESFPLUS_LABELS[key]
    value = value.strip()
    if not value or getattr(record, attribute) is not None:
        return
    if kind == "count":
        number, problem = parse_count(value)
        if problem:
            record.warnings.append(f"{printed}: {problem}; left empty")
        setattr(record, attribute, number)
    else:
        setattr(record, attribute, value)
