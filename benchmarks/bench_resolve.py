#!/usr/bin/env python3
"""Benchmark the resolve stage: resolving 100,000 organisation mentions.

``python benchmarks/bench_resolve.py [--mentions 100000] [--seed 42]`` builds project
records in memory, with the mix of printed names the project bank has (agency offices
in every spelling, municipalities, generic units that only the owner's e-mail domain
places, regions under old names, study associations, companies and associations of a
long tail, prose sections of ~2 kB naming agencies and municipalities, transnational
paragraphs), until the listed mentions reach ``--mentions``. It then times, in this
process: loading the reference tables (cold), ``Resolver.resolve`` over every record
(wall and CPU time, mentions per second), ``merge_organisations``,
``write_resolution_csv`` and ``resolution_summary``, and reports how many listed
mentions got the organisation key the generator meant.

With ``--build DIR`` (an ``esfgraph build`` output) it also resolves the build's
``records.jsonl`` and, with ``--corpus DIR`` (a corpus from ``benchmarks/generate.py``),
compares each listed mention with ``truth.jsonl``, per kind of owner and per role.

Organisations named in prose (issue 14): ``--pages DIR`` extracts the pages of a generated
corpus itself, times ``Resolver.resolve`` per page and scores the free-text mentions of the
2014–2020 and ESF+ pages against ``truth.jsonl`` (recall: the truth's keys found in the
role ``mentioned``; precision: the ``mentioned`` organisations the truth names, the page's
listed organisations and agencies named in the filler text aside). ``--real DIR`` scores
annotated real pages (``pages/*.txt`` and ``organisations.jsonl`` as in
``tests/fixtures/real-pages/``) per page with :func:`esfgraph.resolve.evaluate.score_page`.
``--mentions 0`` skips the synthetic run.

Prints Markdown (tables, no top heading) on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.common import format_rate, format_seconds  # noqa: E402
from esfgraph.iris import org_iri, slug  # noqa: E402
from esfgraph.model import ProjectRecord  # noqa: E402
from esfgraph.resolve import (  # noqa: E402
    Reference,
    Resolver,
    clear_cache,
    merge_organisations,
    resolution_summary,
    write_resolution_csv,
)
from esfgraph.resolve.text import genitive, name_key  # noqa: E402

FILLER = (
    "Projektet vänder sig till kvinnor och män som står långt från arbetsmarknaden och har behov av "
    "samordnade insatser. Genom kartläggning, vägledning och praktik ska deltagarna komma närmare arbete "
    "eller studier. Metoderna utvecklas tillsammans med arbetsgivare och ideella organisationer och sprids "
    "i ordinarie verksamhet. "
)
UNITS = ["Socialtjänsten", "Socialförvaltningen", "AME - Arbetsmarknadsenheten", "Arbetsmarknadsavdelningen",
         "Kommunledningskontoret", "Vuxenutbildningen", "IFO", "Integrationsenheten"]
COMPANY_WORDS = ["Resurs", "Jobb", "Kompetens", "Karriär", "Start", "Insikt", "Puls", "Bro", "Nova", "Väst"]
COMPANY_ENDS = ["huset", "partner", "konsult", "centrum", "gruppen", "labbet", "porten", "byrån"]
COUNTRIES = [("Italien", "IT", "Bologna"), ("Tyskland", "DE", "Berlin"), ("Finland", "FI", "Uleåborg"),
             ("Polen", "PL", "Krakow"), ("Spanien", "ES", "Sevilla"), ("England", "GB", "Manchester")]
FOREIGN = ["Fundación Sol", "Bildungswerk Nord e.V.", "Aurora ry", "Consorzio Arcobaleno", "Stichting Kompas"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Generator:
    """Seeded records with the printed forms the project bank uses, and the keys they mean."""

    def __init__(self, ref: Reference, seed: int):
        self.ref = ref
        self.rng = random.Random(seed)
        self.codes = sorted(ref.municipalities)
        self.by_county: dict[str, list[str]] = {}
        for code in self.codes:
            self.by_county.setdefault(code[:2], []).append(code)
        self.companies = [f"{a}{b}" for a in COMPANY_WORDS for b in COMPANY_ENDS]
        domains = {v: k for k, v in ref.domains.items()}
        self.domain = {c: domains.get(c) or slug(ref.municipalities[c].name).replace("-", "") + ".se" for c in self.codes}

    def _zipf(self, items: list[str]) -> str:
        return items[min(int(self.rng.paretovariate(1.2)) - 1, len(items) - 1)]

    def _office(self, code: str) -> tuple[str, str]:
        place = self.ref.municipalities[code].name
        agency, printed_agency = self.rng.choice([
            ("arbetsformedlingen", "Arbetsförmedlingen"), ("arbetsformedlingen", "Af"), ("arbetsformedlingen", "AF"),
            ("forsakringskassan", "Försäkringskassan"), ("forsakringskassan", "FK"), ("migrationsverket", "Migrationsverket"),
        ])
        joint = self.rng.choice([" ", " i ", ", "]) if len(printed_agency) > 2 else " "
        return f"{printed_agency}{joint}{place}", f"{agency}/{slug(place)}"

    def _municipality(self, code: str) -> tuple[str, str]:
        m = self.ref.municipalities[code]
        printed = self.rng.choice([m.org_name, f"{m.name} kommun", f"Kommunen {m.name}", m.org_name.upper()])
        if code == "0980" or code == "2080":
            printed = m.org_name  # "Region Gotland", "Falu kommun" are the only forms
        return printed, f"kommun-{code}"

    def _other(self, home: str) -> tuple[str, str]:
        county = self.ref.counties[home[:2]]
        kind = self.rng.random()
        if kind < 0.15:
            printed = self.rng.choice([county.region, *county.region_aliases])
            key = county.region_key
        elif kind < 0.25:
            printed, key = county.county_board, f"lansstyrelsen-{county.code}"
        elif kind < 0.45:
            org = self.ref.organisations[self._zipf(sorted(self.ref.organisations))]
            place = self.ref.municipalities[home].name
            printed, key = f"{org.label} {place}", f"{org.key}/{slug(place)}"
        elif kind < 0.75:
            name = self._zipf(self.companies)
            printed = self.rng.choice([f"{name} AB", name, f"{name.upper()} AB"])
            key = f"name/{name_key(name)}"
        elif kind < 0.85:
            place = self.ref.municipalities[home].name
            printed = self.rng.choice([f"Samordningsförbundet {place}", f"Samordningsförbundet i {place}"])
            key = f"name/{name_key('Samordningsförbundet ' + place)}"
        else:
            place = self.ref.municipalities[home].name
            printed, key = f"{genitive(place)} folkhögskola", f"name/{name_key(genitive(place) + ' folkhögskola')}"
        return printed, key

    def record(self, index: int) -> tuple[ProjectRecord, list[str]]:
        rng = self.rng
        home = self._zipf(self.codes) if rng.random() < 0.5 else rng.choice(self.codes)
        near = self.by_county[home[:2]]
        expected: list[str] = []
        unit = rng.choice(UNITS)
        unit_key = self.ref.unit_forms.get(unit.casefold()) or self.ref.unit_abbreviations.get(unit) or "arbetsmarknadsenheten"
        owner_kind = rng.random()
        if owner_kind < 0.35:
            owner, owner_key = unit, f"kommun-{home}/{unit_key}"
        elif owner_kind < 0.65:
            owner, owner_key = self._municipality(home)
        else:
            owner, owner_key = self._other(home)
        expected.append(owner_key)
        listed: list[tuple[str, str]] = []
        for _ in range(rng.randint(3, 9)):
            kind = rng.random()
            if kind < 0.4:
                listed.append(self._office(rng.choice(near)))
            elif kind < 0.55:
                listed.append((unit, f"kommun-{home}/{unit_key}"))
            elif kind < 0.7:
                listed.append(self._municipality(rng.choice(near)))
            else:
                listed.append(self._other(home))
        split = rng.randint(0, len(listed))
        co, partners = listed[:split], listed[split:]
        expected += [key for _, key in co] + [key for _, key in partners]
        named = self.ref.municipalities[rng.choice(near)]
        text = (FILLER * 3 + f"Samverkan sker med Arbetsförmedlingen, Försäkringskassan och {named.org_name}. "
                + FILLER * 2 + "Deltagarna får stöd av AF och socialtjänsten. " + FILLER)
        transnational = "Inget"
        if rng.random() < 0.2:
            country, _, city = rng.choice(COUNTRIES)
            transnational = f"Samarbete med organisationen {rng.choice(FOREIGN)} i {city}, {country}. " + FILLER
        record = ProjectRecord(
            source=f"synthetic/{index:07d}.txt", title=f"Projekt {index}", owner=owner,
            contact_email=f"kontakt@{self.domain[home]}", period_start="2015-01-01",
            region=rng.choice(sorted(self.ref.esf_regions.values(), key=lambda r: r.key)).label,
            co_financiers=[p for p, _ in co], partners=[p for p, _ in partners],
            municipalities=[self.ref.municipalities[c].name for c in rng.sample(near, min(len(near), rng.randint(1, 4)))],
            transnational_text=transnational, sections={"Sammanfattning": text, "Bakgrund": FILLER * 4},
        )
        return record, expected


def synthetic(mentions: int, seed: int) -> list[tuple[str, str]]:
    """Time the stage on generated records; return the rows of the Markdown table."""
    clear_cache()
    started = time.perf_counter()
    ref = Reference.load()
    load_s = time.perf_counter() - started
    generator = Generator(ref, seed)
    records, expected = [], []
    listed = 0
    while listed < mentions:
        record, keys = generator.record(len(records))
        records.append(record)
        expected.append(keys)
        listed += len(keys)
    log(f"resolve benchmark: {len(records):,} records, {listed:,} listed mentions")
    resolver = Resolver(ref)
    wall, cpu = time.perf_counter(), time.process_time()
    resolutions = [resolver.resolve(record) for record in records]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    total = sum(len(r.mentions) for r in resolutions)
    agree = 0
    prefix = org_iri("x")[:-1]
    for resolution, keys in zip(resolutions, expected):
        got = [m.canonical.removeprefix(prefix) for m in resolution.mentions if m.role != "mentioned"
               and m.role != "transnational_partner"]
        agree += sum(a == b for a, b in zip(got, keys))
    timings = {}
    for name, step in (("merge", lambda: merge_organisations(resolutions)),
                       ("csv", lambda: write_resolution_csv(resolutions, Path(tempfile.mkdtemp()) / "resolution.csv")),
                       ("summary", lambda: resolution_summary(resolutions))):
        started = time.perf_counter()
        result = step()
        timings[name] = time.perf_counter() - started
        if name == "merge":
            organisations = len(result)
    return [
        ("records (synthetic, seeded)", f"{len(records):,}"),
        ("listed mentions (owner, co-financiers, partners)", f"{listed:,}"),
        ("all mentions (with free-text and transnational)", f"{total:,}"),
        ("organisations after merge (with parents)", f"{organisations:,}"),
        ("`Reference.load()`, cold", format_seconds(load_s)),
        ("`Resolver.resolve`, one process: wall / CPU", f"{format_seconds(wall)} / {format_seconds(cpu)}"),
        ("listed mentions per second (CPU)", format_rate(listed, cpu)),
        ("all mentions per second (CPU)", format_rate(total, cpu)),
        ("records per second (CPU)", format_rate(len(records), cpu)),
        ("listed mentions resolved to the key the generator meant", f"{agree / listed:.1%}"),
        ("`merge_organisations`", format_seconds(timings["merge"])),
        ("`write_resolution_csv`", format_seconds(timings["csv"])),
        ("`resolution_summary`", format_seconds(timings["summary"])),
    ]


def on_build(build: Path, corpus: Path | None) -> list[str]:
    """Resolve a build's records; compare with the corpus's truth when given."""
    path = build / "records.jsonl"
    if not path.exists():
        return [f"(no `{path}`: build comparison skipped)"]
    records = [ProjectRecord.from_dict(json.loads(line)) for line in path.open(encoding="utf-8") if line.strip()]
    resolver = Resolver()
    cpu = time.process_time()
    resolutions = [resolver.resolve(record) for record in records]
    cpu = time.process_time() - cpu
    total = sum(len(r.mentions) for r in resolutions)
    lines = [f"On the build's {len(records):,} records: {total:,} mentions in {format_seconds(cpu)} CPU "
             f"({format_rate(total, cpu)})."]
    if corpus is None or not (corpus / "truth.jsonl").exists():
        return lines
    truth = {}
    for line in (corpus / "truth.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        truth[row["file"]] = row
    prefix = org_iri("x")[:-1]
    counts: Counter = Counter()
    agree: Counter = Counter()
    for resolution in resolutions:
        row = truth.get(Path(resolution.source).name)
        if row is None:
            continue
        got: dict[str, set[str]] = {}
        for m in resolution.mentions:
            got.setdefault(m.role, set()).add(m.canonical.removeprefix(prefix))
        checks = [(f"owner: {row.get('owner_kind') or '?'}", "owner", [row.get("owner_key")] if row.get("owner") else [])]
        checks += [("co-financiers", "co_financier", row.get("co_financier_keys") or []),
                   ("partners", "partner", row.get("partner_keys") or []),
                   ("transnational partners", "transnational_partner", row.get("transnational_org_keys") or []),
                   ("free-text mentions", "mentioned", row.get("text_mention_keys") or [])]
        for label, role, keys in checks:
            for key in keys:
                counts[label] += 1
                agree[label] += key in got.get(role, set())
    lines += ["", "| compared with `truth.jsonl` | mentions | same key |", "|---|---:|---:|"]
    for label in sorted(counts):
        lines.append(f"| {label} | {counts[label]:,} | {agree[label] / counts[label]:.1%} |")
    return lines


def on_pages(corpus: Path) -> list[str]:
    """Extract and resolve a generated corpus; time resolve per page; score prose mentions."""
    from esfgraph.extract import extract_paths

    truth = {json.loads(line)["file"]: json.loads(line) for line in (corpus / "truth.jsonl").open(encoding="utf-8")}
    records = [r.record for r in extract_paths(sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.html")))
               if r.record is not None]
    resolver = Resolver()
    resolver.resolve(records[0])  # builds the automaton and caches outside the timing
    wall = time.perf_counter()
    resolutions = [resolver.resolve(record) for record in records]
    wall = time.perf_counter() - wall
    prefix = org_iri("x")[:-1]
    found = right = expected = hit = 0
    for resolution in resolutions:
        row = truth.get(Path(resolution.source).name)
        if row is None or row.get("layout") == "esf-2007-print":
            continue
        keys = set(row.get("text_mention_keys") or [])
        mentioned = {m.canonical.removeprefix(prefix) for m in resolution.mentions if m.role == "mentioned"}
        expected += len(keys)
        hit += len(keys & mentioned)
        found += len(mentioned)
        right += len(mentioned & keys)
    per_page = wall / len(records) * 1000
    return [f"On {len(records):,} generated pages: resolve {per_page:.2f} ms per page ({format_seconds(wall)} in all).",
            "", "| prose mentions, 2014+ pages | truth | found | recall | precision |", "|---|---:|---:|---:|---:|",
            f"| generated corpus | {expected:,} | {found:,} | {hit / max(expected, 1):.1%} | {right / max(found, 1):.1%} |"]


def on_real(folder: Path) -> list[str]:
    """Score annotated real pages, per page and in total."""
    from esfgraph.extract import extract_file
    from esfgraph.resolve.evaluate import score_page

    annotated = {}
    for line in (folder / "organisations.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        annotated[row["file"]] = row["orgs"]
    resolver = Resolver()
    lines = ["| page | annotated | found right | found wrong | recall | precision |", "|---|---:|---:|---:|---:|---:|"]
    totals = Counter()
    for name in sorted(annotated):
        result = extract_file(folder / "pages" / name)
        if result.record is None:
            continue
        score = score_page(resolver.resolve(result.record).mentions, annotated[name])
        totals.update(tp=score.true_positives, fp=score.false_positives, missed=len(score.missed))
        lines.append(f"| {name} | {score.true_positives + len(score.missed)} | {score.true_positives} | "
                     f"{score.false_positives} | {score.recall:.0%} | {score.precision:.0%} |")
    tp, fp, missed = totals["tp"], totals["fp"], totals["missed"]
    lines.append(f"| **all** | {tp + missed} | {tp} | {fp} | {tp / max(tp + missed, 1):.1%} | {tp / max(tp + fp, 1):.1%} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000, help="listed mentions to resolve (default 100,000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--corpus", type=Path, help="a generated corpus (truth.jsonl) to compare the build with")
    parser.add_argument("--build", type=Path, help="an esfgraph build whose records.jsonl to resolve")
    parser.add_argument("--size", type=int, help="the corpus's page count (informational)")
    parser.add_argument("--pages", type=Path, help="a generated corpus to extract, resolve and score (prose)")
    parser.add_argument("--real", type=Path, help="annotated real pages (pages/, organisations.jsonl) to score")
    args = parser.parse_args(argv)
    if args.mentions:
        rows = synthetic(args.mentions, args.seed)
        print("| measure | value |\n|---|---:|")
        for label, value in rows:
            print(f"| {label} | {value} |")
    if args.pages:
        print()
        print("\n".join(on_pages(args.pages)))
    if args.real:
        print()
        print("\n".join(on_real(args.real)))
    if args.build:
        print()
        print("\n".join(on_build(args.build, args.corpus)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
