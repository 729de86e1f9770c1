"""Build hook: ship the top-level resources inside the wheel.

Everything else about the package is declared in ``pyproject.toml``. The ontology, the
query library and the reference and curation tables live at the top of the source tree
(``ontology/``, ``queries/``, ``data/reference/``, ``data/curation/``), where users of a
clone read and edit them. A wheel (``pip install .``, ``pip wheel .``) copies them into
the package as ``esfgraph/_resources/...``, which :mod:`esfgraph.resources` finds in an
installed package. An editable install needs no copy: it reads the source tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: Source folder -> folder under ``esfgraph/_resources/`` (the same layout as the clone).
RESOURCES = ("ontology", "queries", "data/reference", "data/curation")
ROOT = Path(__file__).resolve().parent


class build_py_with_resources(build_py):
    """``build_py`` that also copies :data:`RESOURCES` into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "esfgraph" / "_resources"
        shutil.rmtree(target, ignore_errors=True)
        for folder in RESOURCES:
            source = ROOT / folder
            if not source.is_dir():  # an sdist made without MANIFEST.in: fail the build, not the user
                raise FileNotFoundError(f"{source}: resource folder missing; esfgraph cannot be built without it")
            shutil.copytree(source, target / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        target = Path(self.build_lib) / "esfgraph" / "_resources"
        if not self.editable_mode and target.is_dir():
            outputs.extend(str(path) for path in sorted(target.rglob("*")) if path.is_file())
        return outputs


setup(cmdclass={"build_py": build_py_with_resources})
