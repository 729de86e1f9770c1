"""The five seed pages through the real extractor and resolver (for the seed tests)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["seed_pairs"]


@lru_cache(maxsize=1)
def seed_pairs():
    """``[(record, resolution)]`` for ``data/pages/*``, in path order."""
    from esfgraph.extract import extract_file
    from esfgraph.resolve import Resolver

    resolver = Resolver()
    pairs = []
    for path in sorted((ROOT / "data" / "pages").glob("*.txt")):
        record = extract_file(path).record
        pairs.append((record, resolver.resolve(record)))
    return tuple(pairs)
