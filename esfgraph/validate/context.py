"""What a person needs to read a validation result: which project, which page, which name.

Computed after validation, for the focus nodes that have results only: one streaming pass
over the sorted N-Triples file (:func:`gather_context`) picks out the few triples that
name those nodes and the projects and pages they belong to (a node's own names, the
triples pointing at it, and from there projects and their pages), into a small graph on
which :func:`node_context` answers exactly as it would on the whole graph. A node found
only after its lines were passed (not the case for the graphs esfgraph writes, where
participations come just before their project and pages after all projects) is picked up
by a further pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rdflib import Graph, URIRef

from ..rdf import nt_term
from ..vocab import DCTERMS, ESF, ORG, PROV, RDF, RDFS
from .batchgraph import graph_from_ntriples

__all__ = ["NodeContext", "ProjectInfo", "node_context", "merge_contexts", "gather_context", "contexts_for", "KINDS"]

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


_SHORTCUTS = (ESF.owner, ESF.coFinancier, ESF.partner, ESF.transnationalPartner, ESF.mentions)
#: What node_context reads about a node itself.
_OWN = frozenset(nt_term(p) for p in (
    RDF.type, DCTERMS.title, RDFS.label, ESF.fileName, ESF.municipalityCode, ESF.countyCode, ESF.isoCode,
    ESF.printedName, ORG.role, ESF.project, PROV.wasDerivedFrom))
#: The triples node_context follows backwards, from a project or participation to the node.
_REVERSE = frozenset(nt_term(p) for p in (
    PROV.wasDerivedFrom, ESF.organisation, ESF.municipality, ESF.transnationalCountry, *_SHORTCUTS))
#: The triples it follows forwards: participation -> project -> page.
_FORWARD = frozenset(nt_term(p) for p in (ESF.project, PROV.wasDerivedFrom))


def _object(line: str) -> str:
    """The object of a canonical N-Triples line when it is an IRI or blank node (else junk
    that never equals one: a literal's tail always holds its closing quote)."""
    end = len(line) - 3 if line.endswith(" .\n") else len(line) - 2
    return line[line.rfind(" ", 0, end) + 1:end]


def gather_context(path: Path, focus: Iterable[str], types: dict[str, tuple[str, ...]] | None = None) -> Graph:
    """Return the triples of ``path`` that :func:`node_context` reads for ``focus``.

    Parameters
    ----------
    path : Path
        Sorted, canonical N-Triples (the file that was validated).
    focus : iterable of str
        Focus nodes in N-Triples spelling (``<iri>``, ``_:id``).
    types : dict, optional
        Subject -> classes (:class:`esfgraph.validate.batches.TypeIndex`): projects and
        participations need no search for what points at them.

    Returns
    -------
    rdflib.Graph
        A small graph: for every focus node its names and the projects and pages it
        belongs to, as in the whole graph.
    """
    targets = frozenset(focus)
    self_contained = {nt_term(ESF.Project), nt_term(ESF.Participation)}
    reverse = frozenset(t for t in targets if types is None or not self_contained & set(types.get(t, ())))
    wanted: set[str] = set(targets)
    lines: dict[str, None] = {}
    todo: set[str] = set(targets)  # nodes whose lines are still to be read
    first = True
    while todo:
        missed: set[str] = set()
        current, keep, group = "", False, []

        def take(subject: str, group: list[str]) -> None:
            for line in group:
                _s, predicate, rest = line.split(" ", 2)
                if predicate in _OWN:
                    lines[line if line.endswith("\n") else line + "\n"] = None
                    obj = rest.rstrip("\n")[:-2]
                    if predicate in _FORWARD and obj not in wanted and obj[:1] in "<_":
                        wanted.add(obj)
                        (missed if obj < subject else todo).add(obj)

        scan_reverse = first and bool(reverse)
        with open(path, encoding="utf-8", newline="\n") as handle:
            for line in handle:
                subject = line[:line.find(" ")]
                if subject != current:
                    if keep:
                        take(current, group)
                    current, group = subject, []
                    keep = subject in todo
                    todo.discard(subject)
                if scan_reverse and _object(line) in reverse and line.split(" ", 2)[1] in _REVERSE:
                    lines[line if line.endswith("\n") else line + "\n"] = None
                    if subject not in wanted:
                        wanted.add(subject)
                        keep = True  # its own lines too: a participation's project, a project's pages
                if keep or scan_reverse:
                    group.append(line)
            if keep:
                take(current, group)
        first = False  # the lines pointing at the focus nodes are all found in the first pass
        todo = missed
    return graph_from_ntriples("".join(lines).encode("utf-8"))


def contexts_for(path: Path, focus: Iterable, types: dict[str, tuple[str, ...]] | None = None,
                 ) -> tuple[dict[str, NodeContext], dict[str, ProjectInfo]]:
    """Return the context of every focus node (rdflib terms) and the info of their projects."""
    focus = sorted(set(focus), key=str)
    nodes: dict[str, NodeContext] = {}
    projects: dict[str, ProjectInfo] = {}
    if not focus:
        return nodes, projects
    graph = gather_context(path, (nt_term(node) for node in focus), types)
    for node in focus:
        context, infos = node_context(graph, node)
        nodes[str(node)] = context
        merge_contexts((nodes, projects), ({}, infos))
    return nodes, projects
