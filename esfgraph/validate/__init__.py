"""The validate stage: SHACL validation of the graph that scales with the number of projects.

Public API (see ``docs/architecture.md``):

- :func:`validate_graph` (``source``, ``shapes=None``, ``batch_size=500``, ``workers=None``)
  -> :class:`ValidationOutcome` (``conforms``, ``violations``, ``warnings``,
  ``report_graph``, ``text``);
- :func:`write_validation` (``outcome``, ``out_dir``) -> ``validation.txt``, ``validation.ttl``.

Examples
--------
>>> from esfgraph.validate import validate_graph, write_validation
>>> outcome = validate_graph("build/demo/graph.nt")         # doctest: +SKIP
>>> write_validation(outcome, "build/demo")                 # doctest: +SKIP
"""

from .source import SourceError
from .engine import default_shapes_path, load_shapes, validate_graph
from .outcome import ValidationOutcome
from .report import ValidationFiles, render_text, write_validation
from .results import ValidationResult

__all__ = [
    "validate_graph",
    "write_validation",
    "ValidationOutcome",
    "ValidationResult",
    "ValidationFiles",
    "SourceError",
    "load_shapes",
    "default_shapes_path",
    "render_text",
]
