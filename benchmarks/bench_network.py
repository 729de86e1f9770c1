#!/usr/bin/env python3
"""Benchmark the network analysis on a synthetic store of N projects.

``python benchmarks/bench_network.py --projects 1000 10000`` generates, for each size,
a graph that follows the model in docs/architecture.md (projects, participations,
organisations with offices and units, municipalities and counties), loads it into an
on-disk Oxigraph store, and times each step of ``esfgraph analyze`` and of the Gephi
export. It prints one markdown table (seconds per step, one column per size) and the
network's size. ``--store DIR`` measures an existing store instead (a build's
``store/``), for example one built from ``benchmarks/generate.py`` pages.

The synthetic network has what the real one has: a few national agencies with local
offices in most projects, municipalities and their units, regions, a Zipf long tail of
companies and associations, and "families" of 3-6 organisations that recur together,
so that recurring groups exist. Generation is seeded: the same arguments give the same
store.

Steps, as ``esfgraph.network.analyze`` runs them: ``networks`` (three SPARQL reads,
participations grouped by project, and the projection, counted in Python),
``centrality`` (betweenness exact up to 1,000 organisations, sampled k=200 above;
igraph above 1,000 organisations, NetworkX below),
``clusters`` (Louvain + ``--stability-runs`` reruns), ``recurring`` (pairs, groups,
cross-period), ``write_back_quads`` (the analysis graph as N-Triples), ``tables``, ``report``
(plots and HTML), ``write_back`` (Oxigraph loading the triples, in a thread beside the
tables and the report; ``write_back_wait`` is what the analysis still waited for it),
then ``gephi`` (three GEXF files, the static and dynamic one in one pass, GraphML and CSV).
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.common import (  # noqa: E402
    BASE, DCTERMS, ESF, ORG, RDF_TYPE, RDFS_LABEL, SCHEMA, VOCAB, XSD, nt_integer, nt_literal)
from esfgraph.export import export_gephi  # noqa: E402
from esfgraph.network import analyze  # noqa: E402
from esfgraph.store import load_store  # noqa: E402

PERIODS = ((2007, 2013), (2014, 2020), (2021, 2027))


class Generator:
    """Writes N-Triples of a synthetic ESF graph; see the module docstring."""

    def __init__(self, projects: int, seed: int):
        self.rng = random.Random(seed)
        self.projects = projects
        self.lines: list[str] = []
        self.municipalities = [f"{c:02d}{m:02d}" for c in range(1, 22) for m in range(1, 15)][:290]
        self.tail = [f"{BASE}org/name/tail-{i}" for i in range(max(50, int(projects * 0.6)))]
        self.families = [
            [self.rng.choice(self.tail) for _ in range(self.rng.randint(3, 6))] for _ in range(max(5, projects // 60))
        ]
        self._organisations()

    def t(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"<{s}> <{p}> {o} .")

    def org(self, iri: str, label: str, otype: str, parent: str | None = None, municipality: str | None = None):
        self.t(iri, RDF_TYPE, f"<{ORG}{'OrganizationalUnit' if parent else 'Organization'}>")
        self.t(iri, RDFS_LABEL, nt_literal(label))
        self.t(iri, ESF + "orgType", f"<{VOCAB}org-type/{otype}>")
        if parent:
            self.t(iri, ORG + "unitOf", f"<{parent}>")
        if municipality:
            self.t(iri, ESF + ("governs" if otype == "municipality" else "locatedIn"), f"<{BASE}municipality/{municipality}>")

    def _organisations(self) -> None:
        for county in range(1, 22):
            c = f"{BASE}county/{county:02d}"
            self.t(c, RDF_TYPE, f"<{ESF}County>")
            self.t(c, ESF + "countyCode", nt_literal(f"{county:02d}"))
            self.t(c, RDFS_LABEL, nt_literal(f"Län {county:02d}"))
        for code in self.municipalities:
            m = f"{BASE}municipality/{code}"
            self.t(m, RDF_TYPE, f"<{ESF}Municipality>")
            self.t(m, ESF + "municipalityCode", nt_literal(code))
            self.t(m, ESF + "county", f"<{BASE}county/{code[:2]}>")
            self.org(f"{BASE}org/kommun-{code}", f"Kommun {code}", "municipality", municipality=code)
            for unit in ("ame", "socialtjansten", "gymnasiet"):
                self.org(f"{BASE}org/kommun-{code}/{unit}", f"{unit} {code}", "municipal-unit",
                         f"{BASE}org/kommun-{code}", code)
        for agency in ("arbetsformedlingen", "forsakringskassan"):
            self.org(f"{BASE}org/{agency}", agency.title(), "agency")
            for code in self.municipalities:
                self.org(f"{BASE}org/{agency}/{code}", f"{agency.title()} {code}", "agency-office",
                         f"{BASE}org/{agency}", code)
        for county in range(1, 22):
            self.org(f"{BASE}org/region-{county:02d}", f"Region {county:02d}", "region")
            self.org(f"{BASE}org/lansstyrelsen-{county:02d}", f"Länsstyrelsen {county:02d}", "county-board")
        for i, iri in enumerate(self.tail):
            self.org(iri, f"Organisation {i}", self.rng.choice(("company", "non-profit", "study-association",
                                                                 "coordination-association", "school")))

    def _zipf(self) -> str:
        # Rank r has weight 1/r: a few tail organisations are in many projects.
        index = int(len(self.tail) ** self.rng.random()) - 1
        return self.tail[index]

    def project(self, number: int) -> None:
        rng = self.rng
        iri = f"{BASE}project/bench-{number:06d}"
        first, last = rng.choice(PERIODS)
        year = rng.randint(first, min(last, 2025))
        start = f"{year}-{rng.randint(1, 12):02d}-01"
        end = f"{min(year + rng.randint(1, 3), 2027)}-{rng.randint(1, 12):02d}-28"
        code = rng.choice(self.municipalities)
        self.t(iri, RDF_TYPE, f"<{ESF}Project>")
        self.t(iri, DCTERMS + "title", nt_literal(f"Projekt {number}"))
        self.t(iri, SCHEMA + "startDate", f'"{start}"^^<{XSD}date>')
        self.t(iri, SCHEMA + "endDate", f'"{end}"^^<{XSD}date>')
        self.t(iri, ESF + "startYear", nt_integer(year))
        self.t(iri, ESF + "programmePeriod", f"<{VOCAB}period/{first}-{last}>")
        owner = rng.choices(
            [f"{BASE}org/kommun-{code}/ame", f"{BASE}org/kommun-{code}", self._zipf(), f"{BASE}org/region-{code[:2]}"],
            weights=[40, 20, 30, 10])[0]
        parts = [(owner, "owner")]
        if rng.random() < 0.6:
            parts.append((f"{BASE}org/arbetsformedlingen/{code}", "co-financier"))
        if rng.random() < 0.4:
            parts.append((f"{BASE}org/forsakringskassan/{code}", "co-financier"))
        if rng.random() < 0.3:
            parts.append((f"{BASE}org/kommun-{code}", "co-financier"))
        if rng.random() < 0.15:
            parts.append((f"{BASE}org/lansstyrelsen-{code[:2]}", "co-financier"))
        parts += [(self._zipf(), "partner") for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.2:
            parts += [(m, "partner") for m in rng.choice(self.families)]
        if rng.random() < 0.1:
            parts.append((f"{BASE}org/foreign/de/partner-{rng.randint(1, 200)}", "transnational-partner"))
            self.org(parts[-1][0], f"Partner {parts[-1][0][-3:]}", "foreign")
        seen = set()
        for i, (org, role) in enumerate(parts):
            if (org, role) in seen:
                continue
            seen.add((org, role))
            part = f"{iri}/participation/{role}-{i}"
            self.t(part, RDF_TYPE, f"<{ESF}Participation>")
            self.t(part, ESF + "project", f"<{iri}>")
            self.t(part, ESF + "organisation", f"<{org}>")
            self.t(part, ORG + "role", f"<{VOCAB}role/{role}>")
            self.t(iri, ESF + "participation", f"<{part}>")

    def write(self, path: Path) -> int:
        for number in range(self.projects):
            self.project(number)
        lines = sorted(set(self.lines))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return len(lines)


def measure(store: Path, work: Path, seed: int, stability_runs: int) -> tuple[dict[str, float], dict]:
    """Run the analysis and the export once; return seconds per step and the summary."""
    cpu = time.process_time()
    started = time.perf_counter()
    result = analyze(store, work / "analysis", seed=seed, stability_runs=stability_runs)
    total = time.perf_counter() - started
    timings = dict(result.timings)
    started = time.perf_counter()
    export_gephi(result, work / "gephi")
    timings["gephi"] = time.perf_counter() - started
    timings["total"] = total + timings["gephi"]
    # CPU time shows how much of the wall time was waiting for a busy machine.
    timings["total, CPU seconds of this process"] = time.process_time() - cpu
    return timings, result.summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example: python benchmarks/bench_network.py --projects 1000 10000")
    parser.add_argument("--projects", type=int, nargs="+", default=[1000, 10000], help="sizes (projects)")
    parser.add_argument("--store", type=Path, help="measure this existing store instead of generating one")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--stability-runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated stores and outputs in this folder")
    args = parser.parse_args(argv)

    work_root = args.keep or Path(tempfile.mkdtemp(prefix="bench-network-"))
    columns, sizes = {}, {}
    try:
        runs = [("store", args.store)] if args.store else [(f"{n:,} projects", n) for n in args.projects]
        for name, what in runs:
            work = work_root / name.replace(",", "").replace(" ", "-")
            work.mkdir(parents=True, exist_ok=True)
            if isinstance(what, Path):
                store, prepared = what, {}
            else:
                started = time.perf_counter()
                triples = Generator(what, args.seed).write(work / "graph.nt")
                generated = time.perf_counter() - started
                started = time.perf_counter()
                store = work / "store"
                load_store(store, [work / "graph.nt"])
                prepared = {"generate (not analysis)": generated, "load store (not analysis)": time.perf_counter() - started}
                sizes.setdefault("triples", {})[name] = f"{triples:,}"
            timings, summary = measure(store, work, args.seed, args.stability_runs)
            columns[name] = {**prepared, **timings}
            for key in ("projects", "organisations", "ties", "clusters", "recurring_partnerships", "recurring_groups",
                        "cross_period_partnerships", "betweenness", "engine"):
                value = summary[key]
                sizes.setdefault(key, {})[name] = f"{value:,}" if isinstance(value, int) else str(value)
            print(f"done: {name} in {timings['total']:.1f} s", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)

    names = list(columns)
    steps = list(dict.fromkeys(step for column in columns.values() for step in column))
    print(f"Network analysis benchmark ({platform.python_implementation()} {platform.python_version()}, "
          f"seed {args.seed}, {args.stability_runs} stability runs)\n")
    print("| step (seconds) | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for step in steps:
        cells = [f"{columns[n][step]:.2f}" if step in columns[n] else "" for n in names]
        print(f"| {step} | " + " | ".join(cells) + " |")
    print("\n| network | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for key, values in sizes.items():
        print(f"| {key.replace('_', ' ')} | " + " | ".join(values.get(n, "") for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
