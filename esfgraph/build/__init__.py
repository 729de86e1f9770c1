"""The main job: the whole pipeline from pages to a queryable, analysed graph.

``build(paths, out_dir)`` runs every stage and writes the output folder described in
DESIGN.md (``records.jsonl``, ``graph.ttl``/``graph.nt``, ``validation.*``,
``resolution.csv``, ``store/``, ``analysis/``, ``gephi/``, ``build.json``), atomically
(:mod:`esfgraph.build.entry`).

The package, by topic:

- :mod:`~esfgraph.build.options`: :class:`BuildOptions`, their check, the build's errors;
- :mod:`~esfgraph.build.pipeline`: the declared list of stages and the runner (validation
  runs in its own process beside the store, the analyses and the exports);
- :mod:`~esfgraph.build.pages` and :mod:`~esfgraph.build.pagework`: the page stage, in
  worker processes (:class:`~esfgraph.build.pagework.PageTask` in,
  :class:`~esfgraph.build.pagework.PageResult` out);
- :mod:`~esfgraph.build.stages`: the stages after it, each calling one stage package;
- :mod:`~esfgraph.build.result`: :class:`BuildResult`, each stage's report and state;
- :mod:`~esfgraph.build.reuse`, :mod:`~esfgraph.build.redact`,
  :mod:`~esfgraph.build.signals`, :mod:`~esfgraph.build.storelock`: reuse of an earlier
  output, privacy, stopping and pause points, the store-lock probe.
"""

from .entry import build
from .options import BuildError, BuildInterrupted, BuildOptions, check_options
from .result import BuildResult, StageReport, StageState
from .signals import PAUSE_POINTS, _raise_on_sigterm, _stops_received  # noqa: F401 - used by the tests

__all__ = ["BuildOptions", "BuildResult", "BuildInterrupted", "BuildError", "check_options", "build",
           "StageReport", "StageState", "PAUSE_POINTS"]
