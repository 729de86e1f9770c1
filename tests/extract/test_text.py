"""Decoding, text hygiene and HTML to text."""

from __future__ import annotations

import random

import pytest

from esfgraph.extract.decode import NotText, decode_page, declared_charset, looks_like_html
from esfgraph.extract.html import html_to_text
from esfgraph.extract.repair import clean_text, remove_soft_hyphens, repair_mojibake
from esfgraph.extract.sections import list_items


def test_decode_utf8_bom_and_utf16():
    assert decode_page(b"\xef\xbb\xbfSm\xc3\xa5land") == ("Småland", [])
    assert decode_page("Småland".encode("utf-16")) == ("Småland", [])


def test_decode_windows_1252_and_mixed():
    assert decode_page("Växjö • Åsa".encode("cp1252")) == (
        "Växjö • Åsa", ["the page is not UTF-8; decoded as Windows-1252"])
    text, warnings = decode_page("Växjö ".encode() + "Åsa".encode("cp1252"))
    assert text == "Växjö Åsa"
    assert warnings == ["the page mixes UTF-8 with stray bytes; those were read as Windows-1252"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \r\n\t", "empty file"),
        (b"%PDF-1.4 ...", "binary data (a PDF, image or archive), not a text or HTML page"),
        (b"abc\x00def", "binary data (NUL bytes), not a text or HTML page"),
        (bytes(range(1, 32)) * 10, "binary data (control characters), not a text or HTML page"),
    ],
)
def test_not_text(data, reason):
    with pytest.raises(NotText, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode_page(data)


def test_html_sniffing_and_declared_charset():
    assert looks_like_html(b"\xef\xbb\xbf<!DOCTYPE html><html>")
    assert looks_like_html(b"  <!-- saved -->\n<html lang=sv>")
    assert not looks_like_html(b"Trappsteget\n\nProjekt<b>")
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "iso8859-1"
    assert declared_charset(b"<meta charset=utf-8>") == "utf-8"
    assert declared_charset(b"<meta charset=nonsense>") is None


def test_mojibake_repair_records_an_example():
    text, warning = repair_mojibake("RegionSmÃ¥land och Ã–arna\n • FinspÃ¥ng\nKarl Ã…berg 3Â\u00a0574")
    assert text == "RegionSmåland och Öarna\n • Finspång\nKarl Åberg 3\u00a0574"
    assert warning == "repaired mis-decoded UTF-8 (mojibake), e.g. 'RegionSmÃ¥land' -> 'RegionSmåland'"
    assert repair_mojibake("Café… Åsa Öberg") == ("Café… Åsa Öberg", None)


def test_soft_hyphen_debris_only_inside_words():
    assert remove_soft_hyphens("prak¬tik, ambassadö¬rerna, utvecklings¬\ntrappan ¬ kvar") == (
        "praktik, ambassadörerna, utvecklingstrappan ¬ kvar")
    assert remove_soft_hyphens("in\u00adte") == "inte"


def test_clean_text_line_ends():
    assert clean_text("a\r\nb\rc\n") == ("a\nb\nc\n", [])


def test_html_blocks_lists_and_dropped_elements():
    markup = """<html><head><title>T</title><style>p{}</style></head><body>
      <header>Sidhuvud</header><nav>Meny</nav>
      <div class="cookie-notice">Kakor</div>
      <h1>Titel</h1>
      <div><span>Projektägare</span><span>AME</span></div>
      <div>Region<br>Sydsverige</div>
      <p>Ett   stycke
         text&nbsp;med&nbsp;nbsp.</p>
      <ul><li>Ett</li> <li>Två</li></ul>
      <script>alert(1)</script><div aria-hidden="true">dold</div>
      <footer>Sidfot</footer></body></html>"""
    assert html_to_text(markup) == (
        "Titel\n\nProjektägareAME\nRegion\nSydsverige\n\nEtt stycke text\u00a0med\u00a0nbsp.\n\n• Ett\n• Två"
    )


def test_html_unparseable_is_empty():
    assert html_to_text("") == ""
    assert html_to_text("<?xml version='1.0' encoding='utf-8'?>") == ""


def test_list_items_bullets_wrapping_and_none():
    assert list_items([" • Af Jönköping", "\u00a0\u00a0• Socialtjänsten", "•Fenix"]) == (
        ["Af Jönköping", "Socialtjänsten", "Fenix"], [])
    assert list_items([" • Solkraft Skellefteå kommun Enheten", "   för Försörjningsstöd"]) == (
        ["Solkraft Skellefteå kommun Enheten för Försörjningsstöd"], [])
    assert list_items([" • Bjuv", "", "Uppdaterad 2010"]) == (["Bjuv"], ["Uppdaterad 2010"])
    assert list_items(["Inga"]) == ([], ["Inga"])
    assert list_items(["Eskilstuna", "Västerås"]) == (["Eskilstuna", "Västerås"], [])
    assert list_items(["- Arbetsförmedlingen", "- Försäkringskassan"]) == (
        ["Arbetsförmedlingen", "Försäkringskassan"], [])


@pytest.mark.parametrize("size", [50, 900, 70_000])
def test_control_characters_counted_as_bytes_decide_as_the_text_search(size):
    # A clean UTF-8 page's control characters are counted in its bytes; a Windows-1252 page
    # is searched; both reject a page with more than 1 % (and over 8) of them in its first 65,536.
    rng = random.Random(size)
    for share in (0.0, 0.005, 0.02, 0.2):
        text = "".join("\x01" if rng.random() < share else rng.choice("Småland “x” \n") for _ in range(size))
        outcomes = []
        for data in (text.encode("utf-8"), text.encode("cp1252")):
            try:
                outcomes.append(bool(decode_page(data)[0]))
            except NotText as error:
                outcomes.append(str(error))
        count = text[:65536].count("\x01")
        rejected = count > max(8, min(size, 65536) // 100)
        expected = "binary data (control characters), not a text or HTML page" if rejected else True
        assert outcomes == [expected, expected], (size, share, count)
