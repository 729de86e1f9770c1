"""Finding input files, sidecars, sorted order and worker processes."""

from __future__ import annotations

import json
import shutil

from esfgraph.extract import extract_file, extract_paths, iter_input_files


def test_iter_input_files_recurses_sorted_and_rejects_missing(tmp_path, sample_pages):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    shutil.copy(sample_pages / "000_ebc39ac141ca286d.txt", tmp_path / "b" / "deep" / "z.txt")
    (tmp_path / "b" / "a.HTML").write_text("<p>x</p>")
    (tmp_path / "b" / "c.htm").write_text("<p>x</p>")
    (tmp_path / "b" / "notes.md").write_text("not a page")
    (tmp_path / "b" / "c.htm.json").write_text("{}")
    (tmp_path / ".hidden" / "x.txt").write_text("x")
    explicit = tmp_path / "page.dat"
    explicit.write_text("named directly")
    files, missing = iter_input_files([tmp_path / "b", explicit, tmp_path / "missing.txt", tmp_path / "b"])
    assert [path.relative_to(tmp_path).as_posix() for path in files] == [
        "b/a.HTML", "b/c.htm", "b/deep/z.txt", "page.dat",
    ]
    assert [(result.path, result.status, result.reason) for result in missing] == [
        ((tmp_path / "missing.txt").as_posix(), "rejected", "no such file or folder"),
    ]


def test_source_is_the_path_as_given_in_posix_form(sample_pages, monkeypatch):
    monkeypatch.chdir(sample_pages.parent.parent)
    result = extract_file("data/pages/001_4dc85357327c1bbb.txt")
    assert result.record.source == "data/pages/001_4dc85357327c1bbb.txt"
    assert result.path == "data/pages/001_4dc85357327c1bbb.txt"
    [first] = [r for r in extract_paths(["data/pages/"]) if r.path.endswith("001_4dc85357327c1bbb.txt")]
    assert first.record.source == "data/pages/001_4dc85357327c1bbb.txt"


def test_sidecar_sets_source_url(tmp_path, sample_pages):
    page = tmp_path / "000.html"
    text = sample_pages.joinpath("000_ebc39ac141ca286d.txt").read_text(encoding="utf-8")
    page.write_text("<html><body>" + "".join(f"<div>{line}</div>" for line in text.split("\n")), encoding="utf-8")
    page.with_name("000.html.json").write_text(json.dumps({
        "url": "https://www.esf.se/projekt/trappsteget", "fetched_at": "2024-01-01T00:00:00Z",
        "status": 200, "sha256": "x", "etag": None, "last_modified": None,
    }))
    result = extract_file(page)
    assert result.status == "ok"
    assert result.record.source_url == "https://www.esf.se/projekt/trappsteget"
    assert result.record.title == "Trappsteget"


def test_broken_sidecar_is_a_warning(tmp_path, sample_pages):
    page = tmp_path / "000.txt"
    page.write_bytes(sample_pages.joinpath("000_ebc39ac141ca286d.txt").read_bytes())
    page.with_name("000.txt.json").write_text("{not json")
    result = extract_file(page)
    assert result.status == "warnings"
    assert result.record.source_url is None
    assert result.warnings == ["sidecar 000.txt.json is unreadable (JSONDecodeError); no source URL"]


def test_extract_paths_sorted_with_missing_paths_interleaved(tmp_path, sample_pages):
    for page in sample_pages.glob("*.txt"):
        shutil.copy(page, tmp_path / page.name)
    results = list(extract_paths([tmp_path, tmp_path / "003_zz_missing.txt"]))
    assert [r.path.rsplit("/", 1)[1] for r in results] == [
        "000_ebc39ac141ca286d.txt", "001_4dc85357327c1bbb.txt", "002_2b3fa1d7a6e76dce.txt",
        "003_a9bc3cbe2c0d61c5.txt", "003_zz_missing.txt", "004_e1f4b13072c7ae19.txt",
    ]
    assert [r.status for r in results] == ["ok", "ok", "ok", "ok", "rejected", "ok"]


def test_workers_give_identical_output(tmp_path, sample_pages):
    pages = sorted(sample_pages.glob("*.txt"))
    for copy in range(24):  # 120 pages: enough for a pool of two
        for page in pages:
            shutil.copy(page, tmp_path / f"{copy:02d}_{page.name}")
    (tmp_path / "zz_empty.txt").write_bytes(b"")
    one = [r.record.to_dict() if r.record else r.reason for r in extract_paths([tmp_path], workers=1)]
    two = [r.record.to_dict() if r.record else r.reason for r in extract_paths([tmp_path], workers=2)]
    assert len(one) == 121
    assert one == two
    assert one[-1] == "empty file"
