#!/usr/bin/env python3
"""Generate a realistic corpus of ESF project-bank pages, with its ground truth.

``python benchmarks/generate.py N --seed S --out DIR`` writes ``N`` pages across the
layouts the extractor reads, in the proportions the project bank shows, plus
``truth.jsonl`` (what each page says, and what the pipeline should make of it) and
``corpus.json`` (the parameters and counts).

What the pages hold, and why:

* **Layouts** (shares of all pages): the 2007–2013 print layout (~42 %, labels glued to
  values, banners, bullet lists), the 2014–2020 colon layout (~32 %), the intermediate
  2014 layout (~10 %, no colons, ``Utlysning`` first) and ESF+ 2021–2027 (~16 %,
  diary numbers such as ``22-044-S07``, owners in capitals, organisation numbers).
  A share (``--html-share``) is saved as HTML from a browser instead of text.
* **Organisations** come from the project's reference tables (``data/reference/*.csv``,
  read at generation time) with skewed popularity: Arbetsförmedlingen and
  Försäkringskassan in most projects, a Zipf long tail of generated companies,
  associations and folk high schools; spelling variants (``Af``/``AF``/``Arbetsförmedlingen
  i X``; ``Xs kommun``/``X kommun``/``Kommunen X``); generic municipal units whose
  municipality only the owner's e-mail domain tells.
* **Families**: groups of 3–6 organisations that recur across several projects and
  programme periods, so that recurring-partnership analyses have signal.
* **Defects** at ``--defect-share``: missing region, ``Total Kostnader: -2147483648``,
  a budget of ``1.1``, mojibake (``SmÃ¥land``), ``¬`` debris, CRLF, BOM, Windows-1252,
  an empty file, a truncated page.

Deterministic: the same ``N``, seed and shares give byte-identical files. Each page has
its own ``random.Random`` seeded from ``(seed, index)``, so pages can be made in any
order and in worker processes.

Examples
--------
>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> summary = generate(20, seed=1, out_dir=out)
>>> summary["pages"], len(list(out.glob("*.txt"))) + len(list(out.glob("*.html")))
(20, 20)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

if __package__ in (None, ""):  # run as a script: make ``benchmarks.pagegen`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pagegen.pages import make_page  # noqa: E402
from benchmarks.pagegen.universe import REPO_ROOT, Universe, load_universe  # noqa: E402
from benchmarks.pagegen.util import sv_key  # noqa: E402
from benchmarks.pagegen.vocabulary import COUNTY_REGION, DEFECTS, LAYOUT_FORMAT, LAYOUT_SHARES  # noqa: E402

__all__ = [
    "GENERATOR_VERSION",
    "LAYOUT_SHARES",
    "LAYOUT_FORMAT",
    "DEFECTS",
    "COUNTY_REGION",
    "Universe",
    "load_universe",
    "make_page",
    "sv_key",
    "generate",
    "main",
]

#: Bumped whenever the output for a given seed changes (run.py's corpus cache uses it).
GENERATOR_VERSION = "4"


def _pages_in_range(args: tuple[Universe | None, int, int, float, float, str]) -> list[tuple[int, int, str]]:
    """Worker: write pages ``start..stop-1``; return ``(index, size, truth line)``."""
    universe, start, stop, html_share, defect_share, out = args
    u = universe or _WORKER_UNIVERSE
    out_dir = Path(out)
    results = []
    for index in range(start, stop):
        name, data, truth = make_page(u, index, html_share, defect_share)
        with open(out_dir / name, "wb") as handle:
            handle.write(data)
        results.append((index, len(data), json.dumps(truth, ensure_ascii=False, sort_keys=True)))
    return results


_WORKER_UNIVERSE: Universe | None = None


def _set_worker_universe(universe: Universe) -> None:
    global _WORKER_UNIVERSE
    _WORKER_UNIVERSE = universe


def generate(
    n_pages: int,
    seed: int = 42,
    out_dir: str | Path = "benchmarks/corpus",
    html_share: float = 0.1,
    defect_share: float = 0.02,
    reference_dir: str | Path | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Write a generated corpus of ``n_pages`` pages to ``out_dir``.

    Parameters
    ----------
    n_pages : int
        How many pages.
    seed : int
        The corpus seed; the same seed, size and shares give byte-identical files.
    out_dir : path
        Folder for the pages, ``truth.jsonl`` and ``corpus.json`` (created; files of
        an earlier corpus there with other names are left alone, so use a fresh folder).
    html_share, defect_share : float
        Shares of pages saved as HTML and of pages with a defect (0..1).
    reference_dir : path, optional
        Reference tables (default ``data/reference/``).
    workers : int
        Processes that write pages (the output does not depend on it).
    progress : callable, optional
        Called with the number of pages written so far, now and then.

    Returns
    -------
    dict
        The contents of ``corpus.json``: parameters, counts per layout, format and
        defect, bytes written, seconds taken.

    Examples
    --------
    >>> import tempfile
    >>> generate(5, seed=3, out_dir=tempfile.mkdtemp())["layouts"]  # doctest: +SKIP
    {'esf-2007-print': 2, 'esf-2014-colon': 2, 'esf-2021': 1}
    """
    if n_pages < 0:
        raise ValueError("n_pages must be 0 or more")
    for name, share in (("html_share", html_share), ("defect_share", defect_share)):
        if not 0 <= share <= 1:
            raise ValueError(f"{name} must be between 0 and 1, not {share}")
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    universe = load_universe(n_pages, seed, Path(reference_dir) if reference_dir else None)
    setup_s = time.perf_counter() - started
    chunk = 500
    ranges = [(start, min(n_pages, start + chunk)) for start in range(0, n_pages, chunk)]
    layouts: dict[str, int] = {}
    defects: dict[str, int] = {}
    formats = {"txt": 0, "html": 0}
    total_bytes = 0
    written = 0
    truth_path = out / "truth.jsonl"
    with truth_path.open("w", encoding="utf-8", newline="\n") as truth_file:

        def consume(results: list[tuple[int, int, str]]) -> None:
            nonlocal total_bytes, written
            for _, size, line in results:
                total_bytes += size
                record = json.loads(line)
                layouts[record["layout"]] = layouts.get(record["layout"], 0) + 1
                formats["html" if record["html"] else "txt"] += 1
                if record["defect"]:
                    defects[record["defect"]] = defects.get(record["defect"], 0) + 1
                truth_file.write(line + "\n")
            written += len(results)
            if progress:
                progress(written)

        if workers > 1 and len(ranges) > 1:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            with context.Pool(workers, initializer=_set_worker_universe, initargs=(universe,)) as pool:
                tasks = [(None, a, b, html_share, defect_share, str(out)) for a, b in ranges]
                for results in pool.imap(_pages_in_range, tasks):  # imap keeps the order
                    consume(results)
        else:
            for a, b in ranges:
                consume(_pages_in_range((universe, a, b, html_share, defect_share, str(out))))
    summary = {
        "generator_version": GENERATOR_VERSION,
        "pages": n_pages,
        "seed": seed,
        "html_share": html_share,
        "defect_share": defect_share,
        "layouts": dict(sorted(layouts.items())),
        "formats": formats,
        "defects": dict(sorted(defects.items())),
        "families": len(universe.families),
        "family_pages": len(universe.page_family),
        "municipalities_in_reference": len(universe.municipalities),
        "bytes": total_bytes,
    }
    (out / "corpus.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    summary["seconds"] = round(time.perf_counter() - started, 3)
    summary["setup_seconds"] = round(setup_s, 3)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``generate.py N --seed S --out DIR``."""
    parser = argparse.ArgumentParser(
        description="Generate N realistic ESF project-bank pages (all layouts, HTML share, defects) "
        "with truth.jsonl beside them.",
        epilog="example: python benchmarks/generate.py 10000 --seed 42 --out benchmarks/corpus/10000-42",
    )
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True, help="output folder (use a fresh one)")
    parser.add_argument("--html-share", type=float, default=0.1)
    parser.add_argument("--defect-share", type=float, default=0.02)
    parser.add_argument("--reference", default=None, help="reference tables folder (default data/reference)")
    parser.add_argument("--workers", type=int, default=1, help="processes (output does not depend on it)")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.n, args.seed, args.out, args.html_share, args.defect_share, args.reference, args.workers)
    except ValueError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    rate = summary["pages"] / summary["seconds"] if summary["seconds"] else 0
    print(
        f"{summary['pages']} pages ({summary['bytes'] / 1e6:.1f} MB) in {summary['seconds']:.1f} s "
        f"({rate:,.0f} pages/s) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
