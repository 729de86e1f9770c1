"""Nothing lost: a real ``esfgraph build`` stopped by Ctrl-C, SIGTERM or SIGKILL at every
point of the pipeline leaves the previous output byte for byte as it was, its staging
folder does not outlive the next build, no process of it lives on, and the next build
succeeds (reusing the previous output's cache).

The build waits at a named point when ``ESFGRAPH_BUILD_PAUSE`` says so (a hook in
``esfgraph.build``), so each fault lands exactly where the test means it to; the
"during a stage" tests instead watch the staging folder fill up and strike while a
stage is running. The tests share one output folder and run in order: each build that
reaches its pause point first proves that the leftovers of the build before it are gone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys

import pytest

from esfgraph.build import BuildOptions, build

from .helpers import (ESFGRAPH, ROOT, alive, assert_exit, clean_env, default_sigint, descendants, send, siblings, snapshot,
                      wait_for)

INT, TERM, KILL = signal.SIGINT, signal.SIGTERM, signal.SIGKILL
CHANGED_TITLE = "JOBBINVEST 2"


class World:
    """The output folder under test, its expected content, and the corpora."""

    def __init__(self, base, seeds, changed, big):
        self.base, self.seeds, self.changed, self.big = base, seeds, changed, big
        self.out = base / "out"
        self.runs = 0
        self.faults: list[tuple[str, str, int]] = []
        self.rebaseline()

    def rebaseline(self) -> None:
        self.expected = snapshot(self.out)
        self.inode = os.stat(self.out).st_ino


@pytest.fixture(scope="module")
def world(tmp_path_factory, sample_pages, generated_300):
    base = tmp_path_factory.mktemp("interrupts")
    changed = base / "changed"
    shutil.copytree(sample_pages, changed)
    page = changed / "003_a9bc3cbe2c0d61c5.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("JOBBINVEST-ering", CHANGED_TITLE), encoding="utf-8")
    big = base / "big"
    shutil.copytree(generated_300, big)
    shutil.copytree(sample_pages, big / "seeds")
    # Python's own Ctrl-C handler, even when the test run was started with SIGINT ignored
    # (a background job of a shell): the check below is about what the build does to it.
    signal.signal(INT, signal.default_int_handler)
    handlers_before = signal.getsignal(INT), signal.getsignal(TERM)
    build([sample_pages], base / "out", BuildOptions(workers=1, progress=False))
    world = World(base, sample_pages, changed, big)
    world.handlers = handlers_before, (signal.getsignal(INT), signal.getsignal(TERM))
    return world


def test_a_build_in_this_process_leaves_its_signal_handlers_as_they_were(world):
    # A build of a few pages does its page work in its own process; it once set Ctrl-C to
    # "ignore" there for good, so that no later stage (nor the caller) could be interrupted.
    before, after = world.handlers
    assert after == before
    assert before[0] is signal.default_int_handler


def start_paused(world: World, point: str, corpus, *extra: str) -> subprocess.Popen:
    """Start ``esfgraph build CORPUS --out OUT`` that waits at ``point``; return once it waits there."""
    world.runs += 1
    marker = world.base / f"paused-{world.runs}"
    env = clean_env(ESFGRAPH_BUILD_PAUSE=point, ESFGRAPH_BUILD_PAUSE_FILE=str(marker),
                    ESFGRAPH_BUILD_PAUSE_SECONDS="30")
    process = subprocess.Popen(
        [*ESFGRAPH, "build", str(corpus), "--out", str(world.out), "--no-progress", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT, start_new_session=True, preexec_fn=default_sigint,
    )
    if not wait_for(marker.exists, 120):
        process.kill()
        raise AssertionError(f"build never reached {point}: {process.communicate()[1][-2000:]}")
    return process


def stop(process: subprocess.Popen, signum: int) -> tuple[int, str, set[int]]:
    """Signal the build; return its exit code, its error output, and its processes still alive."""
    family = descendants(process.pid)
    send(process, signum)
    _, stderr = process.communicate(timeout=120)  # returns when every holder of its pipes is gone
    wait_for(lambda: not alive(family), 5)
    return process.returncode, stderr, alive(family)


def check_untouched(world: World, process, code: int, stderr: str, survivors: set[int], signum: int) -> None:
    assert survivors == set(), f"processes of the stopped build live on: {survivors}"
    assert "Traceback" not in stderr, stderr[-3000:]
    assert snapshot(world.out) == world.expected, "the previous output changed"
    assert os.stat(world.out).st_ino == world.inode, "the output folder was replaced"
    if signum == KILL:
        assert code == -KILL
        # The killed build had no chance to clean up; the next build removes its staging folder.
        assert set(siblings(world.out)) <= {"out", "out.lock", f"out.staging-{process.pid}"}
    else:
        assert code == 130, (code, stderr[-2000:])
        assert f"interrupted; {world.out} is unchanged" in stderr
        assert siblings(world.out) == ["out"], "an interrupted build left its staging folder or its lock"


# (pause point, signal, corpus, extra options). The corpus is the seed pages with one page
# changed (so that a build that did swap would show), or 300 generated pages plus the seeds
# with two workers, so that page processing is under way in worker processes.
FAST = [
    ("start", INT, "changed", ()),
    ("pages:60", KILL, "big", ("--workers", "2")),
    ("pages:120", INT, "big", ("--workers", "2")),
    ("validate", TERM, "changed", ()),
    ("store", KILL, "changed", ()),
    ("swap", KILL, "changed", ("--no-analysis",)),
    ("swap", INT, "changed", ("--no-analysis",)),
]
POINTS = ["start", "pages:60", "resolve", "rdf", "validate", "store", "analyze", "export", "swap"]
SLOW = [
    (point, signum, "big" if point.startswith("pages") else "changed",
     ("--workers", "2") if point.startswith("pages") else ())
    for point in POINTS for signum in (INT, TERM, KILL)
    if (point, signum) not in {(p, s) for p, s, _, _ in FAST}
]
CASES = [pytest.param(*case, id=f"{case[0]}-{signal.Signals(case[1]).name}") for case in FAST] + [
    pytest.param(*case, id=f"{case[0]}-{signal.Signals(case[1]).name}", marks=pytest.mark.slow) for case in SLOW
]


@pytest.mark.parametrize("point, signum, corpus, extra", CASES)
def test_a_stopped_build_leaves_the_previous_output_as_it_was(world, point, signum, corpus, extra):
    process = start_paused(world, point, getattr(world, corpus), *extra)
    # The leftovers of the builds before this one are gone by now: only this build's staging.
    assert siblings(world.out) == ["out", "out.lock", f"out.staging-{process.pid}"]
    code, stderr, survivors = stop(process, signum)
    world.faults.append((point, signal.Signals(signum).name, code))
    check_untouched(world, process, code, stderr, survivors, signum)


# Strike while a stage runs: wait until the staging folder shows the stage has begun and
# not ended. 40 generated pages and the seeds: each stage has real work to do.
DURING = {
    "pages": lambda s: (s / "records.jsonl").exists() and not (s / "resolution.csv").exists(),
    "validate": lambda s: (s / "graph.nt").exists() and not (s / "validation.txt").exists(),
    "store": lambda s: (s / "store").exists() and not (s / "analysis").exists(),
    "analyze": lambda s: (s / "analysis").exists() and not (s / "gephi").exists(),
    "export": lambda s: (s / "gephi").exists() and not (s / "build.json").exists(),
}


@pytest.mark.slow
@pytest.mark.parametrize("stage, signum", [("pages", KILL), ("validate", INT), ("store", TERM),
                                           ("analyze", KILL), ("export", INT)])
def test_a_build_stopped_during_a_stage_leaves_the_previous_output(world, generated_40, stage, signum):
    corpus = world.base / "during"
    if not corpus.exists():
        shutil.copytree(generated_40, corpus)
        shutil.copytree(world.seeds, corpus / "seeds")
    process = subprocess.Popen(
        [*ESFGRAPH, "build", str(corpus), "--out", str(world.out), "--no-progress", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(), cwd=ROOT,
        start_new_session=True, preexec_fn=default_sigint,
    )
    staging = world.base / f"out.staging-{process.pid}"
    hit = wait_for(lambda: staging.is_dir() and DURING[stage](staging), 120, step=0.005)
    code, stderr, survivors = stop(process, signum)
    assert hit and code != 0, f"the build was not caught during {stage} (exit {code})"
    world.faults.append((f"during {stage}", signal.Signals(signum).name, code))
    check_untouched(world, process, code, stderr, survivors, signum)


@pytest.mark.parametrize("signum", [pytest.param(TERM), pytest.param(INT, marks=pytest.mark.slow),
                                    pytest.param(KILL, marks=pytest.mark.slow)])
def test_a_build_stopped_after_its_swap_is_complete(world, signum):
    """After the swap the new output is in place, whole; stopping then only skips deleting
    the previous output (which the next build does)."""
    process = start_paused(world, "swapped", world.changed, "--no-analysis")
    code, stderr, survivors = stop(process, signum)
    world.faults.append(("swapped", signal.Signals(signum).name, code))
    assert survivors == set() and "Traceback" not in stderr
    assert code == (-KILL if signum == KILL else 0), stderr[-2000:]
    assert CHANGED_TITLE in (world.out / "records.jsonl").read_text(encoding="utf-8")
    report = json.loads((world.out / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["projects"] == 5
    assert set(siblings(world.out)) <= {"out", "out.lock", f"out.staging-{process.pid}"}
    world.rebaseline()


def test_the_next_build_succeeds_cleans_up_and_reuses_the_cache(world):
    code = subprocess.run([*ESFGRAPH, "build", str(world.changed), "--out", str(world.out), "--no-progress"],
                          capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=300)
    assert code.returncode == 0, code.stderr[-3000:]
    assert siblings(world.out) == ["out"]  # the killed builds' staging folders and lock file are gone
    report = json.loads((world.out / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["projects"] == 5 and report["counts"]["rejected"] == 0
    assert report["counts"]["cache_hits"] == 5  # the pages of the swapped-in build, all reused
    assert all(state == "done" for state in report["stages"].values()), report["stages"]
    # The same bytes as a build that was never interrupted.
    fresh = world.base / "fresh"
    build([world.changed], fresh, BuildOptions(workers=1, progress=False, cache=False))
    for name in ["records.jsonl", "resolution.csv", "validation.txt",
                 "analysis/recurring_partnerships.csv", "gephi/organisations.gexf"]:
        assert (world.out / name).read_bytes() == (fresh / name).read_bytes(), name
    # The graph too, but for what only a build into the same folder knows: the changed title
    # moved one project's IRI since the build before (dcterms:isReplacedBy, counted in the
    # dataset description).
    replaced = " <http://purl.org/dc/terms/isReplacedBy> "
    description = ("<https://w3id.org/esfgraph/id/dataset", "<https://w3id.org/esfgraph/id/activity/")

    def carried_out(path):
        return [line for line in path.read_text(encoding="utf-8").splitlines()
                if replaced not in line and not line.startswith(description)]

    assert carried_out(world.out / "graph.nt") == carried_out(fresh / "graph.nt")
    print("faults injected:", len(world.faults), world.faults)


def test_a_stop_signal_is_not_mistaken_for_a_bad_page(sample_pages):
    """SIGTERM raises BuildInterrupted wherever the build is. It was a RuntimeError once:
    inside the extractor (which turns any Exception into a rejected page) a stop became a
    rejected page and the build went on; inside the store it became "store is damaged"."""
    from esfgraph.build import BuildInterrupted, _raise_on_sigterm, _stops_received
    from esfgraph.extract import extract_bytes

    assert not issubclass(BuildInterrupted, Exception)
    page = (sample_pages / "000_ebc39ac141ca286d.txt").read_bytes()
    big = page * (3_500_000 // len(page))  # long enough to be busy when the timer fires
    previous = signal.signal(signal.SIGALRM, _raise_on_sigterm)
    try:
        # Every 50 ms: a handler that runs inside a garbage-collector callback (hypothesis
        # installs one) has its exception dropped by Python; the next one gets through.
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
        with pytest.raises(BuildInterrupted):
            for _ in range(100):  # bounded: each call takes far longer than the timer
                extract_bytes(big, "big.txt")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _stops_received.clear()


def test_a_stop_whose_exception_python_dropped_still_stops_the_build(tmp_path, sample_pages):
    """A signal handler that runs inside a garbage-collector callback has its exception
    printed and dropped by Python. The build remembers the signal and stops at the next
    stage boundary; above all it never swaps the new output into place."""
    import gc

    from esfgraph.build import BuildInterrupted

    out = tmp_path / "out"
    build([sample_pages], out, BuildOptions(workers=1, analyze=False, progress=False))
    before, inode = snapshot(out), os.stat(out).st_ino
    fired = []

    def stop_inside_gc(phase, info):
        if phase == "start" and not fired:
            fired.append(True)
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs here, in the callback
            sum(range(10))  # bytecode for the pending handler to run on

    changed = tmp_path / "changed"
    shutil.copytree(sample_pages, changed)
    # Python hands the dropped exception to sys.unraisablehook, whose default prints a
    # traceback: the build must keep it quiet (the stop is remembered), and print nothing.
    reported = []
    saved_hook, sys.unraisablehook = sys.unraisablehook, reported.append
    gc.callbacks.append(stop_inside_gc)
    try:
        with pytest.raises(BuildInterrupted):
            build([changed], out, BuildOptions(workers=1, analyze=False, progress=False, cache=False))
    finally:
        gc.callbacks.remove(stop_inside_gc)
        sys.unraisablehook = saved_hook
    assert fired
    assert reported == [], [str(item.exc_value) for item in reported]
    assert snapshot(out) == before and os.stat(out).st_ino == inode
    assert siblings(out) == ["out"]


@pytest.mark.slow
def test_validation_workers_do_not_outlive_a_killed_build(tmp_path, generated_40):
    from esfgraph.build import BuildOptions, build

    out = tmp_path / "out"
    build([generated_40], out, BuildOptions(workers=1, analyze=False, progress=False))
    child = subprocess.Popen(
        [sys.executable, "-c", "from esfgraph.validate import validate_graph\n"
         f"validate_graph({str(out / 'graph.nt')!r}, batch_size=2, workers=2)"],
        cwd=ROOT, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: len(descendants(child.pid)) >= 2, 60), "the validation pool never started"
    workers = descendants(child.pid)
    child.kill()
    child.wait()
    assert_exit(workers, "validation workers outlive their build")
