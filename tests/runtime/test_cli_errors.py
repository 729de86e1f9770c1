"""Errors raised on purpose reach the user as one line and their class's exit code,
printed by the command group (esfgraph.cli), not by each command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esfgraph.atomic import BuildLocked
from esfgraph.cli import main
from esfgraph.fetch import FetchInputError, FetchLocked
from esfgraph.fetch.state import FetchLock
from esfgraph.lookup import ValueNotFound
from esfgraph.resources import ResourcesNotFound
from esfgraph.runtime import EsfgraphError, InputError, exit_code_for
from esfgraph.serve import ServeError
from esfgraph.shards import ShardError


@pytest.mark.parametrize(("error", "code", "also"), [
    (BuildLocked, 2, RuntimeError),
    (ShardError, 2, Exception),
    (ResourcesNotFound, 2, FileNotFoundError),
    (ValueNotFound, 2, ValueError),
    (FetchLocked, 1, RuntimeError),
    (FetchInputError, 1, ValueError),
    (ServeError, 1, Exception),
])
def test_each_class_keeps_its_exit_code_and_old_base(error, code, also):
    assert issubclass(error, EsfgraphError) and issubclass(error, also)
    assert issubclass(error, InputError) == (code == 2)
    instance = error.__new__(error)
    assert exit_code_for(instance) == code


def test_shard_of_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["shard", str(tmp_path / "none.nt"), "--out", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"esfgraph shard: {tmp_path / 'none.nt'}: no such N-Triples file (build first: esfgraph build ... --out DIR)"
    ]


def test_serve_with_a_bad_bind(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path), "--bind", "nonsense"])
    assert result.exit_code == 1
    assert result.output.splitlines() == ["esfgraph serve: --bind 'nonsense': expected HOST:PORT, e.g. 127.0.0.1:7878"]


def test_fetch_into_a_folder_another_fetch_holds(tmp_path):
    (tmp_path / "dnr.txt").write_text("2016/00023\n", encoding="utf-8")
    with FetchLock(tmp_path / "raw"):
        result = CliRunner().invoke(main, ["fetch", "--dnr", str(tmp_path / "dnr.txt"), "--out", str(tmp_path / "raw")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"esfgraph fetch: {tmp_path / 'raw'}: another fetch is writing here; wait for it to finish or choose another --out"
    ]
