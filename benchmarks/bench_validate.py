#!/usr/bin/env python3
"""Benchmark SHACL validation: one pySHACL run over the whole graph vs batches of projects.

``python benchmarks/bench_validate.py [--sizes 1000 10000] [--batch-size 500] [--workers 2]``
synthesises project records and their resolutions in memory (owners, co-financing agency
offices, partners from a long tail, municipalities, about one project in twenty with a
planted defect), writes the graph with :func:`esfgraph.rdf.write_graph`, and validates
``graph.nt`` three ways, each in a fresh child process so that peak memory is its own:

- whole graph: ``validate_graph(nt, batch_size=None)``, one pySHACL call;
- batched, one process: ``validate_graph(nt, batch_size=B, workers=1)``;
- batched, parallel: ``validate_graph(nt, batch_size=B, workers=W)``.

Times include streaming the file (two passes: the types of every subject, then the
batches), building the rdflib graphs, pySHACL, merging the reports and the pass that finds
the report's context (titles, pages). It checks that all three find exactly the same
results, and prints Markdown (a table, no top heading) on stdout; progress goes to stderr. ``--build DIR`` (an
``esfgraph build`` output) validates that build's ``graph.nt`` as well; ``--corpus`` and
``--size`` are accepted for ``benchmarks/run.py`` and ignored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from esfgraph import iris  # noqa: E402
from esfgraph.model import Mention, Organisation, ProjectRecord, RecordResolution  # noqa: E402

REGIONS = [
    ("Övre Norrland", "ovre-norrland", ["2480", "2482", "2510", "2560", "2580", "2584"]),
    ("Mellersta Norrland", "mellersta-norrland", ["2281", "2283", "2380", "2361"]),
    ("Norra Mellansverige", "norra-mellansverige", ["1780", "2080", "2180", "2181"]),
    ("Östra Mellansverige", "ostra-mellansverige", ["0380", "0484", "0580", "1880", "1980"]),
    ("Stockholm", "stockholm", ["0180", "0114", "0123", "0182", "0183"]),
    ("Västsverige", "vastsverige", ["1480", "1490", "1380", "1384", "1485"]),
    ("Småland & Öarna", "smaland-och-oarna", ["0680", "0665", "0780", "0880", "0980"]),
    ("Sydsverige", "sydsverige", ["1280", "1281", "1283", "1080", "1261"]),
]
PLACE_NAMES = {f"{code}": (f"Kommun {code}", code[:2]) for _, _, codes in REGIONS for code in codes}
COUNTY_NAMES = {code[:2]: f"Län {code[:2]}" for code in PLACE_NAMES}
AGENCIES = [("arbetsformedlingen", "Arbetsförmedlingen", "2021002114"), ("forsakringskassan", "Försäkringskassan", "2021005521")]
UNITS = ["socialtjansten", "arbetsmarknadsenheten", "vuxenutbildningen", "kommunledningskontoret"]


def _org(key: str, label: str, kind: str, **extra) -> Organisation:
    return Organisation(iris.org_iri(key), label, kind, **extra)


def synthesise(count: int, seed: int = 42):
    """Return ``count`` (record, resolution) pairs shaped like the project bank's pages."""
    rng = random.Random(seed)
    agencies = [_org(key, label, "agency", org_number=number) for key, label, number in AGENCIES]
    tail = [_org(f"name/org-{i}", f"Organisation {i}", rng.choice(["company", "non_profit", "study_association"]))
            for i in range(max(50, count // 2))]
    pairs = []
    for index in range(count):
        region_text, region_key, codes = rng.choice(REGIONS)
        year = rng.randint(2008, 2024)
        record = ProjectRecord(
            source=f"pages/{index:06d}.txt",
            format="esf-2007" if year < 2014 else ("esf-2014" if year < 2022 else "esf-2021"),
            layout="synthetic",
            title=f"Projekt {index}",
            project_number=None if year < 2014 else f"{year}/{index:05d}",
            programme_area="Programområde 2 Ökat arbetskraftsutbud" if year < 2014 else ("2" if year < 2022 else "A"),
            phase=rng.choice(["Genomförande", "Förprojektering", "Analys och planering"]),
            esf_grant_sek=rng.randint(100_000, 20_000_000),
            period_start=f"{year}-0{rng.randint(1, 9)}-01",
            period_end=f"{year + rng.randint(1, 3)}-12-31",
            region=region_text,
            sha256=hashlib.sha256(f"page {index}".encode()).hexdigest(),
        )
        record.total_budget_sek = record.esf_grant_sek * 2
        defect = index % 20 == 7
        if defect:  # one project in twenty is wrong in one of four ways
            kind = (index // 20) % 4
            if kind == 0:
                record.esf_grant_sek = record.total_budget_sek + 1
            elif kind == 1:
                record.period_start, record.period_end = record.period_end, record.period_start
            elif kind == 2:
                record.region = "Okänd region"
            else:
                record.period_end = "2040-06-30"
        project = iris.project_iri(record)
        home = rng.choice(codes)
        municipality = _org(f"kommun-{home}", f"Kommun {home}", "municipality", municipality_code=home, county_code=home[:2])
        owner = _org(f"kommun-{home}/{rng.choice(UNITS)}", f"Enhet i {home}", "municipal_unit",
                     parent=municipality.iri, municipality_code=home)
        organisations = [municipality, owner, *agencies]
        mentions = [Mention(record.source, project, owner.label, "owner", owner.iri, owner.label, "municipal-unit", 0.9, 0)]
        for position, agency in enumerate(rng.sample(agencies, rng.randint(1, 2))):
            place = rng.choice(codes)
            office = _org(f"{agency.iri.rsplit('/', 1)[-1]}/{place}", f"{agency.label} {place}", "agency_office",
                          parent=agency.iri, municipality_code=place)
            organisations.append(office)
            mentions.append(Mention(record.source, project, office.label, "co_financier", office.iri, office.label,
                                    "agency-office", 0.95, position))
        for position, partner in enumerate(rng.sample(tail, rng.randint(1, 4))):
            organisations.append(partner)
            mentions.append(Mention(record.source, project, partner.label, "partner", partner.iri, partner.label,
                                    "name-key", 0.6, position))
        resolution = RecordResolution(
            source=record.source,
            project=project,
            mentions=mentions,
            organisations=organisations,
            municipality_codes=sorted(set(rng.sample(codes, rng.randint(1, len(codes))))),
            region=region_key if not (defect and record.region == "Okänd region") else None,
        )
        pairs.append((record, resolution))
    return pairs


def write_synthetic(count: int, out: Path) -> tuple[Path, int, float]:
    """Write the synthetic graph; return ``graph.nt``, its triple count and the seconds it took."""
    from esfgraph.rdf import RDFOptions, write_graph

    pairs = synthesise(count)
    started = time.perf_counter()
    files = write_graph([p[0] for p in pairs], [p[1] for p in pairs], out,
                        RDFOptions(reference={"municipalities": PLACE_NAMES, "counties": COUNTY_NAMES}, turtle_limit=0))
    return files.nt, files.triples, time.perf_counter() - started


def _one(graph: str, batch_size: int, workers: int) -> None:
    """Child mode: validate once, print JSON with time, peak memory and the results' keys."""
    from esfgraph.validate import validate_graph

    started = time.perf_counter()
    outcome = validate_graph(graph, batch_size=batch_size or None, workers=workers)
    seconds = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, peak_children = own.ru_maxrss * 1024, children.ru_maxrss * 1024
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    digest = hashlib.sha256(json.dumps([list(r.key) for r in outcome.results]).encode()).hexdigest()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak": max(peak, peak_children), "batches": outcome.batches,
                      "violations": outcome.violations, "warnings": outcome.warnings, "digest": digest}))


def measure(graph: Path, batch_size: int, workers: int) -> dict:
    """Run one validation in a child process and return what it printed."""
    command = [sys.executable, __file__, "--one", str(graph), "--batch-size", str(batch_size), "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _mb(count: int) -> str:
    return f"{count / 2**20:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="projects per graph")
    parser.add_argument("--batch-size", type=int, default=500, help="projects per pySHACL run (batched)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), help="processes (parallel)")
    parser.add_argument("--skip-whole-above", type=int, default=200_000,
                        help="do not run whole-graph validation above this many projects")
    parser.add_argument("--build", type=Path, default=None, help="also validate BUILD/graph.nt")
    parser.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--one", type=str, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        _one(args.one, args.batch_size, args.workers)
        return 0

    rows = []
    with tempfile.TemporaryDirectory(prefix="esfgraph-bench-validate-") as tmp:
        graphs = []
        for size in args.sizes:
            print(f"synthesising and writing {size:,} projects", file=sys.stderr)
            nt, triples, write_s = write_synthetic(size, Path(tmp) / str(size))
            graphs.append((f"{size:,} synthetic projects", nt, triples, write_s, size))
        if args.build and (args.build / "graph.nt").is_file():
            nt = args.build / "graph.nt"
            with open(nt, encoding="utf-8") as handle:
                triples = sum(1 for _ in handle)
            graphs.append((f"the build's graph.nt ({args.build.parent.name} pages)", nt, triples, None, 0))
        for name, nt, triples, write_s, size in graphs:
            runs = {}
            if size <= args.skip_whole_above:
                print(f"{name}: whole graph", file=sys.stderr)
                runs["whole"] = measure(nt, 0, 1)
            print(f"{name}: batched, 1 process", file=sys.stderr)
            runs["batched"] = measure(nt, args.batch_size, 1)
            print(f"{name}: batched, {args.workers} processes", file=sys.stderr)
            runs["parallel"] = measure(nt, args.batch_size, args.workers)
            same = len({r["digest"] for r in runs.values()}) == 1
            rows.append((name, triples, write_s, runs, same))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"SHACL validation with `ontology/shapes.ttl` ({args.batch_size} projects per batch). Wall time "
          f"and CPU time (the process and its workers, including reading `graph.nt`), peak memory "
          f"(largest process). {os.cpu_count()} cores, load average {load:.1f} at the end.\n")
    print(f"| graph | triples | write graph.nt | whole graph (1 pySHACL run) | batched, 1 process | "
          f"batched, {args.workers} processes | findings | same findings |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, triples, write_s, runs, same in rows:
        def cell(key):
            run = runs.get(key)
            if not run:
                return "–"
            return f"{run['seconds']:.1f} s ({run['cpu']:.1f} s CPU), {_mb(run['peak'])}, {run['batches']} run(s)"

        any_run = next(iter(runs.values()))
        findings = f"{any_run['violations']:,} violations, {any_run['warnings']:,} warnings"
        write = f"{write_s:.1f} s" if write_s is not None else "–"
        print(f"| {name} | {triples:,} | {write} | {cell('whole')} | {cell('batched')} | {cell('parallel')} | "
              f"{findings} | {'yes' if same else '**no**'} |")
    return 0 if all(row[4] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
