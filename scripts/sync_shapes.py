"""Keep the municipality codes in ``ontology/shapes.ttl`` equal to the reference table.

The shape ``esfsh:Municipality-codeInTable`` lists Sweden's municipality codes with
``sh:in``. The list is generated from ``data/reference/municipalities.csv`` (through the
resolver's reference tables) and written between two marker comments; run this script
after editing the table::

    python scripts/sync_shapes.py          # rewrite the list
    python scripts/sync_shapes.py --check  # exit 1 when out of date

A maintenance script, not part of the package (it reads the resolver's tables, which the
validate stage must not import). ``tests/validate/test_shapes.py`` runs the check.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from esfgraph.resources import ontology_dir, reference_dir

__all__ = ["reference_municipality_codes", "shape_municipality_codes", "render_codes", "sync_shapes"]

BEGIN = "# GENERATED municipality codes: begin"
END = "# GENERATED municipality codes: end"
_BLOCK = re.compile(re.escape(BEGIN) + r"\n(.*?)\n[ \t]*" + re.escape(END), re.DOTALL)
_CODE = re.compile(r'"(\d{4})"')


def reference_municipality_codes(directory: Path | None = None) -> list[str]:
    """Return the sorted municipality codes of ``municipalities.csv``.

    Uses the resolver's table reader when it is installed (it checks the file), else
    reads the CSV's ``code`` column directly.
    """
    directory = Path(directory or reference_dir())
    try:
        from esfgraph.resolve.tables import read_table
    except ImportError:
        with open(directory / "municipalities.csv", encoding="utf-8", newline="") as handle:
            return sorted({row["code"].strip() for row in csv.DictReader(handle) if row.get("code")})
    return sorted({m.code for m in read_table(directory, "municipalities")})


def render_codes(codes: list[str], indent: str = "    ", per_line: int = 10) -> str:
    """Return the ``sh:in ( ... ) .`` statement for ``codes``, ten to a line."""
    lines = []
    for start in range(0, len(codes), per_line):
        lines.append(indent + "    " + " ".join(f'"{c}"' for c in codes[start : start + per_line]))
    return f"{indent}sh:in (\n" + "\n".join(lines) + f"\n{indent}) ."


def shape_municipality_codes(shapes_text: str) -> list[str]:
    """Return the codes listed in the generated block of a shapes file."""
    found = _BLOCK.search(shapes_text)
    if not found:
        raise ValueError(f"shapes file has no '{BEGIN}' ... '{END}' block")
    return _CODE.findall(found.group(1))


def sync_shapes(shapes_path: Path | None = None, codes: list[str] | None = None) -> bool:
    """Rewrite the generated block of ``shapes.ttl``; return whether the file changed."""
    shapes_path = Path(shapes_path or ontology_dir() / "shapes.ttl")
    codes = codes if codes is not None else reference_municipality_codes()
    text = shapes_path.read_text(encoding="utf-8")
    found = _BLOCK.search(text)
    if not found:
        raise ValueError(f"{shapes_path}: no '{BEGIN}' ... '{END}' block")
    indent = re.match(r"[ \t]*", text[text.rfind("\n", 0, found.start()) + 1 :]).group(0)
    replacement = f"{BEGIN}\n{render_codes(codes, indent)}\n{indent}{END}"
    new_text = text[: found.start()] + replacement + text[found.end() :]
    if new_text == text:
        return False
    shapes_path.write_text(new_text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """Rewrite the list, or with ``--check`` only compare it; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when out of date")
    args = parser.parse_args(argv)
    shapes_path = ontology_dir() / "shapes.ttl"
    expected = reference_municipality_codes()
    if args.check:
        listed = shape_municipality_codes(shapes_path.read_text(encoding="utf-8"))
        if listed != expected:
            print(f"{shapes_path}: municipality codes out of date; run python scripts/sync_shapes.py")
            return 1
        print(f"{shapes_path}: {len(listed)} municipality codes, up to date")
        return 0
    changed = sync_shapes(shapes_path, expected)
    print(f"{shapes_path}: {'updated' if changed else 'already up to date'} ({len(expected)} codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
