"""Serve the store: the web explorer, the SPARQL endpoint and its query UI, on one port."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]

DEFAULT_STORE = Path("build/demo/store")


@click.command(
    "serve",
    epilog="""\b
Examples:
  esfgraph serve --store build/demo/store
  esfgraph serve --store build/demo/store --bind 127.0.0.1:8080 --timeout 30
  esfgraph serve --store build/scratch/store --allow-updates      # to push into
\b
Open http://127.0.0.1:7878/ for the explorer: search, organisation, project and
partnership pages, filtered partnership tables (CSV, GEXF), the network view;
/sparql is the query UI, /query the SPARQL endpoint. The explorer follows the store
folder: after a rebuild or `esfgraph analyze` it serves the new store.
Read-only and reachable from this machine only unless you ask otherwise
(--allow-updates runs the Oxigraph server alone, to push into).
""",
)
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help=f"Store folder (default: {DEFAULT_STORE} when it exists).")
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Address to listen on. Anything but loopback exposes the data to the network.")
@click.option("--allow-updates", is_flag=True,
              help="Accept SPARQL updates and Graph Store writes (off: the server is read-only).")
@click.option("--cors", is_flag=True, help="Allow web pages on other sites to query the server.")
@click.option("--timeout", type=float, default=None, help="Stop queries that run longer (seconds).")
def command(store_dir, bind, allow_updates, cors, timeout) -> None:
    """Serve the store: the explorer, the SPARQL endpoint and its query UI."""
    from ..serve import is_loopback, parse_bind, serve
    from ..store import StoreError

    if store_dir is None:
        if not DEFAULT_STORE.is_dir():
            raise click.ClickException(f"no store given and {DEFAULT_STORE} does not exist: pass --store DIR")
        store_dir = DEFAULT_STORE
    try:
        host, _ = parse_bind(bind)
        if not is_loopback(host):
            click.secho(
                f"WARNING: listening on {host}, not loopback: anyone who can reach this machine "
                f"can query the store{' AND CHANGE IT (--allow-updates)' if allow_updates else ''}.",
                fg="red", bold=True, err=True,
            )
        code = serve(store_dir, bind, allow_updates=allow_updates, cors=cors, timeout_s=timeout, echo=click.echo)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    raise SystemExit(code)
