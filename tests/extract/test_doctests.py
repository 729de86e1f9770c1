"""The examples in the extract package's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import esfgraph.extract

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(esfgraph.extract.__path__, "esfgraph.extract.")
)


@pytest.mark.parametrize("name", ["esfgraph.extract", *MODULES])
def test_docstring_examples(name, project_root, monkeypatch):
    monkeypatch.chdir(project_root)  # examples name data/pages/...
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
