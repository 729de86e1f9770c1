"""One way to run work in other processes: pools, a background task, a child that dies with us.

Three places ran work in other processes, each with its own way of not outliving the
process that started it: the build's page workers, the validator's batch workers and
the SPARQL server that ``esfgraph serve`` starts. They all use this module now:

- :func:`process_pool` starts a :class:`~concurrent.futures.ProcessPoolExecutor` whose
  workers leave Ctrl-C to their parent (it reaches the whole process group, and the
  parent decides), take the default action on SIGTERM/SIGHUP (a forked worker would
  otherwise inherit the parent's handlers), and end themselves within a second when
  the parent dies, however it dies (:func:`watch_parent`).
- :class:`BackgroundTask` runs one function in a forked child process beside the
  caller (the build validates the graph there while it loads the store), with the
  same rules, and :meth:`BackgroundTask.cancel` ends it at once.
- :func:`die_with_parent` is a ``preexec_fn`` for :class:`subprocess.Popen`: Linux
  stops the program when the process that started it dies.

Examples
--------
>>> with process_pool(2, method="fork") as pool:
...     sorted(pool.map(abs, [-3, 1, -2]))
[1, 2, 3]
>>> task = BackgroundTask(sum, [1, 2, 3])
>>> task.result()
6
>>> process_alive(os.getpid())
True
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

__all__ = [
    "STOP_SIGNALS",
    "BackgroundTask",
    "BackgroundTaskDied",
    "die_with_parent",
    "pool_context",
    "process_alive",
    "process_pool",
    "watch_parent",
    "worker_setup",
]

#: Signals that stop a run as Ctrl-C (SIGINT) does, where the platform has them.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

#: How often a worker looks for its parent, in seconds.
_POLL = 0.25


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs: a dead one that its parent has not reaped (a zombie)
    counts as dead, which ``kill(pid, 0)`` alone cannot tell (Linux ``/proc`` can)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc here: kill() said it exists
    return stat[stat.rindex(")") + 2:][:1] not in ("Z", "X")


def watch_parent(parent_pid: int | None = None) -> threading.Thread:
    """End this process soon after its parent (or ``parent_pid``) dies.

    A parent killed outright (SIGKILL, the OOM killer) cannot tell its workers. Without
    this, a worker blocked on a full result pipe would wait forever, holding memory and
    the parent's output pipes, so that whoever reads them (a script, a test) hangs too.
    ``parent_pid`` names the process to outlive when it is not the direct parent (a
    fork server's children): the worker also ends when it is orphaned.
    """
    first_ppid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(_POLL)
            if os.getppid() != first_ppid or (parent_pid is not None and not process_alive(parent_pid)):
                os._exit(1)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread


def worker_setup(parent_pid: int | None = None) -> None:
    """Make this process a well-behaved worker of ``parent_pid`` (see the module's rules)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the parent decides
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    watch_parent(parent_pid)


def _initialise(parent_pid: int, initializer: Callable | None, initargs: tuple) -> None:
    worker_setup(parent_pid)
    if initializer is not None:
        initializer(*initargs)


def pool_context(method: str = "fork", preload: Iterable[str] = ()):
    """The multiprocessing context for ``method``, or the nearest this platform has.

    ``"fork"``: workers inherit what the parent holds (parsed shapes, for one);
    ``"forkserver"``: workers inherit no open file of the parent, and start from a
    process that imported ``preload``. Either falls back to ``"spawn"``.
    """
    methods = multiprocessing.get_all_start_methods()
    if method not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context(method)
    if method == "forkserver" and preload:
        context.set_forkserver_preload(list(preload))
    return context


def process_pool(workers: int, initializer: Callable | None = None, initargs: tuple = (),
                 method: str = "fork", preload: Iterable[str] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes that follow this module's rules.

    Parameters
    ----------
    workers : int
        How many processes.
    initializer, initargs
        Run in each worker after its set-up, as for ``ProcessPoolExecutor``.
    method, preload
        The start method and, for ``"forkserver"``, the modules its server imports first
        (:func:`pool_context`).
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=pool_context(method, preload),
                               initializer=_initialise, initargs=(os.getpid(), initializer, initargs))


class BackgroundTaskDied(RuntimeError):
    """The child process of a :class:`BackgroundTask` ended without an answer."""


def _run_child(send, parent_pid: int, function: Callable, args: tuple) -> None:
    worker_setup(parent_pid)
    try:
        answer = (True, function(*args))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        answer = (False, error)
    try:
        send.send(answer)
    except Exception as error:  # noqa: BLE001 - an answer that cannot be pickled
        send.send((False, BackgroundTaskDied(f"{type(error).__name__}: {error}")))
    send.close()


class BackgroundTask:
    """``function(*args)`` in a child process started now; :meth:`result` waits for it.

    The child is forked where the platform can (it inherits what this process holds),
    follows the rules of :func:`worker_setup`, and may start a pool of its own. Its
    answer (or the exception it raised) comes back pickled: keep it small.
    """

    def __init__(self, function: Callable, *args: Any) -> None:
        context = pool_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_child, args=(send, os.getpid(), function, args),
                                        name=getattr(function, "__name__", "task"))
        self._process.start()
        send.close()  # this end only reads: the child's death then reads as end of file

    def result(self) -> Any:
        """Wait for the child; return its answer or raise its exception.

        Raises
        ------
        BackgroundTaskDied
            When the child ended without answering (killed, or crashed).
        """
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise BackgroundTaskDied(f"the {self._process.name} process ended without an answer "
                                     f"(exit code {self._process.exitcode})") from None
        finally:
            self._receive.close()
        self._process.join()
        if ok:
            return value
        raise value

    def cancel(self) -> None:
        """End the child at once (SIGTERM; its own workers follow it) and reap it."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """A ``preexec_fn``: ask Linux to send SIGTERM to the program when the process that
    started it dies, so that no server outlives ``esfgraph serve`` or a test run."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass
