"""Load the graph into a SPARQL Graph Store endpoint."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]

DEFAULT_BUILD = Path("build/demo")


@click.command(
    "push",
    epilog="""\b
Examples:
  esfgraph push --endpoint http://localhost:7878/store --build build/demo
  esfgraph push --endpoint https://triplestore.example.org/ds/data --graph https://example.org/esf
  esfgraph push --endpoint http://localhost:7878/store --file extra.nt --append
\b
Without --append the target graph is replaced. Credentials come from
ESFGRAPH_ENDPOINT_USER and ESFGRAPH_ENDPOINT_PASSWORD (or ESFGRAPH_ENDPOINT_TOKEN), never
from the command line. A push that fails part-way resumes when run again.
""",
)
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store).")
@click.option("--graph", metavar="IRI", help="Named graph to fill (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the graph instead of replacing it.")
@click.option("--file", "files", multiple=True, type=click.Path(path_type=Path),
              help="RDF file to push (.nt, .ttl, .trig, .nq; repeatable).")
@click.option("--build", "build_dir", type=click.Path(path_type=Path),
              help=f"Build folder: its graph and stored analysis results (default: {DEFAULT_BUILD}).")
@click.option("--chunk-triples", type=int, default=50_000, show_default=True,
              help="Triples per request.")
@click.option("--timeout", type=float, default=300.0, show_default=True,
              help="Seconds to wait for the server to take one chunk.")
@click.option("--retries", type=int, default=5, show_default=True, help="Retries per chunk, with back-off.")
@click.option("--restart", is_flag=True, help="Ignore the progress of an earlier, failed push.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
def command(endpoint, graph, append, files, build_dir, chunk_triples, timeout, retries, restart, quiet) -> None:
    """Load the graph into any SPARQL 1.1 Graph Store endpoint."""
    from ..push import PushError, push

    if files and build_dir:
        raise click.UsageError("give --file or --build, not both")
    if files:
        sources = list(files)
    else:
        build_dir = build_dir or DEFAULT_BUILD
        if not build_dir.is_dir():
            raise click.ClickException(f"{build_dir}: build folder does not exist; pass --build DIR or --file FILE")
        sources = [build_dir]
    progress = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        report = push(sources, endpoint, graph=graph, append=append, chunk_triples=chunk_triples,
                      restart=restart, retries=retries, timeout=timeout, progress=progress)
    except PushError as error:
        raise click.ClickException(f"{error} (run the same command again to resume)") from None
    for item in report.graphs:
        resumed = f", {item.resumed_after} sent earlier" if item.resumed_after else ""
        click.echo(f"{item.graph or 'default graph'}: {item.triples} triples in {item.chunks} chunks{resumed}")
    click.echo(f"pushed {report.triples} triples to {report.endpoint} in {report.seconds:.1f} s")
