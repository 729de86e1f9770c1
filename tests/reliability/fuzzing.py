"""What every input must satisfy, whatever it is: the checks shared by the hypothesis
tests, the regression corpus and the coverage-guided fuzzer (``fuzz_atheris.py``).

One call runs a page through the extractor, the resolver and the RDF emitter, as a
build does, and fails (raises AssertionError) on a crash disguised as a rejection, a
record of the wrong shape, an IRI or a line of N-Triples that does not parse, a result
that changes between two runs, or a call slower than its time bound.
"""

from __future__ import annotations

import json
import re
import time
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from esfgraph.extract import extract_bytes
from esfgraph.model import ROLES

ROOT = Path(__file__).resolve().parents[2]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT_KEYS = ("esf_grant_sek", "total_budget_sek", "planned_participants")
LIST_KEYS = ("co_financiers", "partners", "municipalities")


def time_bound(size: int) -> float:
    """Seconds one stage may take for ``size`` bytes of input: generous for a shared,
    busy machine, far below what a quadratic step or a regex backtracking would need."""
    return 3.0 + 8.0 * size / 1_000_000


@lru_cache(maxsize=1)
def resolver():
    from esfgraph.resolve import Resolver

    return Resolver()


@lru_cache(maxsize=1)
def rdf_options():
    from esfgraph.rdf import RDFOptions

    return RDFOptions()


def check_record(record) -> None:
    data = record.to_dict()
    json.dumps(data, ensure_ascii=False)  # what the build writes to records.jsonl
    assert isinstance(record.title, str) and record.title.strip(), "a record without a title"
    for key in INT_KEYS:
        assert data[key] is None or (isinstance(data[key], int) and not isinstance(data[key], bool)), key
    for key in ("period_start", "period_end"):
        assert data[key] is None or DATE.match(data[key]), (key, data[key])
    for key in LIST_KEYS:
        assert isinstance(data[key], list) and all(isinstance(item, str) and item for item in data[key]), key
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in (record.sections or {}).items())


def check_resolution(record, size: int) -> object:
    started = time.perf_counter()
    resolution = resolver().resolve(record)
    seconds = time.perf_counter() - started
    assert seconds < time_bound(size), f"resolve took {seconds:.1f} s for {size} bytes"
    for mention in resolution.mentions:
        assert mention.role in ROLES, mention.role
        ox.NamedNode(mention.canonical)  # raises on an invalid IRI
        assert 0.0 <= mention.confidence <= 1.0, mention.confidence
        assert isinstance(mention.label, str) and mention.label, mention
    for organisation in resolution.organisations:
        ox.NamedNode(organisation.iri)
    assert resolver().resolve(record).to_dict() == resolution.to_dict(), "resolve is not deterministic"
    return resolution


def check_rdf(record, resolution) -> int:
    from esfgraph.rdf import record_nt_lines

    lines = record_nt_lines(record, resolution, rdf_options())
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    parsed = list(ox.parse(text.encode("utf-8"), ox.RdfFormat.N_TRIPLES))
    assert len(parsed) == len(lines), "an N-Triples line did not parse"
    return len(lines)


def check_page(data: bytes, source: str = "fuzz.txt") -> object:
    """Run one input through extract, resolve and rdf; assert every invariant; return the result."""
    started = time.perf_counter()
    result = extract_bytes(data, source)
    seconds = time.perf_counter() - started
    assert seconds < time_bound(len(data)), f"extract took {seconds:.1f} s for {len(data)} bytes"
    assert result.status in ("ok", "warnings", "rejected"), result.status
    if result.status == "rejected":
        assert result.record is None
        assert result.reason and "\n" not in result.reason
        assert not result.reason.startswith("internal error"), result.reason  # a crash, caught
        return result
    assert result.record is not None
    check_record(result.record)
    again = extract_bytes(data, source)
    assert again.record.to_dict() == result.record.to_dict(), "extract is not deterministic"
    resolution = check_resolution(result.record, len(data))
    check_rdf(result.record, resolution)
    return result


def page_fragments() -> list[str]:
    """Lines of every seed and fixture page: the material hostile pages are made of."""
    lines: set[str] = set()
    folders = [ROOT / "data" / "pages", ROOT / "tests" / "fixtures" / "pages"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".txt", ".html") and path.is_file():
                text = path.read_bytes().decode("utf-8", "replace")
                lines.update(line for line in text.splitlines() if line.strip())
    return sorted(lines)
