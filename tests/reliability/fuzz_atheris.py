#!/usr/bin/env python3
"""Coverage-guided fuzzing of extract -> resolve -> rdf with atheris (libFuzzer).

Not a test module (pytest does not collect it): a bounded fuzzing run to start by hand::

    pip install atheris                     # wheels for CPython 3.11 on Linux x86-64
    python tests/reliability/fuzz_atheris.py --seconds 600 --work /tmp/esfgraph-fuzz

It seeds a corpus folder with every seed and fixture page (and each as HTML), then lets
libFuzzer mutate them for ``--seconds``, guided by the coverage of the ``esfgraph``
package (instrumented on import). Each input goes through
:func:`tests.reliability.fuzzing.check_page` as a page, as an HTML page when its first
byte is odd, so a crash disguised as a rejection, a malformed record, an IRI or N-Triples
line that does not parse, a non-deterministic result, or a call above its time bound all
count as failures; libFuzzer adds hangs (``-timeout``) and memory (``-rss_limit_mb``).

A failing input is written to ``WORK/crash-*`` (or ``timeout-*``, ``oom-*``); copy it into
``tests/reliability/regressions/`` and ``test_regressions.py`` will run it for ever after.
The run's statistics (executions, coverage) are printed by libFuzzer at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

#: Defects already reported (and kept in regressions/): (exception, function it came from).
#: ``--skip-known`` lets a run go past them to find new ones.
KNOWN_SIGNATURES = {("ValueError", "_luhn_ok")}


def seed_corpus(folder: Path) -> int:
    """Copy the seed and fixture pages into ``folder`` (also wrapped as HTML); return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    sources = sorted((ROOT / "data" / "pages").glob("*.txt")) + sorted(
        p for p in (ROOT / "tests" / "fixtures" / "pages").rglob("*") if p.suffix in (".txt", ".html"))
    for index, path in enumerate(sources):
        data = path.read_bytes()
        (folder / f"seed-{index:03d}{path.suffix}").write_bytes(data)
        # An odd first byte routes the input to the HTML reader (see test_one_input).
        html = b"<html><body>" + data.replace(b"\n", b"<br>\n") + b"</body></html>"
        (folder / f"seed-{index:03d}-as.html").write_bytes(html)
        count += 2
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/esfgraph-fuzz"), help="corpus and crash folder")
    parser.add_argument("--max-len", type=int, default=16384, help="largest input libFuzzer makes (bytes)")
    parser.add_argument("--skip-known", action="store_true", help="do not stop on the defects in KNOWN_SIGNATURES")
    args, extra = parser.parse_known_args()
    import atheris

    with atheris.instrument_imports(include=["esfgraph"]):
        from tests.reliability.fuzzing import check_page

    def test_one_input(data: bytes) -> None:
        source = "fuzz.html" if data[:1] and data[0] % 2 else "fuzz.txt"
        try:
            check_page(data, source)
        except Exception as error:  # noqa: BLE001 - decide whether it is new
            where = traceback.extract_tb(error.__traceback__)[-1].name
            if args.skip_known and (type(error).__name__, where) in KNOWN_SIGNATURES:
                return
            raise

    corpus = args.work / "corpus"
    if not corpus.exists():
        seed_corpus(corpus)
    os.chdir(args.work)  # libFuzzer writes crash-* files into the working folder
    argv = [sys.argv[0], str(corpus), f"-max_total_time={args.seconds}", f"-max_len={args.max_len}",
            "-timeout=30", "-rss_limit_mb=2048", "-print_final_stats=1", *extra]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
