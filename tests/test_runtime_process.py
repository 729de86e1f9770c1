"""The one process runner (``esfgraph.runtime.process``): pools, a task beside, children that die with us.

Real processes throughout: a parent is a real Python child of the test, killed with
SIGKILL, and its workers are found in ``/proc``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from esfgraph.runtime.process import (BackgroundTask, BackgroundTaskDied, process_alive, process_pool,
                                      worker_setup)

from .reliability.helpers import ROOT, assert_exit, clean_env, descendants, wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _signal_dispositions(_=None) -> tuple[bool, bool]:
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN, signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def _fail(message: str) -> None:
    raise LookupError(message)


def _die() -> None:
    os._exit(7)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_pool_workers_leave_ctrl_c_to_the_parent_and_take_sigterm_as_it_comes(method):
    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # a build's handler, which forked workers inherit
    try:
        with process_pool(2, method=method) as pool:
            answers = list(pool.map(_signal_dispositions, range(4)))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert answers == [(True, True)] * 4


def test_a_background_task_answers_and_raises_as_the_function_did():
    assert BackgroundTask(sorted, [3, 1, 2]).result() == [1, 2, 3]
    with pytest.raises(LookupError, match="^no such organisation$"):
        BackgroundTask(_fail, "no such organisation").result()


def test_a_background_task_that_dies_is_reported_with_its_exit_code():
    with pytest.raises(BackgroundTaskDied, match=r"_die process ended without an answer \(exit code 7\)"):
        BackgroundTask(_die).result()


def test_cancel_ends_a_background_task_at_once():
    task = BackgroundTask(_sleep, 60)
    pid = task._process.pid
    assert process_alive(pid)
    started = time.monotonic()
    task.cancel()
    assert time.monotonic() - started < 5
    assert not process_alive(pid)


def test_a_zombie_counts_as_dead():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        assert wait_for(lambda: not process_alive(pid), 5)  # exited, not reaped: a zombie
        assert os.path.exists(f"/proc/{pid}")
    finally:
        os.waitpid(pid, 0)


_PARENT = textwrap.dedent("""
    import sys, time
    from esfgraph.runtime.process import BackgroundTask, process_pool

    def hold(seconds):
        time.sleep(seconds)

    def nested():
        with process_pool(2, method="fork") as pool:
            list(pool.map(hold, [60, 60]))

    if sys.argv[1] == "pool":
        with process_pool(2, method=sys.argv[2]) as pool:
            list(pool.map(hold, [60, 60]))
    elif sys.argv[1] == "beside":
        BackgroundTask(nested).result()
    else:
        import subprocess
        from esfgraph.runtime.process import die_with_parent
        subprocess.Popen(["sleep", "60"], preexec_fn=die_with_parent).wait()
""")


# A forkserver pool starts its workers on demand, so only the server and one worker are
# certain to be up at a given moment.
@pytest.mark.parametrize("how, minimum", [(("pool", "fork"), 2), (("pool", "forkserver"), 2),
                                          (("beside",), 3), (("popen",), 1)])
def test_no_child_outlives_a_killed_parent(how, minimum, tmp_path):
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        parent = subprocess.Popen([sys.executable, "-c", _PARENT, *how], cwd=ROOT, env=clean_env(),
                                  stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        started = wait_for(lambda: len(descendants(parent.pid)) >= minimum, 60)
        assert started, (f"the children never started ({len(descendants(parent.pid))} of {minimum}; parent "
                         f"exit code {parent.poll()}): {errors.read_text(errors='replace')[-2000:]}")
        time.sleep(0.5)  # every worker running its task
        children = descendants(parent.pid)
    finally:
        parent.kill()
        parent.wait()
    assert_exit(children, "children outlive their parent")


def test_worker_setup_ignores_ctrl_c_here_too():
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        worker_setup(os.getppid())
        os._exit(0 if _signal_dispositions() == (True, True) else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
