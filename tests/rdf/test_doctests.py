"""The examples in the rdf package's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import esfgraph.rdf

MODULES = sorted(info.name for info in pkgutil.walk_packages(esfgraph.rdf.__path__, "esfgraph.rdf."))


@pytest.mark.parametrize("name", ["esfgraph.rdf", *MODULES])
def test_docstring_examples(name, project_root, monkeypatch):
    monkeypatch.chdir(project_root)
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
