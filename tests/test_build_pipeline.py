"""The build as declared stages: the runner runs validation beside the stages after it,
records every report in the declared order, and the page stage's typed results.

Real builds of the sample pages; the runner tests declare stages of their own (real
functions that write files and read each other's), run by the real runner.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

import pytest

from esfgraph.build import BuildError, BuildOptions, StageState, build, check_options
from esfgraph.build.context import BuildContext
from esfgraph.build.pagework import PageResult, PageSettings, PageTask, close_worker, init_worker, run_page_task
from esfgraph.build.pipeline import STAGES, Stage, run_stages
from esfgraph.build.result import StageReport
from esfgraph.cache import decode_entry
from esfgraph.runtime.errors import InputError, exit_code_for


def _files(folder: Path) -> dict[str, bytes]:
    """Every output file but the timings in build.json and the store's own files."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not relative.startswith(("store/", "cache/")):
            data = path.read_bytes()
            if relative == "build.json":
                report = json.loads(data)
                report.pop("timings")
                report.pop("outputs_state")  # file times
                data = json.dumps(report).encode()
            found[relative] = data
    return found


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory, sample_pages):
    """The sample pages built with validation beside (as shipped) and with every stage in turn."""
    import esfgraph.build.pipeline as pipeline

    base = tmp_path_factory.mktemp("pipeline")
    beside = build([sample_pages], base / "beside", BuildOptions(workers=1, progress=False, cache=False))
    in_turn = tuple(dataclasses.replace(stage, beside=False) for stage in STAGES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "STAGES", in_turn)
        sequential = build([sample_pages], base / "in-turn", BuildOptions(workers=1, progress=False, cache=False))
    return base, beside, sequential


def test_validation_beside_the_store_writes_what_a_build_in_turn_writes(both_ways):
    base, beside, sequential = both_ways
    assert _files(base / "beside") == _files(base / "in-turn")
    assert beside.summary_lines == sequential.summary_lines
    assert list(beside.counts) == list(sequential.counts)
    assert list(beside.timings) == list(sequential.timings)


def test_reports_are_recorded_in_the_declared_order(both_ways):
    _, result, _ = both_ways
    assert list(result.stages) == ["extract", "resolve", "rdf", "validate", "store", "analyze", "export"]
    assert all(state is StageState.DONE for state in result.stages.values())
    counts = list(result.counts)
    # validation's counts sit between the graph's and the network's, though it finished last
    assert counts.index("triples") < counts.index("shacl_violations") < counts.index("network_organisations")
    assert result.conforms is True
    timings = [name for name in result.timings if not name.endswith("_cpu")]
    assert timings == ["pages", "link", "resolve_merge", "rdf", "validate", "store", "analyze", "export", "total"]


def test_stage_states_are_data_and_build_json_spells_them_as_before(tmp_path, sample_pages):
    result = build([sample_pages], tmp_path / "out", BuildOptions(workers=1, progress=False, analyze=False))
    assert result.stages["analyze"] is StageState.SKIPPED_NO_ANALYSIS
    assert "export" not in result.stages
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert report["stages"] == {"extract": "done", "resolve": "done", "rdf": "done", "validate": "done",
                                "store": "done", "analyze": "skipped (--no-analysis)"}
    assert report["conforms"] is True and report["counts"]["shacl_violations"] == 0
    assert (tmp_path / "out" / "validation.txt").is_file() and not (tmp_path / "out" / "gephi").exists()


# --- the runner, on stages declared here


def _write_pid(context: BuildContext) -> StageReport:
    (context.staging / "beside.pid").write_text(str(os.getpid()))
    deadline = time.monotonic() + 30
    while not (context.staging / "after.pid").exists():  # written by the stage after this one
        assert time.monotonic() < deadline, "the stage after never ran while this one waited"
        time.sleep(0.01)
    return StageReport("beside", state_key="beside", counts={"beside": 1}, summary=["beside"])


def _after(context: BuildContext) -> StageReport:
    (context.staging / "after.pid").write_text(str(os.getpid()))
    return StageReport("after", state_key="after", counts={"after": 2}, summary=["after"])


def _first(context: BuildContext) -> StageReport:
    return StageReport("first", counts={"first": 0}, summary=["first"], value=41)


def _needs_first(context: BuildContext) -> StageReport:
    return StageReport("last", counts={"last": context.outputs["first"] + 1})


def _context(tmp_path: Path) -> BuildContext:
    return BuildContext(tmp_path, tmp_path / "previous", BuildOptions(cache=False), files=[])


def test_a_stage_beside_runs_in_its_own_process_while_the_next_runs_here(tmp_path):
    context = _context(tmp_path)
    run_stages(context, (Stage("first", _first), Stage("beside", _write_pid, beside=True),
                         Stage("after", _after), Stage("last", _needs_first, needs=("first",))))
    assert int((tmp_path / "after.pid").read_text()) == os.getpid()
    assert int((tmp_path / "beside.pid").read_text()) != os.getpid()
    result = context.result
    assert list(result.counts.items()) == [("first", 0), ("beside", 1), ("after", 2), ("last", 42)]
    assert result.summary_lines == ["first", "beside", "after"]
    assert list(result.stages) == ["beside", "after"]
    assert set(result.timings) == {"first", "beside", "after", "last"}


def _broken(context: BuildContext) -> StageReport:
    raise InputError(f"{context.staging / 'graph.nt'}: cannot be validated")


def test_a_failure_beside_reaches_the_build_with_its_type_and_message(tmp_path):
    context = _context(tmp_path)
    with pytest.raises(InputError, match="graph.nt: cannot be validated$"):
        run_stages(context, (Stage("broken", _broken, beside=True), Stage("after", _after)))
    assert (tmp_path / "after.pid").exists()  # the stages after it ran meanwhile
    assert context.result.stages == {}  # nothing recorded past a failure


def _slow(context: BuildContext) -> StageReport:
    time.sleep(60)
    return StageReport("slow")


def _stop(context: BuildContext) -> StageReport:
    raise KeyboardInterrupt


def test_a_stop_while_a_stage_runs_beside_ends_its_process(tmp_path, monkeypatch):
    import esfgraph.build.pipeline as pipeline
    from esfgraph.runtime.process import BackgroundTask

    started = []

    class Remembered(BackgroundTask):  # the real task, whose process the test keeps an eye on
        def __init__(self, *args):
            super().__init__(*args)
            started.append(self._process)

    monkeypatch.setattr(pipeline, "BackgroundTask", Remembered)
    begun = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_stages(_context(tmp_path), (Stage("slow", _slow, beside=True), Stage("stop", _stop)))
    assert time.monotonic() - begun < 10
    assert len(started) == 1 and not started[0].is_alive() and started[0].exitcode == -15


# --- the page stage's typed results


def test_a_page_result_round_trips_through_the_cache(sample_pages):
    path = sorted(sample_pages.glob("*.txt"))[0].as_posix()
    init_worker(PageSettings(fingerprint="test", cache=True))
    try:
        made = run_page_task(PageTask(path))
    finally:
        close_worker()
    assert (made.path, made.status, made.hit) == (path, "ok", False)
    assert json.loads(made.record_line)["title"] == "Trappsteget"
    assert made.nt and all(line.endswith(" .\n") or line.endswith(" .") for line in made.nt)
    assert set(made.timings) == {"extract", "resolve", "rdf"}
    again = PageResult.from_cache_entry(decode_entry(made.encoded), made.key, made.encoded)
    assert again.hit and dataclasses.replace(again, hit=False) == made


def test_an_unreadable_page_is_rejected_without_a_key_and_an_empty_one_is_cached(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    init_worker(PageSettings(fingerprint="test", cache=True))
    try:
        missing = run_page_task(PageTask((tmp_path / "gone.txt").as_posix()))
        blank = run_page_task(PageTask(empty.as_posix()))
    finally:
        close_worker()
    assert missing.status == "rejected" and missing.key is None and missing.encoded is None
    assert missing.record_line is None and missing.reason == "no such file"
    assert blank.status == "rejected" and blank.key is not None and blank.encoded is not None
    assert blank.record_line is None and blank.resolution is None and blank.nt == []


def test_bad_options_are_input_errors_with_one_line():
    with pytest.raises(BuildError) as caught:
        check_options(BuildOptions(engine="gephi"))
    assert str(caught.value) == "--engine must be auto, networkx or igraph, not 'gephi'"
    assert isinstance(caught.value, ValueError) and exit_code_for(caught.value) == 2
