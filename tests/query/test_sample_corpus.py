"""The query library on the sample corpus (data/pages, built by the real pipeline), and
the same answers through a real Oxigraph server after ``push``.

The expected values are facts printed on the five pages (titles, amounts, dates, the
number of municipalities listed, the countries named), not details of the resolver."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esfgraph.build import BuildOptions, build
from esfgraph.cli import main
from esfgraph.push import push
from esfgraph.query import ParameterValueError, list_queries, run_query
from esfgraph.serve import start_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, sample_pages):
    out = tmp_path_factory.mktemp("sample") / "build"
    build([sample_pages], out, BuildOptions(workers=1, progress=False, cache=False))
    assert (out / "store" / "CURRENT").is_file()
    return out


def rows(name, build_dir, **params):
    return run_query(name, params, store=build_dir / "store").values()


def test_projects_per_year(sample_store):
    assert rows("projects-per-year", sample_store) == [
        (2008, 2, 3574500 + 108880, 8936300 + 145173),  # Trappsteget, JOBBINVEST-ering
        (2009, 1, 5978228, 15532492),  # INTRO
        (2011, 1, 7270054, 21005662),  # Jobbtrappan
        (2019, 1, 6979677, 6979677),  # SMÖT
    ]


def test_funding_by_region_and_period(sample_store):
    found = {(r[0], r[1]): r[3:] for r in rows("funding-by-region-period", sample_store)}
    assert found[("2007-2013", "smaland-och-oarna")] == (1, 3574500, 8936300)
    assert found[("2007-2013", "ostra-mellansverige")] == (1, 7270054, 21005662)
    assert found[("2007-2013", "ovre-norrland")] == (1, 5978228, 15532492)
    assert found[("2007-2013", "sydsverige")] == (1, 108880, 145173)
    assert sum(v[0] for v in found.values()) == 5


def test_regions_are_named_by_their_concept_whatever_the_page_printed(sample_store):
    """Issue 13: SMÖT's page prints "Småland & Öarna", Trappsteget's "Småland och Öarna";
    the build loads the region vocabulary, so both rows carry the concept's label."""
    labels = {(r[0], r[1]): r[2] for r in rows("funding-by-region-period", sample_store)}
    assert labels[("2014-2020", "smaland-och-oarna")] == "Småland och Öarna"  # SMÖT
    assert labels[("2007-2013", "smaland-och-oarna")] == "Småland och Öarna"  # Trappsteget
    english = {(r[0], r[1]): r[2] for r in rows("funding-by-region-period", sample_store, lang="en")}
    assert english[("2014-2020", "smaland-och-oarna")] == "Småland and the Islands"
    assert len(english) == len(labels)
    types = rows("owners-by-org-type", sample_store)
    assert ("study-association", "studieförbund") in [(r[0], r[1]) for r in types]
    countries = rows("transnational-partners-by-country", sample_store, lang="en")
    assert sorted((r[1], r[2]) for r in countries) == [("GB", "United Kingdom"), ("IT", "Italy")]


def test_projects_in_vaggeryd(sample_store):
    assert [r[2] for r in rows("projects-in-municipality", sample_store)] == ["Trappsteget"]


def test_projects_that_join_several_municipalities(sample_store):
    assert [(r[2], r[3]) for r in rows("multi-municipality-projects", sample_store)] == [
        ("JOBBINVEST-ering", 38), ("Trappsteget", 34), ("INTRO", 3)]


def test_transnational_partners_come_from_italy_and_england(sample_store):
    found = {r[1]: (r[3], r[5]) for r in rows("transnational-partners-by-country", sample_store)}
    assert found == {"GB": (1, "Ingeus/Work directions"), "IT": (1, "Obbietivo Formazione")}


def test_quality_checks(sample_store):
    assert [r[2] for r in rows("quality-projects-without-partners", sample_store)] == ["SMÖT"]
    printed = {r[2] for r in rows("quality-low-confidence-mentions", sample_store)}
    assert {"Ingeus/Work directions", "Obbietivo Formazione"} <= printed


def test_every_query_answers_the_same_through_the_server(sample_store, tmp_path):
    with start_server(tmp_path / "remote", bind="127.0.0.1:0", allow_updates=True) as server:
        report = push(sample_store, server.store_url)
        assert report.graphs[0].graph is None and report.graphs[0].triples > 1000
        # The ontology and vocabularies are in the build's store; an endpoint gets them so.
        loaded = CliRunner().invoke(main, ["load-vocab", "--endpoint", server.store_url])
        assert loaded.exit_code == 0 and loaded.output.startswith("loaded 1"), loaded.output
        for info in list_queries():
            params = {p.name: "kommun-0665" for p in info.params if p.required}
            local = run_query(info, params, store=sample_store / "store")
            remote = run_query(info, params, endpoint=server.query_url)
            assert remote.rows == local.rows, info.name
        # Names are looked up on the endpoint as on the store (issue 13, item 4).
        by_name = run_query("organisation-projects", {"org": "Af Jönköping"}, endpoint=server.query_url)
        assert by_name.rows == run_query("organisation-projects", {"org": "arbetsformedlingen/jonkoping"},
                                         store=sample_store / "store").rows
        assert len(by_name) > 0
        with pytest.raises(ParameterValueError) as caught:
            run_query("projects-in-municipality", {"municipality_code": "680"}, endpoint=server.query_url)
        assert caught.value.suggestions[0].key == "0680"
        assert server.query_url in str(caught.value).splitlines()[0]
