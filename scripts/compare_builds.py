"""Compare two build output folders: are they the same build, byte for byte?

A refactor or a speed-up must not change what a build writes. Build the same pages
with the code before and after, then::

    python scripts/compare_builds.py OUT_BEFORE OUT_AFTER

Every file is compared byte for byte, except what changes from run to run by design:

- ``build.json``: compared as JSON without its timings, its ``build_key`` (it digests
  the code itself), ``outputs_state`` (file times) and the cache-hit count;
- ``cache/``: the page cache is a SQLite database whose pages hold write order;
- ``store/``: RocksDB files are not deterministic; the store's quads are compared
  instead, sorted, as N-Quads.

Exit status 0 when the builds are the same, 1 with one line per difference otherwise,
2 when a folder is not a build output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

#: build.json keys that change with the code or the run, not with the outputs.
VOLATILE_REPORT_KEYS = ("timings", "build_key", "outputs_state")
VOLATILE_COUNTS = ("cache_hits",)
SKIPPED_FOLDERS = ("cache", "store")


def _report(path: Path) -> dict:
    report = json.loads(path.read_text(encoding="utf-8"))
    for key in VOLATILE_REPORT_KEYS:
        report.pop(key, None)
    for key in VOLATILE_COUNTS:
        report.get("counts", {}).pop(key, None)
    return report


def _files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] not in SKIPPED_FOLDERS
    }


def _store_quads(folder: Path) -> list[str] | None:
    import pyoxigraph as ox

    if not (folder / "store").is_dir():
        return None
    store = ox.Store.read_only(str(folder / "store"))
    return sorted(str(quad) for quad in store.quads_for_pattern(None, None, None, None))


def differences(before: Path, after: Path) -> list[str]:
    """Every way in which build folder ``after`` differs from ``before``, one line each."""
    found = []
    names_before, names_after = _files(before), _files(after)
    found += [f"only in {before}: {name}" for name in sorted(names_before - names_after)]
    found += [f"only in {after}: {name}" for name in sorted(names_after - names_before)]
    for name in sorted(names_before & names_after):
        if name == "build.json":
            if _report(before / name) != _report(after / name):
                found.append("build.json differs (timings, build key and output state aside)")
        elif (before / name).read_bytes() != (after / name).read_bytes():
            found.append(f"{name} differs")
    quads_before, quads_after = _store_quads(before), _store_quads(after)
    if quads_before != quads_after:
        only_before = len(set(quads_before or ()) - set(quads_after or ()))
        only_after = len(set(quads_after or ()) - set(quads_before or ()))
        found.append(f"store differs: {only_before} quads only before, {only_after} only after")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="output folder of the build before the change")
    parser.add_argument("after", type=Path, help="output folder of the build after the change")
    args = parser.parse_args(argv)
    for folder in (args.before, args.after):
        if not (folder / "build.json").is_file():
            print(f"{folder}: not a build output (no build.json)", file=sys.stderr)
            return 2
    found = differences(args.before, args.after)
    for line in found:
        print(line)
    if not found:
        print(f"same build: {len(_files(args.before))} files and the store's quads are identical")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
