"""One writer at a time, and a clear one-line message (never a traceback) when a store
is locked by a running server, damaged, or missing: the real commands, as subprocesses."""

from __future__ import annotations

import shutil
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from esfgraph.atomic import BuildLocked, OutputLock
from esfgraph.build import BuildOptions, build
from esfgraph.serve import free_port

from .helpers import ESFGRAPH, ROOT, clean_env, run_cli, siblings, snapshot, wait_for


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_pages):
    """A build of the seed pages (graph, store, no analysis): a store to lock and damage."""
    out = tmp_path_factory.mktemp("stores") / "out"
    build([sample_pages], out, BuildOptions(workers=1, analyze=False, progress=False))
    return out


def one_line_error(result, *expected: str) -> str:
    """Assert the command failed with one line on stderr holding ``expected``; return it."""
    assert result.returncode != 0, result.stdout[-500:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    message = result.stderr.strip()
    assert message and "\n" not in message, f"not one line: {message!r}"
    for text in expected:
        assert text in message, message
    return message


def test_a_second_build_into_the_same_output_stops_with_exit_2(tmp_path, sample_pages):
    out = tmp_path / "out"
    marker = tmp_path / "paused"
    first = subprocess.Popen(
        [*ESFGRAPH, "build", str(sample_pages), "--out", str(out), "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env=clean_env(ESFGRAPH_BUILD_PAUSE="start", ESFGRAPH_BUILD_PAUSE_FILE=str(marker),
                      ESFGRAPH_BUILD_PAUSE_SECONDS="30"),
    )
    try:
        assert wait_for(marker.exists, 60)
        second = run_cli("build", str(sample_pages), "--out", str(out), "--no-progress")
        assert second.returncode == 2
        message = one_line_error(second, "another build is writing here", f"pid {first.pid}")
        assert message.startswith(f"esfgraph build: {out}:")
        # The refused build touched nothing: only the first build's lock and staging exist.
        assert siblings(out) == ["out.lock", f"out.staging-{first.pid}"]
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=60)
    assert first.returncode == 130
    assert siblings(out) == []  # the lock file goes with the build that held it


def test_a_second_build_in_the_same_process_is_refused_too(tmp_path, sample_pages):
    # Record locks do not conflict within one process; the lock keeps its own registry.
    out = tmp_path / "out"
    with OutputLock(out):
        with pytest.raises(BuildLocked, match="this process"):
            build([sample_pages], out, BuildOptions(workers=1, analyze=False, progress=False))
    with OutputLock(out):  # released properly: it can be taken again
        pass


def _serve(store, *extra):
    port = free_port()
    process = subprocess.Popen([*ESFGRAPH, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=clean_env())
    assert process.stdout.readline().startswith("Oxigraph SPARQL server"), process.stderr.read()[-2000:]
    return process, port


def _stop(process):
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)


def _in_parallel(*commands):
    with ThreadPoolExecutor(3) as pool:
        return list(pool.map(lambda args: run_cli(*args), commands))


def test_a_store_held_by_a_read_write_server(built, tmp_path, sample_pages):
    store = built / "store"
    # The server itself writes to the store (its log, a new write-ahead log): compare the rest.
    outside_store = lambda: {k: v for k, v in snapshot(built).items() if not k.startswith("store")}  # noqa: E731
    before, inode = outside_store(), built.stat().st_ino
    server, _ = _serve(store, "--allow-updates")
    try:
        query, validate, analyze, rebuild = _in_parallel(
            ("query", "projects-per-year", "--store", str(store)),
            ("validate", "--store", str(store), "--quiet"),
            ("analyze", "--store", str(store), "--out", str(tmp_path / "analysis")),
            ("build", str(sample_pages), "--out", str(built), "--no-progress", "--no-analysis"),
        )
        for result in (query, validate, analyze):
            one_line_error(result, str(store), "locked by another process")
        assert validate.returncode == 2 and analyze.returncode == 2
        # A rebuild would pull the store from under the server: everything it wrote
        # afterwards would go to deleted files. The build refuses before changing anything.
        assert rebuild.returncode == 2
        one_line_error(rebuild, "open for writing by another process", "--allow-updates")
        assert server.poll() is None
    finally:
        _stop(server)
    assert outside_store() == before and built.stat().st_ino == inode
    assert siblings(built) == ["out"]


def test_a_store_served_read_only_can_still_be_queried_and_analysed(built, tmp_path):
    store = built / "copy-store"
    shutil.copytree(built / "store", store)
    server, port = _serve(store)
    try:
        local, remote, analyze = _in_parallel(
            ("query", "projects-per-year", "--store", str(store), "--format", "csv"),
            ("query", "projects-per-year", "--endpoint", f"http://127.0.0.1:{port}/query", "--format", "csv"),
            ("analyze", "--store", str(store), "--out", str(tmp_path / "analysis")),
        )
        assert local.returncode == 0 and remote.returncode == 0, local.stderr + remote.stderr
        assert local.stdout == remote.stdout and local.stdout.count("\n") == 5  # header + 4 years
        assert analyze.returncode == 0, analyze.stderr[-2000:]
        assert "5 projects" in analyze.stdout
    finally:
        _stop(server)


def _damage(kind: str, store):
    if kind == "CURRENT garbage":
        (store / "CURRENT").write_text("garbage\n")
    elif kind == "a table file missing":
        sorted(store.glob("*.sst"))[0].unlink()
    elif kind == "MANIFEST truncated":
        for manifest in store.glob("MANIFEST-*"):
            with open(manifest, "r+b") as handle:
                handle.truncate(100)
    elif kind == "tables overwritten":
        for table in store.glob("*.sst"):
            table.write_bytes(bytes((i * 7919) % 251 for i in range(table.stat().st_size)))
    elif kind == "missing":
        shutil.rmtree(store)
    elif kind == "empty folder":
        shutil.rmtree(store)
        store.mkdir()
    elif kind == "a file":
        shutil.rmtree(store)
        store.write_text("not a store")


DAMAGES = {
    "CURRENT garbage": "damaged",
    "a table file missing": "damaged",
    "MANIFEST truncated": "damaged",
    "tables overwritten": "damaged",
    "missing": "",
    "empty folder": "not an Oxigraph store",
    "a file": "",
}
COMMANDS = {
    "query": lambda store, tmp: ("query", "projects-per-year", "--store", str(store)),
    "validate": lambda store, tmp: ("validate", "--store", str(store), "--quiet"),
    "analyze": lambda store, tmp: ("analyze", "--store", str(store), "--out", str(tmp / "analysis")),
    "serve": lambda store, tmp: ("serve", "--store", str(store), "--bind", f"127.0.0.1:{free_port()}"),
}
FAST = {("CURRENT garbage", "query"), ("a table file missing", "validate"), ("MANIFEST truncated", "analyze"),
        ("tables overwritten", "serve"), ("missing", "query"), ("empty folder", "analyze"), ("a file", "validate")}


@pytest.mark.parametrize("kind, command", [
    pytest.param(kind, command, id=f"{kind}-{command}", marks=() if (kind, command) in FAST else pytest.mark.slow)
    for kind in DAMAGES for command in COMMANDS
])
def test_a_damaged_or_missing_store_gives_one_line(built, tmp_path, kind, command):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    _damage(kind, store)
    result = run_cli(*COMMANDS[command](store, tmp_path), timeout=60)
    message = one_line_error(result, str(store), DAMAGES[kind])
    if DAMAGES[kind] == "damaged":
        assert "rebuild it with 'esfgraph build'" in message
    assert not (tmp_path / "analysis").exists() or command != "analyze"
