"""Validation results as plain, comparable records, and the standard SHACL report graph.

pySHACL's report is an rdflib graph whose result nodes are blank nodes, so reports from
separate runs (one per batch) cannot be compared or merged as graphs. Each result is
turned into a :class:`ValidationResult` keyed by focus node, path, value, source shape,
constraint component and severity; batches are merged by that key, sorted, and written
back as one ``sh:ValidationReport`` with stable blank-node ids, so that the same data
always gives the same ``validation.ttl``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from ..vocab import PREFIXES
from ..rdf import nt_term

__all__ = ["ValidationResult", "results_from_report", "report_graph", "SEVERITIES"]

#: Severity local names, most serious first.
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result.

    Attributes
    ----------
    focus : rdflib term
        The focus node.
    path : rdflib term or None
        The result path (a property IRI).
    value : rdflib term or None
        The offending value, when SHACL names one.
    shape : rdflib term
        The source shape, e.g. ``esfsh:Project-title``.
    component : str
        The constraint component's local name, e.g. ``MinCountConstraintComponent``.
    severity : str
        ``Violation``, ``Warning`` or ``Info``.
    messages : tuple of (text, language)
        The ``sh:resultMessage`` literals, sorted.
    """

    focus: object
    path: object
    value: object
    shape: object
    component: str
    severity: str
    messages: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple:
        """The identity of a result (N-Triples spellings): same key, same finding."""
        return (
            nt_term(self.focus),
            nt_term(self.path) if self.path is not None else "",
            nt_term(self.shape),
            self.component,
            self.severity,
            nt_term(self.value) if self.value is not None else "",
        )

    def message(self, lang: str = "en") -> str:
        """Return the message in ``lang`` (else any message, else the component's name)."""
        for text, language in self.messages:
            if language == lang:
                return text
        return self.messages[0][0] if self.messages else self.component


def _local(term) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def results_from_report(report: Graph) -> list[ValidationResult]:
    """Return the results of a pySHACL report graph, sorted by key, without duplicates."""
    found: dict[tuple, ValidationResult] = {}
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = tuple(
            sorted((str(m), getattr(m, "language", None) or "") for m in report.objects(node, SH.resultMessage))
        )
        result = ValidationResult(
            focus=report.value(node, SH.focusNode),
            path=report.value(node, SH.resultPath),
            value=report.value(node, SH.value),
            shape=report.value(node, SH.sourceShape),
            component=_local(report.value(node, SH.sourceConstraintComponent) or ""),
            severity=_local(report.value(node, SH.resultSeverity) or SH.Violation),
            messages=messages,
        )
        found.setdefault(result.key, result)
    return [found[key] for key in sorted(found)]


def report_graph(results: Iterable[ValidationResult], conforms: bool) -> Graph:
    """Build a standard ``sh:ValidationReport`` graph from merged results.

    Result nodes get blank-node ids in result order (``r000001`` ...), so the Turtle
    serialisation is the same on every run. ``sh:conforms`` follows pySHACL's
    ``allow_warnings`` reading: warnings alone do not make the data non-conforming.
    """
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("sh", str(SH), override=True, replace=True)
    graph.bind("esfsh", "https://w3id.org/esfgraph/shapes#", override=True, replace=True)
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for index, result in enumerate(results, start=1):
        node = BNode(f"r{index:06d}")
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus))
        if result.path is not None:
            graph.add((node, SH.resultPath, result.path))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        graph.add((node, SH.sourceShape, result.shape))
        graph.add((node, SH.sourceConstraintComponent, SH[result.component]))
        graph.add((node, SH.resultSeverity, SH[result.severity]))
        for text, language in result.messages:
            graph.add((node, SH.resultMessage, Literal(text, lang=language or None)))
    return graph
