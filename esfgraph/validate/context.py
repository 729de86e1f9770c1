"""What a person needs to read a validation result: which project, which page, which name.

Computed in the worker from the batch graph, for the focus nodes that have results only,
and merged across batches by union (every project that refers to a node is in some batch
together with it, so the union equals what the whole graph would say).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from ..vocab import DCTERMS, ESF, ORG, PROV, RDF, RDFS

__all__ = ["NodeContext", "ProjectInfo", "node_context", "merge_contexts", "KINDS"]

#: rdf:type -> the kind of node, in the order sections appear in validation.txt.
KINDS: dict[URIRef, str] = {
    ESF.Project: "project",
    ESF.Participation: "participation",
    ESF.SourcePage: "page",
    ORG.Organization: "organisation",
    ORG.OrganizationalUnit: "organisation",
    ESF.Municipality: "place",
    ESF.County: "place",
    ESF.Country: "place",
}

_ROLE_NAMES = {
    "owner": "owner",
    "co-financier": "co-financier",
    "partner": "partner",
    "transnational-partner": "transnational partner",
    "mentioned": "mentioned",
}


@dataclass
class ProjectInfo:
    """A project's title and the file names of the pages it was read from."""

    title: str | None = None
    pages: set[str] = field(default_factory=set)


@dataclass
class NodeContext:
    """How to name a focus node in the text report, and which projects it belongs to."""

    kind: str = "other"
    label: str | None = None
    projects: set[str] = field(default_factory=set)


def _first(graph: Graph, node, predicate) -> str | None:
    """The smallest value, so that a node with two values is always named the same way."""
    values = sorted(str(v) for v in graph.objects(node, predicate))
    return values[0] if values else None


def _project_info(graph: Graph, project: URIRef) -> ProjectInfo:
    titles = sorted({str(t) for t in graph.objects(project, DCTERMS.title)})
    title = '" / "'.join(titles) if titles else None
    pages = {
        str(name)
        for page in graph.objects(project, PROV.wasDerivedFrom)
        for name in graph.objects(page, ESF.fileName)
    }
    return ProjectInfo(title, pages)


def _label(graph: Graph, node, kind: str) -> str | None:
    if kind == "participation":
        name = _first(graph, node, ESF.printedName)
        role = _first(graph, node, ORG.role)
        role_name = _ROLE_NAMES.get(role.rsplit("/", 1)[-1], "") if role is not None else ""
        text = f'"{name}"' if name is not None else "participation"
        return f"{text} ({role_name})" if role_name else text
    for predicate in (DCTERMS.title, RDFS.label, ESF.fileName, ESF.municipalityCode, ESF.countyCode, ESF.isoCode):
        value = _first(graph, node, predicate)
        if value is not None:
            return value
    return None


def node_context(graph: Graph, node) -> tuple[NodeContext, dict[str, ProjectInfo]]:
    """Return the context of one focus node and the info of the projects it belongs to."""
    kinds = [KINDS[t] for t in graph.objects(node, RDF.type) if t in KINDS]
    kind = min(kinds, key=list(dict.fromkeys(KINDS.values())).index) if kinds else "other"
    projects: set = set()
    if kind == "project":
        projects.add(node)
    elif kind == "participation":
        projects.update(graph.objects(node, ESF.project))
    elif kind == "page":
        projects.update(s for s in graph.subjects(PROV.wasDerivedFrom, node) if (s, RDF.type, ESF.Project) in graph)
    elif kind == "organisation":
        for participation in graph.subjects(ESF.organisation, node):
            projects.update(graph.objects(participation, ESF.project))
        for shortcut in (ESF.owner, ESF.coFinancier, ESF.partner, ESF.transnationalPartner, ESF.mentions):
            projects.update(graph.subjects(shortcut, node))
    elif kind == "place":
        projects.update(graph.subjects(ESF.municipality, node))
        projects.update(graph.subjects(ESF.transnationalCountry, node))
    infos = {str(p): _project_info(graph, p) for p in projects if isinstance(p, URIRef)}
    return NodeContext(kind, _label(graph, node, kind), set(infos)), infos


def merge_contexts(
    into: tuple[dict[str, NodeContext], dict[str, ProjectInfo]],
    batch: tuple[dict[str, NodeContext], dict[str, ProjectInfo]],
) -> None:
    """Merge one batch's contexts into the running totals (union of projects and pages)."""
    nodes, projects = into
    batch_nodes, batch_projects = batch
    for key, context in batch_nodes.items():
        known = nodes.setdefault(key, NodeContext(context.kind, context.label))
        known.label = known.label or context.label
        known.projects |= context.projects
    for key, info in batch_projects.items():
        known = projects.setdefault(key, ProjectInfo(info.title))
        known.title = known.title or info.title
        known.pages |= info.pages
