"""The 2014–2020 layout with colons (seed 004).

A heading ``DNR - Title``, then each label ending in a colon on one line and its value
on the next (a label may have no value: the next line is the next label); the field
order varies; a cookie-consent banner may stand before the heading. The description
follows without headings. What it shares with the intermediate layout is in
:mod:`~esfgraph.extract.layouts.esf2014`.
"""

from __future__ import annotations

from .esf2014 import Esf2014Layout

__all__ = ["Colon2014"]


class Colon2014(Esf2014Layout):
    """The 2014–2020 layout: ``Label:`` lines with the value on the next line."""

    name = "esf-2014-colon"
    label_styles = ("colon", "inline")
