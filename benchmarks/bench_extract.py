#!/usr/bin/env python3
"""Measure extraction speed: pages per second, in memory and from disk, text and HTML.

The corpus is the five seed pages of ``data/pages/`` copied ``--copies`` times each
into a temporary folder, as text and as HTML (each seed rendered into a page like one
saved from a browser: head, inline style and script, navigation menu, cookie banner,
footer, about 25 kB of markup around the project's fields). ``--corpus DIR`` adds any
folder of pages (for example one written by ``benchmarks/generate.py``).

Three measurements per corpus:

* ``memory``: :func:`esfgraph.extract.extract_bytes` on bytes already read (the parser);
* ``disk``: :func:`esfgraph.extract.extract_paths` with one worker (reading, sidecar check,
  parsing: what ``esfgraph extract`` does);
* ``disk, N workers``: the same with a process pool, for each ``--workers`` value above 1.

Prints a markdown table. Examples::

    python benchmarks/bench_extract.py                  # 5,000 text + 5,000 HTML pages
    python benchmarks/bench_extract.py --copies 200 --workers 1 2
    python benchmarks/bench_extract.py --corpus /tmp/corpus --no-seeds
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from esfgraph.extract import extract_bytes, extract_paths, iter_input_files  # noqa: E402

SEEDS = REPO_ROOT / "data" / "pages"
_HEADINGS = {
    "Sammanfattning", "Bakgrund", "Syfte", "Målsättning", "Jämställdhetsintegrering",
    "Tillgänglighet för personer med funktionsnedsättning", "Transnationellt samarbete",
    "Medfinansiärer", "Samarbetspartners", "Kommun", "Relaterade dokument", "Regionala prioriteringar",
}
_BOILERPLATE_HEAD = (
    "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(300)) + "</style>"
    "<script>" + "".join(f"function f{i}(a){{return a*{i}+'{i}';}}" for i in range(300)) + "</script>"
)
_NAV = "<nav><ul>" + "".join(f'<li><a href="/sida/{i}">Sida {i}</a></li>' for i in range(120)) + "</ul></nav>"


def seed_as_html(text: str) -> str:
    """Render a seed text page as an HTML page saved from a browser."""
    body: list[str] = []
    in_list = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("•"):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{html.escape(stripped.lstrip('• ').strip())}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if not stripped:
            continue
        tag = "h2" if stripped in _HEADINGS else "div" if len(stripped) < 120 else "p"
        body.append(f"<{tag}>{html.escape(stripped)}</{tag}>")
    if in_list:
        body.append("</ul>")
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Projekt</title>{_BOILERPLATE_HEAD}</head>'
        f'<body><header><a href="/">Svenska ESF-rådet</a>{_NAV}</header>'
        f'<div id="cookie-consent">Vi använder kakor. <button>Godkänn</button></div>'
        f'<main>{"".join(body)}</main><footer>© Svenska ESF-rådet</footer>'
        f"<script>{_BOILERPLATE_HEAD[:2000]}</script></body></html>"
    )


def write_seed_corpus(folder: Path, copies: int, as_html: bool) -> None:
    """Write ``copies`` copies of each seed page into ``folder`` (text or HTML)."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        data = seed_as_html(text).encode("utf-8") if as_html else text.encode("utf-8")
        suffix = ".html" if as_html else ".txt"
        for copy in range(copies):
            (folder / f"{copy:06d}_{seed.stem}{suffix}").write_bytes(data)


def _cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_memory(files: list[Path]) -> tuple[float, float, int]:
    """Return wall and CPU seconds to extract every file from bytes in memory, and the ok count."""
    pages = [(path.read_bytes(), path.as_posix(), "text/html" if path.suffix == ".html" else None) for path in files]
    started, cpu = time.perf_counter(), _cpu_seconds()
    ok = sum(extract_bytes(data, source, media_type=media).record is not None for data, source, media in pages)
    return time.perf_counter() - started, _cpu_seconds() - cpu, ok


def measure_disk(folder: Path, workers: int) -> tuple[float, float, int]:
    """Return wall and CPU seconds for extract_paths over ``folder``, and the ok count."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    ok = sum(result.record is not None for result in extract_paths([folder], workers=workers))
    return time.perf_counter() - started, _cpu_seconds() - cpu, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Example: python benchmarks/bench_extract.py --copies 1000 --workers 1 2")
    parser.add_argument("--copies", type=int, default=1000, help="copies of each seed page (default 1000: 5,000 pages)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="worker counts for the disk runs (default 1)")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="also measure this folder of pages")
    parser.add_argument("--no-seeds", action="store_true", help="skip the replicated seed corpora")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML version of the seeds")
    args = parser.parse_args(argv)

    rows: list[tuple[str, int, float, str, float, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="esfgraph-bench-") as tmp:
        corpora: list[tuple[str, Path]] = []
        if not args.no_seeds:
            write_seed_corpus(Path(tmp, "text"), args.copies, as_html=False)
            corpora.append(("seeds, text", Path(tmp, "text")))
            if not args.no_html:
                write_seed_corpus(Path(tmp, "html"), args.copies, as_html=True)
                corpora.append(("seeds, HTML", Path(tmp, "html")))
        corpora.extend((f"generated, {folder.name}", folder) for folder in args.corpus)
        for name, folder in corpora:
            files, _ = iter_input_files([folder])
            size_mb = sum(path.stat().st_size for path in files) / 1e6
            rows.append((name, len(files), size_mb, "memory, 1 core", *measure_memory(files)))
            for workers in args.workers:
                label = "disk, 1 core" if workers == 1 else f"disk, {workers} workers"
                rows.append((name, len(files), size_mb, label, *measure_disk(folder, workers)))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Extraction speed ({platform.machine()}, {os.cpu_count()} CPUs, load {load:.1f} at the end, "
          f"Python {platform.python_version()}). pages/CPU-s is the speed of one core, whatever\n"
          "else the machine is doing; pages/s is wall-clock throughput.\n")
    print("| corpus | pages | MB | run | wall s | pages/s | CPU s | pages/CPU-s | extracted |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
    for name, pages, size_mb, label, wall, cpu, ok in rows:
        print(f"| {name} | {pages:,} | {size_mb:.1f} | {label} | {wall:.2f} | {pages / wall:,.0f} | "
              f"{cpu:.2f} | {pages / cpu:,.0f} | {ok:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
