"""Analyse the collaboration network: centrality, clusters, recurring partnerships, report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["command", "roles_option_value", "default_store", "evidence_options", "TEXT_MENTION_CHOICES"]

DEFAULT_STORE = Path("build/demo/store")

#: ``esfgraph.network.engine.ENGINES``, spelt out so that ``--help`` imports no NetworkX.
ENGINE_CHOICES = ("auto", "networkx", "igraph")
#: ``esfgraph.network.evidence.TEXT_MENTIONS``, spelt out for the same reason.
TEXT_MENTION_CHOICES = ("unlisted", "all", "none")


def evidence_options(command):
    """The options that say what counts as a tie, shared by ``analyze`` and ``build``."""
    options = [
        click.option("--roles", multiple=True, metavar="ROLE[,ROLE...]",
                     help="Roles that count: owner, co_financier, partner, transnational_partner, mentioned "
                          "(named in the text).  [default: all]"),
        click.option("--text-mentions", type=click.Choice(TEXT_MENTION_CHOICES), default="unlisted",
                     show_default=True,
                     help="Where organisations named in a project's text are evidence of a tie: on pages that "
                          "print no Medfinansiärer/Samarbetspartners lists (2014-2020, ESF+), on every page, "
                          "or nowhere (printed lists only)."),
        click.option("--include-national", is_flag=True,
                     help="Count text mentions of a national agency as a whole (\"Arbetsförmedlingen\") as ties "
                          "too; by default only named offices and printed lists count."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def roles_option_value(values: tuple[str, ...]) -> list[str] | None:
    """Flatten ``--roles a,b --roles c`` into ``["a", "b", "c"]`` (``None`` when not given)."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def default_store(out_dir: Path | None) -> Path:
    """The store beside OUT (``build/x/analysis`` -> ``build/x/store``), else ``build/demo/store``."""
    if out_dir is not None and (out_dir.parent / "store").is_dir():
        return out_dir.parent / "store"
    return DEFAULT_STORE


def _note_build_output(store_dir: Path, out_dir: Path) -> None:
    """Say so when the results went into a build's store but not into its analysis/."""
    build_dir = store_dir.parent
    if not (build_dir / "build.json").is_file():
        return
    if out_dir.resolve() == (build_dir / "analysis").resolve():
        return
    click.echo(f"  note: {store_dir} now holds these results, {build_dir}/analysis/ the build's; "
               f"the next build of {build_dir} analyses again (esfgraph check {build_dir} compares them)")


@click.command(
    "analyze",
    epilog="""\b
Examples:
  esfgraph analyze --store build/demo/store --out build/demo/analysis
  esfgraph analyze --store build/demo/store --out build/parent --level parent
  esfgraph analyze --out build/demo/analysis --roles owner,co_financier --seed 7
  esfgraph analyze --out build/demo/analysis --gephi build/demo/gephi
  esfgraph analyze --out build/demo/analysis-nx --engine networkx
  esfgraph analyze --out build/demo/listed --text-mentions none
""",
)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store folder.  [default: OUT/../store when it exists, else build/demo/store]")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder for the tables, summary.json, report.html and plots.")
@click.option("--level", type=click.Choice(["unit", "parent"]), default="unit", show_default=True,
              help="Offices and units as their own nodes, or rolled up to their parent organisation.")
@evidence_options
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed for Louvain, sampled betweenness and the drawing's layout.")
@click.option("--stability-runs", type=click.IntRange(min=0), default=5, show_default=True,
              help="Further Louvain seeds to measure how stable the clusters are.")
@click.option("--exact-limit", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Largest network (organisations) that gets exact betweenness.")
@click.option("--betweenness-sample", type=click.IntRange(min=1), default=200, show_default=True,
              help="Sampled source organisations for betweenness on larger networks.")
@click.option("--engine", type=click.Choice(ENGINE_CHOICES), default="auto", show_default=True,
              help="Library for betweenness, PageRank, k-core and Louvain: auto = NetworkX up to 1,000 "
                   "organisations, igraph above (when installed); networkx (the reference) or igraph "
                   "at any size.")
@click.option("--gephi", "gephi_dir", type=click.Path(path_type=Path), default=None,
              help="Also write the Gephi files (GEXF, GraphML, CSV) into this folder.")
@click.option("--no-write-back", is_flag=True, help="Do not store the results in the store's analysis graph.")
@click.option("--no-report", is_flag=True, help="Skip report.html and the plots.")
def command(store_dir, out_dir, level, roles, text_mentions, include_national, seed, stability_runs, exact_limit,
            betweenness_sample, engine, gephi_dir, no_write_back, no_report):
    """Analyse the collaboration network of a store and write the results to OUT.

    Builds the project–organisation network and its projection onto organisations
    from the store (through SPARQL), then writes centrality.csv (degree, weighted
    degree, betweenness, PageRank, k-core), clusters.csv (Louvain, named by their most
    central members), recurring_partnerships.csv (pairs sharing two or more projects),
    recurring_groups.csv (three or more together), cross_period_partnerships.csv,
    summary.json and report.html with its plots. The results also go into the store's
    analysis graph (<https://w3id.org/esfgraph/graph/analysis>), replacing the last run,
    so that SPARQL queries can use them.

    What counts as a tie: organisations in the printed lists (owner, co-financiers,
    partners, transnational partners) always; organisations named in a project's text
    where the page prints no lists (2014-2020 and ESF+ pages), except a national agency
    named in general ("Arbetsförmedlingen": --include-national counts it) and an
    owner's own parent organisation. Each tie's evidence (listed, text or both) is in
    the tables, the Gephi files and the store; the output shows per programme period
    how many projects have ties, and by which evidence.

    Betweenness is exact on networks of up to 1,000 organisations (--exact-limit) and
    sampled above that (200 sources, --betweenness-sample, drawn with the seed);
    summary.json and the report say which.

    NetworkX computes the scores and clusters of networks of up to 1,000
    organisations, igraph (much faster, the same numbers) of larger ones; --engine
    forces one at any size, and summary.json's "engine" says which ran. Louvain
    splits a network a little differently under each library, each repeatably.
    """
    from ..network import NetworkError, analyze
    from ..store import StoreError

    store_dir = store_dir or default_store(out_dir)
    try:
        result = analyze(store_dir, out_dir, level=level, roles=roles_option_value(roles), seed=seed,
                         text_mentions=text_mentions, include_national=include_national,
                         write_back=not no_write_back, report=not no_report, stability_runs=stability_runs,
                         exact_limit=exact_limit, sample=betweenness_sample, engine=engine)
        gephi_files = {}
        if gephi_dir is not None:
            from ..export import export_gephi

            gephi_files = export_gephi(result, gephi_dir)
    except (StoreError, NetworkError) as error:
        click.echo(f"esfgraph analyze: {error}", err=True)
        sys.exit(2)
    s = result.summary
    click.echo(f"esfgraph analyze: {s['projects']} projects, {s['organisations']} organisations "
               f"({s['level']} level), {s['ties']} ties; betweenness {s['betweenness']}")
    how = "auto: igraph above 1,000 organisations, when installed" if engine == "auto" else f"--engine {engine}"
    click.echo(f"  engine: {s['engine']} ({how})")
    stability = "" if s["stability_adjusted_rand"] is None else (
        f", stability ARI {s['stability_adjusted_rand']:.3f} / NMI {s['stability_nmi']:.3f}")
    click.echo(f"  {s['clusters']} clusters, modularity {s['modularity']:.3f}{stability}")
    click.echo(f"  {s['recurring_partnerships']} recurring partnerships, {s['recurring_groups']} recurring groups, "
               f"{s['cross_period_partnerships']} across programme periods")
    from ..network import coverage_lines

    for line in coverage_lines(s["coverage"]):
        click.echo(f"  {line}")
    if result.quads_written:
        click.echo(f"  {result.quads_written} triples in the store's analysis graph")
        _note_build_output(store_dir, out_dir)
    click.echo(f"Outputs in {out_dir}/: " + ", ".join(result.files))
    if gephi_files:
        click.echo(f"Gephi files in {gephi_dir}/: " + ", ".join(gephi_files))
