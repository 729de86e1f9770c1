"""A printed list entry that may name several organisations ("Arbetsförmedlingen/Försäkringskassan").

Examples
--------
>>> from esfgraph.resolve.reference import Reference
>>> [r.org.key for r in resolve_listed(Reference.load(), "Arbetsförmedlingen och Försäkringskassan", Context("k1"))]
['arbetsformedlingen', 'forsakringskassan']
"""

from __future__ import annotations

import re

from .names import alternatives, tidy_name
from .orgs import Resolved
from .reference import Reference
from .rules import Context, exact_reference, resolve_mention
from .text import clean

__all__ = ["resolve_listed"]

# Between the names of a listed entry that names several organisations.
_LIST_JOIN = re.compile(r"\s*(?:/|,|;|&|\boch\b|\bsamt\b)\s*", re.IGNORECASE)


def resolve_listed(ref: Reference, raw: str, ctx: Context, org_number: str | None = None,
                   several: bool = True, whole: Resolved | None = None) -> list[Resolved]:
    """Resolve one printed list entry, which may name several organisations.

    "Arbetsförmedlingen/Försäkringskassan" or "Arbetsförmedlingen och Försäkringskassan"
    in a partner list names two organisations when every part is a reference name; an
    "A/B" entry that no rule knows as a whole is read as alternatives, and the ones the
    rules know are kept. With ``several=False`` (the owner, one organisation) only the
    first is returned.

    Examples
    --------
    >>> ref = Reference.load()
    >>> [r.org.key for r in resolve_listed(ref, "Arbetsförmedlingen/Försäkringskassan", Context("k1"))]
    ['arbetsformedlingen', 'forsakringskassan']
    >>> [r.org.key for r in resolve_listed(ref, "Arbetsförmedlingen/Försäkringskassan", Context("k1"), several=False)]
    ['arbetsformedlingen']
    """
    if whole is None:  # else the caller resolved the entry as a whole already (in this context)
        whole = resolve_mention(ref, raw, ctx, org_number)
    if whole is None or whole.method not in ("name-key", "agency-office") or org_number:
        return [whole] if whole is not None else []
    text = tidy_name(clean(raw))
    parts = [p for p in _LIST_JOIN.split(text) if p.strip()]
    if len(parts) > 1:
        hits = [exact_reference(ref, p) for p in parts]
        if all(h is not None for h in hits) and len({h.org.key for h in hits}) == len(hits):
            return hits if several else hits[:1]
    offered = alternatives(text) if whole.method == "name-key" else [text]
    if len(offered) > 1:
        options = [resolve_mention(ref, p, ctx) for p in offered]
        known = [o for o in options if o is not None and o.method != "name-key"]
        if known:
            return known if several else known[:1]
    return [whole]
