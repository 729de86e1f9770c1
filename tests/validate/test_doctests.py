"""The examples in the validate package's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import esfgraph.validate

MODULES = sorted(info.name for info in pkgutil.walk_packages(esfgraph.validate.__path__, "esfgraph.validate."))


@pytest.mark.parametrize("name", ["esfgraph.validate", *MODULES])
def test_docstring_examples(name, project_root, monkeypatch):
    monkeypatch.chdir(project_root)
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
