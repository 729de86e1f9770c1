"""Small rdflib graphs for pySHACL, built fast from a batch's N-Triples bytes.

A worker turns each batch (:class:`esfgraph.validate.batches.Batch`) into an rdflib
graph. Two things make that, and pySHACL's lookups in it, cheap: Oxigraph parses the
bytes and each term is converted once, and the graph lives in :class:`_BatchStore`, a
one-graph store without the per-context bookkeeping of rdflib's default store.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.stores.memory import SimpleMemory

__all__ = ["graph_from_ntriples", "forget_terms"]

_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def graph_from_ntriples(data: bytes, described: bytes = b"") -> Graph:
    """Build an rdflib graph from N-Triples bytes (in a worker process).

    Oxigraph parses; terms are converted once each (predicates, classes and concepts
    repeat a lot). An ill-typed literal ("2008-13-01"^^xsd:date) is kept as it is, for
    SHACL to report; rdflib's own warning about it (with a traceback) is silenced.

    Parameters
    ----------
    data : bytes
        N-Triples: the triples of the graph.
    described : bytes
        N-Triples about nodes the graph only points to (a batch's
        :attr:`~esfgraph.validate.batches.Batch.refs`): found by a lookup with the subject
        given, as ``sh:class`` makes, but not by one without it, as a shape's target makes;
        so a shape is never run on a node that another batch owns.

    Raises
    ------
    SyntaxError
        When ``data`` is not valid N-Triples.
    """
    term_logger = logging.getLogger("rdflib.term")
    level = term_logger.level
    term_logger.setLevel(logging.ERROR)
    try:
        return _build_graph(data, described)
    finally:
        term_logger.setLevel(level)


class _BatchStore(SimpleMemory):
    """A one-graph rdflib store for a batch: three dictionary indexes and nothing else.

    rdflib's default ``Memory`` store keeps per-context bookkeeping that a batch (one
    graph) never needs, and even ``SimpleMemory`` compares every pattern term with
    ``!=`` (a Python-level ``__eq__`` per lookup); pySHACL makes hundreds of thousands of
    lookups per batch. This store indexes triples by subject then predicate, and by
    predicate then object, in insertion-ordered dictionaries, and tests pattern terms with
    ``is None``. (A pattern with only the object bound, which pySHACL does not use for
    these shapes, looks the object up under each of the few predicates.) It inherits
    only ``SimpleMemory``'s prefix bookkeeping, and says it is context and graph aware,
    which pySHACL requires (it wraps the graph in an rdflib ``Dataset`` whose own methods
    it never uses). ``tests/validate/test_batches.py`` checks that the results are those of
    plain pySHACL over an ordinary rdflib graph.
    """

    context_aware = True
    graph_aware = True

    def __init__(self) -> None:
        super().__init__()
        self._spo: dict = {}
        self._pos: dict = {}
        self._count = 0

    def add(self, triple, context, quoted: bool = False) -> None:
        """Add a triple (a second add of the same triple changes nothing)."""
        s, p, o = triple
        by_predicate = self._spo.get(s)
        if by_predicate is None:
            by_predicate = self._spo[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        elif o in objects:
            return
        objects[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        self._count += 1

    def describe(self, triple) -> None:
        """Add a triple that only lookups with its subject given find (see ``graph_from_ntriples``)."""
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self._count += 1

    def remove(self, triple_pattern, context=None) -> None:
        for (s, p, o), _contexts in list(self.triples(triple_pattern)):
            del self._spo[s][p][o]
            self._pos.get(p, {}).get(o, {}).pop(s, None)  # a described triple has no entry here
            self._count -= 1

    def triples(self, triple_pattern, context=None):
        """Yield ``((s, p, o), ())`` for every triple matching the pattern (``None``: any)."""
        s, p, o = triple_pattern
        none = ()
        if s is not None:
            by_predicate = self._spo.get(s)
            if not by_predicate:
                return
            predicates = (p,) if p is not None else tuple(by_predicate)
            for predicate in predicates:
                objects = by_predicate.get(predicate)
                if not objects:
                    continue
                if o is not None:
                    if o in objects:
                        yield (s, predicate, o), none
                else:
                    for obj in tuple(objects):
                        yield (s, predicate, obj), none
        elif p is not None:
            by_object = self._pos.get(p)
            if not by_object:
                return
            objects = (o,) if o is not None else tuple(by_object)
            for obj in objects:
                for subject in tuple(by_object.get(obj, none)):
                    yield (subject, p, obj), none
        elif o is not None:
            for predicate, by_object in tuple(self._pos.items()):
                for subject in tuple(by_object.get(o, none)):
                    yield (subject, predicate, o), none
        else:
            for subject, by_predicate in tuple(self._spo.items()):
                for predicate, objects in tuple(by_predicate.items()):
                    for obj in tuple(objects):
                        yield (subject, predicate, obj), none

    def __len__(self, context=None) -> int:
        return self._count


#: Oxigraph term -> rdflib term, kept from batch to batch in a worker: predicates, classes,
#: concepts, organisations and common values recur in every batch, and making an rdflib
#: term (its checks, a literal's Python value) costs more than the rest of the loop.
_TERMS: dict = {}
#: Past this many terms the cache starts again (about 50 MB).
_TERMS_LIMIT = 200_000


def forget_terms() -> None:
    """Drop the terms kept between batches (a validation in this process is over)."""
    _TERMS.clear()


def _build_graph(data: bytes, described: bytes) -> Graph:
    store = _BatchStore()
    graph = Graph(store=store)
    if len(_TERMS) > _TERMS_LIMIT:
        _TERMS.clear()
    terms = _TERMS

    def term(node):
        if isinstance(node, ox.NamedNode):
            found = URIRef(node.value)
        elif isinstance(node, ox.BlankNode):
            found = BNode(node.value)
        elif node.language:
            found = Literal(node.value, lang=node.language)
        elif node.datatype.value in (_XSD_STRING, _LANG_STRING):
            found = Literal(node.value)
        else:
            found = Literal(node.value, datatype=term(node.datatype))
        terms[node] = found
        return found

    get = terms.get
    spo, pos = store._spo, store._pos
    count = 0
    # store.add written out: a method call per triple costs as much as the rest of the loop
    for triple in ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES):
        subject, predicate, obj = triple.subject, triple.predicate, triple.object
        s = get(subject)
        if s is None:
            s = term(subject)
        p = get(predicate)
        if p is None:
            p = term(predicate)
        o = get(obj)
        if o is None:
            o = term(obj)
        by_predicate = spo.get(s)
        if by_predicate is None:
            by_predicate = spo[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        elif o in objects:
            continue
        objects[o] = None
        by_object = pos.get(p)
        if by_object is None:
            by_object = pos[p] = {}
        subjects = by_object.get(o)
        if subjects is None:
            by_object[o] = {s: None}
        else:
            subjects[s] = None
        count += 1
    store._count = count
    if described:
        for triple in ox.parse(input=described, format=ox.RdfFormat.N_TRIPLES):
            store.describe(tuple(get(node) or term(node) for node in (triple.subject, triple.predicate, triple.object)))
    return graph
