"""What a build did, as data: each stage's :class:`StageReport` and the whole :class:`BuildResult`.

A stage's outcome is a :class:`StageState`; ``build.json`` spells it as it always has
("done", "skipped (--no-analysis)"): :meth:`BuildResult.to_json` is the one place that
turns the data into those strings.

Examples
--------
>>> from pathlib import Path
>>> result = BuildResult(out_dir=Path("out"))
>>> result.record(StageReport("store", state_key="store", seconds=1.5, counts={"triples": 9}))
>>> result.stages["store"] is StageState.DONE, result.counts, result.timings
(True, {'triples': 9}, {'store': 1.5})
>>> result.to_json()["stages"]
{'store': 'done'}
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__

__all__ = ["StageState", "StageReport", "BuildResult"]


class StageState(str, enum.Enum):
    """How a stage ended. A ``str`` too, so that ``state == "done"`` reads as before."""

    DONE = "done"
    SKIPPED_NO_ANALYSIS = "skipped (--no-analysis)"

    def __str__(self) -> str:
        return self.value


@dataclass
class StageReport:
    """What one stage adds to the build's record.

    Attributes
    ----------
    name : str
        The stage's key in ``timings``.
    state_key : str or None
        Its key in ``stages`` (``None``: a step that reports no state of its own).
    state : StageState
        How it ended.
    seconds : float or None
        Its wall time (``None``: not timed, as a skipped stage).
    counts, timings : dict
        Counts it adds to ``counts``; further timings (CPU seconds) after its own.
    summary : list of str
        Lines it adds to the summary.
    conforms : bool or None
        Whether the graph conforms to the shapes (the validation stage says).
    value : object
        The stage's product for the stages after it (graph files, an analysis...).
    """

    name: str
    state_key: str | None = None
    state: StageState = StageState.DONE
    seconds: float | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    conforms: bool | None = None
    value: Any = field(default=None, repr=False)


@dataclass
class BuildResult:
    """What a build did: counts, timings, per-file outcomes, and stage states."""

    out_dir: Path
    counts: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    stages: dict[str, StageState] = field(default_factory=dict)
    conforms: bool | None = None
    summary_lines: list[str] = field(default_factory=list)
    build_key: str | None = None  # digest of code, options and every input: equal keys, equal outputs
    outputs_state: str | None = None  # digest of the reusable outputs as written (esfgraph.build.reuse)

    @property
    def rejected(self) -> list[dict[str, Any]]:
        """The ``files`` entries whose status is ``rejected``."""
        return [entry for entry in self.files if entry["status"] == "rejected"]

    def record(self, report: StageReport) -> None:
        """Add a stage's report: its timing, its further timings, its counts, state and summary."""
        if report.seconds is not None:
            self.timings[report.name] = report.seconds
        self.timings.update(report.timings)
        self.counts.update(report.counts)
        if report.state_key is not None:
            self.stages[report.state_key] = report.state
        self.summary_lines.extend(report.summary)
        if report.conforms is not None:
            self.conforms = report.conforms

    def to_json(self) -> dict[str, Any]:
        """The content of ``build.json``: today's keys, in today's order, states as strings."""
        return {
            "esfgraph_version": __version__,
            "counts": self.counts,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "stages": {k: getattr(v, "value", v) for k, v in self.stages.items()},
            "conforms": self.conforms,
            "build_key": self.build_key,
            "outputs_state": self.outputs_state,
            "summary": self.summary_lines,
            "files": self.files,
        }
