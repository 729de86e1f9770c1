"""Re-running a build on unchanged pages reuses earlier work: every page from the cache,
and, when nothing at all changed (pages, options, code), the whole-graph results of the
previous output, byte for byte. Any change makes the stages run again."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from esfgraph.build import BuildOptions, build

from .helpers import snapshot

OPTIONS = dict(workers=1, progress=False)


def _outputs(out):
    """Every output but the two that record the run itself."""
    return {k: v for k, v in snapshot(out).items() if k not in ("build.json", "cache/pages.sqlite")}


def test_an_unchanged_rebuild_reuses_everything_and_gives_the_same_bytes(tmp_path, sample_pages):
    out = tmp_path / "out"
    started = time.perf_counter()
    first = build([sample_pages], out, BuildOptions(**OPTIONS))
    first_seconds = time.perf_counter() - started
    before = _outputs(out)
    started = time.perf_counter()
    again = build([sample_pages], out, BuildOptions(**OPTIONS))
    again_seconds = time.perf_counter() - started
    assert again.counts["cache_hits"] == 5
    assert "reused" in again.timings and "rdf" not in again.timings and "validate" not in again.timings
    assert _outputs(out) == before  # graph, store files, analysis, Gephi: the same bytes
    assert again.counts == first.counts | {"cache_hits": 5}
    assert again.conforms == first.conforms and again.stages == first.stages
    assert again_seconds < 0.5 * first_seconds, (first_seconds, again_seconds)
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["build_key"] == first.build_key
    assert report["summary"].count("nothing changed since the last build: graph, validation, store and analysis "
                                   "reused") == 1
    # A third build reuses the reused output just as well.
    third = build([sample_pages], out, BuildOptions(**OPTIONS))
    assert "reused" in third.timings and _outputs(out) == before
    assert third.summary_lines == again.summary_lines


def _edit(pages):
    page = pages / "003_a9bc3cbe2c0d61c5.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("JOBBINVEST-ering", "JOBBINVEST 2"), encoding="utf-8")


CHANGES = {
    "a page edited": (lambda pages, out: _edit(pages), {}),
    "a page added": (lambda pages, out: shutil.copy(pages / "000_ebc39ac141ca286d.txt", pages / "copy.txt"), {}),
    "a page removed": (lambda pages, out: (pages / "001_4dc85357327c1bbb.txt").unlink(), {}),
    "another graph format": (lambda pages, out: None, {"graph_format": "trig"}),
    "another IRI base": (lambda pages, out: None, {"base": "https://example.org/id/"}),
    "contacts redacted": (lambda pages, out: None, {"redact_contacts": True}),
    "cache switched off": (lambda pages, out: None, {"cache": False}),
    "previous store damaged": (lambda pages, out: (out / "store" / "CURRENT").unlink(), {}),
    "previous build.json unreadable": (lambda pages, out: (out / "build.json").write_text("{"), {}),
    "previous graph missing": (lambda pages, out: (out / "graph.nt").unlink(), {}),
}
FAST = {"a page edited", "another graph format", "previous store damaged"}


_REPLACED = " <http://purl.org/dc/terms/isReplacedBy> "
_DESCRIPTION = ("<https://w3id.org/esfgraph/id/dataset", "<https://w3id.org/esfgraph/id/activity/")


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def _carried_out(lines):
    """The graph without the replacements a rebuild carries and the description that counts them."""
    return [line for line in lines if _REPLACED not in line and not line.startswith(_DESCRIPTION)]


@pytest.mark.parametrize("change", [
    pytest.param(name, marks=() if name in FAST else pytest.mark.slow) for name in CHANGES
])
def test_any_change_runs_the_stages_again(tmp_path, sample_pages, change):
    pages = tmp_path / "pages"
    shutil.copytree(sample_pages, pages)
    out = tmp_path / "out"
    build([pages], out, BuildOptions(analyze=False, **OPTIONS))
    alter, options = CHANGES[change]
    alter(pages, out)
    again = build([pages], out, BuildOptions(analyze=False, **OPTIONS, **options))
    assert "reused" not in again.timings and "rdf" in again.timings and "store" in again.timings
    assert all(state == "done" or state.startswith("skipped") for state in again.stages.values()), again.stages
    # And the result is what a build without any previous output gives.
    fresh = build([pages], tmp_path / "fresh", BuildOptions(analyze=False, **OPTIONS, **options))
    # (RocksDB names its files as it goes: a store's file names are not part of its content.)
    without_store = lambda folder: {k for k in _outputs(folder) if not k.startswith("store/")}  # noqa: E731
    assert without_store(out) == without_store(tmp_path / "fresh")
    for name in ("records.jsonl", "resolution.csv", "validation.txt"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    # graph.nt too, but for what only a build into the same folder knows: the IRIs that
    # moved since the previous build (dcterms:isReplacedBy, counted in the description).
    moved = [line for line in _lines(out / "graph.nt") if _REPLACED in line]
    assert len(moved) == (1 if change == "a page edited" else 0), moved
    if moved:
        assert _carried_out(_lines(out / "graph.nt")) == _carried_out(_lines(tmp_path / "fresh" / "graph.nt"))
    else:
        assert (out / "graph.nt").read_bytes() == (tmp_path / "fresh" / "graph.nt").read_bytes()
    moved_count = {"triples": fresh.counts["triples"] + len(moved)} if "triples" in fresh.counts else {}
    assert again.counts == fresh.counts | moved_count | {k: again.counts[k] for k in ("cache_hits",) if k in again.counts}
