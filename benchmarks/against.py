"""Time two esfgraph installations on the same corpus, in one run, turn about.

Issue 14 asks that a build take no longer than the previous round's code on the same
machine, reported in one run. This driver builds the corpus with each ``esfgraph``
executable in alternation (before, after, before, after, ...), each into a fresh folder,
and prints a Markdown table of the median seconds per stage from each ``build.json``::

    python benchmarks/against.py CORPUS --before /path/to/old/.venv/bin/esfgraph \\
        --after .venv/bin/esfgraph --runs 2

Alternating the runs spreads any drift of the machine (other load, caches, thermal
limits) over both sides instead of charging it to one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Stages in pipeline order; a stage one side lacks prints as "–".
STAGES = ("pages", "link", "rdf", "validate", "store", "analyze", "export")


def timed_build(esfgraph: str, corpus: Path, out: Path) -> dict[str, float]:
    """Build ``corpus`` into ``out`` with ``esfgraph``; the stage timings and the wall time."""
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    completed = subprocess.run(
        [esfgraph, "build", str(corpus), "--out", str(out), "--no-progress", "--no-cache"],
        capture_output=True, text=True,
        # Not the caller's folder: a checkout there would shadow the installation under
        # test in worker processes, which start Python afresh with '' on sys.path.
        cwd=out.parent,
    )
    wall = time.perf_counter() - started
    if completed.returncode not in (0, 1):  # 1: the graph has SHACL violations
        raise SystemExit(f"{esfgraph} build failed ({completed.returncode}): {completed.stderr[-2000:]}")
    timings = json.loads((out / "build.json").read_text(encoding="utf-8"))["timings"]
    return {**{stage: timings[stage] for stage in STAGES if stage in timings}, "wall": wall}


def table(before: list[dict[str, float]], after: list[dict[str, float]]) -> str:
    """Median seconds per stage, before and after, as a Markdown table."""
    def median(runs, stage):
        values = [run[stage] for run in runs if stage in run]
        return f"{statistics.median(values):.1f}" if values else "–"

    lines = ["| stage | before | after |", "|---|---:|---:|"]
    lines += [f"| {stage} | {median(before, stage)} | {median(after, stage)} |" for stage in STAGES]
    lines.append(f"| **wall (whole command)** | **{median(before, 'wall')}** | **{median(after, 'wall')}** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of pages (benchmarks/generate.py)")
    parser.add_argument("--before", required=True, help="esfgraph executable of the earlier code")
    parser.add_argument("--after", required=True, help="esfgraph executable of the code under test")
    parser.add_argument("--runs", type=int, default=2, help="builds per side (default 2)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the outputs (default a temporary one)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder of pages", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="esfgraph-against-"))
    before, after = [], []
    for run in range(args.runs):
        for side, executable, runs in (("before", args.before, before), ("after", args.after, after)):
            timings = timed_build(executable, args.corpus, work / side)
            runs.append(timings)
            print(f"run {run + 1} {side}: {timings['wall']:.1f} s", file=sys.stderr)
    print(table(before, after))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
