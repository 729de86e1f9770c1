"""Atomic output: the lock, the swap, and repair after an interrupted swap."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from esfgraph.atomic import BuildLocked, OutputLock, clean_stale, staging_dir, swap_into_place


def test_second_lock_on_same_output_is_refused(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from esfgraph.atomic import OutputLock\n"
         f"with OutputLock({str(out)!r}):\n    print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildLocked, match=f"pid {holder.pid}"):
            with OutputLock(out):
                pass
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the dead holder's lock: a new build may proceed.
    with OutputLock(out):
        pass


def test_swap_replaces_whole_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    staging = staging_dir(out)
    (staging / "new.txt").write_text("new")
    swap_into_place(staging, out)
    assert sorted(p.name for p in out.iterdir()) == ["new.txt"]
    assert not staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swap_into_missing_output(tmp_path):
    out = tmp_path / "fresh"
    staging = staging_dir(out)
    (staging / "a").write_text("a")
    swap_into_place(staging, out)
    assert (out / "a").read_text() == "a"


def test_interrupted_two_step_swap_is_repaired(tmp_path):
    out = tmp_path / "out"
    previous = tmp_path / "out.previous-999999"
    previous.mkdir()
    (previous / "graph.ttl").write_text("kept")
    removed = clean_stale(out)
    assert (out / "graph.ttl").read_text() == "kept"
    assert removed == []


def test_staging_of_dead_build_is_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"out.staging-{dead.pid}"
    stale.mkdir()
    assert clean_stale(out) == [stale]
    assert not stale.exists()
    assert out.exists()


def test_the_lock_file_exists_only_while_a_build_holds_it(tmp_path):
    out = tmp_path / "out"
    with OutputLock(out) as lock:
        assert lock.path == tmp_path / "out.lock" and lock.path.read_text() == f"pid {__import__('os').getpid()}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # A killed holder leaves the (unlocked) file: the next build takes it, then removes it.
    (tmp_path / "out.lock").write_text("pid 1\n")
    with OutputLock(out):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_lock_on_a_deleted_lock_file_is_not_a_lock(tmp_path):
    """A process that opened OUT.lock just before its holder deleted it must not count
    that file's lock as the lock on OUT: it starts over on the file now at OUT.lock."""
    out = tmp_path / "out"
    stale = open(tmp_path / "out.lock", "a+")  # opened by 'another process', then deleted by the holder
    (tmp_path / "out.lock").unlink()
    first = OutputLock(out)
    handles = iter([stale])
    real_open = open

    def open_stale_first(path, *args, **kwargs):
        return next(handles, None) or real_open(path, *args, **kwargs)

    import builtins

    builtins.open, saved = open_stale_first, builtins.open
    try:
        first.__enter__()
    finally:
        builtins.open = saved
    try:
        assert stale.closed  # the deleted file was given up
        assert (tmp_path / "out.lock").exists()
        with pytest.raises(BuildLocked):
            OutputLock(out).__enter__()
    finally:
        first.__exit__(None, None, None)
