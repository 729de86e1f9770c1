"""The load test, short: ``esfgraph serve`` over the seed pages' store and two client
processes running the whole query library for a few seconds; no request may fail.
The long run is ``python benchmarks/loadtest.py`` (numbers in docs/reliability.md)."""

from __future__ import annotations

from benchmarks.loadtest import markdown, query_plan, run_load
from esfgraph.query import list_queries


def test_the_plan_covers_the_whole_library_with_values_from_the_data(seed_build):
    plan = query_plan(seed_build / "store")
    assert {name for name, _ in plan} == {info.name for info in list_queries()}
    codes = {params.get("municipality_code") for name, params in plan if name == "projects-in-municipality"}
    names = {code for code in codes - {None} if not code.isdigit()}
    assert len(names) == 1 and len(codes - {None} - names) >= 3  # codes that are there, and a name


def test_a_short_load_run_serves_every_request(seed_build):
    report = run_load(seed_build / "store", clients=2, seconds=3, warmup=2.0)
    assert report.failures == 0, report.failure_examples
    assert report.served >= 20
    assert 0 < report.median_ms <= report.p99_ms <= report.max_ms < 60_000
    assert report.throughput_per_s > 0
    assert set(report.per_query) == {info.name for info in list_queries()}
    assert f"| {report.served:,} | 0 |" in markdown(report, None)
