"""esfgraph.runtime.files: atomic writes and exclusive locks, across real processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from esfgraph.runtime.files import FileLock, LockBusy, atomic_output, atomic_write, clean_temp_files, held_by_another

HOLD = textwrap.dedent("""
    import sys, time
    from esfgraph.runtime.files import FileLock
    with FileLock(sys.argv[1]):
        print("held", flush=True)
        time.sleep(60)
""")


@pytest.fixture
def holder(tmp_path):
    """Another process holding ``tmp_path / 'x.lock'``."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "x.lock")],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "held\n"
    yield process
    process.kill()
    process.wait()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    atomic_write(target, b"old\n")
    with pytest.raises(RuntimeError, match="cut"):
        with atomic_output(target) as handle:
            handle.write("half")
            raise RuntimeError("cut")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_text_and_bytes_are_written_whole(tmp_path):
    with atomic_output(tmp_path / "t.txt") as handle:
        handle.write("Jönköping\n")
    with atomic_output(tmp_path / "b.bin", "wb") as handle:
        handle.write(b"\x00\x01")
    assert (tmp_path / "t.txt").read_bytes() == "Jönköping\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_killed_writers_temporary_files_are_cleaned(tmp_path):
    stale = tmp_path / ".page.html.4242.0badcafe.tmp"
    stale.write_bytes(b"half")
    (tmp_path / ".keep.tmp").write_bytes(b"not ours")
    assert clean_temp_files(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".keep.tmp"]


def test_another_process_holding_the_lock_is_named(tmp_path, holder):
    with pytest.raises(LockBusy) as caught:
        with FileLock(tmp_path / "x.lock"):
            pass
    assert caught.value.holder == f"pid {holder.pid}"
    assert held_by_another(tmp_path / "x.lock") is True


def test_the_lock_is_free_again_when_its_holder_dies(tmp_path, holder):
    holder.kill()
    holder.wait()
    assert held_by_another(tmp_path / "x.lock") is False
    with FileLock(tmp_path / "x.lock") as lock:
        assert lock.path.read_text() == f"pid {__import__('os').getpid()}\n"
    assert not (tmp_path / "x.lock").exists()  # removed with its release


def test_a_kept_lock_file_stays_and_holds_no_note(tmp_path):
    with FileLock(tmp_path / "keep.lock", note_pid=False, remove=False):
        with pytest.raises(LockBusy, match="this process"):
            with FileLock(tmp_path / "keep.lock"):
                pass
    assert (tmp_path / "keep.lock").read_text() == ""
    assert held_by_another(tmp_path / "missing.lock") is False
