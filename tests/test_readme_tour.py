"""The README's tour, run for real: every output as printed, nothing written outside build/."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "readme_tour.py"


def _tour():
    """scripts/readme_tour.py as a module (it is not part of the package)."""
    if "readme_tour" not in sys.modules:
        spec = importlib.util.spec_from_file_location("readme_tour", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["readme_tour"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["readme_tour"]


@pytest.mark.slow
def test_the_readme_tour_prints_what_the_readme_says():
    done = subprocess.run([sys.executable, str(SCRIPT), "--quiet"], capture_output=True, text=True, cwd=ROOT,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-5000:]
    assert "nothing written outside build/" not in done.stdout  # --quiet: silent when all is well
    assert done.stderr == ""


def test_the_tour_covers_every_command_of_the_readme():
    tour = _tour()
    commands = [step.command for block in tour.read_blocks(tour.README.read_text(encoding="utf-8").splitlines())
                for step in block.steps]
    assert commands[0] == "esfgraph build data/pages --out build/demo"
    assert commands[-1] == "esfgraph check build/demo"
    assert "esfgraph analyze --store build/demo/store --out build/parent --level parent" in commands
    # Everything the tour writes goes under build/ (checked for real by the slow test).
    outputs = [words[i + 1] for words in (command.split() for command in commands)
               for i, word in enumerate(words[:-1]) if word in ("--out", ">", ">>")]
    assert outputs and all(path.startswith("build/") for path in outputs), outputs


def test_elisions_match_and_survive_an_update():
    tour = _tour()
    folder = Path("/tmp/tour-x")
    expected = ["esfgraph build: 5 files in 3.3 s", "  to review: a, b, ...", "...", "last"]
    actual = ["esfgraph build: 5 files in 9.1 s", "  to review: a, b, c, d", "one", "two", "last"]
    assert tour.matches(expected, actual, folder)
    assert not tour.matches(expected, actual[:-1] + ["other"], folder)
    assert not tour.matches(["only line"], ["only line", "and another"], folder)
    assert tour.matches(["x", "..."], ["x"], folder)
    assert tour.updated(expected, actual) == ["esfgraph build: 5 files in 3.3 s", "  to review: a, b, ...", "...",
                                              "last"]


def test_a_stale_readme_fails_with_a_diff_and_update_repairs_it(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n```text\n$ head -1 data/pages/000_ebc39ac141ca286d.txt\nNot the first line\n```\n",
                      encoding="utf-8")
    stale = subprocess.run([sys.executable, str(SCRIPT), "--readme", str(readme), "--quiet"], capture_output=True,
                           text=True, timeout=300)
    assert stale.returncode == 1
    assert "-Not the first line" in stale.stderr and "+Logotyp på utskrifter" in stale.stderr
    fixed = subprocess.run([sys.executable, str(SCRIPT), "--readme", str(readme), "--update", "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert fixed.returncode == 0, fixed.stderr
    assert readme.read_text(encoding="utf-8").splitlines()[3:6] == [
        "$ head -1 data/pages/000_ebc39ac141ca286d.txt", "Logotyp på utskrifter", "```"]
    again = subprocess.run([sys.executable, str(SCRIPT), "--readme", str(readme), "--quiet"], capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr


def test_a_python_without_the_esfgraph_script_gets_a_stand_in(tmp_path, monkeypatch):
    tour = _tour()
    if (Path(sys.executable).parent / "esfgraph").is_file():  # as in make test's .venv
        assert tour._esfgraph_bin(tmp_path / "tour") == Path(sys.executable).parent
    monkeypatch.setattr(tour.sys, "executable", str(tmp_path / "python"))
    shim = tour._esfgraph_bin(tmp_path / "tour")
    assert shim == tmp_path / "tour-bin"
    assert (shim / "esfgraph").read_text() == f'#!/bin/sh\nexec "{tmp_path / "python"}" -m esfgraph "$@"\n'
