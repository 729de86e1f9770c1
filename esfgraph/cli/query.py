"""Run a library query or a .rq file on a store or endpoint."""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["command", "DEFAULT_STORE"]

#: Used when neither --store nor --endpoint is given, if it exists (``make demo`` builds it).
DEFAULT_STORE = Path("build/demo/store")


class _BadValue(click.ClickException):
    """A parameter value that names nothing in the store (or several things): a usage error."""

    exit_code = 2


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


def _print_list() -> None:
    from ..query import list_queries

    for info in list_queries():
        click.echo(f"{info.name}")
        click.echo(f"    {info.question}")
        for param in info.params:
            if param.required:
                state = "required"
            elif param.default is not None:
                state = f"default {param.default}"
            else:
                state = "optional"
            click.echo(f"    --param {param.name}=<{param.type}>  ({state}) {param.description}".rstrip())


@click.command(
    "query",
    epilog="""\b
Examples:
  esfgraph query --list
  esfgraph query recurring-partnerships --store build/demo/store
  esfgraph query projects-in-municipality --param municipality_code=0680 --format csv
  esfgraph query organisation-projects --param org="Af Jönköping" --format json
  esfgraph query projects-in-municipality --param municipality_code=Jönköping
  esfgraph query my-question.rq --endpoint https://example.org/sparql
\b
Parameters are bound as RDF terms, never pasted into the query text. Remote endpoints
read credentials from ESFGRAPH_ENDPOINT_USER and ESFGRAPH_ENDPOINT_PASSWORD (or
ESFGRAPH_ENDPOINT_TOKEN); they are never taken from the command line.
""",
)
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); --list shows each query's parameters.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help=f"Store folder (default: {DEFAULT_STORE} when it exists).")
@click.option("--endpoint", metavar="URL", help="A SPARQL 1.1 query endpoint instead of a store.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table for reading; csv; json (SPARQL 1.1 JSON results).")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for a remote endpoint, retries of busy answers included.")
@click.option("--list", "list_only", is_flag=True, help="List the query library with each question and exit.")
@click.option("--show", is_flag=True, help="Print the query's SPARQL text and exit.")
def command(query, params, store_dir, endpoint, fmt, timeout, list_only, show) -> None:
    """Run a query of the library by NAME, or a FILE.rq, and print the rows."""
    from ..query import ParameterValueError, QueryError, find_query, format_result, run_query

    if list_only:
        _print_list()
        return
    if not query:
        raise click.UsageError("give a query NAME or FILE.rq, or --list to see the library")
    try:
        if show:
            click.echo(find_query(query).text, nl=False)
            return
        if store_dir is not None and endpoint is not None:
            raise click.UsageError("give --store or --endpoint, not both")
        if store_dir is None and endpoint is None:
            if not DEFAULT_STORE.is_dir():
                raise click.ClickException(
                    f"no store given and {DEFAULT_STORE} does not exist: pass --store DIR "
                    "(OUT/store of 'esfgraph build PATH --out OUT') or --endpoint URL"
                )
            store_dir = DEFAULT_STORE
        result = run_query(query, _parse_params(params), store=store_dir, endpoint=endpoint, timeout=timeout)
    except ParameterValueError as error:
        raise _BadValue(str(error)) from None
    except QueryError as error:
        raise click.ClickException(str(error)) from None
    sys.stdout.write(format_result(result, fmt))
    from ..vocab import ANALYSIS_GRAPH

    if not result.rows and result.query is not None and str(ANALYSIS_GRAPH) in result.query.text:
        if not _has_analysis(store_dir, endpoint, timeout):
            click.echo(f"(no analysis results in {store_dir or endpoint}: run 'esfgraph analyze', "
                       "or the -live variant of the query)", err=True)


def _has_analysis(store_dir, endpoint, timeout) -> bool:
    """Whether the store or endpoint holds any analysis results (for the hint above)."""
    from ..query import QueryError, parse_query_text, run_query
    from ..vocab import ANALYSIS_GRAPH

    ask = parse_query_text(f"ASK {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}", name="has-analysis")
    try:
        return bool(run_query(ask, store=store_dir, endpoint=endpoint, timeout=timeout).values()[0][0])
    except QueryError:
        return True  # unknown: say nothing
