"""Sharded, sorted N-Triples for stores beyond one machine.

A user who outgrows the embedded store loads the graph into a server of their own
(Oxigraph, Fuseki/TDB2, GraphDB, QLever, Virtuoso). Their bulk loaders take N-Triples
and most load several files in parallel, so ``esfgraph shard`` cuts the build's sorted
``graph.nt`` into ``N`` files of near-equal size. The cut never splits a subject: all
triples of one resource land in one shard, so each shard is a self-contained, sorted
N-Triples file and shards can be loaded, or pushed (:mod:`esfgraph.push`), in any order.

Examples
--------
>>> manifest = shard_ntriples("build/demo/graph.nt", "build/shards", shards=4)   # doctest: +SKIP
>>> [s["triples"] for s in manifest["shards"]]                                 # doctest: +SKIP
[312, 309, 318, 309]
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .runtime.errors import InputError
from .runtime.files import atomic_write

__all__ = ["ShardError", "shard_ntriples"]


class ShardError(InputError):
    """Raised with a one-line message when the input cannot be sharded (exit code 2)."""


def _subject(line: bytes) -> bytes:
    # N-Triples subjects are IRIs or blank node labels: neither contains a space.
    return line.split(b" ", 1)[0]


def shard_ntriples(
    nt_path: os.PathLike | str, out_dir: os.PathLike | str, shards: int = 4, prefix: str = "part"
) -> dict:
    """Split a sorted N-Triples file into ``shards`` sorted files, subjects kept whole.

    Parameters
    ----------
    nt_path : path-like
        A sorted N-Triples file, such as a build's ``graph.nt``.
    out_dir : path-like
        Folder for ``part-0000.nt`` ... and ``manifest.json`` (created; old parts removed).
    shards : int
        Number of files wanted (at least 1). Fewer are written when there are fewer
        subjects than shards.
    prefix : str
        File name prefix of the parts.

    Returns
    -------
    dict
        The manifest also written to ``manifest.json``: the source, and per shard its
        file name, triple count, byte size and SHA-256.

    Raises
    ------
    ShardError
        When the input is missing, or is not sorted by subject (a shard would then
        split a subject, and the "load in any order" promise would not hold).
    """
    nt_path, out_dir = Path(nt_path), Path(out_dir)
    if shards < 1:
        raise ShardError(f"--shards must be at least 1, not {shards}")
    if not nt_path.is_file():
        raise ShardError(f"{nt_path}: no such N-Triples file (build first: esfgraph build ... --out DIR)")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{prefix}-*.nt"):
        old.unlink()
    target = nt_path.stat().st_size / shards  # bytes per shard
    manifest = {"source": nt_path.name, "shards": []}
    index, written, triples = 0, 0, 0
    digest = hashlib.sha256()
    current = None
    previous_subject = None

    def close_current() -> None:
        if current is not None:
            current.close()
            manifest["shards"].append(
                {"file": current_name, "triples": triples, "bytes": written, "sha256": digest.hexdigest()}
            )

    with open(nt_path, "rb") as source:
        for line in source:
            if not line.strip() or line.startswith(b"#"):
                continue
            subject = _subject(line)
            new_subject = subject != previous_subject
            if previous_subject is not None and subject < previous_subject:
                if current is not None:
                    current.close()
                raise ShardError(f"{nt_path}: not sorted by subject (line for {subject.decode(errors='replace')[:80]})")
            # Cut only between subjects, and never make more than `shards` files.
            cut = new_subject and written >= target and len(manifest["shards"]) < shards - 1
            if current is None or cut:
                if current is not None:
                    close_current()
                    index += 1
                current_name = f"{prefix}-{index:04d}.nt"
                current = open(out_dir / current_name, "wb")
                written, triples, digest = 0, 0, hashlib.sha256()
            current.write(line)
            digest.update(line)
            written += len(line)
            triples += 1
            previous_subject = subject
    close_current()
    atomic_write(out_dir / "manifest.json", (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    return manifest
