"""Run the whole pipeline on pages and write the output folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .analyze import ENGINE_CHOICES, evidence_options, roles_option_value

__all__ = ["command", "print_summary"]

OUTPUTS = [
    ("records.jsonl", "one record per page"),
    ("resolution.csv", "every organisation mention and what it resolved to"),
    ("graph.ttl", "the graph (graph.nt: sorted N-Triples)"),
    ("validation.txt", "SHACL report for people (validation.ttl for machines)"),
    ("store", "embedded Oxigraph store: esfgraph query / serve --store"),
    ("analysis/report.html", "centrality, clusters, recurring partnerships"),
    ("gephi/organisations.gexf", "open in Gephi"),
    ("build.json", "counts, timings, and the outcome of every input file"),
]


def print_summary(result, out_dir: Path) -> None:
    """Print what a build did, the rejected files, and where its outputs are."""
    counts = result.counts
    click.echo(
        f"esfgraph build: {counts.get('inputs', 0)} input files -> "
        f"{counts.get('projects', 0)} projects "
        f"({counts.get('ok', 0)} ok, {counts.get('warnings', 0)} with warnings, "
        f"{counts.get('rejected', 0)} rejected) in {result.timings.get('total', 0):.1f} s"
    )
    for entry in result.rejected:
        click.echo(f"  rejected {entry['path']}: {entry['reason']}", err=True)
    numbers = [
        f"{key.replace('_', ' ')}: {counts[key]}"
        for key in ("mentions", "triples", "shacl_violations", "shacl_warnings", "cache_hits")
        if key in counts
    ]
    if numbers:
        click.echo("  " + ", ".join(numbers))
    if "organisations" in counts:
        click.echo(f"  organisations: {_organisations_count(counts)}")
    for line in result.summary_lines:
        click.echo(f"  {line}")
    if "network_organisations" in counts:
        # Which roles and text mentions count is the evidence rule (the coverage lines say it per period).
        click.echo(f"  network: {counts['network_organisations']} organisations in ties, "
                   f"{counts.get('network_ties', 0)} ties; "
                   f"{counts.get('recurring_partnerships', 0)} recurring partnerships")
    from ..build import StageState

    for stage, state in result.stages.items():
        if state is not StageState.DONE:
            click.echo(f"  stage {stage}: {StageState(state).value}")
    click.echo(f"Outputs in {out_dir}/:")
    for name, what in OUTPUTS:
        if (out_dir / name).exists():
            click.echo(f"  {name:<26} {what}")
    if (out_dir / "store").exists():
        click.echo("Next:")
        click.echo(f"  esfgraph query --list")
        click.echo(f"  esfgraph query organisation-projects --param org=arbetsformedlingen --store {out_dir}/store")
        click.echo(f"  esfgraph serve --store {out_dir}/store")


def _organisations_count(counts: dict) -> str:
    """Say what the build's three organisation counts count (graph, pages, network)."""
    total, named = counts["organisations"], counts.get("named_organisations")
    if named is None or named == total:
        return f"{total} in the graph, all named on the pages"
    parents = total - named
    noun = "organisation" if parents == 1 else "organisations"
    return f"{total} in the graph = {named} named on the pages + {parents} parent {noun} of named offices and units"


@click.command(
    "build",
    epilog="""\b
Examples:
  esfgraph build data/pages --out build/demo
  esfgraph build pages/ more/page.html --out build/all --workers 2 --strict
  esfgraph build data/pages --out build/demo --format trig --level parent
  esfgraph build data/pages --out build/demo-nx --engine networkx
  esfgraph build data/pages --out build/listed --text-mentions none
""",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output folder (replaced atomically).")
@click.option("--base", default=None, help="IRI base for instance data.  [default: https://w3id.org/esfgraph/id/]")
@click.option("--format", "graph_format", type=click.Choice(["ttl", "trig"]), default="ttl", show_default=True,
              help="trig: one named graph per source page.")
@click.option("--include-contacts", is_flag=True, help="Put contact persons' names, e-mail and phone into the graph.")
@click.option("--redact-contacts", is_flag=True, help="Remove contact persons from records.jsonl too.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes.  [default: all CPUs]")
@click.option("--level", type=click.Choice(["unit", "parent"]), default="unit", show_default=True,
              help="Analyse offices and units as their own nodes, or roll them up to their parent.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed for community detection and sampling.")
@click.option("--engine", type=click.Choice(ENGINE_CHOICES), default="auto", show_default=True,
              help="Library of the network analyses: auto = NetworkX up to 1,000 organisations, igraph above.")
@evidence_options
@click.option("--no-analysis", is_flag=True, help="Skip the network analyses and Gephi exports.")
@click.option("--no-cache", is_flag=True, help="Do not reuse the previous build's per-page work.")
@click.option("--strict", is_flag=True, help="Exit 1 when an input is rejected or the data violates the SHACL shapes.")
@click.option("--progress/--no-progress", default=None, help="Progress bars.  [default: on a terminal only]")
def command(paths, out_dir, base, graph_format, include_contacts, redact_contacts, workers, level, seed,
            engine, roles, text_mentions, include_national, no_analysis, no_cache, strict, progress):
    """Run the whole pipeline on page files or folders and write OUT.

    Reads .txt, .html and .htm pages (folders recursively), extracts one record per
    page, resolves organisations, writes the RDF graph, validates it with SHACL,
    loads the embedded store, analyses the collaboration network and writes Gephi
    files. OUT appears only when the build is complete; an interrupted build leaves
    the previous OUT as it was. Every input is accounted for in OUT/build.json.

    Exit status: 0 when the build completed (even with rejected inputs), 1 with
    --strict when inputs were rejected or the data does not conform, 2 on errors
    (another build writing OUT, bad options, a stage that failed: OUT is then
    unchanged; ESFGRAPH_DEBUG=1 shows the traceback).

    The ontology, shapes, reference tables and curation file come from the clone or
    the installed package; ESFGRAPH_HOME=DIR takes them from DIR instead (it must hold
    ontology/, queries/, data/reference/ and data/curation/).
    """
    from ..build import BuildError, BuildInterrupted, BuildOptions, build
    from ..runtime.errors import EsfgraphError

    if include_contacts and redact_contacts:
        raise click.UsageError("--include-contacts and --redact-contacts contradict each other")
    options = BuildOptions(
        base=base,
        include_contacts=include_contacts,
        redact_contacts=redact_contacts,
        workers=workers,
        graph_format=graph_format,
        level=level,
        seed=seed,
        engine=engine,
        roles=tuple(roles_option_value(roles) or ()) or None,
        text_mentions=text_mentions,
        include_national=include_national,
        analyze=not no_analysis,
        progress=progress,
        cache=not no_cache,
    )
    try:
        result = build(paths, out_dir, options, echo=lambda m: click.echo(m, err=True))
    except EsfgraphError:
        raise  # the command line prints it (esfgraph.cli)
    except BuildError as exc:
        click.echo(f"esfgraph build: {exc}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, BuildInterrupted):
        click.echo(f"esfgraph build: interrupted; {out_dir} is unchanged", err=True)
        sys.exit(130)
    except Exception as exc:  # a defect: say it in one line, keep the traceback for those who ask
        if os.environ.get("ESFGRAPH_DEBUG"):
            raise
        first_line = (str(exc).strip().splitlines() or [""])[0][:300]
        click.echo(f"esfgraph build: failed ({type(exc).__name__}: {first_line}); {out_dir} is unchanged; "
                   "set ESFGRAPH_DEBUG=1 for the traceback", err=True)
        sys.exit(2)
    print_summary(result, out_dir)
    if strict and (result.rejected or result.conforms is False):
        click.echo("esfgraph build: --strict: rejected inputs or SHACL violations", err=True)
        sys.exit(1)
