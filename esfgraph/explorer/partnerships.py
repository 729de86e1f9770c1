"""The partnership table's rows out: their values, CSV with the columns of
``recurring_partnerships.csv``, and GEXF.

The rows come from :func:`esfgraph.explorer.pairs.filter_partnerships`; the values of a
project (number, title, region, period, grant, year) are formatted once per store
generation, and a row's lists are ``;``-joined in the order of its projects. Cells that
hold page text never start a spreadsheet formula.

Examples
--------
>>> _list_item("Job; Skills  2020"), _list_item(None)
('Job, Skills 2020', '')
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

import networkx as nx

from ..export import gexf_bytes
from .index import ExplorerIndex
from .members import PairRow

__all__ = ["CSV_COLUMNS", "row_values", "partnership_csv", "partnership_gexf"]

#: Columns of ``/partnerships?format=csv``: those of ``recurring_partnerships.csv``.
CSV_COLUMNS = (
    "org_a", "org_a_label", "org_b", "org_b_label", "shared_projects", "projects", "first_year",
    "last_year", "evidence", "project_numbers", "project_titles", "regions", "programme_periods",
    "esf_grant_sek",
)


def _list_item(value: Any) -> str:
    """One entry of a ``;``-joined list, as ``recurring_partnerships.csv`` writes it: empty
    when unknown, white space collapsed, and never a ``;`` of its own (a title's becomes ``,``)."""
    return "" if value is None else " ".join(str(value).replace(";", ",").split())


def _cells(index: ExplorerIndex) -> dict[str, tuple]:
    """Per project, the values the CSV lists: computed once per index."""
    if "cells" not in index.memo:
        index.memo["cells"] = {
            iri: (_list_item(p.number or p.diary), _list_item(p.title),
                  _list_item(index.regions.get(p.region, p.region) if p.region else p.region_text),
                  _list_item(p.period), p.grant, p.year)
            for iri, p in index.projects.items()}
    return index.memo["cells"]


def _years_and_grant(found: list[tuple]) -> tuple[Any, Any, Any]:
    """First and last start year, and the ESF grant summed, of a row's project cells
    (each empty when no project has it)."""
    years = [c[5] for c in found if c[5] is not None]
    grants = [c[4] for c in found if c[4] is not None]
    return (min(years) if years else "", max(years) if years else "", sum(grants) if grants else "")


def _values(index: ExplorerIndex, cells: dict[str, tuple], row: PairRow) -> list[Any]:
    """A row's values in the order of :data:`CSV_COLUMNS`."""
    found = [cells[p] for p in row.projects]
    first, last, grant = _years_and_grant(found)
    numbers, titles, regions, periods = list(zip(*found))[:4] or ((), (), (), ())
    return [row.org_a, index.org_label(row.org_a), row.org_b, index.org_label(row.org_b), len(found),
            ";".join(row.projects), first, last, row.evidence, ";".join(numbers), ";".join(titles),
            ";".join(regions), ";".join(periods), grant]


def row_values(index: ExplorerIndex, row: PairRow) -> dict[str, Any]:
    """The CSV values of a row (lists in the order of ``projects``; no grant known: empty)."""
    return dict(zip(CSV_COLUMNS, _values(index, _cells(index), row)))


#: Columns holding page text, which a spreadsheet must not run as a formula.
_TEXT_COLUMNS = tuple(CSV_COLUMNS.index(c) for c in ("org_a_label", "org_b_label", "project_numbers",
                                                      "project_titles"))


def partnership_csv(index: ExplorerIndex, rows: Iterable[PairRow]) -> str:
    """The rows as CSV with :data:`CSV_COLUMNS` (UTF-8 text, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    cells = _cells(index)
    for row in rows:
        values = _values(index, cells, row)
        for column in _TEXT_COLUMNS:
            values[column] = _safe_cell(values[column])
        writer.writerow(values)
    return out.getvalue()


def _safe_cell(text: str) -> str:
    """A cell that a spreadsheet will not run as a formula (page text is untrusted).

    Examples
    --------
    >>> _safe_cell("=HYPERLINK(1)"), _safe_cell("-12"), _safe_cell("Samhall")
    ("'=HYPERLINK(1)", '-12', 'Samhall')
    """
    if text[:1] in ("=", "+", "-", "@") and not text.lstrip("-").isdigit():
        return "'" + text
    return text


def partnership_gexf(index: ExplorerIndex, rows: Iterable[PairRow], description: str) -> bytes:
    """The rows as a GEXF 1.3 network: the organisations of the rows, one edge per row."""
    graph = nx.Graph()
    cells = _cells(index)
    for row in rows:
        for org in (row.org_a, row.org_b):
            if org not in graph:
                info = index.orgs.get(org)
                graph.add_node(org, label=index.org_label(org), type=getattr(info, "type", None) or "",
                               municipality_code=getattr(info, "municipality", None) or "")
        first, last, grant = _years_and_grant([cells[p] for p in row.projects])
        graph.add_edge(row.org_a, row.org_b, weight=len(row.projects), evidence=row.evidence,
                       first_year=first or None, last_year=last or None,
                       esf_grant_sek=grant if grant != "" else None, projects=";".join(row.projects))
    return gexf_bytes(graph, description=description)
