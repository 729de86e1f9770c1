"""The pipeline: a declared list of stages, and the runner that runs it.

Each :class:`Stage` names what it needs (the stages whose products it reads). Most run
one after another in this process; validation needs only the graph files and writes
only its report, and no stage after it reads what it makes, so it runs in a process of
its own (``beside``) while the store is loaded, analysed and exported, and is joined
before the build records anything. Whatever ran where, the reports are recorded in the
declared order, so ``build.json`` and the summary read the same as when every stage ran
in turn.

Each stage starts at its pause point (:func:`esfgraph.build.signals.checkpoint`): a stop
received meanwhile is raised there, and the fault-injection hook can hold the build
there. A stop, or a failure, while a stage runs beside ends that stage's process before
the exception goes on.

Examples
--------
>>> [stage.name for stage in STAGES]
['pages', 'link', 'resolve_merge', 'rdf', 'validate', 'store', 'analyze', 'export']
>>> [stage.name for stage in STAGES if stage.beside]
['validate']
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..runtime.process import BackgroundTask
from .context import BuildContext
from .pages import run_pages
from .result import StageReport, StageState
from .reuse import reuse_previous
from .signals import checkpoint, raise_if_stopped
from .stages import run_analyze, run_export, run_link, run_rdf, run_resolve, run_store, run_validate

__all__ = ["Stage", "STAGES", "run_stages"]


@dataclass(frozen=True)
class Stage:
    """One step of the build.

    Attributes
    ----------
    name : str
        Its key in ``build.json``'s ``timings`` and in ``BuildContext.outputs``.
    run : callable
        ``run(context) -> StageReport``.
    needs : tuple of str
        The stages whose products it reads: it starts once they have finished.
    pause : str or None
        The pause point it starts at (:data:`esfgraph.build.signals.PAUSE_POINTS`).
    beside : bool
        It may run in a process of its own while the stages after it go on (nothing
        after it may need it but the build's record).
    analysis : bool
        It runs only when the build analyses (not with ``--no-analysis``).
    skipped_as : str or None
        The state key it records as skipped when it does not run (``None``: nothing).
    reusable_after : bool
        After it, the previous output's results may be taken instead of running the rest.
    """

    name: str
    run: Callable[[BuildContext], StageReport]
    needs: tuple[str, ...] = ()
    pause: str | None = None
    beside: bool = False
    analysis: bool = False
    skipped_as: str | None = None
    reusable_after: bool = False


STAGES = (
    Stage("pages", run_pages, reusable_after=True),
    Stage("link", run_link, needs=("pages",), pause="resolve"),
    Stage("resolve_merge", run_resolve, needs=("pages", "link")),
    Stage("rdf", run_rdf, needs=("resolve_merge",), pause="rdf"),
    Stage("validate", partial(run_validate, beside=True), needs=("rdf",), pause="validate", beside=True),
    Stage("store", run_store, needs=("rdf",), pause="store"),
    Stage("analyze", run_analyze, needs=("store",), pause="analyze", analysis=True, skipped_as="analyze"),
    Stage("export", run_export, needs=("analyze",), pause="export", analysis=True),
)


def _timed(stage: Stage, context: BuildContext) -> StageReport:
    """Run ``stage``; its report carries its wall time (taken in the process that ran it)."""
    started = time.perf_counter()
    report = stage.run(context)
    if report.seconds is None:
        report.seconds = time.perf_counter() - started
    return report


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class _Run:
    """One run of the stages: the reports so far, the stages running beside, the record."""

    def __init__(self, context: BuildContext, stages: tuple[Stage, ...]) -> None:
        self.context, self.stages = context, stages
        self.reports: dict[str, StageReport] = {}
        self.beside: dict[str, BackgroundTask] = {}
        self.unrecorded: list[str] = []  # stages started or skipped, whose reports are not recorded yet

    def join(self, name: str) -> None:
        """Wait for a stage running beside; its report joins the others."""
        task = self.beside.pop(name)
        self.reports[name] = task.result()
        raise_if_stopped()  # a stop whose exception was lost while waiting

    def record(self) -> None:
        """Record the finished reports in the declared order, up to the first one still running."""
        while self.unrecorded and self.unrecorded[0] in self.reports:
            self.context.result.record(self.reports[self.unrecorded.pop(0)])

    def start(self, stage: Stage) -> None:
        """Run ``stage`` here, or start it beside."""
        for need in stage.needs:
            if need in self.beside:
                self.join(need)
        if stage.pause:
            checkpoint(stage.pause)
        if stage.beside and _can_fork():
            self.beside[stage.name] = BackgroundTask(_timed, stage, self.context)
            return
        report = _timed(stage, self.context)
        self.reports[stage.name] = report
        self.context.outputs[stage.name] = report.value


def _skipped(stage: Stage) -> StageReport | None:
    if stage.skipped_as is None:
        return None
    return StageReport(stage.name, state_key=stage.skipped_as, state=StageState.SKIPPED_NO_ANALYSIS)


def run_stages(context: BuildContext, stages: tuple[Stage, ...] | None = None) -> None:
    """Run ``stages`` (default :data:`STAGES`) and record their reports in ``context.result``,
    in the declared order.

    Stops after a stage marked ``reusable_after`` when the previous output can be reused
    (:func:`esfgraph.build.reuse.reuse_previous`).
    """
    stages = STAGES if stages is None else stages
    run = _Run(context, stages)
    try:
        for stage in stages:
            if stage.analysis and not context.options.analyze:
                skipped = _skipped(stage)
                if skipped is not None:
                    run.reports[stage.name] = skipped
            else:
                run.start(stage)
            if stage.name in run.reports or stage.name in run.beside:
                run.unrecorded.append(stage.name)
            run.record()
            if stage.reusable_after and context.options.cache and _reuse(context):
                return
        for name in list(run.beside):
            run.join(name)
        run.record()
    finally:
        for task in run.beside.values():
            task.cancel()


def _reuse(context: BuildContext) -> bool:
    if not reuse_previous(context.result, context.staging, context.previous, context.echo):
        return False
    context.echo(f"nothing changed since the build in {context.previous}: "
                 "its graph, validation, store and analysis are reused")
    return True
