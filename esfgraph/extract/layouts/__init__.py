"""The page layouts of the project bank, one small module each, and how one is chosen.

Every page is first scanned for labelled fields (:mod:`esfgraph.extract.scan`); each
layout in :data:`LAYOUTS` then scores the scan and the best score wins (ties go to the
earlier layout). To support a new layout, write a module with a :class:`Layout`
subclass (a ``detect`` and, where it differs, a ``title`` or ``parse``) and add an
instance to :data:`LAYOUTS`; new labels go in :data:`esfgraph.extract.labels.LABELS`.

=====================  ==========  ================================================
layout                 format      recognised by
=====================  ==========  ================================================
esf-2007-print         esf-2007    labels glued to values; Projektfas, Telefonnummer
esf-2014-colon         esf-2014    ``Label:`` lines with the value on the next line
esf-2014-intermediate  esf-2014    bare label lines, no colons (Utlysning first)
esf-2021               esf-2021    ESF+ labels: Fond, Programperiod, Startdatum...
=====================  ==========  ================================================

HTML pages are turned into text first (:mod:`esfgraph.extract.html`) and then go
through the same layouts; ``record.media_type`` tells them apart.
"""

from __future__ import annotations

from ..scan import PageScan
from .base import Layout
from .colon2014 import Colon2014
from .esfplus2021 import EsfPlus2021
from .intermediate2014 import Intermediate2014
from .print2007 import Print2007

__all__ = ["LAYOUTS", "Layout", "detect_layout", "layout_names"]

#: The registered layouts, in tie-breaking order.
LAYOUTS: tuple[Layout, ...] = (Print2007(), Colon2014(), Intermediate2014(), EsfPlus2021())


def detect_layout(scan: PageScan) -> Layout | None:
    """Return the layout that fits a scanned page best, or None.

    Parameters
    ----------
    scan : PageScan

    Returns
    -------
    Layout or None
        ``None`` when no layout scores above zero.
    """
    best: Layout | None = None
    best_score = 0.0
    for layout in LAYOUTS:
        score = layout.detect(scan)
        if score > best_score:
            best, best_score = layout, score
    return best


def layout_names() -> list[str]:
    """Return the names of the registered layouts."""
    return [layout.name for layout in LAYOUTS]
