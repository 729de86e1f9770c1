"""Search organisations and projects by any spelling, best first.

Two sources of matches, merged:

1. the resolver of the build (:class:`esfgraph.resolve.Resolver`) reads the query as a
   printed name, so "Af Jönköping" and "FK Värnamo" find the offices they name exactly as
   a page printing them would;
2. rapidfuzz scores the query against every organisation's label and printed spellings,
   every project's title and number (accents and case folded), so misspellings and single
   words still find something.

Examples
--------
>>> normalise("Arbetsförmedlingen  JÖNKÖPING")
'arbetsformedlingen jonkoping'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .index import ExplorerIndex

__all__ = ["Hit", "Searcher", "normalise", "MAX_QUERY"]

#: Longest query accepted (characters); longer ones get a 400.
MAX_QUERY = 200


def normalise(text: str) -> str:
    """Case-fold, strip accents and collapse punctuation and spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(utils.default_process(plain).split())


@dataclass(frozen=True)
class Hit:
    """One search result."""

    iri: str
    kind: str  # "organisation" or "project"
    label: str
    detail: str
    score: float


class Searcher:
    """The search over one :class:`ExplorerIndex` (built once per store generation)."""

    def __init__(self, index: ExplorerIndex):
        self.index = index
        self._choices: list[str] = []
        self._targets: list[tuple[str, str]] = []  # (iri, kind) per choice
        for org in index.orgs.values():
            for text in {org.label, *org.spellings}:
                self._add(text, org.iri, "organisation")
        for project in index.projects.values():
            for text in (project.title, project.number):
                if text:
                    self._add(text, project.iri, "project")
        self._resolver = None

    def _add(self, text: str, iri: str, kind: str) -> None:
        self._choices.append(normalise(text))
        self._targets.append((iri, kind))

    def _resolved(self, query: str) -> str | None:
        """The organisation the build's resolver makes of ``query``, when the graph holds it."""
        try:
            if self._resolver is None:
                from ..model import ProjectRecord  # noqa: PLC0415
                from ..resolve import Resolver  # noqa: PLC0415

                self._resolver = (Resolver(base=self.index.base), ProjectRecord)
            resolver, record = self._resolver
            mentions = resolver.resolve(record(source="search", partners=[query])).mentions
        except Exception:  # noqa: BLE001 - the fuzzy search still answers
            return None
        for mention in mentions:
            if mention.canonical in self.index.orgs:
                return mention.canonical
        return None

    def _detail(self, iri: str, kind: str) -> str:
        if kind == "project":
            p = self.index.projects[iri]
            return " · ".join(x for x in (p.number, p.period, self.index.regions.get(p.region or "", "")) if x)
        org = self.index.orgs[iri]
        place = self.index.municipalities.get(org.municipality or "", ("", None))[0]
        parts = len(self.index.by_org.get(iri, []))
        return " · ".join(x for x in ((org.type or "").replace("_", " "), place, f"{parts} participations") if x)

    def search(self, query: str, limit: int = 25) -> list[Hit]:
        """Return up to ``limit`` hits for ``query``, best first (score 0-100)."""
        wanted = normalise(query)
        if not wanted:
            return []
        best: dict[str, tuple[float, str]] = {}
        resolved = self._resolved(query)
        if resolved:
            best[resolved] = (101.0, "organisation")
        scorer = fuzz.WRatio if len(wanted) > 3 else fuzz.QRatio
        for choice, score, position in process.extract(wanted, self._choices, scorer=scorer,
                                                        limit=limit * 4, score_cutoff=60):
            iri, kind = self._targets[position]
            # WRatio rewards a part that matches ("Arbetsförmedlingen" for "Af Vagerid");
            # half of the score from the whole string puts the office above its parent.
            score = (score + fuzz.token_sort_ratio(wanted, choice)) / 2
            exact_word = f" {wanted} " in f" {choice} "
            score = min(100.0, score + (10 if exact_word else 0))
            if score > best.get(iri, (0.0, kind))[0]:
                best[iri] = (score, kind)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], self._label(item[0], item[1][1]), item[0]))
        return [Hit(iri, kind, self._label(iri, kind), self._detail(iri, kind), min(score, 100.0))
                for iri, (score, kind) in ranked[:limit]]

    def _label(self, iri: str, kind: str) -> str:
        if kind == "project":
            p = self.index.projects[iri]
            return p.title or p.number or iri.rsplit("/", 1)[-1]
        return self.index.orgs[iri].label
