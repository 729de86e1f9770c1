"""The examples in every module's docstrings run and hold (numpy-style ``Examples``)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import esfgraph

# ``esfgraph.__main__`` runs the command line when imported.
MODULES = sorted(
    info.name for info in pkgutil.walk_packages(esfgraph.__path__, "esfgraph.") if info.name != "esfgraph.__main__"
)

# Packages whose every module shows how it is used (the stage libraries users call).
FULLY_EXAMPLED = ("esfgraph.resolve.",)
WITHOUT_EXAMPLES = ("esfgraph.resolve.tables",)


def test_every_module_is_found():
    assert {"esfgraph.build", "esfgraph.extract.page", "esfgraph.network.layout", "esfgraph.rdf.writer"} <= set(MODULES)


@pytest.mark.parametrize("name", ["esfgraph", *MODULES])
def test_docstring_examples(name, project_root, monkeypatch):
    monkeypatch.chdir(project_root)  # examples name data/pages/...
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
    if name.startswith(FULLY_EXAMPLED) and name not in WITHOUT_EXAMPLES:
        assert outcome.attempted > 0
