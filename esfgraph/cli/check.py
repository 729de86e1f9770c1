"""Check that a build's store answers as its analysis files say (each query = its CSV)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["command"]


@click.command(
    "check",
    epilog="""\b
Examples:
  esfgraph check build/demo
  esfgraph check --store build/demo/store --analysis build/parent
""",
)
@click.argument("out_dir", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store folder.  [default: OUT/store]")
@click.option("--analysis", "analysis_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of analysis CSV files.  [default: OUT/analysis]")
def command(out_dir, store_dir, analysis_dir) -> None:
    """Run each library query that has a CSV twin on the store and compare the rows.

    recurring-partnerships and recurring-partnerships-live against
    recurring_partnerships.csv, organisation-scores against centrality.csv: as sets of
    rows on the columns they share, numbers to within half the sixth decimal. The live
    query runs with the analysis's evidence choices (--text-mentions, --include-national,
    from its summary.json), evidence column included; it is skipped for an analysis at
    parent level or over fewer than the listed roles. OUT defaults to
    build/demo. Exit 0 when every answer equals its CSV, 1 when one differs (the store
    and the files come from different runs: rebuild, or analyse again with --out
    OUT/analysis), 2 when the store cannot be read.
    """
    from ..check import check_build
    from ..query import QueryError
    from ..store import StoreError

    if out_dir is None and (store_dir is None or analysis_dir is None):
        out_dir = Path("build/demo")
    try:
        outcomes = check_build(out_dir, store_dir, analysis_dir)
    except (QueryError, StoreError, FileNotFoundError) as error:
        click.echo(f"esfgraph check: {error}", err=True)
        sys.exit(2)
    store_dir = store_dir or out_dir / "store"
    analysis_dir = analysis_dir or out_dir / "analysis"
    different = [outcome for outcome in outcomes if outcome.status == "different"]
    verdict = "answers as" if not different else "does NOT answer as"
    click.echo(f"esfgraph check: {store_dir} {verdict} {analysis_dir}/ says")
    width = max(len(outcome.twin.query) for outcome in outcomes)
    for outcome in outcomes:
        name = outcome.twin.query.ljust(width)
        if outcome.status == "skipped":
            click.echo(f"  {name}  skipped: {outcome.detail}")
        elif outcome.status == "equal":
            rows = f"{outcome.query_rows} row" + ("" if outcome.query_rows == 1 else "s")
            click.echo(f"  {name}  {rows:>9} = {outcome.twin.csv_name}")
        else:
            detail = outcome.detail or f"{outcome.query_rows} rows, {outcome.twin.csv_name} has {outcome.csv_rows}"
            click.echo(f"  {name}  differs from {outcome.twin.csv_name}: {detail}")
            for line in outcome.differences:
                click.echo(f"      {line}")
    if different:
        sys.exit(1)
