"""The extractor takes a fetched page's address from its sidecar (docs/architecture.md)."""

from __future__ import annotations

import importlib

import pytest

from esfgraph.fetch import fetch, load_sidecar

from .server import page


def _extract_file():
    try:
        module = importlib.import_module("esfgraph.extract")
    except ImportError:
        module = None
    extract_file = getattr(module, "extract_file", None)
    if extract_file is None:
        pytest.skip("esfgraph.extract.extract_file does not exist yet (extractor in progress)")
    return extract_file


def test_extractor_reads_the_sidecar_url_into_source_url(server, fast, tmp_path):
    extract_file = _extract_file()
    path = "/projekt/?dnr=2019/00144"
    server.routes[path] = [page("2019-00144.html")]
    fetch(tmp_path, dnrs=["2019/00144"], base=server.url("/projekt/"), **fast)
    html = tmp_path / "2019-00144.html"
    sidecar = load_sidecar(tmp_path / "2019-00144.html.json")

    result = extract_file(html)

    assert result.record is not None, result.reason
    assert result.record.source_url == server.url(path) == sidecar.url
    if result.record.sha256 is not None:
        assert result.record.sha256 == sidecar.sha256
