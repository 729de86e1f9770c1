"""The examples in every module's docstrings run and hold (numpy-style ``Examples``).

The harness skips no module and no entry point by name: an example that cannot run says
so itself (``# doctest: +SKIP``). Examples run from the repository root with these names
defined, so that the main entry points (``build``, ``run_query``, ``analyze``, ``fetch``,
``validate_graph``) can show real runs on the sample pages:

``pages``
    ``data/pages``, the five sample pages (a :class:`pathlib.Path`).
``out``
    An empty temporary folder of the module's own, for anything an example writes.
``sample_build``
    A build of the sample pages (``graph.nt``, ``store/`` with the analysis,
    ``records.jsonl``, ...), copied for the module so that it may change it; built once
    per test session, and only when some example names it.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import shutil
from pathlib import Path

import pytest

import esfgraph

# ``esfgraph.__main__`` runs the command line when imported.
MODULES = sorted(
    info.name for info in pkgutil.walk_packages(esfgraph.__path__, "esfgraph.") if info.name != "esfgraph.__main__"
)

# Packages whose every module shows how it is used (the stage libraries users call).
FULLY_EXAMPLED = ("esfgraph.resolve.",)
WITHOUT_EXAMPLES = ("esfgraph.resolve.tables",)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory, sample_pages) -> Path:
    """A full build of the sample pages, made once; examples get a copy (``sample_build``)."""
    from esfgraph.build import BuildOptions, build

    out = tmp_path_factory.mktemp("doctest-sample") / "build"
    build([sample_pages], out, BuildOptions(workers=1, progress=False, cache=False))
    return out


def _names(tests: list[doctest.DocTest], folder: Path, sample_pages: Path, request) -> dict:
    """The names examples may use (see the module docstring)."""
    out = folder / "out"
    out.mkdir()
    names = {"pages": sample_pages, "out": out}
    if any("sample_build" in example.source for test in tests for example in test.examples):
        names["sample_build"] = Path(shutil.copytree(request.getfixturevalue("built_sample"), folder / "sample"))
    return names


def test_every_module_is_found():
    assert {"esfgraph.build", "esfgraph.extract.page", "esfgraph.network.layout", "esfgraph.rdf.writer"} <= set(MODULES)


@pytest.mark.parametrize("name", ["esfgraph", *MODULES])
def test_docstring_examples(name, project_root, sample_pages, tmp_path, monkeypatch, request):
    monkeypatch.chdir(project_root)  # examples name data/pages/...
    module = importlib.import_module(name)
    tests = doctest.DocTestFinder().find(module)
    names = _names(tests, tmp_path, sample_pages, request)
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS, extraglobs=names)
    assert outcome.failed == 0
    if name.startswith(FULLY_EXAMPLED) and name not in WITHOUT_EXAMPLES:
        assert outcome.attempted > 0


def test_examples_see_the_sample_pages_an_output_folder_and_a_sample_build(sample_pages, tmp_path, request):
    """The names above, as an entry point's example uses them: a real build and its store."""
    example = '''
    >>> sorted(p.name for p in pages.iterdir())[:2]
    ['000_ebc39ac141ca286d.txt', '001_4dc85357327c1bbb.txt']
    >>> list(out.iterdir())
    []
    >>> import pyoxigraph
    >>> store = pyoxigraph.Store.read_only(str(sample_build / "store"))
    >>> len(list(store.query("SELECT ?p { ?p a <https://w3id.org/esfgraph/ontology#Project> }")))
    5
    '''
    test = doctest.DocTestParser().get_doctest(example, {}, "names", None, 0)
    test.globs.update(_names([test], tmp_path, sample_pages, request))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False) == doctest.TestResults(failed=0, attempted=5)
