"""The corpus generator: deterministic, realistic proportions, skew, variants, defects."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import generate as gen

from .conftest import read_truth


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files_whatever_the_workers(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    gen.generate(600, seed=5, out_dir=one, workers=1)
    gen.generate(600, seed=5, out_dir=two, workers=2)
    digests = _digest(one)
    assert len(digests) == 600 + 2  # pages, truth.jsonl, corpus.json
    assert digests == _digest(two)


def test_another_seed_gives_other_pages(tmp_path):
    gen.generate(50, seed=1, out_dir=tmp_path / "a")
    gen.generate(50, seed=2, out_dir=tmp_path / "b")
    names_a = {p.name for p in (tmp_path / "a").glob("0*")}
    names_b = {p.name for p in (tmp_path / "b").glob("0*")}
    assert not names_a & names_b


def test_file_names_number_the_pages_and_hash_their_bytes(corpus_2000):
    truth = read_truth(corpus_2000)
    assert [t["index"] for t in truth] == list(range(2000))
    for record in truth[:200]:
        name = record["file"]
        assert re.fullmatch(r"\d{7}_[0-9a-f]{16}\.(txt|html)", name)
        assert name.startswith(f"{record['index']:07d}_")
        data = (corpus_2000 / name).read_bytes()
        assert name[8:24] == hashlib.sha1(data).hexdigest()[:16]
        assert name.endswith(".html") == record["html"]


def test_layouts_html_and_defects_come_in_the_asked_proportions(corpus_2000):
    truth = read_truth(corpus_2000)
    layouts = Counter(t["layout"] for t in truth)
    for layout, share in gen.LAYOUT_SHARES.items():
        assert abs(layouts[layout] / 2000 - share) < 0.03, (layout, layouts[layout])
    assert abs(sum(t["html"] for t in truth) / 2000 - 0.10) < 0.025
    defects = Counter(t["defect"] for t in truth if t["defect"])
    assert 20 <= sum(defects.values()) <= 65  # 2 % of 2,000 = 40
    summary = json.loads((corpus_2000 / "corpus.json").read_text())
    assert summary["layouts"] == dict(sorted(layouts.items()))
    assert summary["pages"] == 2000 and summary["seed"] == 7


def test_print_layout_glues_labels_and_lists_bullets_like_the_seeds(corpus_2000):
    truth = read_truth(corpus_2000)
    page = next(t for t in truth if t["layout"] == "esf-2007-print" and not t["html"] and not t["defect"]
                and t["co_financiers"] and t["partners"])  # fmt: skip
    text = (corpus_2000 / page["file"]).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert f"Projektägare{page['owner']}" in lines or f"Projektägare {page['owner']}" in lines
    assert any(re.fullmatch(r"Beviljat ESF-stöd ?\d{1,3}(\u00a0\d{3})* kr", line) for line in lines)
    assert any(re.fullmatch(r"Projektperiod ?\d{4}-\d\d-\d\d till \d{4}-\d\d-\d\d", line) for line in lines)
    assert "In English" in lines
    medfin = lines.index("Medfinansiärer")
    bullets = [line for line in lines[medfin + 2 : medfin + 2 + len(page["co_financiers"])]]
    assert [re.sub(r"^[ \u00a0]+• ", "", b) for b in bullets] == page["co_financiers"]
    # Lists are in Swedish alphabetical order, as the project bank prints them.
    assert page["municipalities"] == sorted(page["municipalities"], key=gen.sv_key)


def test_newer_layouts_print_as_issue_2_describes(corpus_2000):
    truth = read_truth(corpus_2000)
    colon = next(t for t in truth if t["layout"] == "esf-2014-colon" and not t["html"] and not t["defect"])
    lines = (corpus_2000 / colon["file"]).read_text(encoding="utf-8").split("\n")
    heading = next(line for line in lines if line.startswith(colon["project_number"]))
    assert heading == f"{colon['project_number']} - {colon['title']}"
    assert lines[lines.index("Projektägare:") + 1] == colon["owner"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d - \d{4}-\d\d-\d\d", lines[lines.index("Projektperiod:") + 1])

    middle = next(t for t in truth if t["layout"] == "esf-2014-intermediate" and not t["html"] and not t["defect"])
    lines = (corpus_2000 / middle["file"]).read_text(encoding="utf-8").split("\n")
    assert lines.index("Utlysning") < lines.index("Projektnummer")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d", lines[lines.index("Projektperiod") + 1])
    assert re.fullmatch(r"\d\.\d \S.*", lines[lines.index("Programområde") + 1])

    plus = next(t for t in truth if t["layout"] == "esf-2021" and not t["html"] and not t["defect"])
    lines = (corpus_2000 / plus["file"]).read_text(encoding="utf-8").split("\n")
    assert re.fullmatch(r"\d\d-\d{3}-S\d\d", plus["diary_number"])
    assert plus["owner"] == plus["owner"].upper()
    assert lines[lines.index("Fond:") + 1] == "ESF+"
    number_label = next(line for line in lines if line.startswith("Projektägare o"))
    assert number_label in ("Projektägare organisationsnummer:", "Projektägare org.nr.:")
    assert re.fullmatch(r"\d{10}", plus["owner_org_number"])
    assert re.fullmatch(r"[A-E]\d[A-M]", lines[lines.index("Specifikt mål:") + 1])


def test_html_pages_carry_the_same_page_with_navigation_and_scripts(corpus_2000):
    truth = read_truth(corpus_2000)
    page = next(t for t in truth if t["html"] and t["layout"] == "esf-2007-print" and not t["defect"])
    markup = (corpus_2000 / page["file"]).read_text(encoding="utf-8")
    assert markup.startswith("<!DOCTYPE html>") and "<script>" in markup and "<nav " in markup
    assert f"<h1>{page['title']}" in markup.replace("&amp;", "&")
    for item in page["co_financiers"] + page["partners"]:
        assert f"<li>{item}</li>" in markup.replace("&amp;", "&")


def test_agencies_are_in_most_projects_and_small_organisations_form_a_long_tail(corpus_2000):
    truth = [t for t in read_truth(corpus_2000) if t["layout"] == "esf-2007-print" and t["complete"]]
    per_page = Counter()
    for t in truth:
        parents = {key.split("/")[0] for key in t["co_financier_keys"] + t["partner_keys"]}
        per_page.update(parents)
    assert per_page["arbetsformedlingen"] / len(truth) > 0.6
    assert per_page["forsakringskassan"] / len(truth) > 0.35
    mentions = Counter(key for t in truth for key in t["co_financier_keys"] + t["partner_keys"])
    companies = [count for key, count in mentions.items() if key.startswith("name/")]
    # Zipf-like: many organisations appear once, a few appear many times.
    assert sum(1 for c in companies if c == 1) > len(companies) / 3
    assert max(companies) >= 5 * (sum(companies) / len(companies))


def test_spelling_variants_of_one_office_and_one_municipality(corpus_2000):
    truth = read_truth(corpus_2000)
    spellings: dict[str, set[str]] = {}
    for t in truth:
        for printed, key in zip(t["co_financiers"] + t["partners"], t["co_financier_keys"] + t["partner_keys"]):
            spellings.setdefault(key, set()).add(printed)
        spellings.setdefault(t["owner_key"], set()).add(t["owner"])
    offices = [s for k, s in spellings.items() if k.startswith("arbetsformedlingen/")]
    forms = {re.sub(r"(Arbetsförmedlingen|Af|AF)(,| i)? .*", r"\1\2", p) for s in offices for p in s}
    assert {"Arbetsförmedlingen", "Arbetsförmedlingen i", "Arbetsförmedlingen,", "Af", "AF"} <= forms
    municipal = set().union(*(s for k, s in spellings.items() if re.fullmatch(r"kommun-\d{4}", k)))
    assert any(p.startswith("Kommunen ") for p in municipal)
    assert any(re.fullmatch(r"\S+s kommun", p) for p in municipal)


def test_generic_units_appear_only_where_the_page_tells_their_municipality(corpus_2000):
    truth = read_truth(corpus_2000)
    domains = {m.code: m.domain for m in gen.load_universe(10, 7).municipalities}
    seen = 0
    for t in truth:
        listed = t["co_financier_keys"] + t["partner_keys"]
        units = [k for k in listed if re.fullmatch(r"kommun-\d{4}/.+", k)]
        for key in units:
            code = key[7:11]
            by_domain = (t["contact_email"] or "").lower().endswith("@" + domains[code])
            assert by_domain or t["municipality_codes"] == [code], (t["file"], key)
            seen += 1
    assert seen > 100


def test_families_recur_across_projects_and_programme_periods(corpus_2000):
    truth = read_truth(corpus_2000)
    by_family: dict[int, list[dict]] = {}
    for t in truth:
        if t["family"] is not None:
            by_family.setdefault(t["family"], []).append(t)
    assert len(by_family) >= 20
    recurring = 0
    for pages in by_family.values():
        listed = [t for t in pages if t["layout"] == "esf-2007-print"]
        pairs = Counter()
        for t in listed:
            keys = sorted({t["owner_key"], *t["co_financier_keys"], *t["partner_keys"]})
            pairs.update((a, b) for i, a in enumerate(keys) for b in keys[i + 1 :])
        if pairs and pairs.most_common(1)[0][1] >= 3 and len({t["layout"] for t in pages}) >= 2:
            recurring += 1
    assert recurring >= 5


def test_regions_and_municipalities_agree(corpus_2000):
    truth = read_truth(corpus_2000)
    universe = gen.load_universe(10, 7)
    county = {m.code: m.county_code for m in universe.municipalities}
    for t in truth:
        if t["region_key"] and t["region_key"] != "nationellt":
            assert gen.COUNTY_REGION[county[t["home_municipality_code"]]] == t["region_key"]
            for code in t["municipality_codes"]:
                assert gen.COUNTY_REGION[county[code]] == t["region_key"], t["file"]


def test_amounts_and_dates_are_plausible(corpus_2000):
    for t in read_truth(corpus_2000):
        assert t["period_start"] < t["period_end"]
        if t["esf_grant_sek"] and t["total_budget_sek"]:
            assert 50_000 < t["esf_grant_sek"] <= t["total_budget_sek"] < 200_000_000
        year = int(t["period_start"][:4])
        expected = {"esf-2007-print": (2008, 2013), "esf-2014-colon": (2015, 2020),
                    "esf-2014-intermediate": (2015, 2018), "esf-2021": (2022, 2025)}[t["layout"]]  # fmt: skip
        assert expected[0] <= year <= expected[1]


@pytest.mark.parametrize(
    "defect, check",
    [
        ("empty", lambda data: data == b""),
        ("bom", lambda data: data.startswith(b"\xef\xbb\xbf")),
        ("crlf", lambda data: b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")),
        ("cp1252", lambda data: _not_utf8(data) and data.decode("cp1252").count("\n") > 5),
        ("mojibake", lambda data: "Ã" in data.decode("utf-8")),
        ("soft_hyphen", lambda data: "¬" in data.decode("utf-8")),
        ("total_kostnader", lambda data: b"Total Kostnader" in data and b"-2147483648" in data),
        ("budget_1_1", lambda data: b"1.1" in data),
        ("truncated", lambda data: 0 < len(data) < 3000),
    ],
)
def test_each_defect_shows_in_the_bytes(tmp_path_factory, defect, check):
    folder = _defect_corpus(tmp_path_factory)
    pages = [t for t in read_truth(folder) if t["defect"] == defect]
    assert pages, defect
    for t in pages:
        assert check((folder / t["file"]).read_bytes()), t["file"]


_DEFECT_CORPUS: list[Path] = []


def _defect_corpus(tmp_path_factory) -> Path:
    if not _DEFECT_CORPUS:
        folder = tmp_path_factory.mktemp("all-defects")
        gen.generate(400, seed=3, out_dir=folder, defect_share=1.0)
        _DEFECT_CORPUS.append(folder)
    return _DEFECT_CORPUS[0]


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_missing_reference_table_is_a_one_line_error(tmp_path):
    with pytest.raises(SystemExit) as stop:
        gen.generate(5, seed=1, out_dir=tmp_path / "out", reference_dir=tmp_path)
    assert "municipalities.csv: not found" in str(stop.value)
    assert "\n" not in str(stop.value)


def test_command_line_writes_the_corpus_and_says_how_fast(tmp_path, capsys):
    assert gen.main(["25", "--seed", "4", "--out", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert re.match(r"25 pages \([\d.]+ MB\) in [\d.]+ s \([\d,]+ pages/s\) -> ", out)
    assert len(list((tmp_path / "c").glob("0*"))) == 25
    assert gen.main(["5", "--out", str(tmp_path / "d"), "--html-share", "2"]) == 2
    assert "html_share must be between 0 and 1" in capsys.readouterr().err
