"""docs/queries.md stays true: its table lists the whole library, its example runs."""

from __future__ import annotations

import re
from pathlib import Path

from esfgraph.query import list_queries, parse_query_text, run_query

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"


def test_the_library_table_lists_every_query():
    text = DOC.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z]+-[a-z-]+)` \|", text, re.M))
    assert listed == {q.name for q in list_queries()}


def test_the_example_query_runs_on_the_store_and_binds_for_endpoints(fixture_store):
    block = re.search(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    info = parse_query_text(block, name="doc-example")
    assert [p.name for p in info.params] == ["org", "from_year"] and info.lists == ("titles",)
    result = run_query(info, {"org": "kommun-0665"}, store=fixture_store)
    assert result.columns == ["year", "projects", "titles"]
    assert result.values() == [(2009, 1, "Steget vidare"), (2018, 1, "Vidare tillsammans")]
