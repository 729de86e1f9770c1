"""Does a build's store answer as its files say? Library queries against their CSV twins.

Some library queries read what ``esfgraph analyze`` stored (``recurring-partnerships``,
``organisation-scores``) or count it afresh (``recurring-partnerships-live``); the same
analysis also wrote a CSV file of it (``analysis/recurring_partnerships.csv``,
``analysis/centrality.csv``). :func:`check_build` runs each such query on the store and
compares its rows with the CSV's, as multisets, on the columns they share (numbers to
six decimals). A difference means the store and the files come from different runs
(for example ``esfgraph analyze --level parent`` wrote into the store afterwards).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["QueryTwin", "TWINS", "TwinOutcome", "check_build"]

PAIR_COLUMNS = ("org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year",
                "last_year")
#: The roles the build's analysis counts by default, which the live query counts too.
LISTED_ROLES = "owner,co_financier,partner,transnational_partner"


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
        The query counts from the project data at unit level, over the listed roles;
        it matches only an analysis made that way.
    """

    query: str
    csv_name: str
    columns: dict[str, str]
    live: bool = False


TWINS: tuple[QueryTwin, ...] = (
    QueryTwin("recurring-partnerships", "recurring_partnerships.csv", {c: c for c in PAIR_COLUMNS}),
    QueryTwin("recurring-partnerships-live", "recurring_partnerships.csv", {c: c for c in PAIR_COLUMNS}, live=True),
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


def _canonical(value: Any) -> str:
    """One spelling per value: numbers to six decimals, a cluster IRI as its number."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith("https://") and "/analysis/cluster/" in text:
        return _canonical(text.rsplit("/", 1)[1])  # the query gives the cluster's IRI, the CSV its number
    try:
        number = float(text)
    except ValueError:
        return text
    if math.isnan(number) or text.lower() in ("inf", "-inf", "infinity", "nan"):
        return text
    return f"{round(number, 6):.6f}"


def _rows(records: list[dict[str, Any]], columns: list[str]) -> list[tuple[str, ...]]:
    return sorted(tuple(_canonical(record.get(column)) for column in columns) for record in records)


def _analysis_settings(analysis_dir: Path) -> dict[str, Any]:
    try:
        summary = json.loads((analysis_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return summary if isinstance(summary, dict) else {}


def _compare(twin: QueryTwin, store_dir: Path, analysis_dir: Path, settings: dict[str, Any],
             run: Callable[..., Any]) -> TwinOutcome:
    path = analysis_dir / twin.csv_name
    if not path.is_file():
        return TwinOutcome(twin, "skipped", detail=f"no {path}")
    if twin.live and (settings.get("level") != "unit" or settings.get("roles") != LISTED_ROLES):
        return TwinOutcome(twin, "skipped", detail=f"the analysis ran at {settings.get('level', '?')} level "
                                                   f"over roles {settings.get('roles', '?')}; the live query "
                                                   "counts units over the listed roles")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in twin.columns.values() if column not in (reader.fieldnames or [])]
        if missing:
            return TwinOutcome(twin, "different", detail=f"{path.name} lacks columns {', '.join(missing)}")
        from_csv = _rows(list(reader), list(twin.columns.values()))
    from_query = _rows(run(twin.query, store=store_dir).records(), list(twin.columns))
    outcome = TwinOutcome(twin, "equal" if from_query == from_csv else "different",
                          query_rows=len(from_query), csv_rows=len(from_csv))
    if outcome.status == "different":
        only_query = sorted(set(from_query) - set(from_csv))
        only_csv = sorted(set(from_csv) - set(from_query))
        outcome.differences = ([f"only in the store: {', '.join(row)}" for row in only_query[:3]]
                               + [f"only in {twin.csv_name}: {', '.join(row)}" for row in only_csv[:3]])
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
    >>> [o.status for o in check_build("build/demo")]    # doctest: +SKIP
    ['equal', 'equal', 'equal']
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
