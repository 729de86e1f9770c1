"""Score a page's resolution against a hand-checked list of the organisations it names.

The annotation format is the one of the real-page annotations (``organisations.jsonl``):
one object per page with ``file`` and ``orgs``; each organisation has an ``id`` (the same
on every page that names it), ``accept`` (name forms that denote it, compared
case-insensitively) and optionally ``doubtful`` (a judgement call: finding it or missing it
is neither right nor wrong).

A found organisation is one canonical organisation of the page's mentions (owner, listed,
named in the text). It denotes an annotated organisation when its label, or the text one
of its mentions printed, is one of that organisation's accepted forms.

Examples
--------
>>> from esfgraph.model import Mention
>>> m = Mention("p.txt", "P", "Vinnova", "mentioned", "https://x/org/vinnova", "Vinnova", "text-mention", 0.6)
>>> orgs = [{"id": "vinnova", "accept": ["Vinnova"]}, {"id": "lernia", "accept": ["Lernia"]},
...         {"id": "fei", "accept": ["FEI"], "doubtful": True}]
>>> score = score_page([m], orgs)
>>> (score.true_positives, score.false_positives, score.missed, score.recall, score.precision)
(1, 0, ['lernia'], 0.5, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..model import Mention

__all__ = ["PageScore", "score_page", "matched_ids"]


@dataclass
class PageScore:
    """Recall and precision of one page's organisations.

    Attributes
    ----------
    true_positives : int
        Annotated (not doubtful) organisations that a found organisation denotes.
    false_positives : int
        Found organisations that denote no annotated organisation (doubtful ones included).
    missed : list of str
        Ids of annotated, not doubtful organisations nothing found denotes.
    wrong : list of str
        Labels of the false positives.
    keys : dict
        Annotated id -> the canonical IRIs found for it (one, when identities are right).
    """

    true_positives: int = 0
    false_positives: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    keys: dict[str, set[str]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        """Share of annotated organisations found (1.0 when none is annotated)."""
        expected = self.true_positives + len(self.missed)
        return self.true_positives / expected if expected else 1.0

    @property
    def precision(self) -> float:
        """Share of found organisations that the page names (1.0 when none is found)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0


def _forms(org: dict) -> set[str]:
    return {form.casefold().strip() for form in org.get("accept", ())}


def matched_ids(printed: Iterable[str], annotated: Sequence[dict]) -> list[str]:
    """Return the ids of the annotated organisations that any of ``printed`` denotes.

    Examples
    --------
    >>> matched_ids(["LTU"], [{"id": "ltu", "accept": ["Luleå tekniska universitet", "LTU"]}])
    ['ltu']
    """
    texts = {p.casefold().strip() for p in printed if p}
    return [org["id"] for org in annotated if texts & _forms(org)]


def score_page(mentions: Sequence[Mention], annotated: Sequence[dict]) -> PageScore:
    """Score the organisations of one page's mentions against its annotations.

    Parameters
    ----------
    mentions : sequence of Mention
        The page's resolution (every role).
    annotated : sequence of dict
        The page's ``orgs`` from the annotations.

    Returns
    -------
    PageScore
    """
    printed: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for m in mentions:
        printed.setdefault(m.canonical, set()).update((m.raw, m.label))
        labels.setdefault(m.canonical, m.label)
    score = PageScore()
    found_ids: set[str] = set()
    for canonical in sorted(printed):
        ids = matched_ids(printed[canonical], annotated)
        if not ids:
            score.false_positives += 1
            score.wrong.append(labels[canonical])
            continue
        for org_id in ids:
            score.keys.setdefault(org_id, set()).add(canonical)
        found_ids.update(ids)
    for org in annotated:
        if org.get("doubtful"):
            continue
        if org["id"] in found_ids:
            score.true_positives += 1
        else:
            score.missed.append(org["id"])
    return score
