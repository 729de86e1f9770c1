"""``build()``: the pipeline run into a staging folder that is swapped into place whole.

The output appears all at once: the build writes a staging folder and swaps it into
place only when it is complete (:mod:`esfgraph.atomic`), so an interrupted build leaves
the previous output as it was.

What an interruption leaves (tested in ``tests/reliability/test_interrupts.py``):

* Ctrl-C, SIGTERM or SIGHUP before the swap: the staging folder is removed and ``OUT``
  is untouched; the swap itself runs with these signals held back, so it is never cut
  in half; after the swap the build counts as complete (an interruption then only
  skips deleting the previous output, which the next build removes).
* SIGKILL (or a crash, or power loss) at any moment: ``OUT`` is the previous or the new
  output, whole; the dead build's staging folder is removed by the next build. Its
  worker processes exit by themselves within a second (:mod:`esfgraph.runtime.process`).
* A rebuild never pulls the store from under a server that writes to it: when
  ``OUT/store`` is locked by another process (``esfgraph serve --allow-updates``) the
  build stops with :class:`~esfgraph.atomic.BuildLocked` before changing anything.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..atomic import OutputLock, clean_stale, exchange_into_place, staging_dir
from ..linkpass import PageSpool
from .context import BuildContext
from .options import BuildInterrupted, BuildOptions, check_options
from .pipeline import run_stages
from .result import BuildResult
from .reuse import outputs_state
from .signals import checkpoint, raise_if_stopped, signals_held, stop_handlers
from .stages import graph_writer
from .storelock import refuse_if_store_in_use

__all__ = ["build", "run_pipeline"]


def run_pipeline(paths: Iterable[os.PathLike | str], staging: Path, previous: Path, options: BuildOptions,
                 echo: Callable[[str], None]) -> BuildResult:
    """Run every stage into ``staging``; return what they did (``build.json`` is not written yet)."""
    from ..extract import iter_input_files

    files, missing = iter_input_files(list(paths))
    context = BuildContext(staging, previous, options, files, echo)
    context.result.files.extend(entry.build_entry() for entry in missing)
    # Page triples go straight into the writer's external sort: the build never holds the graph.
    context.writer = graph_writer(context)
    context.spool = PageSpool(staging / "linking.spool")
    try:
        run_stages(context)
    finally:
        if context.spool is not None:
            context.spool.discard()
        if context.writer is not None:
            context.writer.discard()  # removes only temporary sort files; finished files stay
    return context.result


def _write(paths, out_dir: Path, staging: Path, options: BuildOptions, echo, started: float) -> BuildResult:
    """Build into ``staging``, ready to be swapped into place."""
    checkpoint("start")
    result = run_pipeline(paths, staging, out_dir, options, echo)
    result.timings["total"] = time.perf_counter() - started
    result.outputs_state = outputs_state(staging)
    (staging / "build.json").write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
    checkpoint("swap")
    refuse_if_store_in_use(out_dir)  # a server may have started meanwhile
    return result


def build(
    paths: Iterable[os.PathLike | str],
    out_dir: os.PathLike | str,
    options: BuildOptions | None = None,
    echo: Callable[[str], None] | None = None,
) -> BuildResult:
    """Run the whole pipeline on files or folders and write ``out_dir`` atomically.

    Parameters
    ----------
    paths : iterable of path-like
        Page files (``.txt``, ``.html``, ``.htm``) or folders searched recursively.
    out_dir : path-like
        The output folder. It is replaced as a whole when the build completes.
    options : BuildOptions, optional
        Defaults: all stages, contacts out of the graph, all CPUs.
    echo : callable, optional
        Receives progress messages (the CLI passes ``click.echo`` to stderr).

    Returns
    -------
    BuildResult
        Counts, timings, per-file outcomes; also written to ``out_dir/build.json``.

    Raises
    ------
    esfgraph.atomic.BuildLocked
        When another build is writing into ``out_dir``, or another process has
        ``out_dir/store`` open for writing.
    BuildError
        When the options cannot give a valid build (before any work).
    BuildInterrupted, KeyboardInterrupt
        When stopped (SIGTERM/SIGHUP, Ctrl-C) before the output was swapped into place;
        ``out_dir`` is then left as it was before the build.

    Examples
    --------
    The five sample pages, built into a temporary folder:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     result = build(["data/pages"], Path(folder) / "demo", BuildOptions(workers=1, progress=False))
    ...     outputs = sorted(path.name for path in (Path(folder) / "demo").iterdir())
    >>> result.counts["projects"], result.counts["rejected"], result.conforms
    (5, 0, True)
    >>> [state for state in result.stages.values()] == ["done"] * 7
    True
    >>> outputs
    ['analysis', 'build.json', 'cache', 'gephi', 'graph.nt', 'graph.ttl', 'iris.csv', 'records.jsonl', 'resolution.csv', 'store', 'validation.ttl', 'validation.txt']
    """
    options = options or BuildOptions()
    check_options(options)
    echo = echo or (lambda message: None)
    out_dir = Path(out_dir)
    started = time.perf_counter()
    with stop_handlers(), OutputLock(out_dir):
        clean_stale(out_dir)
        refuse_if_store_in_use(out_dir)
        staging = staging_dir(out_dir)
        swapped = False
        try:
            result = _write(paths, out_dir, staging, options, echo, started)
            with signals_held():
                raise_if_stopped()  # never swap after a stop, even one whose exception was lost
                previous = exchange_into_place(staging, out_dir)
                swapped = True
        except BaseException:
            if not swapped:
                shutil.rmtree(staging, ignore_errors=True)
            raise
        result.out_dir = out_dir
        try:
            checkpoint("swapped")
            if previous is not None:
                shutil.rmtree(previous, ignore_errors=True)
        except (KeyboardInterrupt, BuildInterrupted):
            pass  # the build is complete; the next build removes the previous output
    return result
