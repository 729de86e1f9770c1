"""A normal install works: the wheel carries the ontology, queries and reference data.

A real wheel is built from a copy of the source tree (``pip wheel``, with the build
backend's own isolation, as a user would), installed with ``--no-deps`` into a new
virtual environment that borrows the test environment's dependencies through a ``.pth``
file (so the test needs no network and takes seconds), and then runs ``esfgraph build``
on the sample pages and ``esfgraph query --list`` from an unrelated folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from esfgraph import resources
from esfgraph.resources import RESOURCE_FOLDERS, ResourcesNotFound

ROOT = Path(__file__).resolve().parent.parent
#: What the wheel is built from: the files a clone has (the sdist's MANIFEST.in says the same).
SOURCE_ITEMS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "esfgraph", *RESOURCE_FOLDERS)


def _resource_files(root: Path) -> list[str]:
    return sorted(
        path.relative_to(root).as_posix()
        for folder in RESOURCE_FOLDERS
        for path in (root / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory):
    """Build the wheel, install it into a fresh venv; return (wheel, venv's bin folder)."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    for item in SOURCE_ITEMS:
        origin = ROOT / item
        if origin.is_dir():
            shutil.copytree(origin, source / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_resources"))
        else:
            (source / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, source / item)
    wheels = work / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("esfgraph-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet",
         str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    # The dependencies come from this test environment's site-packages, added as a plain
    # path: its .pth files (among them an editable install's finder) are not processed, so
    # `import esfgraph` can only find the wheel's copy.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n", encoding="utf-8")
    return wheel, env_dir / "bin", Path(site)


def _run(bin_dir: Path, *args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in ("ESFGRAPH_HOME", "PYTHONPATH")}
    return subprocess.run([str(bin_dir / "esfgraph"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env={**environment, **(env or {})})


@pytest.mark.slow
def test_wheel_carries_every_resource_file(wheel_venv):
    wheel, _, _ = wheel_venv
    with zipfile.ZipFile(wheel) as archive:
        shipped = sorted(name.removeprefix("esfgraph/_resources/") for name in archive.namelist()
                         if name.startswith("esfgraph/_resources/"))
    assert shipped == _resource_files(ROOT)
    assert "ontology/shapes.ttl" in shipped and "queries/recurring-partnerships.rq" in shipped
    assert "data/reference/municipalities.csv" in shipped and "data/curation/aliases.csv" in shipped


@pytest.mark.slow
def test_installed_wheel_builds_the_sample_and_lists_the_queries(wheel_venv, tmp_path, sample_pages):
    _, bin_dir, site = wheel_venv
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import esfgraph, esfgraph.resources as r; print(esfgraph.__file__); "
         "print(r.project_root())"], cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert where == [str(site / "esfgraph" / "__init__.py"), str(site / "esfgraph" / "_resources")]

    shutil.copytree(sample_pages, tmp_path / "pages")
    built = _run(bin_dir, "build", "pages", "--out", "out", "--workers", "1", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "5 input files -> 5 projects (5 ok, 0 with warnings, 0 rejected)" in built.stdout
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["projects"] == 5 and report["counts"]["shacl_violations"] == 0
    assert report["stages"]["validate"] == "done" and report["stages"]["analyze"] == "done"

    listed = _run(bin_dir, "query", "--list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    names = [line for line in listed.stdout.splitlines() if line and not line.startswith(" ")]
    assert names == [path.stem for path in sorted((ROOT / "queries").glob("*.rq"))]
    assert "recurring-partnerships" in names and "organisation-projects" in names

    years = _run(bin_dir, "query", "projects-per-year", "--store", "out/store", "--format", "csv", cwd=tmp_path)
    assert years.returncode == 0, years.stderr
    assert len(years.stdout.strip().splitlines()) > 1


@pytest.mark.slow
def test_installed_wheel_without_its_resources_says_so(wheel_venv, tmp_path):
    _, bin_dir, site = wheel_venv
    shipped = site / "esfgraph" / "_resources"
    hidden = site / "esfgraph" / "_resources.hidden"
    shipped.rename(hidden)
    try:
        listed = _run(bin_dir, "query", "--list", cwd=tmp_path)
        built = _run(bin_dir, "build", str(ROOT / "data" / "pages"), "--out", "out", cwd=tmp_path)
    finally:
        hidden.rename(shipped)
    assert listed.returncode == 2 and listed.stdout == ""
    assert len(listed.stderr.strip().splitlines()) == 1
    assert "ontology, queries and reference data are missing" in listed.stderr
    assert "ESFGRAPH_HOME" in listed.stderr and "Traceback" not in listed.stderr
    assert built.returncode == 2 and "ESFGRAPH_HOME" in built.stderr and "Traceback" not in built.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_installed_wheel_follows_esfgraph_home(wheel_venv, tmp_path):
    _, bin_dir, _ = wheel_venv
    home = tmp_path / "home"
    for folder in RESOURCE_FOLDERS:
        shutil.copytree(ROOT / folder, home / folder)
    for query in (home / "queries").glob("*.rq"):
        if query.stem != "projects-per-year":
            query.unlink()
    listed = _run(bin_dir, "query", "--list", cwd=tmp_path, env={"ESFGRAPH_HOME": str(home)})
    assert listed.returncode == 0, listed.stderr
    assert [line for line in listed.stdout.splitlines() if not line.startswith(" ")] == ["projects-per-year"]


def test_checkout_resources_are_the_clones_folders(monkeypatch):
    monkeypatch.delenv("ESFGRAPH_HOME", raising=False)
    assert resources.project_root() == ROOT
    assert resources.queries_dir() == ROOT / "queries"
    assert resources.reference_dir() == ROOT / "data" / "reference"


def test_esfgraph_home_must_hold_every_folder(monkeypatch, tmp_path):
    (tmp_path / "ontology").mkdir()
    (tmp_path / "queries").mkdir()
    monkeypatch.setenv("ESFGRAPH_HOME", str(tmp_path))
    with pytest.raises(ResourcesNotFound) as caught:
        resources.ontology_dir()
    message = str(caught.value)
    assert f"ESFGRAPH_HOME={tmp_path} lacks data/reference/, data/curation/" in message
    assert "\n" not in message
    (tmp_path / "data" / "reference").mkdir(parents=True)
    (tmp_path / "data" / "curation").mkdir()
    with pytest.raises(ResourcesNotFound, match=r"lacks queries/\*\.rq"):
        resources.queries_dir()  # an empty query library is as good as none
    (tmp_path / "queries" / "mine.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert resources.queries_dir() == tmp_path / "queries"


def test_cli_names_a_missing_library_in_one_line(tmp_path):
    environment = {**os.environ, "ESFGRAPH_HOME": str(tmp_path)}
    listed = subprocess.run([sys.executable, "-m", "esfgraph", "query", "--list"], capture_output=True, text=True,
                            env=environment, cwd=tmp_path)
    assert listed.returncode == 2 and listed.stdout == ""
    assert listed.stderr.strip().splitlines() == [
        f"esfgraph query: ESFGRAPH_HOME={tmp_path} lacks ontology/, queries/, data/reference/, data/curation/ "
        "(it must hold ontology/, queries/, data/reference/, data/curation/); "
        "unset it to use the resources shipped with esfgraph"
    ]


@pytest.mark.slow
def test_readme_tour_runs_on_the_installed_wheel(wheel_venv):
    """The README's tour, top to bottom, with the wheel's esfgraph: every output as printed."""
    _, bin_dir, _ = wheel_venv
    environment = {key: value for key, value in os.environ.items() if key not in ("ESFGRAPH_HOME", "PYTHONPATH")}
    toured = subprocess.run([str(bin_dir / "python"), str(ROOT / "scripts" / "readme_tour.py")],
                            cwd=ROOT, capture_output=True, text=True, timeout=900, env=environment)
    assert toured.returncode == 0, toured.stdout[-3000:] + toured.stderr[-2000:]
    assert "every output as in the README; nothing written outside build/" in toured.stdout
