"""Sharded N-Triples: the path past one machine, tested with the real Oxigraph tools."""

from __future__ import annotations

import subprocess

import pytest
import requests
from click.testing import CliRunner

from esfgraph.build import BuildOptions, build
from esfgraph.cli import main
from esfgraph.push import push
from esfgraph.serve import oxigraph_binary, start_server
from esfgraph.shards import ShardError, shard_ntriples

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def graph_nt(tmp_path_factory, sample_pages):
    out = tmp_path_factory.mktemp("shards") / "build"
    build([sample_pages], out, BuildOptions(workers=1, analyze=False, progress=False))
    return out / "graph.nt"


def _count(server) -> int:
    answer = requests.post(server.query_url, data={"query": COUNT}, headers={"Accept": "text/csv"}, timeout=30)
    answer.raise_for_status()
    return int(answer.text.splitlines()[1])


def test_shards_partition_the_graph_and_keep_subjects_whole(graph_nt, tmp_path):
    manifest = shard_ntriples(graph_nt, tmp_path, shards=3)
    lines = graph_nt.read_bytes().splitlines()
    parts = [(tmp_path / part["file"]).read_bytes().splitlines() for part in manifest["shards"]]
    assert len(parts) == 3
    assert [line for part in parts for line in part] == lines  # in order, nothing lost
    assert [part["triples"] for part in manifest["shards"]] == [len(p) for p in parts]
    subjects = [{line.split(b" ", 1)[0] for line in part} for part in parts]
    assert not (subjects[0] & subjects[1]) and not (subjects[1] & subjects[2]) and not (subjects[0] & subjects[2])
    assert all(part == sorted(part) for part in parts)


def test_more_shards_than_subjects_and_bad_input(tmp_path):
    small = tmp_path / "small.nt"
    small.write_text("<a:1> <p:p> \"x\" .\n<a:1> <p:q> \"y\" .\n<a:2> <p:p> \"z\" .\n", encoding="utf-8")
    manifest = shard_ntriples(small, tmp_path / "out", shards=5)
    assert [part["triples"] for part in manifest["shards"]] == [2, 1]
    unsorted = tmp_path / "unsorted.nt"
    unsorted.write_text("<a:2> <p:p> \"x\" .\n<a:1> <p:p> \"y\" .\n", encoding="utf-8")
    with pytest.raises(ShardError, match="not sorted"):
        shard_ntriples(unsorted, tmp_path / "out2", shards=2)
    result = CliRunner().invoke(main, ["shard", str(tmp_path / "missing.nt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no such N-Triples file" in result.output


def test_oxigraph_bulk_loader_takes_the_shards_in_parallel(graph_nt, tmp_path):
    manifest = shard_ntriples(graph_nt, tmp_path / "shards", shards=4)
    files = [str(tmp_path / "shards" / part["file"]) for part in manifest["shards"]]
    location = tmp_path / "remote-store"
    subprocess.run([str(oxigraph_binary()), "load", "--location", str(location), "--file", *files],
                   check=True, capture_output=True, timeout=120)
    with start_server(location, bind="127.0.0.1:0", wait=20) as server:
        assert _count(server) == len(graph_nt.read_bytes().splitlines())


def test_shards_pushed_in_chunks_in_any_order_give_the_whole_graph(graph_nt, tmp_path):
    manifest = shard_ntriples(graph_nt, tmp_path / "shards", shards=3)
    files = [tmp_path / "shards" / part["file"] for part in manifest["shards"]]
    with start_server(tmp_path / "remote", bind="127.0.0.1:0", allow_updates=True, wait=20) as server:
        for path in reversed(files):
            push(path, server.store_url, append=True, chunk_triples=100)
        assert _count(server) == len(graph_nt.read_bytes().splitlines())
