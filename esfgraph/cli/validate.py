"""Check the graph against the SHACL shapes; exit 1 when it does not conform."""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["command"]


@click.command(
    "validate",
    epilog="""\b
Examples:
  esfgraph validate build/demo/graph.nt
  esfgraph validate --store build/demo/store --out build/demo
  esfgraph validate build/big/graph.nt --batch-size 1000 --workers 2 --quiet
  esfgraph validate build/demo/graph.ttl --whole-graph
""",
)
@click.argument("graph_file", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Validate the graph in this Oxigraph store folder instead of a file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Also write validation.txt and validation.ttl into this folder.")
@click.option("--shapes", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="SHACL shapes file.  [default: ontology/shapes.ttl]")
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Projects per pySHACL run (with what they refer to).")
@click.option("--whole-graph", is_flag=True, help="One pySHACL run over the whole graph (slow for large graphs).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes.  [default: 1 for small graphs, else up to 4 cores]")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary, not the findings.")
def command(graph_file, store_dir, out_dir, shapes, batch_size, whole_graph, workers, quiet):
    """Validate GRAPH_FILE (or the store given with --store) against the SHACL shapes.

    Prints the findings grouped by project, each naming the source page and saying in
    plain words what is wrong. VIOLATION marks data that is wrong (two owners, a grant
    above the budget, a date outside 2000-2035, an unknown municipality code); WARNING
    marks data that is merely incomplete (no region, no project period). With --out,
    writes validation.txt (the same text) and validation.ttl (the standard SHACL
    report). Exits 0 when there are no violations, 1 when there are, 2 when the graph
    cannot be read.

    Large graphs are validated in batches of projects, in parallel processes; this finds
    exactly what one run over the whole graph finds, in time that grows linearly.
    """
    from ..validate import SourceError, validate_graph, write_validation

    if (graph_file is None) == (store_dir is None):
        raise click.UsageError("give either GRAPH_FILE or --store DIR (one of them)")
    source = store_dir if store_dir is not None else graph_file
    if store_dir is not None and not store_dir.is_dir():
        click.echo(f"esfgraph validate: {store_dir}: no such store folder", err=True)
        sys.exit(2)
    try:
        outcome = validate_graph(source, shapes=shapes, batch_size=None if whole_graph else batch_size,
                                 workers=workers)
    except SourceError as error:
        click.echo(f"esfgraph validate: {error}", err=True)
        sys.exit(2)
    if not quiet:
        click.echo(outcome.text, nl=False)
        click.echo("")
    click.echo(
        f"esfgraph validate: {'conforms' if outcome.conforms else 'does NOT conform'}: "
        f"{outcome.violations} violation(s), {outcome.warnings} warning(s) "
        f"({outcome.batches} batch(es), {outcome.seconds:.1f} s)"
    )
    if outcome.checked == 0:
        click.echo(f"esfgraph validate: note: {source} has no esf:Project; is it the graph?", err=True)
    if out_dir is not None:
        files = write_validation(outcome, out_dir)
        click.echo(f"Wrote {files.text} and {files.turtle}")
    sys.exit(0 if outcome.conforms else 1)
