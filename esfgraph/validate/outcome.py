"""What a validation found: :class:`ValidationOutcome`, made by the engine, read by the report.

Its own module, so that the engine (:mod:`esfgraph.validate.engine`), which makes it, and
the report (:mod:`esfgraph.validate.report`), which reads it, do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from .context import NodeContext, ProjectInfo
from .results import ValidationResult

__all__ = ["ValidationOutcome"]


@dataclass
class ValidationOutcome:
    """What validation found.

    Attributes
    ----------
    conforms : bool
        True when there is no result of severity ``Violation`` (warnings are allowed).
    violations, warnings, infos : int
        How many results of each severity.
    results : list of ValidationResult
        Every result, sorted by focus node, path, shape, component, severity, value.
    report_graph : rdflib.Graph
        The standard ``sh:ValidationReport``.
    text : str
        The report for people (``validation.txt``), grouped by project.
    checked : int
        How many projects (``esf:Project`` resources) the graph has.
    batches : int
        How many pySHACL runs it took.
    seconds : float
        Wall-clock time of the validation.
    """

    conforms: bool
    violations: int = 0
    warnings: int = 0
    infos: int = 0
    results: list[ValidationResult] = field(default_factory=list)
    report_graph: Graph | None = None
    text: str = ""
    checked: int = 0
    batches: int = 0
    seconds: float = 0.0
    contexts: dict[str, NodeContext] = field(default_factory=dict, repr=False)
    projects: dict[str, ProjectInfo] = field(default_factory=dict, repr=False)

    def of_severity(self, severity: str) -> list[ValidationResult]:
        """Return the results of one severity (``"Violation"``, ``"Warning"``, ``"Info"``)."""
        return [r for r in self.results if r.severity == severity]
