"""Split a graph into self-contained batches of focus nodes for SHACL validation.

pySHACL's time grows faster than the graph when the graph is large, and a call per
project costs too much fixed overhead. A batch is a few hundred projects together with
everything reachable from them by following objects (their participations, the
organisations and parent organisations those name, places, counties, countries, source
pages). Because the shapes in ``ontology/shapes.ttl`` only look at a focus node's own
triples and at the types of the nodes it points to, every node of a batch is validated
exactly as it would be in the whole graph. Nodes that no project reaches (an
organisation no participation names) are gathered into further batches the same way.

The graph is held in a pyoxigraph store (in memory for a file, on disk for ``--store``),
which indexes it compactly; batches leave it as plain tuples that pickle cheaply to
worker processes, and become small rdflib graphs there.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from ..vocab import ESF

__all__ = [
    "open_source",
    "target_classes",
    "shape_predicates",
    "iter_batches",
    "graph_from_batch",
    "EncodedTriple",
    "SourceError",
]

#: A triple as plain tuples: IRI ``("i", iri)``, blank node ``("b", id)``,
#: literal ``("l", lexical, datatype_or_None, language_or_None)``.
EncodedTriple = tuple

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


class SourceError(ValueError):
    """The graph to validate cannot be read; the message is one line naming the file."""


def open_source(source) -> ox.Store:
    """Return a pyoxigraph store holding the graph to validate.

    Parameters
    ----------
    source : path, rdflib.Graph or pyoxigraph.Store
        An RDF file (``.nt``, ``.ttl``, ``.rdf``, ``.jsonld``; of ``.nq`` and ``.trig`` the
        union of all graphs), a store folder or an open store (its default graph, where the
        instance data is), or an rdflib graph.

    Raises
    ------
    SourceError
        The file is missing, of an unknown type, or not valid RDF.
    """
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, Graph):
        store = ox.Store()
        store.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in source)
        return store
    path = Path(source)
    if path.is_dir():
        from ..store import StoreError, open_store

        try:
            return open_store(path, read_only=True)
        except StoreError as error:
            raise SourceError(str(error)) from None
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
    if fmt is None:
        raise SourceError(f"{path}: unknown RDF file type {path.suffix!r} (use .nt, .ttl, .nq, .trig, .rdf or .jsonld)")
    store = ox.Store()
    try:
        if fmt in _QUAD_FORMATS:  # TriG / N-Quads: validate the union of the graphs
            store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt))
        else:
            store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SourceError(f"{path}: not valid {fmt.name}: {first_line}") from None
    return store


def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def target_classes(shapes: Graph) -> list[ox.NamedNode]:
    """Return the classes the shapes target (``sh:targetClass``, and implicit class targets)."""
    classes = {c for c in shapes.objects(None, SH.targetClass) if isinstance(c, URIRef)}
    classes |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in shapes}
    return [ox.NamedNode(str(c)) for c in sorted(classes)]


#: Predicates the text report reads besides those the shapes check (see context.py).
_CONTEXT_PREDICATES = (
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "https://w3id.org/esfgraph/ontology#fileName",
    "https://w3id.org/esfgraph/ontology#printedName",
    "http://www.w3.org/ns/org#role",
    "https://w3id.org/esfgraph/ontology#project",
    "https://w3id.org/esfgraph/ontology#organisation",
    "https://w3id.org/esfgraph/ontology#municipality",
    "https://w3id.org/esfgraph/ontology#transnationalCountry",
    "https://w3id.org/esfgraph/ontology#municipalityCode",
    "https://w3id.org/esfgraph/ontology#countyCode",
    "https://w3id.org/esfgraph/ontology#isoCode",
)


def shape_predicates(shapes: Graph) -> frozenset[ox.NamedNode] | None:
    """Return the predicates validation needs, or ``None`` when it needs every triple.

    A shape's result depends only on the triples whose predicate is one of its paths (plus
    ``rdf:type`` for targets and ``sh:class``), so the others (``esf:resolutionMethod``,
    ``esf:listPosition``, the shortcut properties...) can be left out of the graphs pySHACL
    sees, which makes them smaller and faster to build. Shapes with ``sh:closed`` or a path
    that is not a plain property need everything.
    """
    if any(True for _ in shapes.subjects(SH.closed, None)):
        return None
    paths = set(shapes.objects(None, SH.path))
    if any(not isinstance(path, URIRef) for path in paths):
        return None
    keep = {str(path) for path in paths} | {str(RDF.type), str(RDFS.subClassOf)} | set(_CONTEXT_PREDICATES)
    return frozenset(ox.NamedNode(p) for p in keep)


def _encode(term) -> tuple:
    if isinstance(term, ox.NamedNode):
        return ("i", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    return ("l", term.value, term.datatype.value if term.datatype else None, term.language)


def _closure(store: ox.Store, roots: Iterable, seen: set, keep: frozenset | None) -> list[EncodedTriple]:
    """Triples of ``roots`` and of every node reachable from them through objects.

    ``rdf:type`` objects are not followed: classes are not data, and following them would
    pull an ontology loaded into the same store into every batch. Every link is followed,
    but only triples whose predicate is in ``keep`` (all when ``None``) are returned.
    Each node is visited once, so its triples are listed once.
    """
    triples: list[EncodedTriple] = []
    encoded: dict = {}  # pyoxigraph term -> its tuple; predicates and concepts repeat a lot

    def encode(term):
        found = encoded.get(term)
        if found is None:
            found = encoded[term] = _encode(term)
        return found

    stack = list(roots)
    visited: set = set()
    default = ox.DefaultGraph()
    while stack:
        node = stack.pop()
        if node in visited:
            continue
        visited.add(node)
        seen.add(node)
        subject = encode(node)
        for quad in store.quads_for_pattern(node, None, None, default):
            predicate, target = quad.predicate, quad.object
            if keep is None or predicate in keep:
                triples.append((subject, encode(predicate), encode(target)))
            if predicate != _RDF_TYPE and not isinstance(target, ox.Literal) and target not in visited:
                stack.append(target)
    return triples


def _instances(store: ox.Store, cls: ox.NamedNode) -> list:
    nodes = {q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, cls, ox.DefaultGraph())}
    return sorted(nodes, key=str)


def iter_batches(
    store: ox.Store,
    classes: list[ox.NamedNode],
    batch_size: int | None = 500,
    keep: frozenset | None = None,
) -> Iterator[list[EncodedTriple]]:
    """Yield batches of encoded triples that together cover every focus node.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph, in the store's default graph (a store's analysis graph is not read).
    classes : list of pyoxigraph.NamedNode
        The classes the shapes target (:func:`target_classes`).
    batch_size : int or None
        Projects per batch; ``None`` or ``0`` yields the whole graph as one batch.
    keep : frozenset, optional
        Only triples with these predicates are yielded (:func:`shape_predicates`).

    Yields
    ------
    list of EncodedTriple
        The triples of one batch: its root nodes and everything reachable from them.
    """
    if not batch_size:
        yield [
            (_encode(q.subject), _encode(q.predicate), _encode(q.object))
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if keep is None or q.predicate in keep
        ]
        return
    seen: set = set()
    project_class = ox.NamedNode(str(ESF.Project))
    projects = _instances(store, project_class)
    for start in range(0, len(projects), batch_size):
        yield _closure(store, projects[start : start + batch_size], seen, keep)
    # Focus nodes no project reaches: organisations no one names, stray places...
    rest: list = []
    for cls in classes:
        if cls != project_class:
            rest.extend(node for node in _instances(store, cls) if node not in seen)
    rest = sorted(set(rest), key=str)
    # Such nodes are small; batch them by a larger count.
    step = batch_size * 10
    for start in range(0, len(rest), step):
        chunk = [node for node in rest[start : start + step] if node not in seen]
        if chunk:
            yield _closure(store, chunk, seen, keep)


def graph_from_batch(triples: Iterable[EncodedTriple]) -> Graph:
    """Build an rdflib graph from encoded triples (in a worker process).

    An ill-typed literal ("2008-13-01"^^xsd:date) is kept as it is, for SHACL to report;
    rdflib's own warning about it (with a traceback) is silenced while building.
    """
    term_logger = logging.getLogger("rdflib.term")
    level = term_logger.level
    term_logger.setLevel(logging.ERROR)
    try:
        return _build_graph(triples)
    finally:
        term_logger.setLevel(level)


def _build_graph(triples: Iterable[EncodedTriple]) -> Graph:
    graph = Graph()
    iris: dict[str, URIRef] = {}

    def term(encoded):
        kind = encoded[0]
        if kind == "i":
            node = iris.get(encoded[1])
            if node is None:
                node = iris[encoded[1]] = URIRef(encoded[1])
            return node
        if kind == "b":
            return BNode(encoded[1])
        _, lexical, datatype, language = encoded
        if language:
            return Literal(lexical, lang=language)
        if datatype in (None, _XSD_STRING, _LANG_STRING):
            return Literal(lexical)
        return Literal(lexical, datatype=term(("i", datatype)))

    add = graph.add
    for s, p, o in triples:
        add((term(s), term(p), term(o)))
    return graph
