"""Run the SHACL-SPARQL shapes once over the whole graph, in Oxigraph.

pySHACL runs a SPARQL constraint once per focus node, in rdflib's engine: seconds per
thousand projects. The same constraint asked once, with ``$this`` as a plain variable
bound by the shape's target (``?this rdf:type/rdfs:subClassOf* C``), gives every focus
node's results in one Oxigraph query, in milliseconds. :func:`run_sparql_shapes` does that
for every ``sh:sparql`` shape of the shapes graph and returns the results as pySHACL would
report them (focus node, ``?path``, ``?value`` or else the focus node, the shape, the
``SPARQLConstraintComponent``, the shape's severity and the constraint's messages);
``tests/validate/test_batches.py`` compares the two on the same graphs.

The queries must follow SHACL-SPARQL's rules (no ``VALUES``, no ``MINUS``), project
``$this``, and use only ``$this`` as a pre-bound variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ..rdf import rdflib_term
from .results import ValidationResult

__all__ = ["SparqlShape", "sparql_shapes", "run_sparql_shapes"]

_THIS = re.compile(r"\$this\b")
_SELECT_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class SparqlShape:
    """One ``sh:sparql`` constraint of one shape, ready to run over a whole graph."""

    shape: URIRef
    query: str
    severity: str
    messages: tuple[tuple[str, str], ...]


def _prologue(shapes: Graph, constraint) -> str:
    lines = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _targeted(select: str, classes: list[URIRef]) -> str:
    """The query with ``$this`` as ``?this`` and its targets stated at the top of the WHERE."""
    target = " UNION ".join(f"{{ ?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{c}> }}"
                            for c in classes)
    body = _THIS.sub("?this", select)
    found = _SELECT_WHERE.search(body)
    if found is None:
        raise ValueError("a SHACL-SPARQL select without WHERE { ... }")
    return body[:found.end()] + f" {target} " + body[found.end():]


def sparql_shapes(shapes: Graph, names: tuple[str, ...] | None = None) -> list[SparqlShape]:
    """The SPARQL constraints of ``shapes`` (only those of the shapes ``names``, if given)."""
    found: list[SparqlShape] = []
    for shape in sorted(set(shapes.subjects(SH.sparql, None)), key=str):
        if names is not None and str(shape) not in names:
            continue
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        classes = sorted(c for c in shapes.objects(shape, SH.targetClass) if isinstance(c, URIRef))
        if not classes:
            continue
        severity = str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
            select = shapes.value(constraint, SH.select)
            if select is None:
                continue
            messages = tuple(sorted((str(m), getattr(m, "language", None) or "")
                                    for m in shapes.objects(constraint, SH.message)))
            query = _prologue(shapes, constraint) + "\n" + _targeted(str(select), classes)
            found.append(SparqlShape(shape, query, severity, messages))
    return found


def run_sparql_shapes(path: Path, checks: list[SparqlShape]) -> list[ValidationResult]:
    """Run ``checks`` over the N-Triples file ``path``; return their results.

    Parameters
    ----------
    path : Path
        The graph, as N-Triples (sorted or not).
    checks : list of SparqlShape
        From :func:`sparql_shapes`.

    Returns
    -------
    list of ValidationResult
        One per solution of each query, without duplicates.
    """
    if not checks:
        return []
    store = ox.Store()
    # Lenient: the batches parse every line strictly already; checking IRIs and language
    # tags a second time here costs a fifth of the load.
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    results: dict[tuple, ValidationResult] = {}
    for check in checks:
        solutions = store.query(check.query)
        names = {variable.value for variable in solutions.variables}
        for solution in solutions:
            focus = rdflib_term(solution["this"])
            value = rdflib_term(solution["value"]) if "value" in names else None
            path_term = rdflib_term(solution["path"]) if "path" in names else None
            result = ValidationResult(
                focus=focus, path=path_term, value=value if value is not None else focus, shape=check.shape,
                component="SPARQLConstraintComponent", severity=check.severity, messages=check.messages)
            results.setdefault(result.key, result)
    return [results[key] for key in sorted(results)]
