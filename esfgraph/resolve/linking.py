"""One node per real organisation across the corpus: organisation numbers joined with names.

The resolver sees one page at a time. An ESF+ page prints the owner's organisation number
beside a name in capitals (``SAMORDNINGSFÖRBUNDET ALE``, ``2222222222``) and gets an
``orgnr-…`` key; an older page prints ``Samordningsförbundet Ale`` with no number and
gets a ``name/…`` key (or a reference key). :func:`link_organisations` runs once after
the page stage, over every page's resolution, and joins them:

1. every IRI that carries the same organisation number is one organisation, and so is
   the reference tables' organisation of that number (``agencies.csv``'s ``org_number``);
2. a name printed beside a number (the owner of a page that prints the number) joins
   the organisation that the same name (:func:`~esfgraph.resolve.text.norm` key) resolves
   to on other pages, when that is unambiguous: the name is printed beside this one
   number only, anywhere in the corpus, and it resolves to one organisation only, which
   carries no other number. "Socialtjänsten" beside a municipality's number joins nothing,
   because on other pages it is many municipalities' units.

Which key survives (deterministic, whatever the order of the pages): a reference key
(municipality, agency, office, region, known organisation, unit) before a name key
before an organisation-number key; among equals the one with the most mentions, then the
smallest IRI. A group holding two reference keys is left alone (the reference tables say
they are two organisations; ``conflicts`` counts such groups). Keys that change are
returned as ``old IRI -> new IRI`` (:attr:`Linking.replaced`): the build rewrites the
page triples and the resolutions with it, and records each change in the graph
(``dcterms:isReplacedBy``, :mod:`esfgraph.rdf.replaced`), so that links to the old IRI
still lead somewhere.

Examples
--------
>>> from esfgraph.model import ProjectRecord
>>> from esfgraph.resolve import Resolver
>>> resolver = Resolver()
>>> pages = [ProjectRecord(source="new.txt", title="A", owner="FÖRENINGEN HOPPET",
...                        owner_org_number="802494-8773"),
...          ProjectRecord(source="old.txt", title="B", owner="Föreningen Hoppet")]
>>> resolutions = [resolver.resolve(page) for page in pages]
>>> [m.canonical.rsplit("/org/", 1)[1] for r in resolutions for m in r.mentions]
['orgnr-8024948773', 'name/foreningen-hoppet']
>>> linking = link_organisations(resolutions)
>>> {old.rsplit("/org/", 1)[1]: new.rsplit("/org/", 1)[1] for old, new in linking.replaced.items()}
{'orgnr-8024948773': 'name/foreningen-hoppet'}
>>> [m.canonical.rsplit("/org/", 1)[1] for r in linking.apply(resolutions) for m in r.mentions]
['name/foreningen-hoppet', 'name/foreningen-hoppet']
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from ..iris import org_iri
from ..model import Mention, Organisation, RecordResolution
from .reference import Reference
from .orgnumber import org_number_digits
from .text import norm

__all__ = ["Linking", "link_organisations", "key_rank", "replaceable"]

_ORG = "/org/"
#: Ranks of keys: lower survives.
_REFERENCE, _NAME, _NUMBER = 0, 1, 2


def key_rank(iri: str) -> int:
    """Return how strongly a key names its organisation: 0 reference, 1 name, 2 number.

    Examples
    --------
    >>> [key_rank(f"https://w3id.org/esfgraph/id/org/{k}") for k in ("kommun-0665", "name/x", "orgnr-1")]
    [0, 1, 2]
    """
    key = iri.rsplit(_ORG, 1)[-1]
    if key.startswith("orgnr-"):
        return _NUMBER
    if key.startswith("name/"):
        return _NAME
    return _REFERENCE


def replaceable(iri: str) -> bool:
    """Return whether linking may replace ``iri`` (a name key or an organisation-number key).

    The build sets aside only the page triples that mention such an IRI until the
    linking is known; every other page goes straight to the graph writer.
    """
    return key_rank(iri) != _REFERENCE


@dataclass
class Linking:
    """The outcome of :func:`link_organisations`.

    Attributes
    ----------
    replaced : dict
        Old IRI -> surviving IRI, sorted by old IRI; empty when nothing was joined.
    groups : int
        Organisations (groups of two or more IRIs) that were joined.
    conflicts : int
        Groups left alone because they hold two reference keys.
    """

    replaced: dict[str, str] = field(default_factory=dict)
    groups: int = 0
    conflicts: int = 0
    _object_iri: re.Pattern | None = field(default=None, repr=False, compare=False)

    def iri(self, iri: str) -> str:
        """Return the surviving IRI of ``iri`` (itself when unchanged)."""
        return self.replaced.get(iri, iri)

    def apply_one(self, resolution: RecordResolution) -> RecordResolution:
        """Return ``resolution`` with its IRIs replaced (the same object when none changes)."""
        replaced = self.replaced
        if not replaced or not any(m.canonical in replaced for m in resolution.mentions) and not any(
                o.iri in replaced or o.parent in replaced for o in resolution.organisations):
            return resolution
        mentions = [replace(m, canonical=replaced[m.canonical]) if m.canonical in replaced else m
                    for m in resolution.mentions]
        organisations: dict[str, Organisation] = {}
        # The survivor's own record first, so that it wins where two of the page's
        # organisations are now one; the other's number or place fills what it lacks.
        for org in sorted(resolution.organisations, key=lambda o: (o.iri in replaced, o.iri)):
            moved = replace(org, iri=self.iri(org.iri), parent=self.iri(org.parent) if org.parent else None)
            kept = organisations.get(moved.iri)
            organisations[moved.iri] = moved if kept is None else _filled(kept, moved)
        return replace(resolution, mentions=mentions,
                       organisations=sorted(organisations.values(), key=lambda o: o.iri))

    def apply(self, resolutions: Iterable[RecordResolution]) -> list[RecordResolution]:
        """Return every resolution with its IRIs replaced (see :meth:`apply_one`)."""
        return [self.apply_one(r) for r in resolutions]

    def rewrite_line(self, line: str) -> str:
        """Return an N-Triples line with an old organisation IRI in object place replaced.

        Page triples refer to organisations only as objects (``esf:organisation``, the
        role shortcuts); a line whose object is a literal is returned as it is, whatever
        its text holds.

        Examples
        --------
        >>> linking = Linking({"http://x/org/orgnr-1": "http://x/org/name/a"})
        >>> linking.rewrite_line("<http://x/p> <http://x/owner> <http://x/org/orgnr-1> .")
        '<http://x/p> <http://x/owner> <http://x/org/name/a> .'
        >>> linking.rewrite_line('<http://x/p> <http://x/t> "<http://x/org/orgnr-1> ." .')
        '<http://x/p> <http://x/t> "<http://x/org/orgnr-1> ." .'
        """
        if not line.endswith("> ."):
            return line
        start = line.rfind(" <", 0, len(line) - 3)
        new = self.replaced.get(line[start + 2:-3]) if start >= 0 else None
        return line if new is None else f"{line[:start]} <{new}> ."


    def rewrite_lines(self, lines: list[str]) -> list[str]:
        """Return one page's lines with :meth:`rewrite_line` applied to each (the same list when none changes).

        One regular-expression search over the page finds the lines that end in an IRI
        under the retired IRIs' common prefix, instead of a look at every line.

        Examples
        --------
        >>> linking = Linking({"http://x/org/orgnr-1": "http://x/org/name/a"})
        >>> linking.rewrite_lines(['<http://x/p> <http://x/t> "<http://x/org/orgnr-1> ." .',
        ...                        "<http://x/p> <http://x/owner> <http://x/org/orgnr-1> ."])[1]
        '<http://x/p> <http://x/owner> <http://x/org/name/a> .'
        """
        if not self.replaced:
            return lines
        if self._object_iri is None:
            prefix = os.path.commonprefix(list(self.replaced))
            self._object_iri = re.compile(" <(" + re.escape(prefix) + r"[^<>\n ]*)> \.(?=\n|\Z)")
        text = "\n".join(lines)
        if not any(match.group(1) in self.replaced for match in self._object_iri.finditer(text)):
            return lines
        return self._object_iri.sub(lambda m: f" <{self.replaced.get(m.group(1), m.group(1))}> .", text).split("\n")


_FILLABLE = ("parent", "municipality_code", "county_code", "org_number", "country")


def _filled(kept: Organisation, other: Organisation) -> Organisation:
    """``kept`` with the attributes it lacks taken from ``other``; a known type over ``unknown``."""
    changes = {name: getattr(other, name) for name in _FILLABLE
               if getattr(kept, name) is None and getattr(other, name) is not None}
    if kept.type == "unknown" and other.type != "unknown":
        changes["type"] = other.type
    return replace(kept, **changes) if changes else kept


class _Groups:
    """Union-find over IRIs, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, self.parent.setdefault(grand, grand)
        return item

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)  # the same roots in any order


def _corpus_facts(resolutions: Iterable[RecordResolution]):
    """Per IRI: its numbers and mention count; per name: the IRIs it resolves to and the
    numbers it is printed beside."""
    numbers: dict[str, set[str]] = defaultdict(set)
    mentions: Counter = Counter()  # every organisation of the corpus, with its mentions

    name_iris: dict[str, set[str]] = defaultdict(set)
    name_numbers: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, str] = {}  # printed name -> norm key: most names repeat from page to page

    def key(text: str) -> str:
        found = keys.get(text)
        if found is None:
            found = keys[text] = norm(text)
        return found

    for resolution in resolutions:
        page_numbers: dict[str, str] = {}
        for org in resolution.organisations:
            mentions[org.iri] += 0
            digits = org_number_digits(org.org_number) if org.org_number else None
            if digits:
                numbers[org.iri].add(digits)
                page_numbers[org.iri] = digits
        for mention in resolution.mentions:
            mentions[mention.canonical] += 1
            names = {key(mention.raw), key(mention.label)} - {""}
            for name in names:
                name_iris[name].add(mention.canonical)
            beside = page_numbers.get(mention.canonical)
            if beside is not None and (mention.method.startswith("org-number") or key_rank(mention.canonical) == _NUMBER):
                for name in names:
                    name_numbers[name].add(beside)
    return numbers, mentions, name_iris, name_numbers


def link_organisations(resolutions: Sequence[RecordResolution] | Iterable[RecordResolution],
                       reference: Reference | None = None, base: str | None = None) -> Linking:
    """Join the IRIs that name one organisation across the corpus (see the module's rules).

    Parameters
    ----------
    resolutions : iterable of RecordResolution
        Every page's resolution, in any order (read once).
    reference : Reference, optional
        For the reference tables' organisation numbers; :meth:`Reference.load` by default.
    base : str, optional
        The IRI base of the build (for the reference organisations' IRIs).

    Returns
    -------
    Linking
        ``replaced`` maps every IRI that does not survive to the one that does.
    """
    numbers, mentions, name_iris, name_numbers = _corpus_facts(resolutions)
    reference = reference if reference is not None else Reference.load()
    groups = _Groups()
    by_number: dict[str, list[str]] = defaultdict(list)
    for iri, digits in numbers.items():
        for number in digits:
            by_number[number].append(iri)
    for number, iris in sorted(by_number.items()):
        for iri in iris[1:]:
            groups.join(iris[0], iri)
        known = reference.org_numbers.get(number)
        if known is not None and org_iri(known[1], base) in mentions:  # never a node the graph lacks
            groups.join(iris[0], org_iri(known[1], base))
    for name, printed_beside in sorted(name_numbers.items()):
        if len(printed_beside) != 1:
            continue  # one name beside two numbers: two organisations of that name
        number = next(iter(printed_beside))
        others = {iri for iri in name_iris[name] if number not in numbers.get(iri, ())}
        if len(others) != 1:
            continue
        other = next(iter(others))
        if numbers.get(other) and number not in numbers[other]:
            continue  # the other carries a number of its own
        groups.join(by_number[number][0], other)
    return _survivors(groups, mentions)


def _survivors(groups: _Groups, mentions: Counter) -> Linking:
    members: dict[str, list[str]] = defaultdict(list)
    for iri in list(groups.parent):
        members[groups.find(iri)].append(iri)
    linking = Linking()
    for group in members.values():
        if len(group) < 2:
            continue
        if sum(1 for iri in group if key_rank(iri) == _REFERENCE) > 1:
            linking.conflicts += 1
            continue
        survivor = min(group, key=lambda iri: (key_rank(iri), -mentions[iri], iri))
        linking.groups += 1
        linking.replaced.update((iri, survivor) for iri in group if iri != survivor)
    linking.replaced = dict(sorted(linking.replaced.items()))
    return linking
