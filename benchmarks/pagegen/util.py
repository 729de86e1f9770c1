"""Small helpers of the generator: slugs, Swedish sort order, organisation numbers, Zipf draws."""

from __future__ import annotations

import bisect
import hashlib
import random
import unicodedata
from itertools import accumulate
from typing import Sequence

__all__ = ["fold", "slug", "sv_key", "genitive", "luhn_complete", "stable_int", "Zipf", "sek"]


def fold(text: str) -> str:
    """Return ``text`` lower-cased with accents dropped (``Väst Öst`` -> ``vast ost``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """The same slug as ``esfgraph.iris.slug`` (kept here so the generator stands alone)."""
    out, dash = [], False
    for ch in fold(text):
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "x"


_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y", "æ": "|", "ø": "}"})


def sv_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z (as the project bank sorts lists)."""
    return text.casefold().translate(_SV_ORDER)


def genitive(name: str) -> str:
    """``Vaggeryd`` -> ``Vaggeryds``; names ending in s, x, z or a vowel take no s."""
    return name if name[-1].lower() in "sxzaeiouyåäö" else name + "s"


def luhn_complete(nine: str) -> str:
    """Append the Luhn check digit to a nine-digit organisation number stem."""
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return nine + str((10 - total % 10) % 10)


def stable_int(*parts: str) -> int:
    """A stable non-negative integer from strings (not Python's randomised ``hash``)."""
    return int.from_bytes(hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest(), "big")


class Zipf:
    """Draw indices ``0..n-1`` with weight ``1 / (rank + 1) ** s`` (rank 0 most popular)."""

    __slots__ = ("cumulative", "total")

    def __init__(self, n: int, s: float = 1.1, weights: Sequence[float] | None = None):
        weights = weights if weights is not None else [1.0 / (r + 1) ** s for r in range(n)]
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1] if self.cumulative else 0.0

    def draw(self, rng: random.Random) -> int:
        """One index."""
        return bisect.bisect_right(self.cumulative, rng.random() * self.total)


def sek(amount: int, sep: str = " ") -> str:
    """``3574500`` -> ``3 574 500`` with ``sep`` between thousands."""
    return f"{amount:,}".replace(",", sep)
