"""The filters of ``/partnerships`` (and ``/network``): request arguments parsed and checked.

Every value is checked here, before anything is counted: a value that cannot be used
raises :class:`FilterError`, whose one-line message the application answers with HTTP
400. Filters are never pasted into SPARQL: the explorer counts from its in-memory index.

Examples
--------
>>> f = PartnershipFilter.from_args({"region": "smaland-och-oarna", "min_shared": "1"})
>>> f.region, f.min_shared, f.level, f.text, f.general
('smaland-och-oarna', 1, 'unit', 'unlisted', False)
>>> PartnershipFilter.from_args({"text": "all", "general": "1", "org_type": "agency-office"}).args()
{'org_type': 'agency-office', 'general': '1', 'text': 'all'}
>>> PartnershipFilter.from_args({"min_shared": "lots"})
Traceback (most recent call last):
...
esfgraph.explorer.filters.FilterError: min_shared: expected a whole number, got 'lots'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, Mapping

from ..network import TEXT_MENTIONS
from ..runtime.errors import InputError
from ..vocab import concept_key
from .index import PERIODS

__all__ = ["SORT_KEYS", "FilterError", "PartnershipFilter"]

SORT_KEYS = ("shared", "first_year", "last_year", "grant", "org_a", "org_b", "periods")

_CODE = re.compile(r"^[0-9A-Za-z_\-]{1,40}$")
_CHOICES = {"evidence": ("any", "listed", "text"), "level": ("unit", "parent"), "sort": SORT_KEYS,
            "order": ("asc", "desc"), "text": TEXT_MENTIONS}


class FilterError(InputError, ValueError):
    """A filter value that cannot be used; ``str(error)`` is one line for the user (HTTP 400).

    An :class:`~esfgraph.runtime.errors.InputError` (input the user must fix); still a
    ``ValueError`` for callers that caught it as one.
    """


@dataclass(frozen=True)
class PartnershipFilter:
    """The filters of ``/partnerships``, parsed and checked."""

    region: str = ""
    county: str = ""
    municipality: str = ""
    period: str = ""
    year_from: int | None = None
    year_to: int | None = None
    org_type: str = ""
    org: str = ""
    evidence: str = "any"  # any, listed, text
    level: str = "unit"  # unit, parent
    min_shared: int = 2
    general: bool = False  # count the general national agencies too (include_national)
    text: str = "unlisted"  # where names in the text count: unlisted, all, none
    sort: str = "shared"
    order: str = "desc"

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "PartnershipFilter":
        """Parse request arguments; raise :class:`FilterError` on a value that cannot be used."""
        values: dict[str, Any] = {}
        for name in (f.name for f in fields(cls)):
            raw = (args.get(name) or "").strip()
            if raw == "":
                continue
            if len(raw) > 200:
                raise FilterError(f"{name}: value too long ({len(raw)} characters)")
            values[name] = raw
        for name in ("year_from", "year_to", "min_shared"):
            if name in values:
                if not values[name].isdigit() or len(values[name]) > 6:
                    raise FilterError(f"{name}: expected a whole number, got {values[name]!r}")
                values[name] = int(values[name])
        for name in ("region", "county", "period", "org_type"):
            if name in values and not _CODE.match(values[name]):
                raise FilterError(f"{name}: unexpected characters in {values[name]!r}")
        for name, allowed in _CHOICES.items():
            if name in values and values[name] not in allowed:
                raise FilterError(f"{name}: expected one of {', '.join(allowed)}, got {values[name]!r}")
        if "org_type" in values:  # the concept's spelling (agency-office) or the key (agency_office)
            values["org_type"] = values["org_type"].replace("-", "_")
        if "general" in values:
            values["general"] = values["general"].lower() in ("1", "true", "yes", "on")
        if values.get("period") and values["period"] not in PERIODS:
            raise FilterError(f"period: expected one of {', '.join(PERIODS)}, got {values['period']!r}")
        return cls(**values)

    def args(self, **changes: Any) -> dict[str, str]:
        """The non-default filters as request arguments (for links and the CSV/GEXF links)."""
        default = PartnershipFilter()
        current = {**{f.name: getattr(self, f.name) for f in fields(self)}, **changes}
        current["org_type"] = concept_key(current["org_type"])  # links spell types as the vocabulary does
        return {k: ("1" if v is True else str(v)) for k, v in current.items()
                if v != getattr(default, k, None) and v not in (None, "")}

    @property
    def setting(self) -> tuple[str, bool, str]:
        """What decides who counts in a project: ``(text, general, level)``; the other
        filters only choose projects and pairs."""
        return (self.text, self.general, self.level)
