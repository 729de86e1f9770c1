"""The explorer's in-memory index of one store: organisations, projects, participations.

:func:`build_index` reads the store once, through a handful of SPARQL SELECTs (each
property in a subquery of its own, as the network stage does, so that Oxigraph joins by
hashing), and keeps plain Python objects that every page, the search and the partnership
filters read without another query. The index describes one *generation* of the store:
when the store is swapped (a rebuild) or changed (``analyze``), the server builds a new one.

Examples
--------
>>> from esfgraph.store import open_store
>>> index = build_index(open_store(sample_build / "store"))  # a build of the sample pages
>>> index.orgs["https://w3id.org/esfgraph/id/org/arbetsformedlingen"].label
'Arbetsförmedlingen'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..network import read_back, select_rows, smallest
from ..vocab import ORGTYPE, PERIOD, PREFIXES, REGION, ROLE

__all__ = ["Organisation", "Project", "Participation", "ExplorerIndex", "build_index", "PERIODS"]

#: Programme periods, oldest first; a project without one gets the period of its start year.
PERIODS: tuple[str, ...] = ("2000-2006", "2007-2013", "2014-2020", "2021-2027")


@dataclass
class Organisation:
    """One organisation or unit as the graph describes it."""

    iri: str
    label: str
    type: str | None = None  # org-type key, e.g. "agency_office"
    parent: str | None = None
    units: list[str] = field(default_factory=list)
    municipality: str | None = None  # four-digit code
    county: str | None = None  # two-digit code
    country: str | None = None
    org_number: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (property, outside IRI)
    spellings: set[str] = field(default_factory=set)  # as printed on pages


@dataclass
class Participation:
    """An organisation's part in a project, with its evidence."""

    project: str
    org: str
    role: str  # role key: owner, co_financier, partner, transnational_partner, mentioned
    printed: str | None = None
    confidence: float | None = None
    method: str | None = None
    source: str | None = None

    @property
    def evidence(self) -> str:
        """``text`` for a name found in the prose, ``listed`` for a printed list or the owner."""
        return "text" if self.role == "mentioned" else "listed"


@dataclass
class Project:
    """One project with the facts the explorer lists and filters on."""

    iri: str
    title: str | None = None
    number: str | None = None
    diary: str | None = None  # diary number, shown where a page prints no project number
    start: str | None = None
    end: str | None = None
    year: int | None = None
    end_year: int | None = None
    period: str | None = None
    region: str | None = None  # ESF region key
    region_text: str | None = None  # the region as printed, when it is no known region
    grant: int | None = None
    budget: int | None = None
    source: str | None = None  # source page IRI
    source_url: str | None = None
    source_file: str | None = None
    municipalities: list[str] = field(default_factory=list)  # codes
    participations: list[Participation] = field(default_factory=list)

    @property
    def years(self) -> range:
        """The calendar years the project runs (its start year alone when the end is unknown)."""
        if self.year is None:
            return range(0)
        return range(self.year, (self.end_year or self.year) + 1)


@dataclass
class ExplorerIndex:
    """Everything the explorer shows, for one generation of a store."""

    orgs: dict[str, Organisation]
    projects: dict[str, Project]
    municipalities: dict[str, tuple[str, str | None]]  # code -> (label, county code)
    counties: dict[str, str]  # code -> label
    regions: dict[str, str]  # ESF region key -> label
    by_org: dict[str, list[Participation]]
    analysis: dict | None = None  # esfgraph.network.read_back's answer
    base: str = "https://w3id.org/esfgraph/id/"
    memo: dict = field(default_factory=dict, repr=False)  # values derived once per index

    def org_label(self, iri: str) -> str:
        found = self.orgs.get(iri)
        return found.label if found else iri.rsplit("/", 1)[-1]

    def root(self, iri: str) -> str:
        """The top of ``iri``'s ``org:unitOf`` chain."""
        seen = {iri}
        while (parent := getattr(self.orgs.get(iri), "parent", None)) and parent not in seen:
            seen.add(parent)
            iri = parent
        return iri

    def coverage(self) -> list[tuple[str, int, int]]:
        """Per programme period: (period, projects, organisations taking part)."""
        if "coverage" in self.memo:
            return self.memo["coverage"]
        projects: dict[str, int] = defaultdict(int)
        orgs: dict[str, set[str]] = defaultdict(set)
        for project in self.projects.values():
            key = project.period or "unknown"
            projects[key] += 1
            orgs[key].update(p.org for p in project.participations)
        order = [p for p in PERIODS if p in projects] + sorted(set(projects) - set(PERIODS))
        self.memo["coverage"] = [(p, projects[p], len(orgs[p])) for p in order]
        return self.memo["coverage"]


_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _each_apart(head: str, subject: str, required: list[str], optional: list[tuple[str, str]]) -> str:
    """A SELECT with each property in a subquery of its own (Oxigraph joins them by
    hashing): ``required`` subqueries as written, ``optional`` ones as (variable, path)."""
    lines = [_PROLOGUE, f"{head} WHERE {{"]
    lines += [f"  {{ {query} }}" for query in required]
    lines += [f"  OPTIONAL {{ SELECT {subject} ?{var} WHERE {{ {subject} {path} ?{var} }} }}" for var, path in optional]
    return "\n".join(lines) + "\n}"


_PARTICIPATIONS = _each_apart(
    "SELECT ?part ?project ?org ?role ?printed ?confidence ?method ?source", "?part",
    ["SELECT ?part ?project WHERE { ?part esf:project ?project }", "SELECT ?part ?org WHERE { ?part esf:organisation ?org }",
     "SELECT ?part ?role WHERE { ?part a esf:Participation ; org:role ?role }"],
    [("printed", "esf:printedName"), ("confidence", "esf:confidence"), ("method", "esf:resolutionMethod"),
     ("source", "prov:wasDerivedFrom")])

_PROJECTS = _each_apart(
    "SELECT ?project ?title ?number ?diary ?start ?end ?year ?period ?region ?regionText ?grant ?budget ?source",
    "?project", ["SELECT ?project WHERE { ?project a esf:Project }"],
    [("title", "dcterms:title"), ("number", "esf:projectNumber"), ("diary", "esf:diaryNumber"),
     ("regionText", "esf:regionText"), ("start", "schema:startDate"), ("end", "schema:endDate"),
     ("year", "esf:startYear"), ("period", "esf:programmePeriod"), ("region", "esf:region"),
     ("grant", "esf:esfGrantSEK"), ("budget", "esf:totalBudgetSEK"), ("source", "prov:wasDerivedFrom")])

# Source pages apart: joined to the projects above they make Oxigraph loop (47 s at 10,000 pages).
_SOURCES = _each_apart("SELECT ?source ?url ?file", "?source", ["SELECT ?source WHERE { ?source a esf:SourcePage }"],
                       [("url", "schema:url"), ("file", "esf:fileName")])

_PROJECT_PLACES = _PROLOGUE + """
SELECT ?project ?code WHERE {
  { ?project esf:municipality ?m . ?m esf:municipalityCode ?code }
  UNION { ?project a esf:Project ; esf:municipalityCode ?code }
}"""

_ORGANISATIONS = _PROLOGUE + """
SELECT ?org ?label ?type ?parent ?place ?number ?country WHERE {
  { SELECT DISTINCT ?org WHERE { VALUES ?class { org:Organization org:OrganizationalUnit } ?org a ?class } }
  OPTIONAL { SELECT ?org ?label WHERE { ?org rdfs:label ?label } }
  OPTIONAL { SELECT ?org ?type WHERE { ?org esf:orgType ?type } }
  OPTIONAL { SELECT ?org ?parent WHERE { ?org org:unitOf ?parent } }
  OPTIONAL { SELECT ?org ?place WHERE { VALUES ?link { esf:locatedIn esf:governs } ?org ?link ?place } }
  OPTIONAL { SELECT ?org ?number WHERE { ?org esf:organisationNumber ?number } }
  OPTIONAL { SELECT ?org ?country WHERE { ?org esf:country ?c . ?c esf:isoCode ?country } }
}"""

_LINKS = _PROLOGUE + """
SELECT ?org ?property ?target WHERE {
  VALUES ?property { owl:sameAs schema:sameAs schema:url rdfs:seeAlso }
  ?org ?property ?target . FILTER(isIRI(?target))
}"""

_PLACES = _PROLOGUE + """
SELECT ?place ?kind ?code ?label ?county WHERE {
  { ?place a esf:Municipality ; esf:municipalityCode ?code . BIND("m" AS ?kind)
    OPTIONAL { ?place esf:county ?c . ?c esf:countyCode ?county } }
  UNION { ?place a esf:County ; esf:countyCode ?code . BIND("c" AS ?kind) }
  OPTIONAL { ?place rdfs:label ?label }
}"""

_CONCEPT_LABELS = _PROLOGUE + """
SELECT ?concept ?label WHERE { ?concept skos:prefLabel ?label . FILTER(LANG(?label) IN ("sv", "")) }"""


def _key(iri: str | None, namespace) -> str | None:
    if not iri:
        return None
    prefix = str(namespace)
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def _int(text: str | None) -> int | None:
    try:
        return int(float(text)) if text not in (None, "") else None
    except ValueError:
        return None


def _period_of(year: int | None) -> str | None:
    for period in PERIODS:
        first, last = (int(y) for y in period.split("-"))
        if year is not None and first <= year <= last:
            return period
    return None


def _read_places(store, index_parts: dict) -> None:
    municipalities, counties = index_parts["municipalities"], index_parts["counties"]
    places = index_parts["places"]
    for place, kind, code, label, county in select_rows(store, _PLACES):
        if kind == "m":
            old = municipalities.get(code, (None, None))
            municipalities[code] = (smallest(old[0], label) or code, smallest(old[1], county))
            places[place] = ("m", code)
        else:
            counties[code] = smallest(counties.get(code), label) or code
            places[place] = ("c", code)


def _read_organisations(store, places: dict, municipalities: dict) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for iri, label, otype, parent, place, number, country in select_rows(store, _ORGANISATIONS):
        org = orgs.setdefault(iri, Organisation(iri, ""))
        org.label = smallest(org.label, label) or ""
        org.type = smallest(org.type, (_key(otype, ORGTYPE) or "").replace("-", "_") or None)
        org.parent = smallest(org.parent, parent if parent != iri else None)
        org.org_number = smallest(org.org_number, number)
        org.country = smallest(org.country, country)
        kind, code = places.get(place, (None, None))
        if kind == "m":
            org.municipality = smallest(org.municipality, code)
        elif kind == "c":
            org.county = smallest(org.county, code)
    for org in orgs.values():
        org.label = org.label or org.iri.rstrip("/").rsplit("/", 1)[-1]
        if org.county is None and org.municipality:
            org.county = municipalities.get(org.municipality, (None, None))[1] or org.municipality[:2]
    for org in sorted(orgs.values(), key=lambda o: o.iri):
        if org.parent in orgs:
            orgs[org.parent].units.append(org.iri)
    for org, prop, target in select_rows(store, _LINKS):
        if org in orgs:
            orgs[org].links.append((prop, target))
    for org in orgs.values():
        org.links.sort()
    return orgs


def _read_projects(store) -> dict[str, Project]:
    projects: dict[str, Project] = {}
    sources: dict[str, tuple] = {}
    for source, url, file in select_rows(store, _SOURCES):
        old = sources.get(source, (None, None))
        sources[source] = (smallest(old[0], url), smallest(old[1], file))
    for row in select_rows(store, _PROJECTS):
        iri, title, number, diary, start, end, year, period, region, region_text, grant, budget, source = row
        url, file = sources.get(source, (None, None))
        p = projects.setdefault(iri, Project(iri))
        p.title, p.number = smallest(p.title, title), smallest(p.number, number)
        p.diary, p.region_text = smallest(p.diary, diary), smallest(p.region_text, region_text)
        p.start, p.end = smallest(p.start, start), smallest(p.end, end)
        p.year = smallest(p.year, _int(year))
        p.period = smallest(p.period, _key(period, PERIOD))
        p.region = smallest(p.region, _key(region, REGION))
        p.grant, p.budget = smallest(p.grant, _int(grant)), smallest(p.budget, _int(budget))
        p.source, p.source_url = smallest(p.source, source), smallest(p.source_url, url)
        p.source_file = smallest(p.source_file, file)
    for p in projects.values():
        if p.year is None and p.start:
            p.year = _int(p.start[:4])
        p.end_year = _int(p.end[:4]) if p.end else p.year
        p.period = (p.period or "").replace("_", "-") or _period_of(p.year)
    places: dict[str, set[str]] = defaultdict(set)
    for project, code in select_rows(store, _PROJECT_PLACES):
        places[project].add(code)
    for iri, codes in places.items():
        if iri in projects:
            projects[iri].municipalities = sorted(codes)
    return projects


def _read_participations(store, projects: dict[str, Project], orgs: dict[str, Organisation]) -> dict:
    seen: dict[str, Participation] = {}
    for part, project, org, role, printed, confidence, method, source in select_rows(store, _PARTICIPATIONS):
        key = (_key(role, ROLE) or "").replace("-", "_")
        if project not in projects:
            continue
        old = seen.get(part)
        seen[part] = Participation(
            project, org, key, smallest(old and old.printed, printed),
            smallest(old and old.confidence, float(confidence) if confidence else None),
            smallest(old and old.method, method), smallest(old and old.source, source))
    by_org: dict[str, list[Participation]] = defaultdict(list)
    for iri in sorted(seen):
        part = seen[iri]
        projects[part.project].participations.append(part)
        by_org[part.org].append(part)
        if part.printed and part.org in orgs:
            orgs[part.org].spellings.add(part.printed)
    return dict(by_org)


def _region_labels(store, projects: dict[str, Project]) -> dict[str, str]:
    """ESF region labels: the vocabulary's in the store, else the reference table's, else the key."""
    labels = {}
    for concept, label in select_rows(store, _CONCEPT_LABELS):
        key = _key(concept, REGION)
        if key != concept:
            labels[key] = smallest(labels.get(key), label)
    try:
        from ..resolve import Reference  # noqa: PLC0415 - reference tables, read once

        for key, region in Reference.load().esf_regions.items():
            labels.setdefault(key, region.label)
    except Exception:  # pragma: no cover - a damaged reference table must not stop the server
        pass
    for project in projects.values():
        if project.region and project.region not in labels:
            labels[project.region] = project.region.replace("-", " ").capitalize()
    return labels


def build_index(store) -> ExplorerIndex:
    """Read a store into an :class:`ExplorerIndex`.

    Parameters
    ----------
    store : pyoxigraph.Store
        An open store (read-only is enough).

    Returns
    -------
    ExplorerIndex
    """
    parts = {"municipalities": {}, "counties": {}, "places": {}}
    _read_places(store, parts)
    orgs = _read_organisations(store, parts["places"], parts["municipalities"])
    projects = _read_projects(store)
    by_org = _read_participations(store, projects, orgs)
    try:
        analysis = read_back(store)
    except Exception:  # noqa: BLE001 - an analysis graph of another version: show none
        analysis = None
    base = "https://w3id.org/esfgraph/id/"
    for iri in orgs:
        cut = iri.find("/org/")
        if cut > 0:
            base = iri[: cut + 1]
            break
    return ExplorerIndex(orgs, projects, parts["municipalities"], parts["counties"],
                         _region_labels(store, projects), by_org, analysis, base)
