#!/usr/bin/env python3
"""Load test: concurrent clients running the query library against ``esfgraph serve``.

``python benchmarks/loadtest.py --pages 2000 --clients 8 --seconds 45`` generates a
corpus (``benchmarks/generate.py``), builds it (``esfgraph build``), starts ``esfgraph
serve`` over the store on a free loopback port, and runs ``--clients`` client processes
for ``--seconds``. Each client loops over the query library (every query, parameters
drawn from the data: municipalities, organisations, regions, thresholds) in its own
seeded order, through :func:`esfgraph.query.run_query` with ``endpoint=`` (the library's
remote path: safe parameter binding, runtime.http, JSON results read by pyoxigraph). Every loop is bounded
in time and in count, so the run stops by itself.

It records every request (query, latency, failure) and reports requests served,
failures (which must be zero: the exit status is 1 otherwise), median / 90th / 99th
percentile / maximum latency and throughput, overall and per query, as text, as JSON
(``--json FILE``) and as a Markdown block for ``docs/reliability.md`` (``--markdown``).

``--store DIR`` skips generation and build and loads an existing store.

Examples
--------
>>> report = run_load("build/demo/store", clients=2, seconds=2)        # doctest: +SKIP
>>> report.failures, report.served > 0                                 # doctest: +SKIP
(0, True)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

__all__ = ["LoadReport", "query_plan", "run_load", "main"]

#: A client never sends more than this many requests, however fast the server is.
MAX_REQUESTS_PER_CLIENT = 1_000_000
#: Seconds a single request may take before it counts as failed.
REQUEST_TIMEOUT = 60.0


@dataclass
class LoadReport:
    """What a load run measured. Latencies are in milliseconds."""

    clients: int
    seconds: float
    served: int = 0
    failures: int = 0
    failure_examples: list[str] = field(default_factory=list)
    median_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    throughput_per_s: float = 0.0
    wall_seconds: float = 0.0
    per_query: dict[str, dict[str, float]] = field(default_factory=dict)
    store: str = ""
    quads: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of sorted ``values``."""
    if not values:
        return 0.0
    rank = max(0, min(len(values) - 1, int(round(fraction * len(values) + 0.5)) - 1))
    return values[rank]


def query_plan(store_dir: str | Path, seed: int = 1) -> list[tuple[str, dict[str, str]]]:
    """Return the (query name, parameters) pairs the clients run, with values from the data.

    Every library query appears at least once; parameterised ones several times with
    values that exist in the store (and one that does not: an empty answer is work too).
    """
    import pyoxigraph as ox

    from esfgraph.query import list_queries

    store = ox.Store.read_only(str(store_dir))

    def values(text: str, limit: int = 6) -> list[str]:
        found = sorted({row[0].value for row in store.query(text)})
        return random.Random(seed).sample(found, min(limit, len(found))) if found else []

    esf = "https://w3id.org/esfgraph/ontology#"
    RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"  # noqa: N806
    choices = {
        "municipality_code": values(f"SELECT ?c WHERE {{ ?m <{esf}municipalityCode> ?c . ?p <{esf}municipality> ?m }}")
        + values(f"SELECT ?n WHERE {{ ?m <{esf}municipalityCode> ?c ; <{RDFS_LABEL}> ?n . "
                 f"?p <{esf}municipality> ?m }}", limit=1),  # one by its name, looked up
        "org": values(f"SELECT ?o WHERE {{ ?p <{esf}owner> ?o }}") + values(f"SELECT ?o WHERE {{ ?p <{esf}coFinancier> ?o }}"),
        "agency": ["arbetsformedlingen", "forsakringskassan"],
        "region": [value.rsplit("/", 1)[-1] for value in values(f"SELECT ?r WHERE {{ ?p <{esf}region> ?r }}")],
        "period": [value.rsplit("/", 1)[-1] for value in values(f"SELECT ?r WHERE {{ ?p <{esf}programmePeriod> ?r }}")],
        "min_shared": ["2", "3"],
        "min_regions": ["2", "3"],
        "min_municipalities": ["2", "4"],
        "max_confidence": ["0.6", "0.9"],
        "include_units": ["true", "false"],
        "by_parent": ["true", "false"],
    }
    del store
    plan: list[tuple[str, dict[str, str]]] = []
    for info in list_queries():
        plan.append((info.name, {p.name: choices[p.name][0] for p in info.params if p.required}))
        for param in info.params:
            for value in choices.get(param.name, []):
                required = {p.name: choices[p.name][0] for p in info.params if p.required}
                plan.append((info.name, {**required, param.name: value}))
    return plan


def _client(index: int, endpoint: str, plan: list, start_at: float, stop_at: float, seed: int,
            max_requests: int) -> list[tuple[str, float, str | None]]:
    """One client process: run the plan in a seeded random order until ``stop_at``."""
    from esfgraph.query import QueryError, run_query

    order = list(plan)
    random.Random(seed * 1000 + index).shuffle(order)
    while time.time() < start_at:  # all clients begin together
        time.sleep(min(0.01, max(0.0, start_at - time.time())))
    results = []
    position = 0
    while time.time() < stop_at and len(results) < max_requests:
        name, params = order[position % len(order)]
        position += 1
        began = time.perf_counter()
        error = None
        try:
            result = run_query(name, params, endpoint=endpoint, timeout=REQUEST_TIMEOUT)
            if result.columns is None:
                error = "no columns"
        except QueryError as failure:
            error = str(failure)[:300]
        except Exception as failure:  # noqa: BLE001 - a load test counts every failure
            error = f"{type(failure).__name__}: {failure}"[:300]
        results.append((name, time.perf_counter() - began, error))
    return results


def run_load(
    store_dir: str | Path,
    clients: int = 4,
    seconds: float = 30.0,
    seed: int = 1,
    max_requests: int = MAX_REQUESTS_PER_CLIENT,
    server_timeout: float | None = 60.0,
    warmup: float = 3.0,
) -> LoadReport:
    """Serve ``store_dir`` with ``esfgraph serve`` and load it with ``clients`` processes.

    Parameters
    ----------
    store_dir : path
        An Oxigraph store (``OUT/store`` of a build).
    clients : int
        Concurrent client processes.
    seconds : float
        How long the clients send requests (each also stops after ``max_requests``).
    seed : int
        Seeds each client's order of queries.
    max_requests : int
        Upper bound of requests per client.
    server_timeout : float or None
        The server's own query time limit (``esfgraph serve --timeout``).
    warmup : float
        Seconds given to the client processes to start before they all begin.

    Returns
    -------
    LoadReport
    """
    from esfgraph.serve import free_port

    store_dir = Path(store_dir)
    plan = query_plan(store_dir, seed)
    port = free_port()
    command = [sys.executable, "-m", "esfgraph", "serve", "--store", str(store_dir), "--bind", f"127.0.0.1:{port}"]
    if server_timeout:
        command += ["--timeout", str(server_timeout)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT)
    try:
        banner = server.stdout.readline()
        if not banner.startswith("Oxigraph SPARQL server"):
            raise RuntimeError(f"esfgraph serve did not start: {server.stderr.read()[-1000:]}")
        endpoint = f"http://127.0.0.1:{port}/query"
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=clients, mp_context=context) as pool:
            start_at = time.time() + warmup  # time for the client processes to start
            stop_at = start_at + seconds
            futures = [pool.submit(_client, index, endpoint, plan, start_at, stop_at, seed, max_requests)
                       for index in range(clients)]
            results = [item for future in futures
                       for item in future.result(timeout=seconds + REQUEST_TIMEOUT + 60)]
            wall = max(time.time(), stop_at) - start_at
        if server.poll() is not None:
            results.append(("server", 0.0, f"the server stopped (exit {server.returncode})"))
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()
    import pyoxigraph as ox

    report = LoadReport(clients=clients, seconds=seconds, store=str(store_dir),
                        quads=len(ox.Store.read_only(str(store_dir))))
    latencies = sorted(seconds_taken * 1000 for _, seconds_taken, error in results if error is None)
    failures = [f"{name}: {error}" for name, _, error in results if error is not None]
    report.served = len(latencies)
    report.failures = len(failures)
    report.failure_examples = sorted(set(failures))[:10]
    report.wall_seconds = round(wall, 2)
    if latencies:
        report.median_ms = round(statistics.median(latencies), 2)
        report.p90_ms = round(_percentile(latencies, 0.90), 2)
        report.p99_ms = round(_percentile(latencies, 0.99), 2)
        report.max_ms = round(latencies[-1], 2)
        report.throughput_per_s = round(len(latencies) / wall, 1)
    by_query: dict[str, list[float]] = {}
    for name, seconds_taken, error in results:
        if error is None:
            by_query.setdefault(name, []).append(seconds_taken * 1000)
    for name, values in sorted(by_query.items()):
        values.sort()
        report.per_query[name] = {"requests": len(values), "median_ms": round(statistics.median(values), 2),
                                  "p99_ms": round(_percentile(values, 0.99), 2)}
    return report


def _build(pages: int, seed: int, work: Path) -> Path:
    corpus = work / f"corpus-{pages}-{seed}"
    out = work / f"build-{pages}-{seed}"
    if not (out / "store" / "CURRENT").is_file():
        if not corpus.exists():
            print(f"generating {pages} pages (seed {seed}) ...", file=sys.stderr)
            subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "generate.py"), str(pages),
                            "--seed", str(seed), "--out", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        print(f"building {out} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "esfgraph", "build", str(corpus), "--out", str(out), "--no-progress"],
                       check=True, stdout=subprocess.DEVNULL, cwd=REPO_ROOT)
    return out / "store"


def markdown(report: LoadReport, pages: int | None) -> str:
    """The result as a Markdown table for docs/reliability.md."""
    where = f"{pages:,} generated pages, " if pages else ""
    lines = [
        f"Load test: {where}{report.quads:,} quads, {report.clients} client processes, "
        f"{report.seconds:g} s, every library query with parameters from the data.",
        "",
        "| requests served | failures | median | p90 | p99 | max | throughput |",
        "|---|---|---|---|---|---|---|",
        f"| {report.served:,} | {report.failures} | {report.median_ms:.1f} ms | {report.p90_ms:.1f} ms | "
        f"{report.p99_ms:.1f} ms | {report.max_ms:.1f} ms | {report.throughput_per_s:.1f} req/s |",
        "",
        "| query | requests | median | p99 |",
        "|---|---|---|---|",
    ]
    for name, numbers in report.per_query.items():
        lines.append(f"| {name} | {numbers['requests']:,} | {numbers['median_ms']:.1f} ms | {numbers['p99_ms']:.1f} ms |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: generate, build, serve, load, report. Exit 1 on any failed request."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="generated pages (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client processes (default 8)")
    parser.add_argument("--seconds", type=float, default=45.0, help="how long to load the server (default 45)")
    parser.add_argument("--store", type=Path, help="use this store instead of generating and building")
    parser.add_argument("--work", type=Path, default=REPO_ROOT / "benchmarks" / "work" / "loadtest",
                        help="folder for the corpus and the build (default benchmarks/work/loadtest)")
    parser.add_argument("--json", dest="json_path", type=Path, help="also write the report as JSON here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown block for the docs")
    args = parser.parse_args(argv)
    if args.clients < 1 or not 0 < args.seconds <= 600:
        parser.error("--clients must be at least 1 and --seconds between 0 and 600")
    store = args.store or _build(args.pages, args.seed, args.work)
    report = run_load(store, clients=args.clients, seconds=args.seconds, seed=args.seed)
    if args.json_path:
        args.json_path.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    print(markdown(report, None if args.store else args.pages) if args.markdown else json.dumps(report.to_json(), indent=2))
    for example in report.failure_examples:
        print(f"FAILED: {example}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
