"""The owner's postal code as a weak signal of where the owner is.

2014–2020 and ESF+ pages print the owner's postal code (``Stödmottagare postnr: 70135``,
``Stödmottagarens postnummer``). :func:`place_owner_by_postal_code` places an owner that
its name does not place in a municipality (``KOMMUNALFÖRBUNDET PARTNERSKAP INLAND-AKADEMI
N``, a name key or an organisation number) in the municipality of that postal code, from
``data/reference/postal_codes.csv`` (see ``data/reference/README.md`` for its source).

Why only a weak signal: postal areas cross municipal borders (82 of 10,220 codes name one
municipality's locality but lie in a neighbour), and an organisation's postal address is
its office, not its area of work. So a placement from a postal code never overrides one
from a name: owners the name already places (municipalities and their units, regions,
county boards) and national agencies and foreign organisations are left as they are.

Examples
--------
>>> from esfgraph.model import ProjectRecord
>>> from esfgraph.resolve import Resolver
>>> record = ProjectRecord(source="p.txt", title="T", owner="Föreningen Hoppet",
...                        fields={"Stödmottagare postnr": "701 35"})
>>> placed = place_owner_by_postal_code(record, Resolver().resolve(record))
>>> [(o.label, o.municipality_code, o.county_code) for o in placed.organisations]
[('Föreningen Hoppet', '1880', '18')]
"""

from __future__ import annotations

import csv
import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..model import ProjectRecord, RecordResolution
from ..resources import reference_dir
from .tables import ReferenceDataError

__all__ = ["POSTAL_LABELS", "postal_table", "owner_postal_code", "place_owner_by_postal_code"]

#: Field labels (case-folded, without colon) that print the owner's postal code.
POSTAL_LABELS = ("stödmottagare postnr", "stödmottagarens postnummer", "stödmottagare postnummer")

#: Organisation types that a postal code may place: those whose name does not say where.
_PLACEABLE_TYPES = frozenset({
    "unknown", "company", "non_profit", "social_enterprise", "school", "folk_high_school",
    "study_association", "coordination_association",
})


@lru_cache(maxsize=4)
def _read(path: str) -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        handle = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        return table  # no table shipped: no placement by postal code
    except OSError as error:
        raise ReferenceDataError(f"{path}: cannot be read ({error.strerror})") from None
    with handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code, municipality = (row.get("postal_code") or "").strip(), (row.get("municipality_code") or "").strip()
            if not (len(code) == 5 and code.isdigit() and len(municipality) == 4 and municipality.isdigit()):
                raise ReferenceDataError(f"{path}:{line}: postal_code {code!r} / municipality_code "
                                         f"{municipality!r} is not five digits / four digits")
            table[code] = municipality
    return table


def postal_table(path: str | os.PathLike | None = None) -> dict[str, str]:
    """Return postal code (five digits) -> municipality code (four digits).

    Parameters
    ----------
    path : path, optional
        Default ``data/reference/postal_codes.csv``; a missing file gives an empty table.

    Raises
    ------
    ReferenceDataError
        A malformed row (one line naming the file and the row).

    Examples
    --------
    >>> postal_table()["92381"]
    '2421'
    """
    return _read(str(Path(path) if path is not None else reference_dir() / "postal_codes.csv"))


def owner_postal_code(record: ProjectRecord) -> str | None:
    """Return the owner's postal code as five digits, when the page prints one.

    Examples
    --------
    >>> owner_postal_code(ProjectRecord(source="p", fields={"Stödmottagare postnr:": "SE-923 81"}))
    '92381'
    """
    for label, value in record.fields.items():
        if label.strip().rstrip(":").strip().casefold() in POSTAL_LABELS:
            digits = "".join(ch for ch in value if ch in "0123456789")
            if len(digits) == 5:
                return digits
    return None


def place_owner_by_postal_code(record: ProjectRecord, resolution: RecordResolution,
                               table: dict[str, str] | None = None) -> RecordResolution:
    """Return ``resolution`` with its owner placed by the page's postal code, where allowed.

    Parameters
    ----------
    record : ProjectRecord
        The page (its ``fields`` hold the postal code).
    resolution : RecordResolution
        The resolver's answer for it; not changed.
    table : dict, optional
        :func:`postal_table` by default.

    Returns
    -------
    RecordResolution
        The same object when nothing changes; else a copy whose owner organisation has
        ``municipality_code`` (and ``county_code``, its first two digits) from the postal
        code. Only an owner of a type in ``_PLACEABLE_TYPES`` with no place yet and no
        parent is placed (a name's placement always wins).
    """
    code = owner_postal_code(record)
    if code is None:
        return resolution
    municipality = (postal_table() if table is None else table).get(code)
    owners = {m.canonical for m in resolution.mentions if m.role == "owner"}
    if municipality is None or not owners:
        return resolution
    organisations = []
    changed = False
    for org in resolution.organisations:
        if (org.iri in owners and org.type in _PLACEABLE_TYPES and org.municipality_code is None
                and org.county_code is None and org.parent is None and org.country is None):
            org = replace(org, municipality_code=municipality, county_code=municipality[:2])
            changed = True
        organisations.append(org)
    return replace(resolution, organisations=organisations) if changed else resolution
