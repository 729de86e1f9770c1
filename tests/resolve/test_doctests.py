"""The examples in the resolve package's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import esfgraph.resolve

MODULES = sorted(info.name for info in pkgutil.walk_packages(esfgraph.resolve.__path__, "esfgraph.resolve."))


@pytest.mark.parametrize("name", ["esfgraph.resolve", *MODULES])
def test_docstring_examples(name):
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
    assert name in ("esfgraph.resolve.tables",) or outcome.attempted > 0  # every module shows how it is used
