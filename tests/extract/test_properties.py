"""Property-based: extraction never raises, whatever the bytes or text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfgraph.extract import extract_bytes
from esfgraph.model import RECORD_KEYS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [path.read_bytes() for path in sorted((ROOT / "data" / "pages").glob("*.txt"))]
LABELS = [
    "Programområde", "Projektägare", "Projektägare organisationsnummer:", "Region", "Region:",
    "Projektperiod", "Beviljat ESF-stöd", "Total projektbudget:", "Kontaktperson", "Namn:",
    "Utlysning", "Projektnummer", "Fond:", "Startdatum:", "Sammanfattning", "Kommun",
    "Medfinansiärer", "Transnationellt samarbete", " • ", "In English", "2019/00144 - ",
    "Ã¥", "â€¢", "¬", "\u00a0", "\r\n", "\n", "\n\n", ":", "1.1", "-2147483648", "2016-10-01-2018-09-30",
    "<html>", "<p>", "</p>", "<li>", "<script>", "<br>", "&nbsp;", "<!--",
]
pagelike = st.lists(st.one_of(st.sampled_from(LABELS), st.text(max_size=20)), max_size=60).map("".join)


def check(result, source):
    assert result.path == source
    assert result.status in ("ok", "warnings", "rejected")
    if result.status == "rejected":
        assert result.record is None
        assert result.reason and "\n" not in result.reason
        assert not result.reason.startswith("internal error"), result.reason
    else:
        record = result.record
        assert record.title and record.title == record.title.strip()
        assert record.format in ("esf-2007", "esf-2014", "esf-2021")
        assert tuple(record.to_dict()) == RECORD_KEYS
        assert (result.status == "warnings") == bool(record.warnings)
        for amount in (record.esf_grant_sek, record.total_budget_sek):
            assert amount is None or (isinstance(amount, int) and amount >= 0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data):
    check(extract_bytes(data, "x.txt"), "x.txt")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=4000))
def test_arbitrary_text(text):
    check(extract_bytes(text.encode("utf-8", errors="surrogatepass"), "x.txt"), "x.txt")


@settings(max_examples=300, deadline=None)
@given(pagelike, st.booleans())
def test_page_like_text(text, as_html):
    source = "x.html" if as_html else "x.txt"
    check(extract_bytes(text.encode("utf-8", errors="surrogatepass"), source,
                        media_type="text/html" if as_html else None), source)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(range(len(SEEDS))), st.integers(min_value=0, max_value=25000), st.binary(max_size=40))
def test_seed_cut_anywhere_and_garbage_appended(index, cut, tail):
    data = SEEDS[index][:cut] + tail
    check(extract_bytes(data, "cut.txt"), "cut.txt")
