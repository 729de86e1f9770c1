"""The benchmark driver's parts: time limits, memory, marked blocks, goals, attribution."""

from __future__ import annotations

import json
import os
import sys

from benchmarks import common
from benchmarks import run as driver


def test_a_step_over_its_limit_is_killed_and_says_so():
    step = common.run_step("sleep", [sys.executable, "-c", "import time; print('hi', flush=True); time.sleep(30)"], limit_s=1.0)
    assert step.timed_out and step.returncode is None and not step.ok
    assert 1.0 <= step.wall_s < 5
    assert step.stdout.strip() == "hi"


def test_a_step_reports_its_peak_memory_and_exit_status():
    code = "b = bytearray(150 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); import sys; sys.exit(3)"
    step = common.run_step("alloc", [sys.executable, "-c", code], limit_s=60)
    assert step.returncode == 3 and not step.timed_out
    assert step.peak_rss_bytes > 150 * 1024 * 1024


def test_tree_memory_counts_child_processes():
    # Two processes of ~100 MB each: the tree peak sees both, the single-process peak one.
    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', "
        "'b = bytearray(100*1024*1024); b[::4096] = bytes(len(b[::4096])) ; import time; time.sleep(1.5)'])\n"
        "b = bytearray(100*1024*1024); b[::4096] = bytes(len(b[::4096])); time.sleep(1.5); child.wait()\n"
    )
    step = common.run_step("tree", [sys.executable, "-c", code], limit_s=60, sample_interval=0.05)
    assert step.ok
    assert step.peak_tree_rss_bytes > 190 * 1024 * 1024
    assert step.peak_rss_bytes < 150 * 1024 * 1024


def test_replace_block_keeps_text_outside_the_markers():
    document = "# Title\n\nhand-written notes\n"
    document = driver.replace_block(document, "size:1000", "first")
    document = driver.replace_block(document, "size:100", "small", after=None)
    document = driver.replace_block(document, "size:1000", "second")
    assert "hand-written notes" in document
    assert "first" not in document and document.count("second") == 1
    assert document.count("<!-- bench:size:1000 -->") == 1 and document.count("<!-- /bench:size:1000 -->") == 1


def test_stage_memory_attributes_samples_to_the_stage_running_then():
    step = common.StepResult(name="build")
    start = 1000.0
    step.samples = [(start + 0.5, 100), (start + 1.5, 300), (start + 2.5, 200), (start + 3.5, 900), (start + 4.2, 50)]
    timings = {"pages": 2.0, "resolve_merge": 1.0, "rdf": 1.0, "total": 4.0}
    assert driver.stage_memory(step, start, timings) == {"pages": 300, "resolve_merge": 200, "rdf": 900}


def test_goals_read_the_numbers_of_every_size_block():
    numbers = {"size": 10000, "total_s": 42.0, "peak_bytes": 10**9, "slowest_query": [0.2, "q"],
               "peer_speedup": 12.5, "peer_speedup_at_least": True, "build_error": None}  # fmt: skip
    document = f"<!-- bench:data {json.dumps(numbers)} -->"
    goals = driver.goals_markdown(document)
    assert "| 10,000 pages end to end in 60 s or less | 42.0 s | met |" in goals
    assert "≥ 12.5× | met |" in goals
    assert "| 100,000 pages in 10 min or less, peak memory under 4 GB | –, – | – |" in goals


def test_the_machine_is_described():
    machine = common.machine_description()
    assert machine["cores"] == len(os.sched_getaffinity(0))
    assert machine["memory_bytes"] > 0 and machine["python"].startswith("CPython 3.")
    assert machine["libraries"]["rdflib"][0].isdigit()
