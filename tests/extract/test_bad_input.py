"""Bad input: a rejected result with a one-line reason, never an exception."""

from __future__ import annotations

import time

import pytest

from esfgraph.extract import MAX_PAGE_BYTES, extract_bytes, extract_file


@pytest.fixture(scope="module")
def bad(fixtures_dir):
    return fixtures_dir / "pages" / "bad"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace_only.txt", "empty file"),
        ("binary.txt", "binary data (a PDF, image or archive), not a text or HTML page"),
        ("nul_bytes.txt", "binary data (NUL bytes), not a text or HTML page"),
        ("no_visible_text.html", "HTML page with no visible text"),
        ("no_title.txt", "no project title found (esf-2007-print layout)"),
    ],
)
def test_rejected_with_reason(bad, name, reason):
    result = extract_file(bad / name)
    assert result.status == "rejected"
    assert result.record is None
    assert result.reason == reason
    assert result.path == (bad / name).as_posix()


@pytest.mark.parametrize("name", ["not_a_project_page.txt", "truncated_in_fields.txt"])
def test_not_a_project_page_or_truncated_before_fields(bad, name):
    result = extract_file(bad / name)
    assert result.status == "rejected"
    assert result.reason.startswith("not an ESF project page: no block of project fields")
    assert "\n" not in result.reason


def test_build_entry_accounts_for_a_rejected_file(bad):
    entry = extract_file(bad / "empty.txt").build_entry()
    assert entry == {"path": (bad / "empty.txt").as_posix(), "status": "rejected",
                     "reason": "empty file", "warnings": []}


def test_missing_file_and_folder(tmp_path):
    assert extract_file(tmp_path / "nope.txt").reason == "no such file"
    assert extract_file(tmp_path).reason == "is a folder, not a page"


def test_eight_megabyte_page_is_rejected_unread_and_fast(tmp_path, sample_pages):
    page = sample_pages.joinpath("000_ebc39ac141ca286d.txt").read_bytes()
    huge = tmp_path / "huge.txt"
    huge.write_bytes(page + b"x" * (8 * 1024 * 1024 - len(page)))
    started = time.perf_counter()
    result = extract_file(huge)
    assert time.perf_counter() - started < 0.5
    assert result.status == "rejected"
    assert result.reason == "file is 8.0 MB, over the 4.0 MB limit for one page"
    assert extract_bytes(huge.read_bytes(), "huge.txt").reason == result.reason


def test_large_page_under_the_limit_takes_bounded_time(sample_pages):
    # A real page followed by ~3.5 MB of repeated labels and mojibake-like text.
    page = sample_pages.joinpath("004_e1f4b13072c7ae19.txt").read_bytes()
    filler = ("Projektägare:\nX\nRegion:\nY\nOkänd etikett:\nvärde\nSmÃ¥land â€x\n" * 60000).encode()
    data = page + filler[: MAX_PAGE_BYTES - len(page) - 1]
    started = time.perf_counter()
    result = extract_bytes(data, "large.txt")
    assert time.perf_counter() - started < 10
    assert result.status == "warnings"
    assert result.record.title == "SMÖT"
    assert len(result.record.warnings) <= 51


def test_deeply_nested_html_is_rejected_not_a_crash():
    data = ("<html><body>" + "<div>" * 50000 + "Projektägare: x" + "</div>" * 50000).encode()
    result = extract_bytes(data, "nested.html")
    assert result.status == "rejected"
    assert result.reason


def test_truncated_mid_utf8_sequence_still_extracts(sample_pages):
    data = sample_pages.joinpath("000_ebc39ac141ca286d.txt").read_bytes()
    cut = data[: data.index("Relaterade".encode())] + "Ö".encode()[:1]  # half a character
    result = extract_bytes(cut, "cut.txt")
    assert result.status == "warnings"
    assert result.record.title == "Trappsteget"
    assert result.record.municipalities[-1] == "Älmhult"
    assert result.warnings == ["the page mixes UTF-8 with stray bytes; those were read as Windows-1252"]
