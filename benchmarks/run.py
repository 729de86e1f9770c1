#!/usr/bin/env python3
"""Benchmark esfgraph end to end against the usual Python RDF stack; write docs/benchmarks.md.

For each size: generate the corpus (cached under ``benchmarks/corpus/``), run
``esfgraph.build.build`` on it in a child process (wall time and peak memory, per stage
from ``build.json`` timings and sampled memory), time every library query on the store it
built, run the peer stack (:mod:`peer`: rdflib, pySHACL, rdflib SPARQL) on the same
graph with a time limit per step, check the extraction against the generator's ground
truth, and write the results into marked blocks of ``docs/benchmarks.md`` (other text
in that file is kept, so ``make bench`` and ``make bench-large`` fill in their own sizes).
The per-stage scripts ``benchmarks/bench_<stage>.py`` that exist are run too, and their
Markdown output goes into their own sections.

Examples
--------
``python benchmarks/run.py --sizes 1000 10000``            (``make bench``)
``python benchmarks/run.py --sizes 100000 --skip-peer``    (only esfgraph)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    REPO_ROOT,
    StepResult,
    format_bytes,
    format_rate,
    format_seconds,
    machine_description,
    required_parameters,
    run_step,
)

__all__ = ["STAGE_ORDER", "STAGE_SCRIPTS", "main", "replace_block", "stage_memory"]

PYTHON = sys.executable
HERE = Path(__file__).resolve().parent
CORPUS_ROOT = HERE / "corpus"
WORK_ROOT = HERE / "work"

#: build.json timing keys in the order the build runs them, with what each covers.
STAGE_ORDER = (
    ("pages", "extract + resolve + triples per page (worker processes)"),
    ("resolve_merge", "merge organisations, resolution.csv"),
    ("rdf", "graph.nt (sorted), graph.ttl when small"),
    ("validate", "SHACL validation"),
    ("store", "bulk load into the Oxigraph store"),
    ("analyze", "network analyses"),
    ("export", "Gephi exports"),
)
#: Per-stage benchmark scripts other engineers own; run when present.
STAGE_SCRIPTS = ("extract", "resolve", "validate", "query", "network")


# --------------------------------------------------------------------------- child steps
# These run inside the measured child processes (``run.py _build`` / ``run.py _queries``).


def _child_build(corpus: str, out: str, workers: int | None) -> int:
    from esfgraph.build import BuildOptions, build

    print(json.dumps({"event": "build_started", "t": time.time()}), flush=True)
    options = BuildOptions(workers=workers, progress=False, cache=False)
    result = build([corpus], out, options)
    print(json.dumps({"event": "build_done", "t": time.time(), "stages": result.stages}), flush=True)
    return 0


def _child_queries(store_dir: str) -> int:
    from esfgraph.query import QueryError, list_queries, run_query
    from esfgraph.store import open_store

    started = time.perf_counter()
    store = open_store(store_dir)
    print(json.dumps({"event": "open", "seconds": time.perf_counter() - started}), flush=True)
    for info in list_queries():
        started = time.perf_counter()
        try:
            result = run_query(info, required_parameters(info), store=store)
        except QueryError as error:
            print(json.dumps({"event": "query", "name": info.name, "skipped": str(error)}), flush=True)
            continue
        seconds = time.perf_counter() - started
        print(json.dumps({"event": "query", "name": info.name, "seconds": seconds, "rows": len(result.rows)}), flush=True)
    return 0


# --------------------------------------------------------------------------- measuring


def ensure_corpus(size: int, seed: int, log) -> tuple[Path, dict[str, Any]]:
    """Return the cached corpus for ``size``/``seed``, generating it (measured) when missing."""
    from benchmarks.generate import GENERATOR_VERSION

    folder = CORPUS_ROOT / f"{size}-s{seed}-g{GENERATOR_VERSION}"
    summary_path = folder / "corpus.json"
    if summary_path.is_file():
        summary = json.loads(summary_path.read_text())
        if summary.get("pages") == size and summary.get("seed") == seed:
            log(f"corpus {folder}: cached")
            return folder, {"summary": summary, "step": None}
    if folder.exists():
        shutil.rmtree(folder)
    log(f"generating {size:,} pages -> {folder}")
    step = run_step(
        "generate",
        [PYTHON, str(HERE / "generate.py"), str(size), "--seed", str(seed), "--out", str(folder), "--workers", "2"],
        limit_s=3600,
    )
    if not step.ok:
        raise SystemExit(f"run.py: generating {size} pages failed: {step.stderr.strip()[-300:]}")
    summary = json.loads(summary_path.read_text())
    return folder, {"summary": summary, "step": step.to_dict()}


def stage_memory(step: StepResult, started_at: float | None, timings: dict[str, float]) -> dict[str, int]:
    """Attribute sampled process-tree memory to the build's stages.

    The build reports each stage's wall time; laid end to end from the moment the
    build started, they give each stage's interval, and the largest memory sample in
    it is that stage's peak. Samples are 0.1 s apart, so stages shorter than that may
    show no value.
    """
    if started_at is None or not step.samples:
        return {}
    spans = [(key, timings[key]) for key, _ in STAGE_ORDER if key in timings]
    # Whatever the build did outside the timed stages (listing files, the swap) is small;
    # put it before the first stage.
    lead = max(0.0, timings.get("total", 0.0) - sum(d for _, d in spans))
    cursor = started_at + lead
    peaks: dict[str, int] = {}
    for key, duration in spans:
        inside = [rss for t, rss in step.samples if cursor <= t <= cursor + duration]
        if inside:
            peaks[key] = max(inside)
        cursor += duration
    return peaks


def measure_build(corpus: Path, size: int, limit: float, workers: int | None, log) -> dict[str, Any]:
    """Build the corpus with esfgraph in a child process; return timings, counts, memory."""
    out = WORK_ROOT / str(size) / "build"
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    log(f"esfgraph build of {size:,} pages")
    command = [PYTHON, str(HERE / "run.py"), "_build", str(corpus), str(out)]
    if workers:
        command.append(str(workers))
    step = run_step("build", command, limit_s=limit)
    events = {row.get("event"): row for row in step.json_lines()}
    build_json = out / "build.json"
    info: dict[str, Any] = {"step": step.to_dict(), "out": str(out), "ok": step.ok}
    if step.timed_out:
        info["error"] = f"over the limit ({limit:.0f} s)"
    elif not step.ok or not build_json.is_file():
        info["error"] = (step.stderr.strip().splitlines() or ["no output"])[-1][:300]
    if build_json.is_file():
        data = json.loads(build_json.read_text())
        info.update(timings=data.get("timings", {}), counts=data.get("counts", {}), stages=data.get("stages", {}))
        started = events.get("build_started", {}).get("t")
        info["stage_memory"] = stage_memory(step, started, info["timings"])
    return info


def measure_queries(store: Path, limit: float, log) -> dict[str, Any]:
    """Time every library query on esfgraph's store (defaults for parameters)."""
    if not store.is_dir():
        return {"error": "no store (the store stage has not run)"}
    log("esfgraph queries")
    step = run_step("queries", [PYTHON, str(HERE / "run.py"), "_queries", str(store)], limit_s=limit)
    rows = step.json_lines()
    info: dict[str, Any] = {"step": step.to_dict(), "queries": [r for r in rows if r.get("event") == "query"]}
    opened = [r for r in rows if r.get("event") == "open"]
    info["open_s"] = opened[0]["seconds"] if opened else None
    if step.timed_out:
        info["error"] = f"over the limit ({limit:.0f} s)"
    elif not step.ok:
        info["error"] = (step.stderr.strip().splitlines() or ["failed"])[-1][:300]
    return info


def measure_peer(nt: Path, size: int, limit: float, query_limit: float, log) -> dict[str, Any]:
    """Run the peer stack's steps on ``graph.nt``, each under its own time limit."""
    if not nt.is_file():
        return {"error": "no graph.nt (the rdf stage has not run)"}
    from esfgraph.query import list_queries

    n_queries = len(list_queries())
    results: dict[str, Any] = {}
    turtle_out = WORK_ROOT / str(size) / "peer.ttl"
    for name, extra, step_limit in (
        ("parse", [], limit),
        ("turtle", ["--out", str(turtle_out)], limit),
        ("shacl", [], limit),
        ("sparql", ["--query-limit", str(query_limit)], limit + n_queries * query_limit),
    ):
        log(f"peer {name} (limit {step_limit:.0f} s)")
        step = run_step(f"peer-{name}", [PYTHON, str(HERE / "peer.py"), name, "--nt", str(nt), *extra], limit_s=step_limit)
        rows = step.json_lines()
        entry: dict[str, Any] = {"step": step.to_dict(), "rows": rows, "limit_s": step_limit}
        if step.timed_out:
            entry["error"] = f"over the limit ({step_limit:.0f} s)"
        elif not step.ok:
            entry["error"] = (step.stderr.strip().splitlines() or ["failed"])[-1][:300]
        results[name] = entry
    turtle_out.unlink(missing_ok=True)
    return results


def check_against_truth(corpus: Path, build_dir: Path) -> dict[str, Any]:
    """Compare the build's records and resolution with the generator's ground truth."""
    truth_path, records_path, build_json = corpus / "truth.jsonl", build_dir / "records.jsonl", build_dir / "build.json"
    if not (truth_path.is_file() and records_path.is_file() and build_json.is_file()):
        return {}
    truth = {}
    with truth_path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            truth[record["file"]] = record
    statuses = {Path(f["path"]).name: f["status"] for f in json.loads(build_json.read_text())["files"]}
    status_ok = sum(1 for name, t in truth.items() if statuses.get(name) in t["expected_status"])
    compared = owners = lists = 0
    with records_path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            t = truth.get(Path(record["source"]).name)
            if t is None or not t["complete"]:
                continue
            compared += 1
            owners += record.get("owner") == t["owner"]
            lists += all(record.get(k) == t[k] for k in ("co_financiers", "partners", "municipalities"))
    result = {"pages": len(truth), "status_as_expected": status_ok, "compared": compared,
              "owner_exact": owners, "lists_exact": lists}  # fmt: skip
    resolution = build_dir / "resolution.csv"
    if resolution.is_file():
        result["resolution"] = _resolution_agreement(truth, resolution)
    return result


def _resolution_agreement(truth: dict[str, dict], resolution: Path) -> dict[str, Any]:
    """How the resolver's organisations match the ones the generator meant.

    Two measures over the listed mentions (owner, co-financiers, partners):

    * ``by_kind``: the canonical IRI is exactly ``org_iri(key)`` of the generator's key
      (well defined for agencies, offices, municipalities, units, regions; a best guess
      for organisations keyed by name or organisation number);
    * ``consistent``: the grouping agrees whatever the key strings: the mention's
      organisation is the one most mentions of the same real organisation got, and no
      other real organisation dominates it. ``splits`` are real organisations spread over
      several nodes, ``merges`` nodes that hold several real organisations.
    """
    from collections import Counter

    from esfgraph.iris import org_iri

    expected: dict[tuple[str, str, str], str] = {}
    for name, t in truth.items():
        expected[(name, "owner", t["owner"])] = t["owner_key"]
        for role, printed, keys in (("co_financier", t["co_financiers"], t["co_financier_keys"]),
                                    ("partner", t["partners"], t["partner_keys"])):  # fmt: skip
            for raw, key in zip(printed, keys):
                expected[(name, role, raw)] = key
    by_kind: dict[str, list[int]] = {}
    pairs: list[tuple[str, str]] = []
    with resolution.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = expected.get((Path(row["source"]).name, row["role"], row["raw"]))
            if key is None:
                continue
            pairs.append((key, row["canonical"]))
            kind = _key_kind(key)
            by_kind.setdefault(kind, [0, 0])
            by_kind[kind][0] += row["canonical"] == org_iri(key)
            by_kind[kind][1] += 1
    nodes_of: dict[str, Counter] = {}
    keys_of: dict[str, Counter] = {}
    for key, node in pairs:
        nodes_of.setdefault(key, Counter())[node] += 1
        keys_of.setdefault(node, Counter())[key] += 1
    consistent = sum(
        1 for key, node in pairs if nodes_of[key].most_common(1)[0][0] == node and keys_of[node].most_common(1)[0][0] == key
    )
    splits = sorted(((sum(c.values()), k, sorted(c)) for k, c in nodes_of.items() if len(c) > 1), reverse=True)
    merges = sorted(((sum(c.values()), n, sorted(c)) for n, c in keys_of.items() if len(c) > 1), reverse=True)
    total = [sum(v[0] for v in by_kind.values()), sum(v[1] for v in by_kind.values())]
    return {
        "total": total,
        "by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1][1])),
        "consistent": [consistent, len(pairs)],
        "organisations": len(nodes_of),
        "splits": len(splits),
        "merges": len(merges),
        "split_examples": [(k, nodes[:4]) for _, k, nodes in splits[:5]],
        "merge_examples": [(n, keys[:4]) for _, n, keys in merges[:5]],
    }


def _key_kind(key: str) -> str:
    """A short name for the kind of organisation a generator key stands for."""
    head = key.split("/")[0]
    if head.startswith("kommun-"):
        return "municipal unit" if "/" in key else "municipality"
    if head.startswith(("region-", "lansstyrelsen-")):
        return "region or county board"
    if head == "name":
        return "by name"
    return "office or branch" if "/" in key else "agency or national body"


def run_stage_scripts(corpus: Path, build_dir: Path, size: int, limit: float, log) -> dict[str, Any]:
    """Run each ``benchmarks/bench_<stage>.py`` that exists; keep its Markdown output."""
    outputs: dict[str, Any] = {}
    for stage in STAGE_SCRIPTS:
        script = HERE / f"bench_{stage}.py"
        if not script.is_file():
            continue
        log(f"bench_{stage}.py")
        # The full contract first; then fewer arguments for a script that takes fewer.
        for arguments in (
            ["--corpus", str(corpus), "--build", str(build_dir), "--size", str(size)],
            ["--corpus", str(corpus)],
            [],
        ):
            step = run_step(f"bench_{stage}", [PYTHON, str(script), *arguments], limit_s=limit)
            usage_error = step.returncode == 2 and ("unrecognized arguments" in step.stderr or "usage:" in step.stderr[:300])
            if not usage_error:
                break
        entry = {"ok": step.ok, "wall_s": step.wall_s, "peak": step.peak_bytes, "markdown": step.stdout.strip()}
        if step.timed_out:
            entry["error"] = f"over the limit ({limit:.0f} s)"
        elif not step.ok:
            entry["error"] = (step.stderr.strip().splitlines() or ["failed"])[-1][:300]
        outputs[stage] = entry
    return outputs


# --------------------------------------------------------------------------- markdown

_BLOCK = "<!-- bench:{name} -->\n{body}\n<!-- /bench:{name} -->"
_DATA = re.compile(r"<!-- bench:data (\{.*?\}) -->", re.S)

DOC_TEMPLATE = """# Benchmarks

Measured by `benchmarks/run.py` on a corpus that `benchmarks/generate.py` writes (see
`benchmarks/README.md`): `make bench` runs 1,000 and 10,000 pages, `make bench-large`
100,000. Blocks between `bench:` markers are rewritten by each run; text outside them
is kept.

## Machine

{machine}

## Goals

{goals}

## Results by size

{sizes}

## Per-stage benchmarks

{stages}

## 1,000,000 pages

Not run yet.
"""


SIZES_INTRO = (
    "One block per corpus size. Every step runs in its own process; wall time is measured around it, "
    "memory is sampled from /proc every 0.1 s. The peer steps each parse graph.nt themselves; their "
    "times below exclude that parse except in \"load the graph\"."
)
STAGES_INTRO = "Sections written by the stages' own scripts (`benchmarks/bench_<stage>.py`), run on the largest size."


def replace_block(document: str, name: str, body: str, after: str | None = None) -> str:
    """Put ``body`` into the marked block ``name`` of ``document`` (added when missing).

    Parameters
    ----------
    document : str
        The Markdown text.
    name : str
        Block name, e.g. ``size:10000``.
    body : str
        The new content.
    after : str, optional
        Name of the block a new block is added after (else at the end).

    Returns
    -------
    str

    Examples
    --------
    >>> doc = replace_block("x", "a", "one")
    >>> replace_block(doc, "a", "two").count("two"), "one" in replace_block(doc, "a", "two")
    (1, False)
    """
    block = _BLOCK.format(name=name, body=body.strip())
    pattern = re.compile(re.escape(f"<!-- bench:{name} -->") + r".*?" + re.escape(f"<!-- /bench:{name} -->"), re.S)
    if pattern.search(document):
        return pattern.sub(lambda _: block, document, count=1)
    if after:
        end = f"<!-- /bench:{after} -->"
        position = document.find(end)
        if position >= 0:
            position += len(end)
            return document[:position] + "\n\n" + block + document[position:]
    return document.rstrip("\n") + "\n\n" + block + "\n"


def _machine_markdown(machine: dict[str, Any]) -> str:
    libs = ", ".join(f"{name} {version}" for name, version in machine["libraries"].items())
    return (
        f"- CPU: {machine['cpu']}, {machine['cores']} cores usable (shared with other work while measured)\n"
        f"- Memory: {format_bytes(machine['memory_bytes'])}\n"
        f"- OS: {machine['os']}; {machine['python']}\n"
        f"- Libraries: {libs}\n"
        f"- Measured: {machine['date']}"
    )


def _ratio(peer_s: float | None, ours_s: float | None, over: float | None = None) -> str:
    if over is not None and ours_s:
        # The peer was stopped after ``over`` seconds: a lower bound, meaningful only above 1.
        return f"> {over / ours_s:,.0f}×" if over >= ours_s else "– (peer stopped first)"
    if not peer_s or not ours_s:
        return "–"
    return f"{peer_s / ours_s:,.1f}×"


def _peer_seconds(peer: dict[str, Any], name: str, step: str) -> tuple[float | None, float | None]:
    """(seconds, over-the-limit seconds) of one measurement of a peer step."""
    entry = peer.get(name) or {}
    rows = [r for r in entry.get("rows", []) if r.get("step") == step]
    if rows:
        return rows[0].get("seconds"), None
    if entry.get("error", "").startswith("over the limit"):
        parse = [r for r in entry.get("rows", []) if r.get("step") == "parse"]
        spent = entry.get("limit_s", 0) - (parse[0]["seconds"] if parse and step != "parse" else 0)
        return None, spent
    return None, None


def _cell_seconds(seconds: float | None, over: float | None, limit: float | None = None) -> str:
    if over is not None:
        return f"over the limit ({limit or over:.0f} s)"
    return format_seconds(seconds)


def size_markdown(data: dict[str, Any]) -> str:
    """The block for one corpus size: corpus, esfgraph per stage, queries, peer, ratios."""
    size = data["size"]
    lines = [f"### {size:,} pages", ""]
    corpus = data["corpus"]["summary"]
    gen_step = data["corpus"].get("step")
    layouts = ", ".join(f"{k} {v:,}" for k, v in corpus["layouts"].items())
    lines.append(
        f"Corpus: {corpus['pages']:,} pages, {corpus['bytes'] / 1e6:,.0f} MB (generator version "
        f"{corpus.get('generator_version', '?')}, seed {corpus['seed']}; {layouts}; "
        f"{corpus['formats']['html']:,} HTML; {sum(corpus['defects'].values()):,} with defects; "
        f"{corpus['families']:,} recurring partnership families)."
    )
    if gen_step:
        lines.append(
            f"Generated in {format_seconds(gen_step['wall_s'])} ({format_rate(size, gen_step['wall_s'], 'pages')}, 2 processes, "
            f"peak {format_bytes(max(gen_step['peak_rss_bytes'], gen_step['peak_tree_rss_bytes']))})."
        )
    lines.append("")
    build = data["build"]
    timings, counts = build.get("timings", {}), build.get("counts", {})
    if build.get("error"):
        lines += [f"**esfgraph build: {build['error']}**", ""]
    lines += ["| esfgraph stage | what | wall time | pages/s | peak memory |", "|---|---|---:|---:|---:|"]
    memory = build.get("stage_memory", {})
    for key, what in STAGE_ORDER:
        if key in timings:
            lines.append(
                f"| {key} | {what} | {format_seconds(timings[key])} | {format_rate(size, timings[key])} | "
                f"{format_bytes(memory.get(key))} |"
            )
    for key in ("extract_cpu", "resolve_cpu", "rdf_cpu"):
        if key in timings:
            stage = key.removesuffix("_cpu")
            lines.append(f"| ↳ {stage} | CPU seconds summed over workers | {format_seconds(timings[key])} | "
                         f"{format_rate(size, timings[key])} per core | |")  # fmt: skip
    step = build.get("step", {})
    total = timings.get("total", step.get("wall_s"))
    lines.append(
        f"| **end to end** | `build()` in a child process | **{format_seconds(total)}** | "
        f"**{format_rate(size, total)}** | **{format_bytes(max(step.get('peak_rss_bytes', 0), step.get('peak_tree_rss_bytes', 0)))}** |"
    )
    not_there = [f"{stage} ({state})" for stage, state in build.get("stages", {}).items() if state != "done"]
    lines.append("")
    if counts:
        shown = {k: counts[k] for k in ("inputs", "ok", "warnings", "rejected", "mentions", "organisations", "triples",
                                         "shacl_violations") if k in counts}  # fmt: skip
        lines.append("Counts: " + ", ".join(f"{k} {v:,}" for k, v in shown.items()) + ".")
    if not_there:
        lines.append("Stages not run: " + ", ".join(not_there) + ".")
    lines.append("Peak memory per stage is the largest sampled resident memory of the build's process tree "
                 "(workers included) while that stage ran; end to end is the larger of that and the largest single process.")  # fmt: skip
    lines.append("")
    lines += _truth_markdown(data.get("truth") or {})
    lines += _queries_markdown(data)
    lines += _peer_markdown(data)
    lines += ["", f"<!-- bench:data {json.dumps(_summary_numbers(data), sort_keys=True)} -->"]
    return "\n".join(lines)


def _truth_markdown(truth: dict[str, Any]) -> list[str]:
    if not truth:
        return []
    pct = lambda a, b: f"{100 * a / b:.1f} %" if b else "–"  # noqa: E731
    lines = [
        f"Against the generator's ground truth: extraction status as expected for {pct(truth['status_as_expected'], truth['pages'])} "
        f"of pages; owner exact on {pct(truth['owner_exact'], truth['compared'])}, co-financier/partner/municipality lists "
        f"exact on {pct(truth['lists_exact'], truth['compared'])} of {truth['compared']:,} complete pages."
    ]
    resolution = truth.get("resolution")
    if resolution and resolution["total"][1]:
        kinds = "; ".join(f"{kind} {pct(hit, n)} of {n:,}" for kind, (hit, n) in list(resolution["by_kind"].items())[:8])
        lines.append(
            f"Resolution of the {resolution['total'][1]:,} listed mentions: {pct(*resolution['total'])} get exactly the key "
            f"the generator meant ({kinds}); {pct(*resolution['consistent'])} are grouped consistently with the "
            f"{resolution['organisations']:,} real organisations behind them ({resolution['splits']:,} organisations split "
            f"over several nodes, {resolution['merges']:,} nodes merging several)."
        )
        for label, examples in (("split", resolution["split_examples"][:3]), ("merged", resolution["merge_examples"][:3])):
            if examples:
                shown = "; ".join(f"`{a}` → {', '.join('`' + b.rsplit('/org/', 1)[-1] + '`' for b in bs)}" for a, bs in examples)
                lines.append(f"Largest {label}: {shown}.")
    return lines + [""]


def _queries_markdown(data: dict[str, Any]) -> list[str]:
    ours = {q["name"]: q for q in data.get("queries", {}).get("queries", [])}
    peer_rows = {r["name"]: r for r in (data.get("peer", {}).get("sparql") or {}).get("rows", []) if r.get("step") == "query"}
    if not ours and not peer_rows:
        error = data.get("queries", {}).get("error")
        return [f"Queries: {error}.", ""] if error else []
    limit = (data.get("peer", {}).get("sparql") or {}).get("limit_s")
    differ = False
    lines = ["| query | esfgraph (Oxigraph store) | rows | rdflib SPARQL (in memory) | rows | ratio |", "|---|---:|---:|---:|---:|---:|"]
    for name in sorted(set(ours) | set(peer_rows)):
        mine, theirs = ours.get(name, {}), peer_rows.get(name, {})
        mine_cell = format_seconds(mine.get("seconds")) if "seconds" in mine else _skipped(mine.get("skipped"))
        if "over_limit" in theirs:
            peer_cell, ratio = f"over the limit ({theirs['over_limit']:.0f} s)", _ratio(None, mine.get("seconds"), theirs["over_limit"])
        elif "error" in theirs:
            peer_cell, ratio = "fails: " + theirs["error"][:60], "–"
        elif "seconds" in theirs and theirs.get("rows") != mine.get("rows"):
            peer_cell, ratio = format_seconds(theirs["seconds"]), "– (other rows)"
            differ = True
        elif "seconds" in theirs:
            peer_cell, ratio = format_seconds(theirs["seconds"]), _ratio(theirs["seconds"], mine.get("seconds"))
        else:
            peer_cell, ratio = _skipped(theirs.get("skipped")) if theirs else ("not run" if not limit else "–"), "–"
        lines.append(f"| {name} | {mine_cell} | {mine.get('rows', '–')} | {peer_cell} | {theirs.get('rows', '–')} | {ratio} |")
    if differ:
        lines.append("\n\"Other rows\": the peer answered differently, so no ratio. Queries that read the analysis "
                     "results find none on the peer side: esfgraph writes them into the store, not into graph.nt.")
    open_s = data.get("queries", {}).get("open_s")
    if open_s is not None:
        lines.append(f"\nOpening the store read-only: {format_seconds(open_s)}. Each query ran once with its default parameters.")
    return lines + [""]


def _skipped(reason: str | None) -> str:
    if not reason:
        return "–"
    return "needs a parameter" if "needs --param" in reason else reason[:50]


def _peer_markdown(data: dict[str, Any]) -> list[str]:
    peer = data.get("peer") or {}
    if not peer:
        return ["Peer stack: not run." if data.get("peer_skipped") else "", ""]
    if peer.get("error"):
        return [f"Peer stack: {peer['error']}.", ""]
    timings = data["build"].get("timings", {})
    comparison = peer_comparison(data)
    lines = ["| graph step | esfgraph | the usual stack | peer time | ratio |", "|---|---|---|---:|---:|"]
    for row in comparison["rows"]:
        if row.get("at_least"):
            peer_cell, ratio = f"≥ {format_seconds(row['peer'])}", f"≥ {_ratio(row['peer'], row['ours'])}"
        else:
            peer_cell, ratio = _cell_seconds(row["peer"], row["over"], row.get("limit")), _ratio(row["peer"], row["ours"], row["over"])
        lines.append(f"| {row['what']} | {row['ours_what']} {format_seconds(row['ours'])} | {row['peer_what']} | {peer_cell} | {ratio} |")
    memory = {name: (peer.get(name) or {}).get("step", {}) for name in ("parse", "turtle", "shacl", "sparql")}
    mem_text = ", ".join(
        f"{name} {format_bytes(max(s.get('peak_rss_bytes', 0), s.get('peak_tree_rss_bytes', 0)))}" for name, s in memory.items() if s
    )
    lines.append("")
    if mem_text:
        lines.append(f"Peak memory of the peer steps (each its own process, graph parsed in each): {mem_text}.")
    e2e = comparison["end_to_end"]
    if e2e["ours"]:
        over = " (at least: some peer steps ran over their limit)" if e2e["any_over"] else ""
        speedup = e2e["peer"] / e2e["ours"]
        verdict = f"{speedup:,.1f}× faster" if speedup >= 1 else f"{1 / speedup:,.1f}× slower"
        if speedup < 1 and e2e["any_over"]:
            verdict = f"at most {1 / speedup:,.1f}× slower"
        lines.append(
            f"End to end with the same extraction and resolution front end ({format_seconds(timings.get('pages'))}): "
            f"esfgraph {format_seconds(e2e['ours'])} (build and every query) against the usual stack "
            f"{format_seconds(e2e['peer'])}{over}: esfgraph is **{verdict}**."
        )
    return lines + [""]


def peer_comparison(data: dict[str, Any]) -> dict[str, Any]:
    """Pair each peer step with esfgraph's step that does the same work."""
    peer, timings = data.get("peer") or {}, data["build"].get("timings", {})
    ours_queries = sum(q.get("seconds", 0) for q in data.get("queries", {}).get("queries", []))
    peer_query_rows = [r for r in (peer.get("sparql") or {}).get("rows", []) if r.get("step") == "query"]
    peer_queries = sum(r.get("seconds", 0) for r in peer_query_rows)
    queries_over = any("over_limit" in r for r in peer_query_rows) or (peer.get("sparql") or {}).get("error", "").startswith("over")
    parse, parse_over = _peer_seconds(peer, "parse", "parse")
    turtle, turtle_over = _peer_seconds(peer, "turtle", "turtle")
    shacl, shacl_over = _peer_seconds(peer, "shacl", "shacl")
    rows = [
        {"what": "load the graph", "ours_what": "store", "ours": timings.get("store"),
         "peer_what": "rdflib parse N-Triples into a Graph", "peer": parse, "over": parse_over},
        {"what": "write the graph", "ours_what": "rdf", "ours": timings.get("rdf"),
         "peer_what": "rdflib Turtle serialisation", "peer": turtle, "over": turtle_over},
        {"what": "SHACL, whole graph", "ours_what": "validate", "ours": timings.get("validate"),
         "peer_what": "pySHACL (after parsing)", "peer": shacl, "over": shacl_over},
        {"what": "every library query", "ours_what": "Oxigraph", "ours": ours_queries or None,
         "peer_what": "rdflib SPARQL (after parsing)", "peer": peer_queries or None, "over": None,
         "at_least": queries_over and bool(peer_queries)},
    ]  # fmt: skip
    for row, name in zip(rows, ("parse", "turtle", "shacl")):
        row["limit"] = (peer.get(name) or {}).get("limit_s")
    front = timings.get("pages", 0) + timings.get("resolve_merge", 0)
    ours_total = (timings.get("total") or 0) + ours_queries
    peer_total = front + sum((r["peer"] or r["over"] or 0) for r in rows) if ours_total else 0
    return {
        "rows": rows,
        "end_to_end": {"ours": ours_total, "peer": peer_total,
                       "any_over": any(r["over"] for r in rows) or queries_over},
    }  # fmt: skip


def _summary_numbers(data: dict[str, Any]) -> dict[str, Any]:
    """The few numbers the goals block needs, kept in the size block as a comment."""
    build = data["build"]
    step = build.get("step", {})
    queries = data.get("queries", {}).get("queries", [])
    e2e = peer_comparison(data)["end_to_end"] if data.get("peer") and not data["peer"].get("error") else {}
    return {
        "size": data["size"],
        "total_s": build.get("timings", {}).get("total"),
        "peak_bytes": max(step.get("peak_rss_bytes", 0), step.get("peak_tree_rss_bytes", 0)),
        "slowest_query": max(((q.get("seconds", 0), q["name"]) for q in queries), default=None),
        "queries_over_1s": sorted(q["name"] for q in queries if q.get("seconds", 0) >= 1),
        "queries_timed": sum(1 for q in queries if "seconds" in q),
        "peer_speedup": (e2e["peer"] / e2e["ours"]) if e2e.get("ours") else None,
        "peer_speedup_at_least": bool(e2e.get("any_over")),
        "build_error": build.get("error"),
    }


def goals_markdown(document: str) -> str:
    """Evaluate the issue's goals from every size block present in the document."""
    found: dict[int, dict[str, Any]] = {}
    for match in _DATA.finditer(document):
        numbers = json.loads(match.group(1))
        found[numbers["size"]] = numbers

    def verdict(ok: bool | None) -> str:
        return "–" if ok is None else ("met" if ok else "**not met**")

    lines = ["| goal | measured | verdict |", "|---|---|---|"]
    ten = found.get(10_000, {})
    total = ten.get("total_s")
    lines.append(f"| 10,000 pages end to end in 60 s or less | {format_seconds(total)} | {verdict(None if total is None else total <= 60)} |")
    hundred = found.get(100_000, {})
    total, peak = hundred.get("total_s"), hundred.get("peak_bytes")
    ok = None if total is None else (total <= 600 and (peak or 0) < 4 * 1024**3)
    lines.append(f"| 100,000 pages in 10 min or less, peak memory under 4 GB | {format_seconds(total)}, {format_bytes(peak)} | {verdict(ok)} |")
    slowest = hundred.get("slowest_query")
    text = f"slowest {slowest[1]} {format_seconds(slowest[0])}" if slowest else "–"
    over = hundred.get("queries_over_1s")
    if slowest and over:
        text += f"; {len(over)} of {hundred.get('queries_timed', '?')} take 1 s or more, each named with the reason in docs/queries.md"
    lines.append(f"| every library query under 1 s on the 100,000-page store | {text} | {verdict(None if not slowest else slowest[0] < 1)} |")
    speedup, at_least = ten.get("peer_speedup"), ten.get("peer_speedup_at_least")
    text = "–" if speedup is None else f"{'≥ ' if at_least else ''}{speedup:,.1f}×"
    if speedup is not None and speedup < 10 and at_least:
        # A lower bound below the goal: the peer was stopped, so the goal is neither shown nor refuted.
        shown = "not shown (peer steps stopped at their limit)"
    else:
        shown = verdict(None if speedup is None else speedup >= 10)
    lines.append(f"| end to end ≥ 10× faster than the usual stack at 10,000 pages | {text} | {shown} |")
    return "\n".join(lines)


def stage_markdown(stage: str, entry: dict[str, Any]) -> str:
    """The section of one per-stage script: its Markdown, or why it failed."""
    head = f"### {stage} (`benchmarks/bench_{stage}.py`)\n\n"
    if entry.get("error"):
        return head + f"The script failed: {entry['error']}\n\n{entry.get('markdown', '')}".rstrip()
    return head + (entry.get("markdown") or "(no output)")


def write_document(path: Path, machine: dict[str, Any], results: list[dict[str, Any]], stages: dict[str, Any]) -> None:
    """Update ``docs/benchmarks.md``: machine, one block per measured size, goals, stages."""
    document = path.read_text(encoding="utf-8") if path.is_file() else DOC_TEMPLATE.format(
        machine=_BLOCK.format(name="machine", body="(not measured yet)"),
        goals=_BLOCK.format(name="goals", body="(not measured yet)"),
        sizes=_BLOCK.format(name="sizes", body=SIZES_INTRO),
        stages=_BLOCK.format(name="stages", body=STAGES_INTRO),
    )
    document = replace_block(document, "machine", _machine_markdown(machine))
    previous = "sizes"
    for data in sorted(results, key=lambda d: d["size"]):
        name = f"size:{data['size']}"
        # Keep sizes in ascending order: add after the largest smaller size present.
        smaller = [int(m) for m in re.findall(r"<!-- bench:size:(\d+) -->", document) if int(m) < data["size"]]
        anchor = f"size:{max(smaller)}" if smaller else previous
        document = replace_block(document, name, size_markdown(data), after=anchor if anchor in document else None)
        previous = name
    document = replace_block(document, "goals", goals_markdown(document))
    last = "stages"
    for stage in STAGE_SCRIPTS:
        if stage in stages:
            name = f"stage:{stage}"
            document = replace_block(document, name, stage_markdown(stage, stages[stage]), after=last)
            last = name
        elif f"<!-- bench:stage:{stage} -->" in document:
            last = f"stage:{stage}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document, encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    global CORPUS_ROOT, WORK_ROOT
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_build"]:
        return _child_build(argv[1], argv[2], int(argv[3]) if len(argv) > 3 else None)
    if argv[:1] == ["_queries"]:
        return _child_queries(argv[1])
    parser = argparse.ArgumentParser(
        description="Benchmark esfgraph end to end and against rdflib/pySHACL; write docs/benchmarks.md.",
        epilog="example: python benchmarks/run.py --sizes 1000 10000 --peer-limit 300",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--peer-limit", type=float, default=300, help="seconds per peer step (default 300)")
    parser.add_argument("--query-limit", type=float, default=60, help="seconds per peer query (default 60)")
    parser.add_argument("--build-limit", type=float, default=3600, help="seconds for the esfgraph build (default 3600)")
    parser.add_argument("--workers", type=int, default=None, help="build worker processes (default: all CPUs)")
    parser.add_argument("--skip-peer", action="store_true", help="measure esfgraph only")
    parser.add_argument("--skip-stage-scripts", action="store_true", help="do not run benchmarks/bench_<stage>.py")
    parser.add_argument("--out", default=str(REPO_ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--json", default=None, help="also write all measurements to this JSON file")
    parser.add_argument("--corpus-root", default=str(CORPUS_ROOT), help="where corpora are cached (default benchmarks/corpus)")
    parser.add_argument("--work", default=str(WORK_ROOT), help="where builds are written (default benchmarks/work)")
    parser.add_argument("--render", default=None, metavar="JSON", help="only rewrite --out from a --json file of an earlier run")
    args = parser.parse_args(argv)
    if args.render:
        saved = json.loads(Path(args.render).read_text())
        write_document(Path(args.out), saved["machine"], saved["results"], saved["stages"])
        return 0
    CORPUS_ROOT, WORK_ROOT = Path(args.corpus_root).resolve(), Path(args.work).resolve()
    if any(size <= 0 for size in args.sizes):
        print("run.py: --sizes must be positive", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    machine = machine_description()
    machine["date"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    results = []
    stages: dict[str, Any] = {}
    for size in sorted(args.sizes):
        corpus, corpus_info = ensure_corpus(size, args.seed, log)
        build = measure_build(corpus, size, args.build_limit, args.workers, log)
        build_dir = Path(build["out"])
        data: dict[str, Any] = {"size": size, "corpus": corpus_info, "build": build}
        data["truth"] = check_against_truth(corpus, build_dir)
        data["queries"] = measure_queries(build_dir / "store", args.peer_limit, log)
        if args.skip_peer:
            data["peer_skipped"] = True
        else:
            data["peer"] = measure_peer(build_dir / "graph.nt", size, args.peer_limit, args.query_limit, log)
        results.append(data)
        log(f"{size:,} pages: end to end {format_seconds(build.get('timings', {}).get('total'))}"
            f"{' (' + build['error'] + ')' if build.get('error') else ''}")  # fmt: skip
        if not args.skip_stage_scripts and size == max(args.sizes):
            stages = run_stage_scripts(corpus, build_dir, size, args.build_limit, log)
    write_document(Path(args.out), machine, results, stages)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "results": results, "stages": stages}, indent=2, default=str))
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
