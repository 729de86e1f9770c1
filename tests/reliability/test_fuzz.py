"""Hostile input: the extractor, the resolver and the RDF emitter fuzzed with hypothesis
(arbitrary bytes and text, pages rebuilt from fragments of real ones, deep HTML, many
labels, huge values), plus fixed pathological inputs timed against a bound and run in a
child process whose memory is measured. No crash, no hang, bounded memory.

More examples: ``ESFGRAPH_FUZZ_EXAMPLES=5000 ESFGRAPH_FUZZ_RANDOM=1 pytest tests/reliability/test_fuzz.py``.
Coverage-guided: ``python tests/reliability/fuzz_atheris.py`` (see its docstring)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from esfgraph.model import ProjectRecord

from .fuzzing import ROOT, check_page, check_rdf, check_record, check_resolution, page_fragments, time_bound

EXAMPLES = int(os.environ.get("ESFGRAPH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("ESFGRAPH_FUZZ_RANDOM"),
                database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FRAGMENTS = page_fragments()
SEED = (ROOT / "data" / "pages" / "004_e1f4b13072c7ae19.txt").read_bytes()
SEED_PRINT = (ROOT / "data" / "pages" / "000_ebc39ac141ca286d.txt").read_bytes()

LABELS = ["Projektnummer", "Projektägare", "Namn", "Region", "Projektperiod", "Total projektbudget",
          "Beviljat ESF-stöd", "Kontaktperson", "E-post", "Telefonnummer", "Medfinansiärer", "Partners",
          "Kommun", "Kommuner", "Programområde", "Projektfas", "Organisationsnummer", "Utlysning",
          "Diarienummer", "Planerat antal deltagare", "Transnationellt samarbete", "Sammanfattning"]
ORG_WORDS = ["Arbetsförmedlingen", "Af", "AF", "Försäkringskassan", "kommun", "Kommunen", "Vaggeryds",
             "Jönköping", "Region", "Landstinget i", "Länsstyrelsen", "Socialtjänsten", "i", "och", "samt",
             "AB", "Folkuniversitetet", "Samordningsförbundet", "(", ")", "-", ",", "/", "&", "Italien",
             "Malmö", "Stockholms stad", "Norrbotten", "ideell förening", "556677-8899", "2021005646"]

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
fragment = st.sampled_from(FRAGMENTS)
label_line = st.builds(lambda label, sep, value: f"{label}{sep}{value}", st.sampled_from(LABELS),
                       st.sampled_from([":", ": ", ":\n", "", " ", "\t", ":\r\n"]), fragment | texts)
org_name = st.lists(st.sampled_from(ORG_WORDS) | st.text(max_size=12), min_size=1, max_size=8).map(" ".join)


def encode(text: str, how: str) -> tuple[bytes, str]:
    """The page as a file: an encoding, line ends, or HTML the way browsers save it."""
    if how == "utf-8":
        return text.encode("utf-8"), "fuzz.txt"
    if how == "utf-8-sig crlf":
        return "\ufeff".encode() + text.replace("\n", "\r\n").encode("utf-8"), "fuzz.txt"
    if how == "cp1252":
        return text.encode("cp1252", "replace"), "fuzz.txt"
    if how == "utf-16":
        return text.encode("utf-16"), "fuzz.txt"
    if how == "html br":
        return ("<html><body>" + text.replace("\n", "<br>\n") + "</body></html>").encode(), "fuzz.html"
    if how == "html table":
        rows = "".join(f"<tr><td>{line}</td></tr>" for line in text.splitlines())
        return f"<html><body><table>{rows}</table></body></html>".encode(), "fuzz.html"
    raise ValueError(how)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig crlf", "cp1252", "utf-16", "html br", "html table"])


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["fuzz.txt", "fuzz.html", "fuzz.htm"]))
def test_arbitrary_bytes(data, source):
    event(check_page(data, source).status)


@FUZZ
@given(texts, ENCODINGS)
def test_arbitrary_text(text, how):
    event(check_page(*encode(text, how)).status)


REAL_PAGES = sorted(
    path.read_bytes().decode("utf-8", "replace")
    for folder in (ROOT / "data" / "pages", ROOT / "tests" / "fixtures" / "pages")
    for path in folder.rglob("*.txt") if "bad" not in path.parts
)


@st.composite
def mutated_pages(draw):
    """A real page (seed or fixture) with up to 12 random edits: lines dropped, doubled,
    swapped, or replaced by fragments of other pages, label lines or arbitrary text."""
    lines = draw(st.sampled_from(REAL_PAGES)).splitlines()
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap", "replace", "insert"]))
        if edit == "drop":
            del lines[index]
        elif edit == "double":
            lines.insert(index, lines[index])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            new = draw(fragment | label_line | org_name | texts)
            if edit == "replace":
                lines[index] = new
            else:
                lines.insert(index, new)
    return "\n".join(lines)


@FUZZ
@given(mutated_pages(), ENCODINGS)
def test_real_pages_mutated(page, how):
    event(check_page(*encode(page, how)).status)


@FUZZ
@given(st.lists(fragment | label_line | texts, min_size=1, max_size=80), ENCODINGS)
def test_pages_made_of_fragments_of_real_pages(lines, how):
    event(check_page(*encode("\n".join(lines), how)).status)


@FUZZ
@given(st.data())
def test_real_pages_with_one_field_replaced(data):
    """A real page (colon or print layout) whose field value is replaced by hostile text."""
    page = data.draw(st.sampled_from([SEED, SEED_PRINT])).decode("utf-8")
    lines = page.splitlines()
    index = data.draw(st.integers(0, min(40, len(lines) - 1)))
    lines[index] = data.draw(label_line | org_name | texts | st.sampled_from(["", "\u00ad", "\u200b" * 50]))
    event(check_page("\n".join(lines).encode("utf-8"), "fuzz.txt").status)


TAGS = ["div", "span", "p", "table", "tr", "td", "dl", "dt", "dd", "ul", "li", "b", "h1", "section", "em"]
#: Elements whose content a browser does not show as text: only ever closed here, since
#: one left open rightly hides the rest of the page.
HIDING = ["script", "style", "noscript", "template", "svg", "iframe"]


@st.composite
def nested_html_pages(draw):
    """A real page's lines, each wrapped in random markup: nesting up to 8 deep per line,
    elements left open, comments, hidden elements and line breaks in between."""
    lines = draw(st.sampled_from(REAL_PAGES)).splitlines()
    parts = []
    for line in lines:
        tags = draw(st.lists(st.sampled_from(TAGS), max_size=8))
        closing = draw(st.booleans())
        hidden = draw(st.sampled_from(HIDING))
        text = draw(st.sampled_from([line, line, line, line, f"<!--{line}-->", f"{line}<br>", f"<br>{line}",
                                     f"{line}<{hidden}>{line}</{hidden}>"]))
        parts.append("".join(f"<{t}>" for t in tags) + text + ("".join(f"</{t}>" for t in reversed(tags))
                                                              if closing else ""))
    return "<!DOCTYPE html><html><head><title>t</title></head><body>" + "\n".join(parts) + "</body></html>"


@FUZZ
@given(nested_html_pages())
def test_nested_html(markup):
    event(check_page(markup.encode("utf-8"), "fuzz.html").status)


@FUZZ
@given(st.builds(
    ProjectRecord,
    source=st.just("fuzz.txt"),
    title=texts.filter(lambda t: t.strip()) | fragment,
    project_number=st.none() | texts | st.from_regex(r"\A20\d\d/\d{4,6}\Z"),
    owner=st.none() | org_name | texts,
    owner_org_number=st.none() | st.from_regex(r"\A\d{6}-?\d{4}\Z") | texts,
    contact_email=st.none() | st.emails() | texts,
    region=st.none() | texts | st.sampled_from(["Småland och Öarna", "Stockholm", "Övre Norrland"]),
    co_financiers=st.lists(org_name | texts.filter(str.strip), max_size=40),
    partners=st.lists(org_name | texts.filter(str.strip), max_size=40),
    municipalities=st.lists(st.sampled_from(["Vaggeryd", "Jönköping", "Malmö", "Gotland"]) | texts.filter(str.strip),
                            max_size=30),
    transnational_text=st.none() | texts | st.lists(org_name, max_size=10).map(", ".join),
    sections=st.dictionaries(texts, texts | st.lists(org_name, max_size=20).map(" och ".join), max_size=5),
))
def test_the_resolver_and_rdf_take_any_record(record):
    size = len(json.dumps(record.to_dict(), ensure_ascii=False).encode())
    resolution = check_resolution(record, size)
    check_rdf(record, resolution)


def _field(page: bytes, label: str, value: bytes) -> bytes:
    return page.replace(label.encode() + b":\n", label.encode() + b":\n" + value + b"\n", 1)


#: Inputs built to find quadratic steps and regex backtracking; each is timed.
PATHOLOGICAL = {
    "3 MB of one letter": (b"a" * 3_000_000, "p.txt"),
    "3 MB of one label": ("Projektägare: ".encode() * 200_000, "p.txt"),
    "a real page and a 3 MB line": (SEED + b"x" * 3_000_000, "p.txt"),
    "1 MB of @": (b"@" * 1_000_000, "p.txt"),
    "e-mail-like 1 MB": (b"a@b." * 250_000, "p.txt"),
    "3 M line ends": (b"\n" * 3_000_000, "p.txt"),
    "150,000 unknown labels": (b"".join(b"Etikett%d: v\n" % i for i in range(150_000)), "p.txt"),
    "100,000 owner lines": (SEED + "".join(f"Projektägare: Org {i}\n" for i in range(100_000)).encode(), "p.txt"),
    "an owner of 250 KB with commas": (_field(SEED, "Projektägare", b"Org, " * 50_000), "p.txt"),
    "an owner of 250 KB of 'kommun och'": (_field(SEED, "Projektägare", b"Kommun och " * 25_000), "p.txt"),
    "a period of 1.3 MB": (_field(SEED, "Projektperiod", b"2019-09-02 - " * 100_000), "p.txt"),
    "an amount of 300,000 digits": (_field(SEED, "Total projektbudget", b"6 " * 300_000), "p.txt"),
    "an e-mail of dots": (_field(SEED, "E-post", b"a." * 300_000 + b"@" + b"b." * 300_000), "p.txt"),
    "50,000 phone lines in the print layout": (SEED_PRINT.replace(
        b"RegionSm", b"".join(b"Telefonnummer0%d\n" % i for i in range(50_000)) + b"RegionSm"), "p.txt"),
    "500 KB of prose naming agencies": (SEED + "Arbetsförmedlingen och Försäkringskassan i Vaggeryd samt ".encode()
                                        * 10_000, "p.txt"),
    # Deeper than ~255 the HTML parser loses the text: regressions/extract-text-below-nesting-depth-255.html
    "div nesting 200 deep": (b"<html><body>" + b"<div>" * 200 + SEED.replace(b"\n", b"<br>\n") + b"</div>" * 200
                             + b"</body></html>", "p.html"),
    "div nesting 100,000 deep": (b"<html><body>" + b"<div>" * 100_000 + SEED.replace(b"\n", b"<br>\n"), "p.html"),
    "100,000 <br>": (b"<html><body>" + SEED.replace(b"\n", b"<br>\n") + b"<br>" * 100_000 + b"</body></html>",
                     "p.html"),
    "300,000 attributes": (b"<html><body><p " + b"a=b " * 300_000 + b">x</p>" + SEED.replace(b"\n", b"<br>\n")
                           + b"</body></html>", "p.html"),
    "an unclosed comment of 2 MB": (b"<html><!--" + b"x" * 2_000_000, "p.html"),
    "just under the size limit": (SEED * (4_000_000 // len(SEED)), "p.txt"),
}

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from tests.reliability.fuzzing import check_page
from tests.reliability.test_fuzz import PATHOLOGICAL
timings = {{}}
for name in {names!r}:
    data, source = PATHOLOGICAL[name]
    started = time.perf_counter()
    result = check_page(data, source)
    timings[name] = [round(time.perf_counter() - started, 3), result.status, len(data)]
print(json.dumps({{"timings": timings, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


#: The pathological inputs that take seconds (each still within its bound): run with -m slow.
HEAVY = {"an owner of 250 KB with commas", "an owner of 250 KB of 'kommun och'", "500 KB of prose naming agencies",
         "100,000 <br>", "just under the size limit", "a real page and a 3 MB line", "100,000 owner lines"}


@pytest.mark.parametrize("group", ["quick", pytest.param("heavy", marks=pytest.mark.slow)])
def test_pathological_inputs_are_bounded_in_time_and_memory(group):
    """Each group in one child process: every input passes every check within its time
    bound (asserted inside ``check_page``), and the process's peak memory stays bounded."""
    names = sorted(name for name in PATHOLOGICAL if (name in HEAVY) == (group == "heavy"))
    started = time.monotonic()
    child = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT), names=names)],
                           capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert child.returncode == 0, child.stderr[-3000:]
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert set(report["timings"]) == set(names)
    for name, (seconds, _, size) in report["timings"].items():
        assert seconds < 3 * time_bound(size), (name, seconds)  # extract + resolve + rdf, twice for determinism
    assert report["max_rss_mb"] < 1500, report["max_rss_mb"]
    print(f"{len(names)} pathological inputs in {time.monotonic() - started:.1f} s, peak {report['max_rss_mb']:.0f} MB")


def _resolve_seconds(value: bytes) -> float:
    from esfgraph.extract import extract_bytes

    from .fuzzing import resolver

    record = extract_bytes(_field(SEED, "Projektägare", value), "p.txt").record
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        resolver().resolve(record)
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize("unit", [b"Org, ", pytest.param(b"Kommun och ", marks=pytest.mark.slow),
                                  pytest.param("Arbetsförmedlingen i ".encode(), marks=pytest.mark.slow)])
def test_resolving_a_long_value_takes_linear_time(unit):
    """Four times the text must not take sixteen times as long (a quadratic step would)."""
    small = _resolve_seconds(unit * (25_000 // len(unit)))
    large = _resolve_seconds(unit * (100_000 // len(unit)))
    assert large < 8 * max(small, 0.01), (small, large)


def test_a_record_check_catches_what_it_should():
    """The checks are not vacuous: a record without a title or with a text amount fails."""
    with pytest.raises(AssertionError):
        check_record(ProjectRecord(source="x.txt", title=""))
    with pytest.raises(AssertionError):
        check_record(ProjectRecord(source="x.txt", title="T", esf_grant_sek="12"))  # type: ignore[arg-type]
