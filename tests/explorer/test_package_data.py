"""The explorer's templates and vendored JavaScript are package data (they go into the
wheel), and every vendored library keeps its licence."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "esfgraph" / "explorer"


def test_every_template_and_static_file_is_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["esfgraph.explorer"]
    files = [p.relative_to(PACKAGE).as_posix() for folder in ("templates", "static")
             for p in (PACKAGE / folder).rglob("*") if p.is_file()]
    assert len(files) > 15
    missing = [f for f in files if not any(fnmatch.fnmatchcase(f, pattern) for pattern in patterns)]
    assert not missing, missing


def test_each_vendored_library_has_its_licence():
    vendor = PACKAGE / "static" / "vendor"
    libraries = sorted(p.name for p in vendor.iterdir() if p.is_dir())
    assert libraries == ["graphology", "sigma", "yasgui"]
    for name in libraries:
        assert "Permission is hereby granted" in (vendor / name / "LICENSE.txt").read_text()
        assert any(p.suffix == ".js" for p in (vendor / name).iterdir())
