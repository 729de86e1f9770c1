"""What the networks read from the store: rows of plain strings, through SPARQL.

Three reads: organisations (label, type, parent, place, country), projects (title, dates,
period, number, region, grant) and participations (project, organisation, role). Rows
stream in the engine's order, which is not defined, so every value is settled by
:func:`smallest` (the smallest non-empty value wins), never by "the first one seen".

Oxigraph spends nearly all of a read turning stored term ids back into strings, once per
cell: the queries ask for no column that is not used, and the participations come grouped
by project, so that a project's IRI is decoded once rather than once per organisation.

Examples
--------
>>> smallest("b", "a"), smallest(None, "a"), smallest("a", "")
('a', 'a', 'a')
>>> from esfgraph.store import open_store
>>> rows = select_rows(open_store("build/demo/store"), "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")  # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..model import ROLES
from ..vocab import ORGTYPE, PERIOD, PREFIXES, REGION, role_concept

__all__ = [
    "ProjectInfo",
    "open_analysis_store",
    "select_rows",
    "smallest",
    "read_organisations",
    "read_projects",
    "read_participations",
    "period_for_year",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ProjectInfo:
    """What the networks need to know about one project."""

    iri: str
    title: str | None = None
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date
    start_year: int | None = None
    end_year: int | None = None
    period: str | None = None  # programme period key, e.g. "2007-2013"
    number: str | None = None  # project number (else diary number) as printed
    region: str | None = None  # ESF region: its name (the concept's label), else as printed
    grant: int | None = None  # ESF grant, SEK


def open_analysis_store(store_dir: str | Path, read_only: bool = True):
    """Open the embedded store at ``store_dir`` (see :func:`esfgraph.store.open_store`).

    Raises
    ------
    esfgraph.store.StoreError
        When ``store_dir`` is missing, not a store, locked or damaged (one line).
    """
    from ..store import open_store  # noqa: PLC0415 - the network stage calls the store stage

    return open_store(store_dir, read_only=read_only)


def select_rows(store, query: str) -> Iterator[tuple[str | None, ...]]:
    """Run a SPARQL SELECT and yield its rows as tuples of plain strings.

    Parameters
    ----------
    store : pyoxigraph.Store
        An open store.
    query : str
        A SELECT query; its projected variables give the tuples' order.

    Yields
    ------
    tuple of (str or None)
        One per solution: each term's value (an IRI without brackets, a literal's
        lexical form), ``None`` where the variable is unbound. Rows come in the engine's
        order, which is not defined: keep sets, or the :func:`smallest` value.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
    >>> list(select_rows(store, "SELECT ?s ?o ?none WHERE { ?s ?p ?o }"))
    [('http://x/a', '1', None)]
    """
    for solution in store.query(query):  # a solution iterates its variables' terms, None when unbound
        yield tuple([None if term is None else term.value for term in solution])


def smallest(current, new):
    """Return the smaller of two values, ignoring ``None`` and ``""``.

    The same choice whatever order rows come in: used to settle a property that a
    resource has more than once.

    Examples
    --------
    >>> smallest(None, "b"), smallest("b", "a"), smallest("a", None)
    ('b', 'a', 'a')
    """
    if new is None or new == "":
        return current
    return new if current is None or current == "" or new < current else current


def period_for_year(year: int | None) -> str | None:
    """Return the programme period of a start year, for projects whose period is not stated.

    Examples
    --------
    >>> period_for_year(2016), period_for_year(1999)
    ('2014-2020', None)
    """
    if year is None:
        return None
    for first, last in ((2000, 2006), (2007, 2013), (2014, 2020), (2021, 2027)):
        if first <= year <= last:
            return f"{first}-{last}"
    return None


# --------------------------------------------------------------------------- queries

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

# Each property is read in a subquery of its own: Oxigraph joins subqueries by hashing,
# where a basic graph pattern looks every participation or project up on disk in turn.
# Grouped by project, each project IRI is decoded once instead of once per participation
# (IRIs hold no space or line break, so "org role" lines split safely).
_PARTICIPATIONS = _PROLOGUE + """
SELECT ?project (GROUP_CONCAT(CONCAT(STR(?org), " ", STR(?role)); separator="\\n") AS ?members) WHERE {
  { SELECT ?participation ?role WHERE { VALUES ?role { %s } ?participation org:role ?role } }
  { SELECT ?participation ?project WHERE { ?participation esf:project ?project } }
  { SELECT ?participation ?org WHERE { ?participation esf:organisation ?org } }
} GROUP BY ?project"""

_ORGANISATIONS = _PROLOGUE + """
SELECT ?org ?label ?type ?parent ?mcode ?ccode ?county ?country WHERE {
  { SELECT DISTINCT ?org WHERE { VALUES ?class { org:Organization org:OrganizationalUnit } ?org a ?class } }
  OPTIONAL { SELECT ?org ?label WHERE { ?org rdfs:label ?label } }
  OPTIONAL { SELECT ?org ?type WHERE { ?org esf:orgType ?type } }
  OPTIONAL { SELECT ?org ?parent WHERE { ?org org:unitOf ?parent } }
  OPTIONAL {
    SELECT ?org ?mcode ?ccode ?county WHERE {
      { SELECT ?org ?place WHERE { VALUES ?link { esf:locatedIn esf:governs } ?org ?link ?place } }
      {
        # Each place once: a municipality (with its county) or a county (regions, county boards).
        SELECT ?place ?mcode (COALESCE(?ccode_of_municipality, ?ccode_of_county) AS ?ccode)
               (COALESCE(?county_of_municipality, ?county_itself) AS ?county) WHERE {
          { SELECT DISTINCT ?place WHERE { VALUES ?link { esf:locatedIn esf:governs } ?any ?link ?place } }
          OPTIONAL { ?place esf:municipalityCode ?mcode }
          OPTIONAL { ?place esf:county ?c .
                     OPTIONAL { ?c esf:countyCode ?ccode_of_municipality }
                     OPTIONAL { ?c rdfs:label ?county_of_municipality } }
          OPTIONAL { ?place a esf:County .
                     OPTIONAL { ?place esf:countyCode ?ccode_of_county }
                     OPTIONAL { ?place rdfs:label ?county_itself } }
        }
      }
    }
  }
  OPTIONAL { SELECT ?org ?country WHERE { ?org esf:country ?co . ?co esf:isoCode ?country } }
}"""

_PROJECTS = _PROLOGUE + """
SELECT ?project ?title ?start ?end ?year ?period ?number ?diary ?region ?regionText ?grant WHERE {
  { SELECT ?project WHERE { ?project a esf:Project } }
  OPTIONAL { SELECT ?project ?title WHERE { ?project dcterms:title ?title } }
  OPTIONAL { SELECT ?project ?number WHERE { ?project esf:projectNumber ?number } }
  OPTIONAL { SELECT ?project ?diary WHERE { ?project esf:diaryNumber ?diary } }
  OPTIONAL { SELECT ?project ?region WHERE { ?project esf:region ?region } }
  OPTIONAL { SELECT ?project ?regionText WHERE { ?project esf:regionText ?regionText } }
  OPTIONAL { SELECT ?project ?grant WHERE { ?project esf:esfGrantSEK ?grant } }
  OPTIONAL { SELECT ?project ?start WHERE { ?project schema:startDate ?start } }
  OPTIONAL { SELECT ?project ?end WHERE { ?project schema:endDate ?end } }
  OPTIONAL { SELECT ?project ?year WHERE { ?project esf:startYear ?year } }
  OPTIONAL { SELECT ?project ?period WHERE { ?project esf:programmePeriod ?period } }
}"""


def _concept_key(iri: str | None, namespace) -> str | None:
    if iri is None:
        return None
    prefix = str(namespace)
    return iri[len(prefix):].replace("-", "_") if iri.startswith(prefix) else iri


def _iso_date(text: str | None) -> str | None:
    return text if text and _DATE.match(text) else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


_ORG_KEYS = ("label", "type", "parent", "municipality_code", "county_code", "county", "country")


def read_organisations(store) -> dict[str, dict[str, Any]]:
    """Return organisation IRI -> ``{label, type, parent, municipality_code, county_code, county, country}``.

    ``type`` is the organisation type's key (``agency_office``); ``parent`` the
    organisation it is a unit of (never itself); the county code falls back on the first
    two digits of the municipality code. Missing values are ``None``.
    """
    info: dict[str, dict[str, Any]] = {}
    for org, label, otype, parent, mcode, ccode, county, country in select_rows(store, _ORGANISATIONS):
        entry = info.get(org)
        if entry is None:
            entry = info[org] = dict.fromkeys(_ORG_KEYS)
        entry["label"] = smallest(entry["label"], label)
        entry["type"] = smallest(entry["type"], _concept_key(otype, ORGTYPE))
        entry["parent"] = smallest(entry["parent"], parent if parent != org else None)
        entry["municipality_code"] = smallest(entry["municipality_code"], mcode)
        entry["county_code"] = smallest(entry["county_code"], ccode)
        entry["county"] = smallest(entry["county"], county)
        entry["country"] = smallest(entry["country"], country)
    for entry in info.values():
        # A municipality code's first two digits are its county's code.
        if entry["county_code"] is None and entry["municipality_code"]:
            entry["county_code"] = entry["municipality_code"][:2]
    return info


_PROJECT_KEYS = ("title", "start", "end", "year", "period", "number", "diary", "region", "region_text", "grant")


def read_projects(store) -> dict[str, ProjectInfo]:
    """Return project IRI -> :class:`ProjectInfo` for every ``esf:Project`` of the store.

    The start year is the stated one, else the start date's; the end year the end
    date's, else the start year; the period the stated one, else the start year's.
    """
    found: dict[str, dict[str, Any]] = {}
    for project, title, start, end, year, period, number, diary, region, region_text, grant in select_rows(
            store, _PROJECTS):
        entry = found.get(project)
        if entry is None:
            entry = found[project] = dict.fromkeys(_PROJECT_KEYS)
        for key, value in (("title", title), ("start", _iso_date(start)), ("end", _iso_date(end)),
                           ("year", _int(year)), ("period", _concept_key(period, PERIOD)), ("number", number),
                           ("diary", diary), ("region", region), ("region_text", region_text),
                           ("grant", _int(grant))):
            entry[key] = smallest(entry[key], value)
    projects = {}
    region_names: dict[str | None, str | None] = {}  # a handful of regions, ~0.2 ms per label lookup
    for iri, e in found.items():
        start_year = e["year"] if e["year"] is not None else (int(e["start"][:4]) if e["start"] else None)
        end_year = int(e["end"][:4]) if e["end"] else start_year
        period = e["period"].replace("_", "-") if e["period"] else period_for_year(start_year)
        if e["region"] not in region_names:
            region_names[e["region"]] = _region_name(e["region"])
        projects[iri] = ProjectInfo(iri, e["title"], e["start"], e["end"], start_year, end_year, period,
                                    e["number"] or e["diary"], region_names[e["region"]] or e["region_text"],
                                    e["grant"])
    return projects


def _region_name(concept: str | None) -> str | None:
    """The Swedish label of an ESF region concept (from the shipped concept scheme)."""
    if not concept or not concept.startswith(str(REGION)):
        return None
    from rdflib import URIRef  # noqa: PLC0415

    from ..rdf import concept_index  # noqa: PLC0415 - the concept schemes are the rdf stage's

    return concept_index().label(URIRef(concept))


def read_participations(store, roles: Iterable[str] = ROLES) -> dict[str, dict[str, set[str]]]:
    """Return project IRI -> {organisation IRI -> role keys} for the participations in ``roles``.

    Parameters
    ----------
    store : pyoxigraph.Store
    roles : iterable of str
        Role keys (``co_financier``); participations in other roles are not read.

    Returns
    -------
    dict
        Projects with at least one such participation, in the engine's order.
    """
    keys = {str(role_concept(r)): r for r in roles}
    values = " ".join(f"<{iri}>" for iri in keys)
    projects: dict[str, dict[str, set[str]]] = {}
    for project, members in select_rows(store, _PARTICIPATIONS % values):
        orgs: dict[str, set[str]] = {}
        for line in members.split("\n"):
            org, _, role = line.rpartition(" ")
            found = orgs.get(org)
            if found is None:
                orgs[org] = {keys[role]}
            else:
                found.add(keys[role])
        projects[project] = orgs
    return projects
