"""Does a build's store answer as its files say? Library queries against their CSV twins.

Some library queries read what ``esfgraph analyze`` stored (``recurring-partnerships``,
``organisation-scores``) or count it afresh (``recurring-partnerships-live``); the same
analysis also wrote a CSV file of it (``analysis/recurring_partnerships.csv``,
``analysis/centrality.csv``). :func:`check_build` runs each such query on the store and
compares its rows with the CSV's, as multisets, on the columns they share (numbers to
within half the sixth decimal). A difference means the store and the files come from
different runs (for example ``esfgraph analyze --level parent`` wrote into the store
afterwards).

The live query counts at unit level by the evidence rule of
:mod:`esfgraph.network.evidence`; it runs with the analysis's own choices
(``text_mentions``, ``include_national`` from ``summary.json``, see :func:`live_params`),
``evidence`` column included, and is skipped only for an analysis at parent level or
over fewer than the listed roles.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import LISTED_ROLES

__all__ = ["QueryTwin", "TWINS", "TwinOutcome", "check_build", "live_params"]

PAIR_COLUMNS = ("org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year",
                "last_year")


@dataclass(frozen=True)
class QueryTwin:
    """A library query and the analysis CSV file that holds the same answer.

    Attributes
    ----------
    query : str
        Library query name.
    csv_name : str
        File in the analysis folder.
    columns : dict
        Query column -> CSV column, for the columns both have.
    live : bool
        The query counts from the project data at unit level, by the evidence rule; it
        runs with the analysis's choices (:func:`live_params`).
    """

    query: str
    csv_name: str
    columns: dict[str, str]
    live: bool = False


TWINS: tuple[QueryTwin, ...] = (
    QueryTwin("recurring-partnerships", "recurring_partnerships.csv", {c: c for c in PAIR_COLUMNS}),
    QueryTwin("recurring-partnerships-live", "recurring_partnerships.csv",
              {c: c for c in (*PAIR_COLUMNS, "evidence")}, live=True),
    QueryTwin("organisation-scores", "centrality.csv", {
        "organisation": "org", "label": "label", "degree": "degree", "weighted_degree": "weighted_degree",
        "betweenness": "betweenness", "page_rank": "pagerank", "core_number": "core_number", "cluster": "cluster",
    }),
)


@dataclass
class TwinOutcome:
    """One comparison: ``status`` is ``equal``, ``different`` or ``skipped`` (with why)."""

    twin: QueryTwin
    status: str
    query_rows: int = 0
    csv_rows: int = 0
    detail: str = ""
    differences: list[str] = field(default_factory=list)


Value = str | float

#: Numbers agree when they differ by less than half the sixth decimal: the CSV files print
#: scores to 8 decimals and the store holds 10, so rounding both to 6 could split a value
#: that lies on a rounding boundary (0.0000055 against 0.0000055006).
ABS_TOLERANCE = 5e-7


def _value(value: Any) -> Value:
    """A number as a float, a cluster IRI as its number, anything else as its text."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith("https://") and "/analysis/cluster/" in text:
        return _value(text.rsplit("/", 1)[1])  # the query gives the cluster's IRI, the CSV its number
    try:
        number = float(text)
    except ValueError:
        return text
    if math.isnan(number) or math.isinf(number):
        return text
    return number


def _shown(row: tuple[Value, ...]) -> str:
    return ", ".join(f"{v:.6f}" if isinstance(v, float) else v for v in row)


def _rows(records: list[dict[str, Any]], columns: list[str]) -> list[tuple[Value, ...]]:
    return sorted((tuple(_value(record.get(column)) for column in columns) for record in records), key=_shown)


def _unmatched(ours: list[tuple[Value, ...]], theirs: list[tuple[Value, ...]]) -> list[tuple[Value, ...]]:
    """Rows of ``ours`` with no row of ``theirs`` left to pair with: the same text in every
    text column, numbers within :data:`ABS_TOLERANCE` (each row of ``theirs`` pairs once)."""
    def shape(row):
        return tuple(None if isinstance(v, float) else v for v in row)

    def close(a, b):
        return all(math.isclose(x, y, rel_tol=0, abs_tol=ABS_TOLERANCE) if isinstance(x, float) else x == y
                   for x, y in zip(a, b))

    pool: dict[tuple, list[tuple[Value, ...]]] = {}
    for row in theirs:
        pool.setdefault(shape(row), []).append(row)
    left = []
    for row in ours:
        candidates = pool.get(shape(row), [])
        match = next((i for i, other in enumerate(candidates) if close(row, other)), None)
        if match is None:
            left.append(row)
        else:
            candidates.pop(match)
    return left


def _analysis_settings(analysis_dir: Path) -> dict[str, Any]:
    try:
        summary = json.loads((analysis_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return summary if isinstance(summary, dict) else {}


def live_params(settings: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The live query's parameters that count what an analysis counted, or why none do.

    Parameters
    ----------
    settings : dict
        The analysis's ``summary.json``: ``level``, ``roles`` (comma-separated),
        ``text_mentions``, ``include_national``.

    Returns
    -------
    (dict, str)
        ``text_mentions`` and ``include_national`` for the query, and ``""``; or ``{}`` and
        why the query cannot count the same (parent level, a listed role left out, an
        analysis that does not say where names in the text count).

    Examples
    --------
    >>> live_params({"level": "unit", "roles": "owner,co_financier,partner,transnational_partner,mentioned",
    ...              "text_mentions": "all", "include_national": True})
    ({'text_mentions': 'all', 'include_national': True}, '')
    >>> live_params({"level": "unit", "roles": "owner,co_financier,partner,transnational_partner"})
    ({'text_mentions': 'none', 'include_national': False}, '')
    >>> live_params({"level": "parent", "roles": "owner"})[1]
    'the analysis ran at parent level over roles owner; the live query counts units, every listed role'
    """
    level, roles = settings.get("level", "?"), str(settings.get("roles", "?"))
    role_set = set(roles.split(","))
    if level != "unit" or not role_set.issuperset(LISTED_ROLES):
        return {}, (f"the analysis ran at {level} level over roles {roles}; the live query counts units, "
                    "every listed role")
    if "mentioned" not in role_set:  # names in the text were not among the roles: none counted
        return {"text_mentions": "none", "include_national": False}, ""
    if settings.get("text_mentions") not in ("unlisted", "all", "none"):
        return {}, "the analysis does not say where it counted names in the text (analyse again)"
    return {"text_mentions": settings["text_mentions"],
            "include_national": bool(settings.get("include_national", False))}, ""


def _compare(twin: QueryTwin, store_dir: Path, analysis_dir: Path, settings: dict[str, Any],
             run: Callable[..., Any]) -> TwinOutcome:
    path = analysis_dir / twin.csv_name
    if not path.is_file():
        return TwinOutcome(twin, "skipped", detail=f"no {path}")
    params: dict[str, Any] = {}
    if twin.live:
        params, why_not = live_params(settings)
        if why_not:
            return TwinOutcome(twin, "skipped", detail=why_not)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in twin.columns.values() if column not in (reader.fieldnames or [])]
        if missing:
            return TwinOutcome(twin, "different", detail=f"{path.name} lacks columns {', '.join(missing)}")
        from_csv = _rows(list(reader), list(twin.columns.values()))
    from_query = _rows(run(twin.query, params, store=store_dir).records(), list(twin.columns))
    only_query, only_csv = _unmatched(from_query, from_csv), _unmatched(from_csv, from_query)
    outcome = TwinOutcome(twin, "different" if only_query or only_csv else "equal",
                          query_rows=len(from_query), csv_rows=len(from_csv))
    outcome.differences = ([f"only in the store: {_shown(row)}" for row in only_query[:3]]
                           + [f"only in {twin.csv_name}: {_shown(row)}" for row in only_csv[:3]])
    return outcome


def check_build(out_dir: str | Path | None = None, store_dir: str | Path | None = None,
                analysis_dir: str | Path | None = None) -> list[TwinOutcome]:
    """Compare every query of :data:`TWINS` on a store with its CSV file.

    Parameters
    ----------
    out_dir : path, optional
        A build's output folder: its ``store/`` and ``analysis/`` are compared.
    store_dir, analysis_dir : path, optional
        Compare these instead (an ``esfgraph analyze --out`` folder, another store).

    Returns
    -------
    list of TwinOutcome
        One per twin, in the order of :data:`TWINS`.

    Raises
    ------
    FileNotFoundError
        When the store or the analysis folder does not exist.
    esfgraph.query.QueryError
        When the store cannot be opened or a query fails.

    Examples
    --------
    A build of the sample pages (``sample_build``, as the doctest harness gives it):

    >>> sorted({o.status for o in check_build(sample_build)})
    ['equal']
    """
    from .query import run_query

    if out_dir is not None:
        store_dir = store_dir or Path(out_dir) / "store"
        analysis_dir = analysis_dir or Path(out_dir) / "analysis"
    if store_dir is None or analysis_dir is None:
        raise ValueError("give a build's output folder, or both a store and an analysis folder")
    store_dir, analysis_dir = Path(store_dir), Path(analysis_dir)
    for folder, what in ((store_dir, "store"), (analysis_dir, "analysis folder")):
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: no such {what}")
    settings = _analysis_settings(analysis_dir)
    return [_compare(twin, store_dir, analysis_dir, settings, run_query) for twin in TWINS]
