"""The intermediate 2014–2020 layout: labels and values on separate lines, no colons.

An ``Utlysning`` number (the call, not the project) may stand before ``Projektnummer``;
periods may have no spaces (``2016-10-01-2018-09-30``); the programme area reads like
``1.1 Kompetensförsörjning``. What it shares with the colon layout is in
:mod:`~esfgraph.extract.layouts.esf2014`.
"""

from __future__ import annotations

from .esf2014 import Esf2014Layout

__all__ = ["Intermediate2014"]


class Intermediate2014(Esf2014Layout):
    """The intermediate 2014–2020 layout: a bare label line, then its value."""

    name = "esf-2014-intermediate"
    label_styles = ("alone",)
