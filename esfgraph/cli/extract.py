"""Extract records from pages: one JSON object per page on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

__all__ = ["command"]


@click.command(
    "extract",
    epilog="""\b
Examples:
  esfgraph extract data/pages/000_ebc39ac141ca286d.txt
  esfgraph extract data/pages > records.jsonl
  esfgraph extract pages/ saved/*.html --format json --workers 2
  esfgraph extract data/pages | jq -r '[.source, .owner] | @tsv'

\b
Exit status: 0 when at least one page was extracted, 1 when none was
(every input rejected, or no pages found), 2 on a usage error.
""",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "json"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one record per line; json: one JSON array.",
)
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Progress bar on stderr (only when stderr is a terminal).")
def command(paths, output_format, workers, progress):
    """Extract one record per project page and print it as JSON.

    PATHS are page files or folders; folders are searched recursively for .txt,
    .html and .htm files. Records are printed in sorted path order with the keys
    of a project record (see README), non-ASCII text as is. Every rejected file
    gets a one-line message on stderr naming it and saying why; the other files
    go on.
    """
    from ..extract import extract_paths

    out = sys.stdout.buffer
    extracted = rejected = with_warnings = 0
    records = []
    for result in extract_paths(paths, workers=workers, progress=progress):
        if result.record is None:
            rejected += 1
            click.echo(f"esfgraph extract: rejected {result.path}: {result.reason}", err=True)
            continue
        extracted += 1
        with_warnings += result.status == "warnings"
        record = result.record.to_dict()
        if output_format == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        else:
            records.append(record)
    if output_format == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    out.flush()
    if extracted + rejected == 0:
        click.echo("esfgraph extract: no pages found (.txt, .html, .htm)", err=True)
    elif rejected or with_warnings:
        click.echo(
            f"esfgraph extract: {extracted} pages extracted ({with_warnings} with warnings), "
            f"{rejected} rejected",
            err=True,
        )
    sys.exit(0 if extracted else 1)
