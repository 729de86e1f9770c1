#!/usr/bin/env python3
"""Time every query of the library on a store of N projects; print a markdown table.

``python benchmarks/bench_query.py --projects 1000 10000`` synthesises, for each size, a
graph that follows the model of docs/architecture.md (projects with their participations,
agencies with local offices, municipalities and their units, regions, a Zipf long tail of
companies and associations, foreign partners, places, source pages, plus the analysis
graph that ``esfgraph analyze`` would write), bulk-loads it into an on-disk Oxigraph store
with :func:`esfgraph.store.load_store`, and runs each library query with its default
parameters (``org`` = ``arbetsformedlingen``) ``--repeat`` times. It reports the first
run and the median in milliseconds, and the number of rows.

``--store DIR`` (or ``--build DIR``, as ``benchmarks/run.py`` passes it) times an existing
store instead, e.g. one ``esfgraph build`` made from ``benchmarks/generate.py`` pages.
``--server`` also times every query through a local Oxigraph server (HTTP through runtime.http
and parameter binding included).

Generation is seeded: the same arguments give the same graph.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.common import (  # noqa: E402
    ANALYSIS, BASE, DCTERMS, ESF, ORG, PROV, RDF_TYPE, RDFS_LABEL, REQUIRED_PARAMETERS, SCHEMA, VOCAB, XSD, nt_integer,
    nt_iri, nt_literal)
from esfgraph.query import list_queries, run_query  # noqa: E402
from esfgraph.store import load_store, open_store  # noqa: E402

REGIONS = ("ovre-norrland", "mellersta-norrland", "norra-mellansverige", "ostra-mellansverige",
           "stockholm", "vastsverige", "smaland-och-oarna", "sydsverige")
AGENCIES = ("arbetsformedlingen", "forsakringskassan", "migrationsverket", "skolverket", "kriminalvarden")
COUNTRIES = ("IT", "DE", "ES", "PL", "FI", "DK", "NL", "FR")

#: Parameters for queries that require one.
REQUIRED = REQUIRED_PARAMETERS


class Synthesiser:
    """Writes N-Triples (and the analysis graph as N-Quads) for ``projects`` projects."""

    def __init__(self, projects: int, seed: int = 42):
        self.n = projects
        self.random = random.Random(seed)
        self.lines: list[str] = []
        # 290 four-digit codes, Vaggeryd (0665, the default of projects-in-municipality) first.
        self.municipalities = ["0665"] + [f"{c:04d}" for c in range(114, 114 + 289 * 8, 8)]
        self.pool = [f"name/org-{i:05d}" for i in range(max(50, projects // 2))]
        self.weights = [1 / (i + 1) for i in range(len(self.pool))]
        self.orgs: dict[str, tuple[str, str, str | None, str | None]] = {}
        self.members: dict[str, set[str]] = {}
        self.years: dict[str, int] = {}

    def t(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} <{p}> {o} .\n")

    def org(self, key: str, label: str, kind: str, parent: str | None = None, place: str | None = None) -> str:
        self.orgs.setdefault(key, (label, kind, parent, place))
        return key

    def _office(self, agency: str) -> str:
        code = self.random.choice(self.municipalities[:120])
        self.org(agency, agency.capitalize(), "agency")
        return self.org(f"{agency}/office-{code}", f"{agency.capitalize()} {code}", "agency-office", agency, code)

    def _municipality(self, code: str, unit: bool) -> str:
        self.org(f"kommun-{code}", f"Kommun {code}", "municipality")
        if unit:
            name = self.random.choice(("ame", "socialtjansten", "vuxenutbildningen", "gymnasiet"))
            return self.org(f"kommun-{code}/{name}", f"{name} {code}", "municipal-unit", f"kommun-{code}", code)
        return f"kommun-{code}"

    def _other(self) -> str:
        key = self.random.choices(self.pool, self.weights)[0]
        return self.org(key, key.split("/")[-1], self.random.choice(("company", "non-profit", "school")))

    def project(self, number: int) -> None:
        r = self.random
        key = f"{2007 + number % 15}-{number:06d}"
        node = nt_iri(f"{BASE}project/{key}")
        year = 2007 + number % 15
        period = "2007-2013" if year <= 2013 else "2014-2020" if year <= 2020 else "2021-2027"
        home = r.sample(self.municipalities, r.choice((1, 1, 1, 2, 3)))
        source = nt_iri(f"{BASE}source/{number:032x}")
        self.t(node, RDF_TYPE, nt_iri(f"{ESF}Project"))
        self.t(node, f"{DCTERMS}title", nt_literal(f"Projekt {number}"))
        self.t(node, f"{ESF}projectNumber", nt_literal(key.replace("-", "/")))
        self.t(node, f"{ESF}programmePeriod", nt_iri(f"{VOCAB}period/{period}"))
        self.t(node, f"{ESF}region", nt_iri(f"{VOCAB}region/{REGIONS[number % len(REGIONS)]}"))
        self.t(node, f"{ESF}regionText", nt_literal(REGIONS[number % len(REGIONS)]))
        grant = r.randrange(100_000, 20_000_000, 1000)
        self.t(node, f"{ESF}esfGrantSEK", nt_integer(grant))
        self.t(node, f"{ESF}totalBudgetSEK", nt_integer(grant * 2 + r.randrange(0, 1_000_000, 1000)))
        if number % 50:  # one page in fifty gives no dates (a data-quality finding)
            self.t(node, f"{SCHEMA}startDate", f'"{year}-0{1 + number % 9}-01"^^<{XSD}date>')
            self.t(node, f"{SCHEMA}endDate", f'"{year + 2}-12-31"^^<{XSD}date>')
            self.t(node, f"{ESF}startYear", nt_integer(year))
        self.t(node, f"{PROV}wasDerivedFrom", source)
        self.t(source, RDF_TYPE, nt_iri(f"{ESF}SourcePage"))
        self.t(source, f"{ESF}fileName", nt_literal(f"{number:06d}.html"))
        for code in home:
            self.t(node, f"{ESF}municipality", nt_iri(f"{BASE}municipality/{code}"))
        roles = [("owner", self._municipality(home[0], r.random() < 0.7) if r.random() < 0.8 else self._other())]
        roles += [("co-financier", self._office(r.choice(AGENCIES[:2])) if r.random() < 0.6
                   else self._municipality(r.choice(home), False)) for _ in range(r.choice((0, 1, 1, 2, 3)))]
        roles += [("partner", self._other()) for _ in range(r.choice((0, 1, 2, 3, 4)))]
        if r.random() < 0.2:
            country = r.choice(COUNTRIES)
            self.t(node, f"{ESF}transnationalCountry", nt_iri(f"{BASE}country/{country}"))
            roles.append(("transnational-partner",
                          self.org(f"foreign/{country.lower()}/partner-{r.randrange(200)}", f"Partner {country}",
                                   "foreign", None, country)))
        if r.random() < 0.3:
            roles.append(("mentioned", self._office(r.choice(AGENCIES))))
        shortcut = {"owner": "owner", "co-financier": "coFinancier", "partner": "partner",
                    "transnational-partner": "transnationalPartner", "mentioned": "mentions"}
        for position, (role, org) in enumerate(dict.fromkeys(roles)):
            part = nt_iri(f"{BASE}project/{key}/participation/{role}-{position}")
            organisation = nt_iri(f"{BASE}org/{org}")
            self.t(node, f"{ESF}{shortcut[role]}", organisation)
            self.t(node, f"{ESF}participation", part)
            self.t(part, RDF_TYPE, nt_iri(f"{ESF}Participation"))
            self.t(part, f"{ESF}project", node)
            self.t(part, f"{ESF}organisation", organisation)
            self.t(part, f"{ORG}role", nt_iri(f"{VOCAB}role/{role}"))
            self.t(part, f"{ESF}printedName", nt_literal(self.orgs[org][0]))
            self.t(part, f"{ESF}confidence", f'"{r.choice(("0.3", "0.7", "0.95", "1.0"))}"^^<{XSD}decimal>')
            if role != "mentioned":
                self.members.setdefault(f"{BASE}project/{key}", set()).add(f"{BASE}org/{org}")
        if number % 50:
            self.years[f"{BASE}project/{key}"] = year

    def places_and_orgs(self) -> None:
        for code in self.municipalities:
            node = nt_iri(f"{BASE}municipality/{code}")
            self.t(node, RDF_TYPE, nt_iri(f"{ESF}Municipality"))
            self.t(node, f"{ESF}municipalityCode", nt_literal(code))
            self.t(node, RDFS_LABEL, nt_literal(f"Kommun {code}"))
            self.t(node, f"{ESF}county", nt_iri(f"{BASE}county/{code[:2]}"))
        for country in COUNTRIES:
            node = nt_iri(f"{BASE}country/{country}")
            self.t(node, RDF_TYPE, nt_iri(f"{ESF}Country"))
            self.t(node, f"{ESF}isoCode", nt_literal(country))
            self.t(node, RDFS_LABEL, f'"{country}"@sv')
        for key, (label, kind, parent, place) in sorted(self.orgs.items()):
            node = nt_iri(f"{BASE}org/{key}")
            self.t(node, RDF_TYPE, nt_iri(f"{ORG}OrganizationalUnit" if parent else f"{ORG}Organization"))
            self.t(node, RDFS_LABEL, nt_literal(label))
            self.t(node, f"{ESF}orgType", nt_iri(f"{VOCAB}org-type/{kind}"))
            if parent:
                self.t(node, f"{ORG}unitOf", nt_iri(f"{BASE}org/{parent}"))
            if kind == "foreign":
                self.t(node, f"{ESF}country", nt_iri(f"{BASE}country/{place}"))
            elif place:
                self.t(node, f"{ESF}locatedIn", nt_iri(f"{BASE}municipality/{place}"))

    def analysis(self) -> list[str]:
        """The recurring partnerships and degrees, counted in Python, as N-Quads."""
        pairs: dict[tuple[str, str], list[str]] = {}
        for project, members in self.members.items():
            for a, b in itertools.combinations(sorted(members), 2):
                pairs.setdefault((a, b), []).append(project)
        degree = Counter(org for a, b in pairs for org in (a, b))
        graph = nt_iri(ANALYSIS)
        quads = []
        for number, ((a, b), projects) in enumerate(sorted(pairs.items())):
            if len(projects) < 2:
                continue
            node = nt_iri(f"{BASE}analysis/partnership/{number}")
            years = [self.years[p] for p in projects if p in self.years]
            quads += [f"{node} <{RDF_TYPE}> <{ESF}Partnership> {graph} .\n",
                      f"{node} <{ESF}member> <{a}> {graph} .\n", f"{node} <{ESF}member> <{b}> {graph} .\n",
                      f"{node} <{ESF}sharedProjectCount> {nt_integer(len(projects))} {graph} .\n"]
            if years:
                quads += [f"{node} <{ESF}firstYear> {nt_integer(min(years))} {graph} .\n",
                          f"{node} <{ESF}lastYear> {nt_integer(max(years))} {graph} .\n"]
            quads += [f"{node} <{ESF}sharedProject> <{p}> {graph} .\n" for p in projects]
        for org, value in sorted(degree.items()):
            quads += [f"<{org}> <{ESF}degree> {nt_integer(value)} {graph} .\n",
                      f'<{org}> <{ESF}betweenness> "{value / len(degree):.6f}"^^<{XSD}double> {graph} .\n']
        return quads

    def write(self, folder: Path) -> tuple[list[Path], int]:
        for number in range(self.n):
            self.project(number)
        self.places_and_orgs()
        triples = folder / "graph.nt"
        triples.write_text("".join(sorted(set(self.lines))), encoding="utf-8")
        analysis = self.analysis()
        quads = folder / "analysis.nq"
        quads.write_text("".join(analysis), encoding="utf-8")
        return [triples, quads], len(set(self.lines)) + len(analysis)


def time_queries(store, repeat: int, endpoint: str | None = None) -> dict[str, tuple[float, float, int, float]]:
    """Return query name -> (first run ms, median ms, rows, median CPU ms of this process).

    The CPU time shows how much of the wall time was the query and how much waiting for
    a busy machine (through a server the query runs in the server's process instead).
    """
    results = {}
    for info in list_queries():
        params = {p.name: REQUIRED.get(p.name, "") for p in info.params if p.required}
        times, cpu, rows = [], [], 0
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            if endpoint:
                result = run_query(info, params, endpoint=endpoint, timeout=600)
            else:
                result = run_query(info, params, store=store)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            rows = len(result.rows)
        results[info.name] = (times[0], statistics.median(times), rows, statistics.median(cpu))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[10_000], help="synthetic sizes (default 10000)")
    parser.add_argument("--store", type=Path, help="time an existing store instead")
    parser.add_argument("--build", type=Path, help="time BUILD/store (as benchmarks/run.py passes it)")
    parser.add_argument("--corpus", type=Path, help="accepted for benchmarks/run.py; not used")
    parser.add_argument("--size", type=int, help="label for --store/--build (number of pages)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (default 3)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--server", action="store_true", help="also time each query through a local Oxigraph server")
    args = parser.parse_args(argv)

    columns: list[tuple[str, dict]] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        targets: list[tuple[str, Path]] = []
        existing = args.store or (args.build / "store" if args.build else None)
        if existing:
            targets.append((f"{args.size:,} pages" if args.size else str(existing), existing))
        else:
            for size in args.projects:
                folder = Path(tmp) / str(size)
                folder.mkdir()
                started = time.perf_counter()
                files, count = Synthesiser(size, args.seed).write(folder)
                generated = time.perf_counter() - started
                started = time.perf_counter()
                load_store(folder / "store", files)
                loaded = time.perf_counter() - started
                notes.append(f"{size:,} projects: {count:,} quads, generated in {generated:.1f} s, "
                             f"bulk-loaded in {loaded:.1f} s")
                targets.append((f"{size:,} projects", folder / "store"))
        for label, store_dir in targets:
            store = open_store(store_dir)
            columns.append((label, time_queries(store, args.repeat)))
            del store
            if args.server:
                from esfgraph.serve import start_server

                with start_server(store_dir, bind="127.0.0.1:0") as server:
                    columns.append((f"{label} via server", time_queries(None, args.repeat, server.query_url)))

    header = "| query | " + " | ".join(f"{label}: median ms (first) | CPU ms | rows" for label, _ in columns) + " |"
    lines = [header, "|---|" + "---:|---:|---:|" * len(columns)]
    for name in sorted(columns[0][1]):
        cells = []
        for _, results in columns:
            first, median, rows, cpu = results[name]
            cells.append(f"{median:,.1f} ({first:,.1f}) | {cpu:,.1f} | {rows:,}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    print("\n".join(lines))
    print()
    for note in notes:
        print(f"- {note}")
    print(f"- {args.repeat} runs per query, default parameters (org={REQUIRED['org']}); on-disk store opened "
          f"read-only; {platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
