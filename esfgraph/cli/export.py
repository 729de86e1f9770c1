"""Export a network for Gephi: GEXF 1.3 (static or dynamic), GraphML, or node/edge CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["command", "csv_paths"]


def csv_paths(out: Path) -> tuple[Path, Path]:
    """``net.csv`` -> ``(net_nodes.csv, net_edges.csv)``."""
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(f"{stem}_nodes.csv"), out.with_name(f"{stem}_edges.csv")


@click.command(
    "export",
    epilog="""\b
Examples:
  esfgraph export gexf --store build/demo/store --out organisations.gexf
  esfgraph export gexf --network dynamic --out timeline.gexf
  esfgraph export gexf --network bipartite --level parent --out bipartite.gexf
  esfgraph export graphml --out organisations.graphml
  esfgraph export csv --out organisations.csv   (writes organisations_nodes.csv, organisations_edges.csv)
""",
)
@click.argument("fmt", metavar="gexf|graphml|csv", type=click.Choice(["gexf", "graphml", "csv"]))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=Path("build/demo/store"),
              show_default=True, help="Store folder.")
@click.option("--network", type=click.Choice(["organisations", "bipartite", "dynamic"]), default="organisations",
              show_default=True,
              help="organisations: weighted by shared projects; bipartite: projects and organisations; "
                   "dynamic: organisations over time (project periods as spells).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="File to write.")
@click.option("--level", type=click.Choice(["unit", "parent"]), default="unit", show_default=True,
              help="Offices and units as their own nodes, or rolled up to their parent organisation.")
@click.option("--roles", multiple=True, metavar="ROLE[,ROLE...]",
              help="Roles that count.  [default: all but mentioned]")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed for clusters and layout.")
def command(fmt, store_dir, network, out, level, roles, seed):
    """Write a network of the store as a file Gephi opens.

    Nodes carry label, type, parent, municipality code, county, degree, betweenness,
    PageRank, k-core and cluster (taken from the store's analysis graph when
    `esfgraph analyze` wrote one for the same network, computed otherwise); GEXF nodes
    are coloured by organisation type and sized by degree. Organisation ids are the
    IRIs used in resolution.csv. GEXF files validate against the GEXF 1.3 schema.
    """
    from ..export import gephi_graph, write_csv, write_gexf, write_graphml
    from ..network import NetworkError, load_analysis
    from ..store import StoreError
    from .analyze import roles_option_value

    try:
        analysis = load_analysis(store_dir, level=level, roles=roles_option_value(roles), seed=seed)
        graph = gephi_graph(analysis, network)
        dynamic = network == "dynamic"
        if fmt == "gexf":
            written = [write_gexf(graph, out, dynamic=dynamic)]
        elif fmt == "graphml":
            written = [write_graphml(graph, out)]
        else:
            written = list(write_csv(graph, *csv_paths(out), dynamic=dynamic))
    except (StoreError, NetworkError) as error:
        click.echo(f"esfgraph export: {error}", err=True)
        sys.exit(2)
    except OSError as error:
        click.echo(f"esfgraph export: {out}: cannot write ({error.strerror or error})", err=True)
        sys.exit(2)
    click.echo(f"esfgraph export: {network} network, {graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges -> " + ", ".join(str(p) for p in written))
