"""``resolution.csv`` and the resolution summary printed by ``esfgraph build``.

The CSV lists every mention with the organisation it resolved to: columns ``source, raw,
role, canonical, label, method, confidence`` (DESIGN.md). Rows are sorted by source, role
(owner, co-financier, partner, transnational partner, mentioned), list position and text,
and labels come from :func:`~esfgraph.resolve.merge.merge_organisations`, so the same
inputs always give the same bytes.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..model import LISTED_ROLES, ROLES, Mention, Organisation, RecordResolution
from .merge import merge_organisations
from .text import norm

__all__ = ["CSV_COLUMNS", "REVIEW_THRESHOLD", "write_resolution_csv", "resolution_summary", "summary_lines"]

CSV_COLUMNS = ("source", "raw", "role", "canonical", "label", "method", "confidence", "evidence")

#: Listed mentions at or below this confidence are reported for review.
REVIEW_THRESHOLD = 0.5

_ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}


def _sort_key(m: Mention) -> tuple:
    return (m.source, _ROLE_ORDER.get(m.role, len(ROLES)), m.position, m.raw, m.canonical)


def write_resolution_csv(
    resolutions: Sequence[RecordResolution],
    path: str | os.PathLike,
    organisations: Mapping[str, Organisation] | None = None,
) -> int:
    """Write ``resolution.csv``: one row per mention, sorted, UTF-8, ``\\n`` line ends.

    Parameters
    ----------
    resolutions : sequence of RecordResolution
        The resolver's output.
    path : path
        File to write (its folder must exist).
    organisations : mapping, optional
        :func:`~esfgraph.resolve.merge_organisations` of ``resolutions``, when the caller
        has it already (the labels come from it); computed here otherwise.

    Returns
    -------
    int
        The number of rows written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from esfgraph.model import ProjectRecord
    >>> from esfgraph.resolve import Resolver
    >>> res = Resolver().resolve(ProjectRecord(source="p.txt", title="T", owner="Försäkringskassan"))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "resolution.csv"
    >>> write_resolution_csv([res], out)
    1
    >>> out.read_text(encoding="utf-8").splitlines()[1]
    'p.txt,Försäkringskassan,owner,https://w3id.org/esfgraph/id/org/forsakringskassan,Försäkringskassan,agency,0.95,'
    """
    merged = organisations if organisations is not None else merge_organisations(resolutions)
    mentions = sorted((m for r in resolutions for m in r.mentions), key=_sort_key)
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for m in mentions:
            row = m.csv_row()
            if m.canonical in merged:
                row["label"] = merged[m.canonical].label
            writer.writerow([row[column] for column in CSV_COLUMNS])
    return len(mentions)


def resolution_summary(resolutions: Iterable[RecordResolution], top: int = 10) -> dict[str, Any]:
    """Summarise how the mentions were resolved.

    Parameters
    ----------
    resolutions : iterable of RecordResolution
        The resolver's output.
    top : int
        How many mentions to list for review.

    Returns
    -------
    dict
        ``mentions`` (count), ``listed`` (count of listed-role mentions),
        ``organisations`` (distinct canonical IRIs), ``by_role`` (role -> count),
        ``by_method`` (method -> ``{"count", "share"}``, most frequent first),
        ``resolved_share`` (share of listed mentions above :data:`REVIEW_THRESHOLD`),
        ``review``: the most frequent listed mentions at or below it, as
        ``{"mention", "count", "method", "confidence"}`` (grouped case-insensitively).

    Examples
    --------
    >>> from esfgraph.model import ProjectRecord
    >>> from esfgraph.resolve import Resolver
    >>> res = Resolver().resolve(ProjectRecord(source="p.txt", title="T", owner="Socialtjänsten"))
    >>> s = resolution_summary([res])
    >>> s["by_method"], s["review"][0]["mention"]
    ({'municipal-unit-project-scoped': {'count': 1, 'share': 1.0}}, 'Socialtjänsten')
    """
    mentions = [m for r in resolutions for m in r.mentions]
    total = len(mentions)
    methods = Counter(m.method for m in mentions)
    roles = Counter(m.role for m in mentions)
    listed = [m for m in mentions if m.role in LISTED_ROLES]
    low = [m for m in listed if m.confidence <= REVIEW_THRESHOLD]
    groups: dict[str, list[Mention]] = {}
    for m in low:
        groups.setdefault(norm(m.raw), []).append(m)
    review = []
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k))[:top]:
        group = groups[key]
        printed = Counter(m.raw for m in group)
        review.append({
            "mention": min(printed, key=lambda raw: (-printed[raw], raw)),
            "count": len(group),
            "method": Counter(m.method for m in group).most_common(1)[0][0],
            "confidence": round(min(m.confidence for m in group), 2),
        })
    return {
        "mentions": total,
        "listed": len(listed),
        "organisations": len({m.canonical for m in mentions}),
        "by_role": {role: roles[role] for role in ROLES if roles[role]},
        "by_method": {
            method: {"count": n, "share": round(n / total, 4)}
            for method, n in sorted(methods.items(), key=lambda item: (-item[1], item[0]))
        },
        "resolved_share": round((len(listed) - len(low)) / len(listed), 4) if listed else 1.0,
        "review": review,
    }


def summary_lines(summary: dict[str, Any], methods: int = 6) -> list[str]:
    """Render :func:`resolution_summary` as a few lines for the build's screen summary.

    Parameters
    ----------
    summary : dict
        The output of :func:`resolution_summary`.
    methods : int
        How many methods to name on the second line (the most frequent).

    Returns
    -------
    list of str
        Two or three lines: totals and resolved share, method shares, what to review.

    Examples
    --------
    >>> lines = summary_lines({"mentions": 4, "listed": 3, "organisations": 3, "by_role": {},
    ...     "by_method": {"agency-office": {"count": 3, "share": 0.75}, "name-key": {"count": 1, "share": 0.25}},
    ...     "resolved_share": 0.6667, "review": [{"mention": "Fenix", "count": 1, "method": "name-key", "confidence": 0.5}]})
    >>> print("\\n".join(lines))
    resolve: 4 mentions -> 3 organisations; 67% of listed mentions resolved above confidence 0.5
      methods: agency-office 75%, name-key 25%
      to review: "Fenix" x1 (name-key)
    """
    out = [
        f"resolve: {summary['mentions']:,} mentions -> {summary['organisations']:,} organisations; "
        f"{summary['resolved_share']:.0%} of listed mentions resolved above confidence {REVIEW_THRESHOLD}"
    ]
    shown = list(summary["by_method"].items())[:methods]
    if shown:
        rest = len(summary["by_method"]) - len(shown)
        text = ", ".join(f"{method} {entry['share']:.0%}" for method, entry in shown)
        out.append(f"  methods: {text}" + (f" (+{rest} more)" if rest > 0 else ""))
    if summary["review"]:
        items = ", ".join(f"\"{r['mention']}\" x{r['count']} ({r['method']})" for r in summary["review"][:5])
        out.append(f"  to review: {items}")
    return out
