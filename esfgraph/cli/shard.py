"""Split graph.nt into sorted shards for other stores' parallel bulk loaders."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]


@click.command(
    "shard",
    epilog="""\b
Examples:
  esfgraph shard build/demo/graph.nt --shards 8 --out build/shards
  oxigraph load --location /srv/esf-store --file build/shards/part-*.nt
  for f in build/shards/part-*.nt; do esfgraph push --file $f --endpoint http://host:7878/store --append; done
""",
)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--shards", type=click.IntRange(min=1), default=4, show_default=True, help="Number of files.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for part-NNNN.nt and manifest.json.")
def command(graph, shards, out_dir):
    """Split a sorted N-Triples file into shards that keep each subject whole.

    Every shard is itself sorted N-Triples that any store's bulk loader takes, and the
    shards can be loaded or pushed in any order and in parallel. manifest.json lists
    each part with its triple count and SHA-256. See docs/scaling.md.
    """
    from ..shards import shard_ntriples

    manifest = shard_ntriples(graph, out_dir, shards)  # ShardError: printed by esfgraph.cli
    total = sum(part["triples"] for part in manifest["shards"])
    click.echo(f"esfgraph shard: {total} triples from {graph} -> {len(manifest['shards'])} shards in {out_dir}/")
    for part in manifest["shards"]:
        click.echo(f"  {part['file']}  {part['triples']:>9} triples  {part['bytes']:>11} bytes")
