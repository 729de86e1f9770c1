"""Cut a sorted N-Triples file into self-contained batches for SHACL validation.

The shapes in ``ontology/shapes.ttl`` look only at a focus node's own triples and at the
types of the nodes it points to (``sh:class``). So a batch needs only: the triples of
the subjects it validates (its *owned* subjects, consecutive in the sorted file), the
``rdf:type`` triples of every node they point to, and the class axioms. Each subject is
owned by exactly one batch, so shared organisations and places are validated once, in
the batches that hold their part of the file, never again with every project that names
them. Results are kept for owned focus nodes only, which is what whole-graph validation
finds for them (``tests/validate/test_batches.py`` proves it).

Two streaming passes over the file, nothing of the whole graph in memory but one map
from subject to its classes (:class:`TypeIndex`):

1. :meth:`TypeIndex.scan` finds every ``rdf:type`` and ``rdfs:subClassOf`` line with one
   regular expression per block of the file;
2. :func:`iter_batches` reads the lines, keeps only predicates the shapes read
   (:class:`ShapePlan`), and yields :class:`Batch` objects holding N-Triples bytes, which
   pickle cheaply to worker processes and become small rdflib graphs there
   (:func:`esfgraph.validate.batchgraph.graph_from_ntriples`).

SHACL-SPARQL shapes (``sh:sparql``) look across nodes; they are set apart
(:attr:`ShapePlan.sparql_shapes`) and run once over the whole graph in Oxigraph
(:mod:`esfgraph.validate.sparql`), not in the batches. Other shapes that look further
than a node's own triples (``sh:node``, ``sh:or`` and other shape-taking parameters,
``sh:closed``, property paths, ``sh:targetNode``, ``sh:targetObjectsOf``) make
:class:`ShapePlan` refuse batching; the graph is then validated in one piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..rdf import nt_term
from ..vocab import ESF
from .source import NotStreamable

__all__ = [
    "ShapePlan",
    "plan_shapes",
    "TypeIndex",
    "Batch",
    "iter_batches",
    "RDF_TYPE",
]

RDF_TYPE = nt_term(RDF.type)
SUBCLASS_OF = nt_term(RDFS.subClassOf)
PROJECT = nt_term(ESF.Project)

#: Parameters whose value is another shape: validating them needs the value node's own
#: triples, which another batch may hold.
_NESTING = (SH.node, SH.qualifiedValueShape, SH["and"], SH["or"], SH.xone, SH["not"], SH.closed,
            SH.targetNode, SH.targetObjectsOf, SH.target)
#: Parameters whose value is a second property of the focus node.
_PAIR_PARAMETERS = (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals)
_SHAPE_CLASSES = (SH.NodeShape, SH.PropertyShape)
_RDFS_CLASS = URIRef("http://www.w3.org/2000/01/rdf-schema#Class")


@dataclass(frozen=True)
class ShapePlan:
    """What the shapes need from the data, and whether batches can be validated apart.

    Attributes
    ----------
    batchable : bool
        True when every shape looks only at its focus node's triples and the types of
        the nodes they point to.
    keep : frozenset of str or None
        Predicates (N-Triples spelling) the shapes read; ``None`` means all.
    targets : dict
        Shape IRI (N-Triples spelling) -> the classes it targets.
    reason : str or None
        Why batching is off, in plain words.
    sparql_shapes : tuple of str
        The SHACL-SPARQL shapes (IRIs), run over the whole graph rather than in batches.
    """

    batchable: bool
    keep: frozenset[str] | None
    targets: dict[str, frozenset[str]] = field(default_factory=dict)
    reason: str | None = None
    sparql_shapes: tuple[str, ...] = ()

    def shapes_for(self, classes: frozenset[str]) -> list[str]:
        """The shapes (IRIs, sorted) that target any of ``classes``."""
        return sorted(shape[1:-1] for shape, targets in self.targets.items() if targets & classes)


def plan_shapes(shapes: Graph) -> ShapePlan:
    """Read the shapes once: the predicates they need and the classes each one targets.

    Parameters
    ----------
    shapes : rdflib.Graph
        The shapes graph.

    Returns
    -------
    ShapePlan
    """
    for parameter in _NESTING:
        if any(True for _ in shapes.subject_objects(parameter)):
            local = str(parameter).rsplit("#", 1)[-1]
            return ShapePlan(False, None, reason=f"the shapes use sh:{local}")
    paths = set(shapes.objects(None, SH.path))
    if any(not isinstance(path, URIRef) for path in paths):
        return ShapePlan(False, None, reason="the shapes use property paths")
    keep = {nt_term(path) for path in paths} | {RDF_TYPE, SUBCLASS_OF}
    keep |= {nt_term(value) for parameter in _PAIR_PARAMETERS for value in shapes.objects(None, parameter)}
    keep |= {nt_term(value) for value in shapes.objects(None, SH.targetSubjectsOf)}
    candidates = {s for cls in _SHAPE_CLASSES for s in shapes.subjects(RDF.type, cls)}
    candidates |= set(shapes.subjects(SH.targetClass, None)) | set(shapes.subjects(SH.path, None))
    candidates |= set(shapes.subjects(SH.targetSubjectsOf, None))
    sparql = set(shapes.subjects(SH.sparql, None))
    if any(not isinstance(shape, URIRef) for shape in sparql):
        return ShapePlan(False, None, reason="a SPARQL shape has no IRI")
    targets: dict[str, frozenset[str]] = {}
    for shape in candidates - sparql:
        classes = {nt_term(c) for c in shapes.objects(shape, SH.targetClass) if isinstance(c, URIRef)}
        if (shape, RDF.type, _RDFS_CLASS) in shapes:
            classes.add(nt_term(shape))  # implicit class target
        if any(True for _ in shapes.objects(shape, SH.targetSubjectsOf)):
            return ShapePlan(False, frozenset(keep), reason="the shapes use sh:targetSubjectsOf")
        if not classes:
            continue  # no target: never validated on its own
        if not isinstance(shape, URIRef):
            return ShapePlan(False, frozenset(keep), reason="a shape with targets has no IRI")
        targets[nt_term(shape)] = frozenset(classes)
    return ShapePlan(True, frozenset(keep), targets, sparql_shapes=tuple(sorted(str(s) for s in sparql)))


_SUBCLASS_LINE = re.compile(r"\S+ " + re.escape(SUBCLASS_OF) + r" [<_]\S* \.\n")


def _blocks(path: Path, size: int = 1 << 23) -> Iterator[str]:
    """The file in blocks of whole lines."""
    with open(path, encoding="utf-8", newline="\n") as handle:
        rest = ""
        while True:
            block = handle.read(size)
            if not block:
                break
            block = rest + block
            cut = block.rfind("\n") + 1
            rest = block[cut:]
            if cut:
                yield block[:cut]
        if rest:
            yield rest + "\n"


class TypeIndex:
    """Every subject's classes, the ``rdfs:subClassOf`` triples, and the number of projects.

    Types are kept as tuples of class IRIs (N-Triples spelling) shared between subjects,
    so the index costs about one dictionary entry per typed subject.

    Parameters
    ----------
    types : dict
        Subject -> classes.
    subclass_lines : list of str
        The graph's own ``rdfs:subClassOf`` lines, added to every batch.
    axioms : iterable of (str, str)
        ``(subclass, superclass)`` pairs to add to the graph's own (none by default).
    """

    def __init__(self, types: dict[str, tuple[str, ...]], subclass_lines: list[str], axioms=()):
        self.types = types
        self.subclass_lines = subclass_lines
        self._parents: dict[str, set[str]] = {}
        for sub, sup in axioms:
            self._parents.setdefault(sub, set()).add(sup)
        for line in subclass_lines:
            sub, _p, rest = line.split(" ", 2)
            self._parents.setdefault(sub, set()).add(rest[:-3])
        self.projects = sum(1 for classes in types.values() if PROJECT in classes)

    @classmethod
    def scan(cls, path: Path, axioms=()) -> "TypeIndex":
        """Read the ``rdf:type`` and ``rdfs:subClassOf`` lines of an N-Triples file.

        The predicate is searched for in whole blocks of the file (``str.find`` runs in C);
        only the lines it is found in are looked at, and a hit inside a literal is told
        apart by the space it leaves in the would-be subject.
        """
        types: dict[str, tuple[str, ...]] = {}
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        subclass_lines: list[str] = []
        type_mark, subclass_mark = f" {RDF_TYPE} ", f" {SUBCLASS_OF} "
        for block in _blocks(path):
            found = block.find(type_mark)
            while found >= 0:
                start = block.rfind("\n", 0, found) + 1
                end = block.find("\n", found)
                subject = block[start:found]
                cls_ = block[found + len(type_mark):end - 2]
                if " " not in subject and cls_[:1] in "<_" and " " not in cls_:
                    known = types.get(subject, ())
                    if cls_ not in known:
                        merged = tuple(sorted((*known, cls_)))
                        types[subject] = shared.setdefault(merged, merged)
                found = block.find(type_mark, end)
            found = block.find(subclass_mark)
            while found >= 0:
                start = block.rfind("\n", 0, found) + 1
                end = block.find("\n", found)
                line = block[start:end + 1]
                if " " not in block[start:found] and _SUBCLASS_LINE.match(line):
                    subclass_lines.append(line)
                found = block.find(subclass_mark, end)
        return cls(types, subclass_lines, axioms)

    def closure(self, classes: Iterable[str]) -> frozenset[str]:
        """``classes`` with all their superclasses."""
        found = set()
        stack = list(classes)
        while stack:
            cls_ = stack.pop()
            if cls_ not in found:
                found.add(cls_)
                stack.extend(self._parents.get(cls_, ()))
        return frozenset(found)


@dataclass
class Batch:
    """One pySHACL run: N-Triples bytes and the subjects whose results it decides.

    ``unread`` holds the batch's lines that no shape reads: they are only parsed, so that
    a syntax error anywhere in the file is found, as a whole-file parse would find it.
    """

    data: bytes
    owned: frozenset[str]
    classes: frozenset[str]
    triples: int
    unread: bytes = b""
    #: The ``rdf:type`` lines of nodes the batch points to but does not own: ``sh:class``
    #: reads them, but no shape should target those nodes here (another batch owns them).
    refs: bytes = b""
    #: The whole graph in one batch: every shape runs on it, SPARQL ones included.
    whole: bool = False


def _batch(lines: list[str], unread: list[str], owned: set[str], refs: set[str], index: TypeIndex) -> Batch:
    types = index.types
    extra = [f"{node} {RDF_TYPE} {cls_} .\n" for node in sorted(refs - owned) for cls_ in types.get(node, ())]
    classes = index.closure({cls_ for subject in owned for cls_ in types.get(subject, ())})
    body = "".join(lines) + "".join(index.subclass_lines)
    return Batch(body.encode("utf-8"), frozenset(owned), classes, len(lines) + len(extra) + len(index.subclass_lines),
                 "".join(unread).encode("utf-8"), "".join(extra).encode("utf-8"))


def iter_batches(path: Path, index: TypeIndex, keep: frozenset[str] | None, batch_size: int | None) -> Iterator[Batch]:
    """Yield batches that together own every subject of a sorted N-Triples file once.

    Parameters
    ----------
    path : Path
        Sorted, canonical N-Triples (see :mod:`esfgraph.validate.source`).
    index : TypeIndex
        From :meth:`TypeIndex.scan` of the same file.
    keep : frozenset of str or None
        Predicates to pass on (:attr:`ShapePlan.keep`); ``None`` passes every triple.
    batch_size : int or None
        Projects per batch (a batch also ends at ten times as many subjects of other
        kinds, e.g. organisations); ``None`` or ``0``: one batch for the whole file.

    Yields
    ------
    Batch

    Raises
    ------
    NotStreamable
        When the file is not sorted by subject or a line is not canonical N-Triples.
    """
    types = index.types
    limit = batch_size or 0
    lines: list[str] = []
    unread: list[str] = []
    owned: set[str] = set()
    refs: set[str] = set()
    projects = 0
    current = ""
    with open(path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            parts = line.split(" ", 2)
            if len(parts) != 3 or not line.endswith(" .\n"):
                if line.endswith(" .") and len(parts) == 3:  # the last line, without a newline
                    line += "\n"
                    parts[2] += "\n"
                else:
                    raise NotStreamable(line)
            subject, predicate, rest = parts
            if subject != current:
                if subject <= current or subject[0] not in "<_" or "\\" in subject:
                    raise NotStreamable(line)
                if limit and (projects >= limit or len(owned) >= 10 * limit):
                    yield _batch(lines, unread, owned, refs, index)
                    lines, unread, owned, refs, projects = [], [], set(), set(), 0
                current = subject
                owned.add(subject)
                if PROJECT in types.get(subject, ()):
                    projects += 1
            if predicate[0] != "<" or predicate[-1] != ">" or "\\" in predicate:
                raise NotStreamable(line)
            if keep is None or predicate in keep:
                lines.append(line)
                if rest[0] in "<_" and predicate != RDF_TYPE:
                    refs.add(rest[:-3])
            else:
                unread.append(line)
    if owned:
        yield _batch(lines, unread, owned, refs, index)
