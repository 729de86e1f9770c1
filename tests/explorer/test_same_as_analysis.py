"""The explorer's /partnerships counts pairs by the analysis's rule: with no filter its CSV
holds exactly the rows of the build's ``recurring_partnerships.csv``, and each text-mentions
choice, ``general=1`` (``include_national``) and ``level=parent`` give exactly the rows of
``esfgraph analyze`` run with the same choice.

Two corpora: the sample pages (``data/pages``: 2007-2013 pages with printed lists and names
in their text, a 2014-2020 page with names in its text only, an owner's own parent named in
its text), and a mixed one: the sample pages with the hand-made pages of
``tests/fixtures/pages/evidence`` (a pair listed in 2007-2013 and named in 2014-2020 text,
national agencies named in general) and ``linking`` (one organisation on three layouts).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from werkzeug.test import Client

from esfgraph.build import BuildOptions, build
from esfgraph.explorer import CSV_COLUMNS, ExplorerApp, StoreWatcher
from esfgraph.network import analyze

from .conftest import BASE

AF, FK = BASE + "org/arbetsformedlingen", BASE + "org/forsakringskassan"


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def explorer_rows(client, query: str = "") -> list[dict]:
    response = client.get("/partnerships?format=csv" + ("&" + query if query else ""))
    assert response.status_code == 200, response.get_data(as_text=True)
    return read_csv(response.get_data(as_text=True))


def analysis_rows(path: Path) -> list[dict]:
    return read_csv(path.read_text(encoding="utf-8"))


def common(rows: list[dict], columns) -> list[tuple]:
    return [tuple(row[c] for c in columns) for row in rows]


def assert_same_rows(explorer: list[dict], analysis: list[dict]) -> None:
    columns = [c for c in CSV_COLUMNS if c in (analysis[0] if analysis else CSV_COLUMNS)]
    assert len(columns) == len(CSV_COLUMNS)  # the explorer writes the analysis's columns, all of them
    assert common(explorer, columns) == common(analysis, columns)


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory, sample_pages, fixtures_dir) -> Path:
    pages = tmp_path_factory.mktemp("mixed-pages")
    for folder in (sample_pages, fixtures_dir / "pages" / "evidence", fixtures_dir / "pages" / "linking"):
        for page in sorted(folder.iterdir()):
            if page.is_file() and page.suffix in (".txt", ".html"):
                shutil.copy(page, pages / page.name)
    out = tmp_path_factory.mktemp("mixed") / "out"
    result = build([pages], out, BuildOptions(workers=1, progress=False, cache=False))
    assert result.stages.get("analyze") == "done", result.stages
    return out


@pytest.fixture(scope="module")
def mixed_client(mixed_build):
    watcher = StoreWatcher(mixed_build / "store")
    yield Client(ExplorerApp(watcher))
    watcher.stop()


@pytest.fixture(params=["sample", "mixed"])
def corpus(request, sample_build, sample_client):
    if request.param == "sample":
        return sample_build, sample_client
    return request.getfixturevalue("mixed_build"), request.getfixturevalue("mixed_client")


def test_default_view_is_the_builds_recurring_partnerships_csv(corpus, mixed_build):
    out, client = corpus
    analysis = analysis_rows(out / "analysis" / "recurring_partnerships.csv")
    # The five sample pages share no two projects; the mixed corpus does.
    assert bool(analysis) == (out == mixed_build)
    assert_same_rows(explorer_rows(client), analysis)


@pytest.mark.parametrize("query, options", [
    ("min_shared=1", {"min_shared": 1}),
    ("min_shared=1&level=parent", {"min_shared": 1, "level": "parent"}),
    ("min_shared=1&general=1", {"min_shared": 1, "include_national": True}),
    ("min_shared=1&text=all", {"min_shared": 1, "text_mentions": "all"}),
    ("min_shared=1&text=none", {"min_shared": 1, "text_mentions": "none"}),
    ("level=parent", {"level": "parent"}),
    ("general=1", {"include_national": True}),
    ("text=all", {"text_mentions": "all"}),
    ("text=none", {"text_mentions": "none"}),
    ("text=all&general=1&level=parent", {"text_mentions": "all", "include_national": True, "level": "parent"}),
])
def test_each_choice_gives_the_rows_of_analyze_with_that_choice(corpus, tmp_path, query, options):
    out, client = corpus
    analyze(out / "store", tmp_path / "analysis", write_back=False, report=False, **options)
    analysis = analysis_rows(tmp_path / "analysis" / "recurring_partnerships.csv")
    # Rows to compare, except for the sample pages at two shared projects (they share none).
    assert analysis or (out.parent.name.startswith("explorer-sample") and "min_shared=1" not in query)
    assert_same_rows(explorer_rows(client, query), analysis)


def test_the_choices_change_the_rows_of_the_mixed_corpus(mixed_client):
    """The corpus exercises the rule: each choice gives other rows than the default."""
    columns = ("org_a", "org_b", "shared_projects", "evidence")
    default = common(explorer_rows(mixed_client, "min_shared=1"), columns)
    for query in ("text=all", "text=none", "general=1", "level=parent"):
        assert common(explorer_rows(mixed_client, "min_shared=1&" + query), columns) != default, query
    # Named in general on the two 2014-2020 pages (no lists printed): a pair only with general=1.
    assert (AF, FK) not in {(r["org_a"], r["org_b"]) for r in explorer_rows(mixed_client)}
    pair = [r for r in explorer_rows(mixed_client, "general=1") if (r["org_a"], r["org_b"]) == (AF, FK)][0]
    assert pair["evidence"] == "text" and int(pair["shared_projects"]) >= 2


def test_filters_apply_on_top_of_the_rule(mixed_client, mixed_build):
    analysis = analysis_rows(mixed_build / "analysis" / "recurring_partnerships.csv")
    both = [r for r in analysis if r["evidence"] == "both"]
    assert both, "a pair listed on some pages and named in the text of others"
    # evidence=listed counts only the projects where both are listed; text keeps pairs with text evidence.
    listed = {(r["org_a"], r["org_b"]): r for r in explorer_rows(mixed_client, "evidence=listed&min_shared=1")}
    for row in both:
        kept = listed[(row["org_a"], row["org_b"])]
        assert kept["evidence"] == "listed" and int(kept["shared_projects"]) < int(row["shared_projects"])
    text = explorer_rows(mixed_client, "evidence=text")
    assert common(text, CSV_COLUMNS) == common([r for r in analysis if r["evidence"] != "listed"], CSV_COLUMNS)
    # a period keeps the pairs' projects of that period alone
    period = explorer_rows(mixed_client, "period=2014-2020&min_shared=1")
    assert period and all(set(r["programme_periods"].split(";")) == {"2014-2020"} for r in period)
