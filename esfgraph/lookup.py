"""Parameter values as users know them: organisations and municipalities by name, key or IRI.

Researchers know "Arbetsförmedlingen Sala" or "Af Jönköping", not the key
``arbetsformedlingen/jonkoping``. :func:`find_organisation` turns any of these into the
organisation's IRI, reading the names from the store or endpoint itself:

1. an IRI, an ``id:`` name or a key that names an organisation in the store: taken as it is
   (one ``ASK``, so the usual case costs a millisecond);
2. a printed name, read by the resolver that built the graph (``Af Jönköping`` is
   Arbetsförmedlingen Jönköping, ``FK`` is Försäkringskassan), when the store holds the
   organisation it names;
3. a label or printed name of an organisation in the store (``rdfs:label``,
   ``esf:printedName`` of its participations) as written (two index lookups), else
   ignoring case, accents and punctuation (the names are read once per store); a name
   that several organisations go by is ambiguous.

Anything else raises :class:`ValueNotFound` naming the nearest organisations
(rapidfuzz) with their keys. :func:`find_municipality` does the same for municipality
codes and names (``680`` suggests ``0680 Jönköping``; ``Jönköping`` gives ``0680``).
The names are read once per store (or endpoint) and cached.

Examples
--------
>>> store = open_store("build/demo/store")                          # doctest: +SKIP
>>> find_organisation(store, "Af Jönköping")                        # doctest: +SKIP
'https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping'
>>> find_municipality(store, "Jönköping")                           # doctest: +SKIP
'0680'
"""

from __future__ import annotations

import os
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .endpoint import Endpoint, run_remote
from .iris import DEFAULT_BASE
from .runtime.errors import InputError

__all__ = [
    "ValueNotFound",
    "Match",
    "find_organisation",
    "find_municipality",
    "normalise_name",
    "clear_cache",
    "SUGGESTIONS",
]

#: How many of the nearest values an error lists.
SUGGESTIONS = 5

_ORG_BASE = DEFAULT_BASE + "org/"
_CACHE_SECONDS = 300.0  # an endpoint's names are read again after this long
_LONGEST_NAME = 300  # characters of a value that are compared with names


@dataclass(frozen=True)
class Match:
    """A value the store knows: ``value`` to bind (IRI or code), ``key`` and ``label`` to show."""

    value: str
    key: str
    label: str


class ValueNotFound(InputError, ValueError):
    """A parameter value names nothing in the store, or several things (exit code 2).

    ``str(error)`` is one line, then the suggestions (``key  label``) one per line.

    Attributes
    ----------
    kind : str
        ``organisation`` or ``municipality``.
    value : str
        What the user gave.
    suggestions : list of Match
        The nearest values (unknown) or every value it could mean (ambiguous).
    ambiguous : bool
    """

    def __init__(self, kind: str, value: str, where: str, suggestions: list[Match], ambiguous: bool = False):
        shown = value if len(value) <= 80 else value[:77] + "..."
        self.kind, self.value, self.where = kind, shown, where
        self.suggestions, self.ambiguous = suggestions, ambiguous
        super().__init__(self._message())

    def _message(self) -> str:
        if self.ambiguous:
            head = (f"{self.value!r} names {len(self.suggestions)} {self.kind}s in {self.where}; "
                    "give one of these keys:")
        elif self.suggestions:
            how = "code or name" if self.kind == "municipality" else "name, key or IRI"
            head = f"no {self.kind} {self.value!r} ({how}) in {self.where}; the nearest:"
        else:
            head = f"no {self.kind} {self.value!r} in {self.where}, which holds none"
        width = max((len(m.key) for m in self.suggestions), default=0)
        return "\n".join([head] + [f"  {m.key.ljust(width)}  {m.label}".rstrip() for m in self.suggestions])


def normalise_name(text: str) -> str:
    """Return a name as compared: lower case, accents dropped, punctuation to single spaces.

    Examples
    --------
    >>> normalise_name("Arbetsförmedlingen, Jönköping")
    'arbetsformedlingen jonkoping'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


# --------------------------------------------------------------------------- sources

def _rows(source, text: str) -> list[tuple[str | None, ...]]:
    """Run a SELECT on a store or endpoint; rows of plain strings (None when unbound)."""
    if isinstance(source, Endpoint):
        _, rows = run_remote(source, text)
    else:
        rows = [tuple(solution) for solution in source.query(text)]
    return [tuple(None if term is None else term.value for term in row) for row in rows]


def _ask(source, text: str) -> bool:
    if isinstance(source, Endpoint):
        _, rows = run_remote(source, text)
        return bool(rows) and rows[0][0].value == "true"
    return bool(source.query(text))


def _where(source, label: str | None) -> str:
    if label:
        return label
    return source.url if isinstance(source, Endpoint) else "the store"


_cache: dict[tuple, tuple[float, object, object]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget the names read from every store and endpoint."""
    with _cache_lock:
        _cache.clear()


def _cache_key(source, kind: str, store_dir: str | os.PathLike[str] | None) -> tuple:
    """Stores opened from a folder share the names until the store changes on disk;
    an open store object keeps them while it lives (it is held by the cache entry)."""
    if isinstance(source, Endpoint):
        return (kind, "endpoint", source.url)
    if store_dir is not None:
        folder = Path(store_dir).resolve()
        try:
            marks = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                          for p in sorted(folder.glob("MANIFEST-*")) + [folder / "CURRENT"])
        except OSError:
            marks = ()
        return (kind, "folder", str(folder), marks)
    return (kind, "object", id(source))


def _cached(source, kind: str, store_dir, build):
    key = _cache_key(source, kind, store_dir)
    now = time.monotonic()
    with _cache_lock:
        entry = _cache.get(key)
        if entry is not None and entry[0] > now:
            return entry[2]
    value = build(source)
    with _cache_lock:
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = (now + _CACHE_SECONDS if isinstance(source, Endpoint) else float("inf"), source, value)
    return value


# --------------------------------------------------------------------------- organisations

_ORG_NAMES = """
PREFIX esf:  <https://w3id.org/esfgraph/ontology#>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?org ?name ?label WHERE {
  { SELECT DISTINCT ?org WHERE { VALUES ?class { org:Organization org:OrganizationalUnit } ?org a ?class } }
  OPTIONAL { ?org rdfs:label ?label }
  { ?org rdfs:label ?name }
  UNION
  { SELECT DISTINCT ?org ?name WHERE { ?participation esf:organisation ?org ; esf:printedName ?name } }
}"""


@dataclass
class _Index:
    """Every name of every organisation (or municipality) in a store."""

    by_name: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> values
    matches: dict[str, Match] = field(default_factory=dict)  # value -> what to show
    choices: list[tuple[str, str]] = field(default_factory=list)  # (normalised text, value)

    def add(self, value: str, name: str) -> None:
        normalised = normalise_name(name)
        if normalised and value not in self.by_name.setdefault(normalised, set()):
            self.by_name[normalised].add(value)
            self.choices.append((normalised, value))

    def nearest(self, text: str, limit: int = SUGGESTIONS) -> list[Match]:
        from rapidfuzz import fuzz, process

        if not self.choices:
            return []
        found = process.extract(normalise_name(text), [c for c, _ in self.choices], scorer=fuzz.WRatio,
                                limit=limit * 8)
        values: list[str] = []
        for _, _score, position in sorted(found, key=lambda f: (-f[1], f[2])):
            value = self.choices[position][1]
            if value not in values:
                values.append(value)
        return [self.matches[v] for v in values[:limit]]


def _org_key(iri: str) -> str:
    return iri[len(_ORG_BASE):] if iri.startswith(_ORG_BASE) else f"<{iri}>"


def _organisation_index(source) -> _Index:
    index = _Index()
    for iri, name, label in _rows(source, _ORG_NAMES):
        if iri is None:
            continue
        if iri not in index.matches:
            index.matches[iri] = Match(iri, _org_key(iri), label or "")
            index.add(iri, _org_key(iri).replace("/", " "))
        if name:
            index.add(iri, name)
    return index


@lru_cache(maxsize=1)
def _resolver():
    from .resolve import Resolver

    return Resolver()


def _resolved(text: str) -> str | None:
    """The organisation the build's resolver gives a printed name, or None."""
    from .model import ProjectRecord

    try:
        mentions = _resolver().resolve(ProjectRecord(source="query parameter", title="", partners=[text])).mentions
    except (ValueError, OSError):
        return None
    return mentions[0].canonical if mentions and mentions[0].canonical else None


def _is_organisation(source, iri: str) -> bool:
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return False
    return _ask(source, "ASK { VALUES ?class { <http://www.w3.org/ns/org#Organization> "
                        f"<http://www.w3.org/ns/org#OrganizationalUnit> }} {node} a ?class }}")


def _named_exactly(source, text: str) -> list[str]:
    """The organisations whose label or printed name is ``text`` exactly."""
    name = ox.Literal(text)
    query = f"""
    PREFIX esf: <https://w3id.org/esfgraph/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?org WHERE {{
      {{ ?org rdfs:label {name} }} UNION {{ ?participation esf:printedName {name} ; esf:organisation ?org }}
    }}"""
    # The type is checked per answer: in the query, Oxigraph would start from every organisation.
    return sorted(iri for (iri,) in _rows(source, query) if iri and _is_organisation(source, iri))


def find_organisation(source, text: str, candidate: str | None = None, *, where: str | None = None,
                      store_dir: str | os.PathLike[str] | None = None) -> str:
    """Return the IRI of the organisation that ``text`` names in the store or endpoint.

    Parameters
    ----------
    source : pyoxigraph.Store or esfgraph.endpoint.Endpoint
        Where the organisations are.
    text : str
        What the user gave: an IRI, a key, or a name in any printed spelling.
    candidate : str, optional
        The IRI ``text`` reads as syntactically (a key expanded), tried first.
    where : str, optional
        How to name the store in messages.
    store_dir : path, optional
        The store's folder, so that stores opened from it share the cached names.

    Returns
    -------
    str
        The organisation's IRI.

    Raises
    ------
    ValueNotFound
        No organisation goes by ``text`` (with the nearest ones), or several do.
    """
    text = text.strip()[:_LONGEST_NAME]  # longer is no name: it is compared no further
    if candidate and _is_organisation(source, candidate):
        return candidate
    exact = _named_exactly(source, text) if text else []
    if len(exact) == 1:  # a label or printed name as written: two index lookups, no scan
        return exact[0]
    resolved = _resolved(text) if text else None
    if resolved and resolved != candidate and _is_organisation(source, resolved):
        return resolved
    index = _cached(source, "organisations", store_dir, _organisation_index)
    named = _named_once(index, "organisation", text, source, where)
    if named is not None:
        return named
    raise ValueNotFound("organisation", text, _where(source, where), index.nearest(text))


def _named_once(index: _Index, kind: str, text: str, source, where: str | None) -> str | None:
    """The one value ``text`` names in ``index``, or None when it names none.

    Raises
    ------
    ValueNotFound
        ``text`` names several values (listed, to choose from).
    """
    named = sorted(index.by_name.get(normalise_name(text), ()))
    if len(named) == 1:
        return named[0]
    if named:
        raise ValueNotFound(kind, text, _where(source, where), [index.matches[v] for v in named], ambiguous=True)
    return None


# --------------------------------------------------------------------------- municipalities

_MUNICIPALITIES = """
PREFIX esf:  <https://w3id.org/esfgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?code ?label WHERE { ?municipality esf:municipalityCode ?code OPTIONAL { ?municipality rdfs:label ?label } }"""


def _municipality_index(source) -> _Index:
    index = _Index()
    for code, label in sorted(_rows(source, _MUNICIPALITIES), key=lambda r: (r[0] or "", r[1] or "")):
        if code is None or code in index.matches:
            continue
        index.matches[code] = Match(code, code, label or "")
        index.add(code, code)
        if label:
            # "Jönköping", "Jönköpings kommun", "Jönköping kommun" all name 0680.
            for name in (label, f"{label} kommun", f"{label}s kommun", f"{label} {code}", f"{code} {label}"):
                index.add(code, name)
    return index


def find_municipality(source, text: str, *, where: str | None = None,
                      store_dir: str | os.PathLike[str] | None = None) -> str:
    """Return the four-digit code of the municipality that ``text`` names (code or name).

    Raises
    ------
    ValueNotFound
        No municipality of the store has that code or name: the nearest ones (a code
        short of its leading zero, ``680``, first suggests ``0680``).
    """
    text = text.strip()[:_LONGEST_NAME]
    index = _cached(source, "municipalities", store_dir, _municipality_index)
    named = _named_once(index, "municipality", text, source, where)
    if named is not None:
        return named
    suggestions = index.nearest(text)
    if text.isdigit() and text.zfill(4) in index.matches:
        padded = index.matches[text.zfill(4)]
        suggestions = [padded] + [m for m in suggestions if m != padded][:SUGGESTIONS - 1]
    raise ValueNotFound("municipality", text, _where(source, where), suggestions)
