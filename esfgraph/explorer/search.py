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
        # Each distinct normalised text once (half as many to score at 10,000 pages),
        # with every resource it names.
        targets: dict[str, set[tuple[str, str]]] = {}
        for org in index.orgs.values():
            for text in {org.label, *org.spellings}:
                targets.setdefault(normalise(text), set()).add((org.iri, "organisation"))
        for project in index.projects.values():
            for text in (project.title, project.number):
                if text:
                    targets.setdefault(normalise(text), set()).add((project.iri, "project"))
        targets.pop("", None)
        self._choices: list[str] = sorted(targets)
        self._targets: list[list[tuple[str, str]]] = [sorted(targets[c]) for c in self._choices]
        self._resolver = None

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
        # token_set_ratio is quick and finds subsets and misspellings; the candidates are then
        # scored again: WRatio rewards a part that matches, and half of the score from the
        # whole string puts "Arbetsförmedlingen Vaggeryd" above "Arbetsförmedlingen" for
        # "Arbetsformedlingen Vagerid".
        scorer = fuzz.token_set_ratio if len(wanted) > 3 else fuzz.QRatio
        for choice, _, position in process.extract(wanted, self._choices, scorer=scorer,
                                                    limit=limit * 8, score_cutoff=50):
            score = (fuzz.WRatio(wanted, choice) + fuzz.token_sort_ratio(wanted, choice)) / 2
            exact_word = f" {wanted} " in f" {choice} "
            score = min(100.0, score + (10 if exact_word else 0))
            if score < 50:
                continue
            for iri, kind in self._targets[position]:
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
