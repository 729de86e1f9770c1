"""Targets: addresses for diarienummer, safe file names, list files."""

from __future__ import annotations

import re

import pytest

from esfgraph.fetch import (
    DEFAULT_BASE_URL,
    FetchInputError,
    build_targets,
    dnr_url,
    name_for_dnr,
    name_for_url,
    read_dnr_file,
    read_url_file,
)


def test_default_address_is_the_project_bank_page():
    assert DEFAULT_BASE_URL == "https://www.esf.se/resultat/projektbanken/projekt/"
    assert dnr_url("2016/00023") == (
        "https://www.esf.se/resultat/projektbanken/projekt/?dnr=2016/00023"
    )


def test_base_may_be_a_template_or_keep_its_own_query():
    assert dnr_url("2016/00023", "http://127.0.0.1:9/p/{dnr}.html") == (
        "http://127.0.0.1:9/p/2016/00023.html"
    )
    assert dnr_url("2016/00023", "http://h/projekt/?lang=sv&dnr=old") == (
        "http://h/projekt/?lang=sv&dnr=2016/00023"
    )


def test_names_from_dnr_are_the_number_with_a_hyphen():
    assert name_for_dnr("2016/00023") == "2016-00023"
    assert name_for_dnr(" 2008-3080034 ") == "2008-3080034"


def test_names_from_urls_are_safe_readable_distinct_and_stable():
    a = name_for_url("https://www.esf.se/resultat/projektbanken/projekt/?dnr=2016/00023")
    b = name_for_url("https://www.esf.se/resultat/projektbanken/projekt/?dnr=2016/00024")
    assert a == "resultat-projektbanken-projekt-dnr-2016-00023-7f7444f2f9a1"
    assert a == name_for_url("https://www.esf.se/resultat/projektbanken/projekt/?dnr=2016/00023")
    assert a != b
    odd = name_for_url("https://example.org/" + "å/../ä?x=<>|:*" * 30)
    assert re.fullmatch(r"[a-z0-9-]+", odd) and len(odd) <= 73
    assert name_for_url("https://example.org/") == "example-org-" + name_for_url(
        "https://example.org/")[-12:]


def test_build_targets_dedupes_and_keeps_order():
    targets = build_targets(
        ["2019/00144", "2016/00023", "2019/00144"],
        ["https://example.org/a#top", "https://example.org/a"],
        base="http://h/p/",
    )
    assert [t.name for t in targets][:2] == ["2019-00144", "2016-00023"]
    assert [t.url for t in targets] == [
        "http://h/p/?dnr=2019/00144",
        "http://h/p/?dnr=2016/00023",
        "https://example.org/a",  # the fragment is dropped; the duplicate with it
    ]
    assert targets[0].dnr == "2019/00144" and targets[2].dnr is None


def test_list_files_skip_comments_and_blank_lines(tmp_path):
    dnr_file = tmp_path / "dnr.txt"
    dnr_file.write_text(
        "# projects of interest\n\n2016/00023   # Trappsteget\n  2019/00144\n", encoding="utf-8"
    )
    assert read_dnr_file(dnr_file) == ["2016/00023", "2019/00144"]
    url_file = tmp_path / "urls.txt"
    url_file.write_text(
        "https://example.org/p?id=1#section  # a note\n#https://example.org/skipped\n",
        encoding="utf-8",
    )
    assert read_url_file(url_file) == ["https://example.org/p?id=1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"2016/00023\nTrappsteget\n", r"dnr\.txt:2: not a diarienummer .*'Trappsteget'"),
        (b"\xff\xfe2016", r"dnr\.txt: not UTF-8 text"),
    ],
)
def test_bad_dnr_files_give_one_line_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "dnr.txt"
    path.write_bytes(content)
    with pytest.raises(FetchInputError, match=message) as info:
        read_dnr_file(path)
    assert "\n" not in str(info.value)


def test_bad_url_and_missing_file(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("https://example.org/a\nftp://example.org/b\n", encoding="utf-8")
    with pytest.raises(FetchInputError, match=r"urls\.txt:2: not an http\(s\) address"):
        read_url_file(path)
    with pytest.raises(FetchInputError, match=r"nothere\.txt: no such file"):
        read_dnr_file(tmp_path / "nothere.txt")
    with pytest.raises(FetchInputError, match="not an http"):
        build_targets(["2016/00023"], base="file:///etc/{dnr}")
