#!/usr/bin/env python3
"""Run the README's tour and compare what each command prints with what the README says.

Every ```text block of README.md that holds ``$ command`` lines is part of the tour. The
commands (``esfgraph ...`` and ``head ...``, pipes allowed) run in README order, in a
fresh temporary folder that holds a copy of ``data/pages/`` only, with the ``esfgraph``
of this Python environment; stdout and stderr are read together, as a terminal shows
them. ``esfgraph serve`` runs until stopped, and ``push`` or ``--endpoint`` need a server,
so those are not run (tests/serve and tests/push cover them); nor is any command other
than ``esfgraph`` and ``head``. Skipped commands keep the README's text.

In the README's expected output:

* a line ``...`` stands for any number of lines (none included);
* a line ending in ``...`` stands for any line that starts with the text before it;
* timings (``in 3.3 s``, ``0.1 s``) and the temporary folder's path are normalised.

At the end the tour checks that the commands wrote nothing outside ``build/``.

Usage::

    python scripts/readme_tour.py            # check: exit 1 and a diff when the README is stale
    python scripts/readme_tour.py --update   # rewrite the blocks' outputs from a real run,
                                             # keeping each block's "..." elisions
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ALLOWED = ("esfgraph ", "head ")
#: Commands that need a server running beside the tour (tests/serve and tests/push run them).
NEEDS_SERVER = re.compile(r"^esfgraph (serve|push)\b|--endpoint\b")
ELLIPSIS = "..."
_TIMING = re.compile(r"\b\d+(?:\.\d+)? s\b")


@dataclass
class Step:
    """One ``$ command`` of a block and the output the README shows for it."""

    command: str
    expected: list[str]
    actual: list[str] | None = None
    exit_code: int | None = None


@dataclass
class Block:
    """A ```text block of the README: its line span and its steps."""

    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    steps: list[Step] = field(default_factory=list)


def read_blocks(lines: list[str]) -> list[Block]:
    """Return the ```text blocks that hold at least one ``$ `` command, in README order."""
    blocks, inside, start = [], False, 0
    for number, line in enumerate(lines):
        if not inside and line.strip() == "```text":
            inside, start = True, number + 1
        elif inside and line.strip() == "```":
            inside = False
            block = Block(start, number)
            for text in lines[start:number]:
                if text.startswith("$ "):
                    block.steps.append(Step(text[2:].strip(), []))
                elif block.steps:
                    block.steps[-1].expected.append(text)
            if block.steps:
                blocks.append(block)
    return blocks


def normalise(text: str, folder: Path) -> str:
    """Remove what differs between runs: timings and the tour's folder."""
    text = text.replace(str(folder) + os.sep, "").replace(str(folder), ".")
    return _TIMING.sub("N s", text.rstrip())


def matches(expected: list[str], actual: list[str], folder: Path) -> bool:
    """Whether ``actual`` fits ``expected`` with its ``...`` elisions (see the module docstring)."""
    pattern = []
    for line in expected:
        line = normalise(line, folder)
        if line == ELLIPSIS:
            pattern.append(r"(?:[^\n]*\n)*?")
        elif line.endswith(ELLIPSIS):
            pattern.append(re.escape(line[: -len(ELLIPSIS)]) + r"[^\n]*\n")
        else:
            pattern.append(re.escape(line) + r"\n")
    text = "".join(normalise(line, folder) + "\n" for line in actual)
    return re.fullmatch("".join(pattern), text) is not None


def updated(expected: list[str], actual: list[str]) -> list[str]:
    """``actual`` with the elisions of ``expected`` kept: as many lines before and after a
    ``...`` line as the README shows, and a line cut where the README cuts it."""
    if ELLIPSIS in expected:
        head = expected.index(ELLIPSIS)
        tail = len(expected) - 1 - max(i for i, line in enumerate(expected) if line == ELLIPSIS)
        if head + tail < len(actual):
            actual = actual[:head] + [ELLIPSIS] + (actual[len(actual) - tail:] if tail else [])
    # A line the README cuts ("to review: a, b, ...") is cut again where it names as much.
    cuts = {_line_key(line): len(line) - len(ELLIPSIS) for line in expected
            if line != ELLIPSIS and line.endswith(ELLIPSIS)}
    # A line that differs only in its timings keeps the README's spelling: no churn.
    same = {normalise(line, Path("/nonexistent")): line for line in expected}
    result = []
    for line in actual:
        if normalise(line, Path("/nonexistent")) in same:
            result.append(same[normalise(line, Path("/nonexistent"))])
            continue
        keep = cuts.get(_line_key(line))
        if keep is not None and line != ELLIPSIS and len(line) > keep + len(ELLIPSIS):
            cut = line.rfind(", ", 0, keep + 1)
            line = line[: cut + 2] + ELLIPSIS if cut > 0 else line
        result.append(line)
    return result


def _line_key(line: str) -> str:
    """What a line is about: its text up to the first colon (``  to review``)."""
    return line.split(":", 1)[0] if ":" in line else line[:24]


def _esfgraph_bin(folder: Path) -> Path:
    """The folder of this Python's ``esfgraph`` script, or of a stand-in that runs
    ``python -m esfgraph`` (a Python without the installed entry point)."""
    here = Path(sys.executable).parent
    if (here / "esfgraph").is_file():
        return here
    shim = folder.parent / f"{folder.name}-bin"
    if not (shim / "esfgraph").is_file():
        shim.mkdir(exist_ok=True)
        (shim / "esfgraph").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m esfgraph "$@"\n', encoding="utf-8")
        (shim / "esfgraph").chmod(0o755)
    return shim


def run_step(step: Step, folder: Path) -> None:
    """Run one command in ``folder`` with this environment's ``esfgraph`` first on PATH."""
    environment = {key: value for key, value in os.environ.items() if key not in ("ESFGRAPH_HOME",)}
    environment.update(PATH=f"{_esfgraph_bin(folder)}{os.pathsep}{environment.get('PATH', '')}",
                       PYTHONUNBUFFERED="1", COLUMNS="100", NO_COLOR="1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", step.command], cwd=folder, env=environment,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    step.exit_code = done.returncode
    output = done.stdout.replace(str(folder) + os.sep, "")  # paths as the README's relative ones
    step.actual = [line.rstrip() for line in output.rstrip("\n").splitlines()]


def stray_files(folder: Path) -> list[str]:
    """Files the tour wrote outside ``build/`` (the copied pages excepted)."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] != "build"
        and not path.relative_to(folder).as_posix().startswith("data/pages/")
    )


def run_tour(blocks: list[Block], folder: Path, echo) -> None:
    shutil.copytree(ROOT / "data" / "pages", folder / "data" / "pages")
    for block in blocks:
        for step in block.steps:
            if not step.command.startswith(ALLOWED):
                echo(f"  skipped  $ {step.command}  (the tour runs esfgraph and head commands only)")
                continue
            if NEEDS_SERVER.search(step.command):
                echo(f"  skipped  $ {step.command}  (a server, or a command that needs one)")
                continue
            run_step(step, folder)
            echo(f"  ran      $ {step.command}  (exit {step.exit_code})")


def rewrite(lines: list[str], blocks: list[Block]) -> list[str]:
    """The README with every run step's output replaced (blocks from last to first)."""
    for block in reversed(blocks):
        body = []
        for step in block.steps:
            body.append(f"$ {step.command}")
            body.extend(step.expected if step.actual is None else updated(step.expected, step.actual))
        lines[block.start:block.end] = body
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite README.md's outputs from this run")
    parser.add_argument("--readme", type=Path, default=README, help="the README to check (default: the repo's)")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)
    echo = (lambda message: None) if args.quiet else print
    lines = args.readme.read_text(encoding="utf-8").splitlines()
    blocks = read_blocks(lines)
    problems = []
    with tempfile.TemporaryDirectory(prefix="esfgraph-tour-") as temporary:
        folder = Path(temporary)
        run_tour(blocks, folder, echo)
        for block in blocks:
            for step in block.steps:
                if step.actual is None:
                    continue
                # An example of a refused command shows its "Error:" line; any other step must succeed.
                shows_error = bool(step.expected) and step.expected[0].startswith("Error:")
                if (step.exit_code != 0) != shows_error:
                    problems.append(f"$ {step.command}: exit {step.exit_code}\n  " + "\n  ".join(step.actual[-5:]))
                elif not args.update and not matches(step.expected, step.actual, folder):
                    diff = difflib.unified_diff([normalise(x, folder) for x in step.expected],
                                                [normalise(x, folder) for x in step.actual],
                                                "README.md", "this run", lineterm="", n=1)
                    problems.append(f"$ {step.command}: output differs from the README\n" + "\n".join(diff))
        strays = stray_files(folder)
        shutil.rmtree(folder.parent / f"{folder.name}-bin", ignore_errors=True)
    if strays:
        problems.append("the tour wrote outside build/: " + ", ".join(strays[:10]))
    if args.update:
        args.readme.write_text("\n".join(rewrite(lines, blocks)) + "\n", encoding="utf-8")
        echo(f"readme_tour: rewrote the outputs of {sum(len(b.steps) for b in blocks)} commands in {args.readme}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"readme_tour: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    echo(f"readme_tour: {'updated' if args.update else 'every output as in the README'}; nothing written outside build/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
