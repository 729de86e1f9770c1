"""clusters.png in report.html: what is drawn, the caption that says so, identical bytes."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from collections import Counter

import pytest

from esfgraph.network import analyze
from esfgraph.network.report import COLOURED_CLUSTERS, DRAW_LIMIT, drawn_organisations

from .graphs import AF_J, AME, FK, ORG, make_store, scattered_turtle

SCATTERED_CAPTION = (
    "The 192 most central members of the 20 largest of 47 clusters (341 organisations have partners); "
    "14 components, largest first; colours are clusters (Louvain, seed 42); named: the most central of "
    "each of the 5 largest components, then the most central overall (10 in all); node size = weighted degree."
)


@pytest.fixture(scope="module")
def scattered(tmp_path_factory):
    """A store of 342 organisations in 42 components, and its analysis (report included)."""
    folder = tmp_path_factory.mktemp("scattered")
    store = make_store(folder, scattered_turtle())
    result = analyze(store, folder / "analysis", seed=42, write_back=False, stability_runs=0)
    return store, folder / "analysis", result


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_caption_says_what_is_drawn(scattered):
    _, out, result = scattered
    assert (result.summary["organisations"], result.summary["components"]) == (342, 42)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'<p class="note">{SCATTERED_CAPTION}</p>' in page
    assert f'alt="clusters: {SCATTERED_CAPTION}"' in page
    assert _png_size((out / "clusters.png").read_bytes()) == (800, 800)


def test_large_networks_draw_the_central_members_of_the_largest_clusters(scattered):
    _, _, result = scattered
    graph, clustering = result.networks.organisations, result.clustering
    drawn, which = drawn_organisations(graph, result.scores, clustering)
    assert which == ("the 192 most central members of the 20 largest of 47 clusters "
                     "(341 organisations have partners)")
    assert len(drawn) == 192 and drawn == sorted(drawn) and ORG + "name/alone" not in drawn
    largest = clustering.clusters[:COLOURED_CLUSTERS]
    total = sum(c.size for c in largest)
    per_cluster = Counter(clustering.membership[n] for n in drawn)
    # Each cluster in proportion to its size (at least two), its most central members first.
    assert per_cluster == {c.number: max(2, DRAW_LIMIT * c.size // total) for c in largest}
    for cluster in largest:
        assert set(cluster.members[:per_cluster[cluster.number]]) <= set(drawn)


def test_small_networks_draw_every_organisation_with_partners(tiny_store, tmp_path):
    # 8 organisations; Ensam förening has no partner.
    analyze(tiny_store, tmp_path, write_back=False)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert ('<p class="note">All 7 organisations with partners; one component; colours are clusters '
            "(Louvain, seed 42); the 7 most central are named; node size = weighted degree.</p>") in page


def test_a_network_without_ties_says_so(tmp_path):
    store = make_store(tmp_path / "data", scattered_turtle(chain_projects=0, groups=()))
    analyze(store, tmp_path / "analysis", write_back=False)
    page = (tmp_path / "analysis" / "report.html").read_text(encoding="utf-8")
    assert '<p class="note">No organisation has a partner: nothing to draw.</p>' in page


def test_clusters_png_is_byte_identical_in_another_process(scattered, tmp_path):
    store, out, _ = scattered
    # Another interpreter with another hash seed: set and dict orders that depend on it
    # must not reach the picture.
    script = (
        "import sys; from esfgraph.network import analyze; "
        "analyze(sys.argv[1], sys.argv[2], seed=42, write_back=False, stability_runs=0)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(store), str(tmp_path / "again")], check=True, env=env,
                   timeout=300)
    for name in ("clusters.png", "report.html", "degree_distribution.png"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


def test_a_lower_limit_on_the_tiny_network(tiny_store, tmp_path):
    result = analyze(tiny_store, tmp_path, write_back=False, report=False)
    graph = result.networks.organisations
    drawn, which = drawn_organisations(graph, result.scores, result.clustering, limit=4)
    assert which == "the 4 most central members of all 2 clusters (7 organisations have partners)"
    assert {AME, AF_J} <= set(drawn) and FK not in drawn  # cluster 1's first two (AME, AF Jönköping, FK, ...)
    assert Counter(result.clustering.membership[n] for n in drawn) == {1: 2, 2: 2}
