#!/usr/bin/env python3
"""Time the explorer of ``esfgraph serve`` over HTTP on a build's store; print a markdown table.

``python benchmarks/bench_explorer.py --store /tmp/out/store`` starts the real server
(the explorer with Oxigraph behind it) on a free loopback port and times, as a browser
would fetch them (one request at a time, each page whole):

- the start (store read into the explorer's index, Oxigraph started);
- search: label, misspelt label, project number and title-word queries;
- pages: home, organisation pages (the most connected and a seeded sample), project pages,
  pair pages, resource pages;
- the partnership table under each filter on its own, the first request for each
  (nothing cached), as HTML, then as CSV and GEXF;
- the network view's data (positions computed in Python).

Targets (issue 17): search under 100 ms, every page under 300 ms at the median, the
partnership table with any filter under 1 s. Samples are seeded: the same store gives the
same requests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from esfgraph.explorer import build_index  # noqa: E402
from esfgraph.serve import start_server  # noqa: E402
from esfgraph.store import open_store  # noqa: E402


def timed(url: str) -> tuple[float, int, int]:
    """Milliseconds for one whole request, its status and size."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - start) * 1000, status, len(body)


def misspell(text: str, rng: random.Random) -> str:
    """Drop one letter and strip accents from the rest: what a hurried user types."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) > 4:
        cut = rng.choice(letters[1:-1])
        text = text[:cut] + text[cut + 1:]
    return text.translate(str.maketrans("åäöÅÄÖé", "aaoAAOe"))


def samples(store_dir: Path, seed: int, n: int):
    index = build_index(open_store(store_dir))
    rng = random.Random(seed)
    by_parts = sorted(index.by_org, key=lambda o: (-len(index.by_org[o]), o))
    orgs = by_parts[:5] + rng.sample(sorted(index.by_org), min(n, len(index.by_org)))
    projects = rng.sample(sorted(index.projects), min(n, len(index.projects)))
    numbered = [p for p in sorted(index.projects) if index.projects[p].number]
    titled = [p for p in sorted(index.projects) if index.projects[p].title]
    queries = ([index.orgs[o].label for o in rng.sample(sorted(index.orgs), 10)]
               + [misspell(index.orgs[o].label, rng) for o in rng.sample(sorted(index.orgs), 10)]
               + [index.projects[p].number for p in rng.sample(numbered, min(5, len(numbered)))]
               + [max(index.projects[p].title.split(), key=len) for p in rng.sample(titled, min(5, len(titled)))]
               + ["Af Jönköping", "FK Värnamo"])
    regions = sorted({p.region for p in index.projects.values() if p.region})
    counties = sorted(index.counties)
    municipalities = sorted(index.municipalities)
    types = sorted({o.type for o in index.orgs.values() if o.type})
    filters = ["", "min_shared=1", f"region={rng.choice(regions)}", f"county={rng.choice(counties)}",
               f"municipality={rng.choice(municipalities)}", "period=2014-2020", "year_from=2015&year_to=2018",
               f"org_type={rng.choice(types)}", "evidence=listed", "evidence=text", "level=parent", "general=1",
               "sort=grant", f"org={urllib.parse.quote(by_parts[0], safe='')}&min_shared=1"]
    return index, orgs, projects, queries, filters


def path_of(index, iri: str) -> str:
    return "id/" + iri[len(index.base):]


def summary(name: str, times: list[float], target: float | None) -> str:
    median = statistics.median(times)
    worst = max(times)
    verdict = "" if target is None else ("yes" if median < target else "**no**")
    return f"| {name} | {len(times)} | {median:,.1f} | {worst:,.1f} | {target or '–'} | {verdict} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the store folder of a build")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=30, help="organisations and projects sampled")
    args = parser.parse_args()

    start = time.perf_counter()
    index, orgs, projects, queries, filters = samples(args.store, args.seed, args.sample)
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    with start_server(args.store, bind="127.0.0.1:0", wait=120) as server:
        started_s = time.perf_counter() - start
        base = server.url
        # The server lays the default network out in the background as it starts: wait for
        # it here (and report it), so that it does not share the CPU with what is timed next.
        network = [timed(base + "network.json")[0]]
        rows = ["| request | n | median ms | max ms | target ms | met |", "|---|---|---|---|---|---|"]
        searches = [timed(base + "search?q=" + urllib.parse.quote(q))[0] for q in queries]
        rows.append(summary("`/search?q=…`", searches, 100))
        rows.append(summary("`/` home", [timed(base)[0] for _ in range(5)], 300))
        rows.append(summary("organisation page", [timed(base + path_of(index, o))[0] for o in orgs], 300))
        rows.append(summary("project page", [timed(base + path_of(index, p))[0] for p in projects], 300))
        pairs = [(o, p.org) for o in orgs[:10] for p in index.by_org[o][:1]
                 for p in index.projects[p.project].participations[:2] if p.org != o][:10]
        rows.append(summary("pair page", [timed(base + "partnership?" + urllib.parse.urlencode({"a": a, "b": b}))[0]
                                          for a, b in pairs], 300))
        places = sorted(index.municipalities)[:10]
        rows.append(summary("resource page (municipality)", [timed(base + "id/municipality/" + c)[0] for c in places], 300))
        rows.append(summary("Turtle of an organisation", [
            timed(base + path_of(index, o) + "?format=ttl")[0] for o in orgs[:10]], 300))
        table_times = {}
        for flt in filters:
            table_times[flt] = timed(base + "partnerships?" + flt)[0]
        rows.append(summary("`/partnerships` HTML, each filter, first request", list(table_times.values()), 1000))
        csv_times = [timed(base + "partnerships?format=csv&" + f + "&sort=last_year")[0] for f in filters]
        rows.append(summary("`/partnerships` CSV, each filter, first request", csv_times, 1000))
        gexf_times = [timed(base + "partnerships?format=gexf&" + f + "&order=asc")[0] for f in filters]
        rows.append(summary("`/partnerships` GEXF, each filter, first request", gexf_times, 1000))
        network.append(timed(base + "network.json?min_shared=3")[0])
        rows.append(summary("`/network.json`: the default view just after start, then `min_shared=3`", network, None))
        slowest = max(table_times, key=table_times.get)
    print(f"Store {args.store}: {len(index.projects):,} projects, {len(index.orgs):,} organisations, "
          f"{sum(len(v) for v in index.by_org.values()):,} participations.")
    print(f"Index read in {index_s:.1f} s; server answering after {started_s:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end.\n")
    print("\n".join(rows))
    print(f"\nSlowest partnership filter: `{slowest or '(none)'}` {table_times[slowest]:,.0f} ms.")
    print("\n" + cpu_table(args.store, index, orgs, queries, filters))


def cpu_table(store_dir: Path, index, orgs, queries, filters) -> str:
    """The same requests through the application in this process, in CPU seconds: what a
    request costs whatever else the machine is doing (a loaded machine stretches wall time)."""
    from werkzeug.test import Client  # noqa: PLC0415

    from esfgraph.explorer import ExplorerApp, StoreWatcher  # noqa: PLC0415

    watcher = StoreWatcher(store_dir)
    client = Client(ExplorerApp(watcher))

    def cpu(url: str) -> float:
        start = time.process_time()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.process_time() - start) * 1000

    rows = ["| request, in-process CPU | n | median ms | max ms | target ms | met |", "|---|---|---|---|---|---|"]
    rows.append(summary("`/search?q=…`", [cpu("/search?q=" + urllib.parse.quote(q)) for q in queries], 100))
    rows.append(summary("organisation page", [cpu("/" + path_of(index, o)) for o in orgs], 300))
    rows.append(summary("`/partnerships` HTML, each filter", [cpu("/partnerships?" + f) for f in filters], 1000))
    rows.append(summary("`/partnerships` CSV, each filter", [cpu("/partnerships?format=csv&sort=org_a&" + f)
                                                             for f in filters], 1000))
    watcher.stop()
    return "\n".join(rows)


if __name__ == "__main__":
    main()
