"""Merge the organisations of many record resolutions into one per IRI.

Organisations from the reference tables are the same on every page. Those keyed by name
or organisation number carry the name as printed, which varies ("Excentrum AB",
"EXCENTRUM AB"): the label is the most frequent printed form (counted over mentions),
ties broken by sort order, so the result does not depend on the order of the inputs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from ..model import Organisation, RecordResolution

__all__ = ["merge_organisations"]

_FIELDS = ("parent", "municipality_code", "county_code", "org_number", "country")


def _most_common(counter: Counter) -> object:
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
    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    fields: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for resolution in resolutions:
        weights = Counter(m.canonical for m in resolution.mentions)
        for org in resolution.organisations:
            weight = weights.get(org.iri, 0) or 1
            labels[org.iri][org.label] += weight
            types[org.iri][org.type] += weight
            for name in _FIELDS:
                value = getattr(org, name)
                if value is not None:
                    fields[org.iri][name][value] += weight
    merged: dict[str, Organisation] = {}
    for iri in sorted(labels):
        known_types = Counter({t: n for t, n in types[iri].items() if t != "unknown"})
        merged[iri] = Organisation(
            iri=iri,
            label=str(_most_common(labels[iri])),
            type=str(_most_common(known_types) or "unknown"),
            **{name: _most_common(fields[iri][name]) for name in _FIELDS},
        )
    return merged
