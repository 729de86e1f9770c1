"""Every GEXF file the project writes validates against the official GEXF 1.3 schema.

The schema is read from ``../shared/reference/gexf-1.3/`` beside the repository (the
official XSD files, see that folder's README). A clone without that folder beside it
(CI, a user's checkout) skips these tests with a one-line reason, shown by ``-ra``;
``tests/export/gexf_checks.py`` checks the structure the schema requires either way.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from esfgraph.build import BuildOptions, build
from esfgraph.cli import main
from esfgraph.export import export_gephi, write_gexf

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared" / "reference" / "gexf-1.3" / "gexf.xsd"


@pytest.fixture(scope="module")
def gexf_schema():
    if not SCHEMA.is_file():
        pytest.skip("GEXF 1.3 schema not found at ../shared/reference/gexf-1.3/gexf.xsd: schema validation skipped")
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMA)))  # imports viz.xsd and dynamics.xsd beside it


def _assert_valid(schema, path: Path) -> None:
    from lxml import etree

    document = etree.parse(str(path))
    valid = schema.validate(document)
    errors = [f"line {error.line}: {error.message}" for error in schema.error_log][:5]
    assert valid, f"{path.name} is not valid GEXF 1.3: {errors}"
    assert document.getroot().get("version") == "1.3"


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory, sample_pages):
    out = tmp_path_factory.mktemp("schema") / "demo"
    build([sample_pages], out, BuildOptions(workers=1, progress=False))
    return out


def test_the_builds_gephi_files_are_valid(gexf_schema, sample_build):
    files = sorted((sample_build / "gephi").glob("*.gexf"))
    assert [path.name for path in files] == ["bipartite.gexf", "organisations.gexf", "organisations_dynamic.gexf"]
    for path in files:
        _assert_valid(gexf_schema, path)


@pytest.mark.parametrize("network", ["organisations", "bipartite", "dynamic"])
@pytest.mark.parametrize("level", ["unit", "parent"])
def test_esfgraph_export_gexf_files_are_valid(gexf_schema, sample_build, tmp_path, network, level):
    out = tmp_path / f"{network}-{level}.gexf"
    result = CliRunner().invoke(main, ["export", "gexf", "--store", str(sample_build / "store"), "--network",
                                       network, "--level", level, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "nodes" in result.output and out.is_file()
    _assert_valid(gexf_schema, out)


def test_the_tiny_graphs_gephi_files_are_valid(gexf_schema, analysis, tmp_path):
    files = export_gephi(analysis, tmp_path)
    gexf = sorted(path for path in files.values() if Path(path).suffix == ".gexf")
    assert len(gexf) == 3
    for path in gexf:
        _assert_valid(gexf_schema, Path(path))


def test_untrusted_text_still_gives_a_valid_file(gexf_schema, tmp_path):
    graph = nx.Graph()
    page_text = "Kommun <&> \"AB\" 'x' \x01\x0b ctrl \ufffe \U0001f600 \u00e5\u00e4\u00f6 ]]> <!-- -->"
    graph.add_node("https://w3id.org/esfgraph/id/org/a?x=1&y=<2>", label=page_text, type="unknown",
                   spells=[("2008-01-01", "2009-12-31")])
    graph.add_node("b", label="", type="municipality", spells=[("2015-02-01", "2016-01-31")])
    graph.add_edge("https://w3id.org/esfgraph/id/org/a?x=1&y=<2>", "b", weight=2, projects=page_text,
                   spells=[("2015-02-01", "2015-12-31")])
    for dynamic in (False, True):
        _assert_valid(gexf_schema, write_gexf(graph, tmp_path / f"odd-{dynamic}.gexf", dynamic=dynamic,
                                              description=page_text))
