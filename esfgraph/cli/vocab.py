"""Load the ontology and its SKOS vocabularies (labels) into a store or an endpoint."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]


@click.command(
    "load-vocab",
    epilog="""\b
Examples:
  esfgraph load-vocab --store build/demo/store
  esfgraph load-vocab --endpoint http://localhost:7878/store
  esfgraph load-vocab --endpoint https://triplestore.example.org/ds/data --graph https://example.org/esf
\b
esfgraph build already loads them into OUT/store. Use this for a store or endpoint filled
another way (esfgraph push, a graph.ttl loaded by hand): the library queries then show
region, organisation-type and role names (Swedish, or English with --param lang=en).
Nothing else in the store or graph changes, and loading twice adds nothing. Endpoints
take the files through the Graph Store Protocol (Oxigraph: http://HOST:PORT/store), with
credentials from ESFGRAPH_ENDPOINT_USER and ESFGRAPH_ENDPOINT_PASSWORD (or ESFGRAPH_ENDPOINT_TOKEN).
""",
)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help="A store folder (e.g. OUT/store).")
@click.option("--endpoint", metavar="URL", help="A Graph Store Protocol endpoint instead of a store.")
@click.option("--graph", metavar="IRI", help="Named graph to add them to (default: the default graph, where the queries look).")
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Seconds to wait for the endpoint.")
def command(store_dir, endpoint, graph, timeout) -> None:
    """Add the ontology and SKOS vocabularies (their labels) to a store or endpoint."""
    from ..store import StoreError, load_vocabularies, vocabulary_files

    if (store_dir is None) == (endpoint is None):
        raise click.UsageError("give --store DIR or --endpoint URL (one of them)")
    files = vocabulary_files()
    if store_dir is not None:
        try:
            count = load_vocabularies(store_dir, graph=graph)
        except StoreError as error:
            raise click.ClickException(str(error)) from None
        target = store_dir
    else:
        from ..push import PushError, push

        try:
            report = push(files, endpoint, graph=graph, append=True, timeout=timeout)
        except PushError as error:
            raise click.ClickException(str(error)) from None
        count, target = report.triples, report.endpoint
    click.echo(f"loaded {count} triples from {len(files)} files ({', '.join(f.name for f in files)}) "
               f"into {target}{' graph ' + graph if graph else ''}")
