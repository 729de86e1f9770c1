"""Merge the organisations of many record resolutions into one per IRI.

Organisations from the reference tables are the same on every page. Those keyed by name
or organisation number carry the name as printed, which varies ("Excentrum AB",
"EXCENTRUM AB"): the label is the most frequent printed form (counted over mentions),
ties broken by sort order, so the result does not depend on the order of the inputs.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Organisation, RecordResolution

__all__ = ["merge_organisations"]

_FIELDS = ("parent", "municipality_code", "county_code", "org_number", "country")
#: Every attribute counted; label and type are counted even when ``None``.
_COUNTED, _ALWAYS = ("label", "type", *_FIELDS), frozenset({"label", "type"})


def _most_common(counter: dict) -> object:
    """The most frequent value; among equals the smallest by sort order (``None`` if empty)."""
    if not counter:
        return None
    return min(counter.items(), key=lambda item: (-item[1], str(item[0])))[0]


def merge_organisations(resolutions: Iterable[RecordResolution]) -> dict[str, Organisation]:
    """Return one :class:`~esfgraph.model.Organisation` per IRI over all resolutions.

    Parameters
    ----------
    resolutions : iterable of RecordResolution
        The resolver's output for any number of records, in any order.

    Returns
    -------
    dict
        IRI -> organisation, in IRI order. Each attribute is the value most resolutions
        give (weighted by the mentions on each page, so a label printed on ten pages beats
        one printed on two); ``type`` prefers any known type over ``unknown``.

    Examples
    --------
    >>> from esfgraph.model import ProjectRecord
    >>> from esfgraph.resolve import Resolver
    >>> resolver = Resolver()
    >>> pages = [ProjectRecord(source=f"{i}.txt", title=str(i), owner=name)
    ...          for i, name in enumerate(["Excentrum AB", "EXCENTRUM AB", "Excentrum AB"])]
    >>> merged = merge_organisations(resolver.resolve(p) for p in reversed(pages))
    >>> [o.label for o in merged.values()]
    ['Excentrum AB']
    """
    # iri -> attribute -> value -> weight; plain dicts (a Counter per organisation and
    # attribute cost more than the counting).
    tallies: dict[str, dict[str, dict]] = {}
    for resolution in resolutions:
        weights: dict[str, int] = {}
        for m in resolution.mentions:
            weights[m.canonical] = weights.get(m.canonical, 0) + 1
        for org in resolution.organisations:
            weight = weights.get(org.iri, 0) or 1
            tally = tallies.get(org.iri)
            if tally is None:
                tally = tallies[org.iri] = {name: {} for name in _COUNTED}
            for name in _COUNTED:
                value = getattr(org, name)
                if value is not None or name in _ALWAYS:
                    counts = tally[name]
                    counts[value] = counts.get(value, 0) + weight
    merged: dict[str, Organisation] = {}
    for iri in sorted(tallies):
        tally = tallies[iri]
        known_types = {t: n for t, n in tally["type"].items() if t != "unknown"}
        merged[iri] = Organisation(
            iri=iri,
            label=str(_most_common(tally["label"])),
            type=str(_most_common(known_types) or "unknown"),
            **{name: _most_common(tally[name]) for name in _FIELDS},
        )
    return merged
