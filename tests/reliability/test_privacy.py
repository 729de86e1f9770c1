"""Nothing exposed: contact persons' names, e-mail addresses and phone numbers appear in
no output of a build but ``records.jsonl`` (and the page cache that mirrors it), and in
none at all with ``--redact-contacts``. Every file is scanned as bytes, the store through
``esfgraph query``, the cache entry by entry."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zlib

import pytest

from .helpers import SEED_SECRETS, run_cli

EMAIL = re.compile(rb"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DUMP = "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }\n"
#: Outputs allowed to hold contact persons when they are not redacted.
RECORD_FILES = {"records.jsonl", "cache/pages.sqlite", "cache entry"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample_pages, generated_40):
    """The seed pages and 40 generated pages, and every contact value they print."""
    pages = tmp_path_factory.mktemp("privacy") / "pages"
    shutil.copytree(generated_40, pages)
    shutil.copytree(sample_pages, pages / "seeds")
    secrets = set(SEED_SECRETS)
    for seed_phone in ("0370-78612", "016-710 50 33", "0971-17184", "0709-739447"):
        secrets.add(re.sub(r"\D", "", seed_phone))  # the digits alone, however a writer normalises them
    for line in (generated_40 / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        secrets.update(truth[key] for key in ("contact_name", "contact_email", "contact_phone") if truth.get(key))
    (pages / "truth.jsonl").unlink()
    (pages / "corpus.json").unlink(missing_ok=True)
    return pages, sorted(secrets)


def _build(corpus, out, *options):
    pages, _ = corpus
    result = run_cli("build", str(pages), "--out", str(out), "--no-progress", "--workers", "2", *options, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def trig_build(corpus, tmp_path_factory):
    return _build(corpus, tmp_path_factory.mktemp("privacy-trig") / "out", "--format", "trig")


@pytest.fixture(scope="module")
def redacted_build(corpus, tmp_path_factory):
    return _build(corpus, tmp_path_factory.mktemp("privacy-redacted") / "out", "--redact-contacts")


def _texts(out):
    """(name, bytes) of every output: each file, each cache entry, the store's quads."""
    for path in sorted(out.rglob("*")):
        if path.is_file():
            yield path.relative_to(out).as_posix(), path.read_bytes()
    with sqlite3.connect(out / "cache" / "pages.sqlite") as cache:
        for key, value in cache.execute("SELECT key, value FROM page"):
            yield "cache entry", zlib.decompress(value)
    dump = out.parent / "dump.rq"
    dump.write_text(DUMP, encoding="utf-8")
    result = run_cli("query", str(dump), "--store", str(out / "store"), "--format", "csv")
    assert result.returncode == 0 and result.stdout.count("\n") > 1000, result.stderr
    yield "store (esfgraph query)", result.stdout.encode("utf-8")


def _binary(name: str) -> bool:
    """Files whose raw bytes are compressed or encoded (their content is read separately:
    the cache entry by entry, the store through a query)."""
    return name.endswith((".sqlite", ".png")) or name.startswith("store/")


def _leaks(out, secrets, allowed=frozenset()):
    found = {}
    names = set()
    for name, data in _texts(out):
        names.add(name)
        if name in allowed:
            continue
        hits = [s for s in secrets if s.encode("utf-8") in data]
        if not _binary(name):  # compressed bytes can look like an address by chance
            hits += [m.decode() for m in EMAIL.findall(data)]
        if hits:
            found.setdefault(name, set()).update(hits[:5])
    return found, names


def test_the_corpus_has_contacts_to_leak(corpus, trig_build):
    _, secrets = corpus
    records = (trig_build / "records.jsonl").read_text(encoding="utf-8")
    assert len(secrets) > 80
    assert all(s in records for s in ["michael.anderberg@vaggeryd.se", "0370-78612", "Mats Ladebäck"])


def test_no_output_but_the_records_holds_a_contact_trig(corpus, trig_build):
    _, secrets = corpus
    found, names = _leaks(trig_build, secrets, allowed=RECORD_FILES)
    assert found == {}
    # Everything was looked at: graph in both dataset formats, store, tables, report, Gephi files.
    assert {"graph.trig", "graph.nq", "graph.nt", "resolution.csv", "validation.ttl", "validation.txt",
            "analysis/report.html", "analysis/centrality.csv", "gephi/organisations.gexf",
            "gephi/organisations.graphml", "gephi/organisations_nodes.csv", "build.json",
            "store (esfgraph query)"} <= names


def test_redact_contacts_leaves_them_nowhere(corpus, redacted_build):
    _, secrets = corpus
    found, names = _leaks(redacted_build, secrets)
    assert found == {}
    assert {"records.jsonl", "cache entry", "graph.ttl", "store (esfgraph query)"} <= names
    records = [json.loads(line) for line in (redacted_build / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 45
    assert all(r["contact_name"] is None and r["contact_email"] is None and r["contact_phone"] is None
               for r in records)
    # Redaction removes the contact person, not the project: everything else is still there.
    titles = {r["title"] for r in records}
    assert {"Trappsteget", "Jobbtrappan", "INTRO", "JOBBINVEST-ering", "SMÖT"} <= titles


def test_a_redacted_cache_is_not_reused_by_a_build_that_keeps_contacts(corpus, redacted_build, tmp_path):
    """The cache key includes the redaction choice: dropping --redact-contacts brings the
    contact persons back into records.jsonl instead of reusing redacted entries."""
    out = tmp_path / "out"
    shutil.copytree(redacted_build, out)
    _build(corpus, out, "--no-analysis")
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["counts"]["cache_hits"] == 0
    assert "michael.anderberg@vaggeryd.se" in (out / "records.jsonl").read_text(encoding="utf-8")
