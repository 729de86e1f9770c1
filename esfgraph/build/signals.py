"""How a build stops: SIGTERM/SIGHUP and Ctrl-C as exceptions, checked again at every stage
boundary, held back while the output is swapped, and the fault-injection pause points.

A handler's exception can be lost: Python runs signal handlers between bytecodes, and one
that runs inside a garbage-collector callback or a ``__del__`` method has its exception
printed and dropped. :data:`_stops_received` records every stop, so that
:func:`checkpoint` raises it at the next stage boundary and the swap never follows it.

Fault injection for the reliability tests: ``ESFGRAPH_BUILD_PAUSE=POINT`` (or
``pages:N``, after N pages) makes a build wait at POINT for up to
``ESFGRAPH_BUILD_PAUSE_SECONDS`` (default 60) after writing its process id to the file
named by ``ESFGRAPH_BUILD_PAUSE_FILE``, so that a test can signal it there.

Examples
--------
>>> checkpoint("start")  # no stop received, no pause asked for: returns at once
>>> type(stop_error(signal.SIGTERM)).__name__
'BuildInterrupted'
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager

from ..runtime.files import atomic_write
from ..runtime.process import STOP_SIGNALS
from .options import BuildInterrupted

__all__ = ["PAUSE_POINTS", "checkpoint", "raise_if_stopped", "stop_handlers", "signals_held", "stop_error"]

#: Where a build can be made to wait (``ESFGRAPH_BUILD_PAUSE``), in the order it passes them.
PAUSE_POINTS = ("start", "pages", "resolve", "rdf", "validate", "store", "analyze", "export", "swap", "swapped")
_PAUSE_ENV, _PAUSE_FILE_ENV, _PAUSE_SECONDS_ENV = (
    "ESFGRAPH_BUILD_PAUSE", "ESFGRAPH_BUILD_PAUSE_FILE", "ESFGRAPH_BUILD_PAUSE_SECONDS")

# Stop signals received while a build runs (see the module's docstring).
_stops_received: list[int] = []


def stop_error(signum: int) -> BaseException:
    """The exception a stop by ``signum`` raises: Ctrl-C's own, or :class:`BuildInterrupted`."""
    if signum == signal.SIGINT:
        return KeyboardInterrupt()
    return BuildInterrupted(f"stopped by {signal.Signals(signum).name}")


def _raise_on_sigterm(signum, frame):
    """Signal handler of a build: remember the stop, then raise it."""
    _stops_received.append(signum)
    raise stop_error(signum)


def _quiet_dropped_stops(fallback):
    """An ``sys.unraisablehook`` that keeps quiet about stops Python dropped.

    A stop raised by :func:`_raise_on_sigterm` inside a garbage-collector callback or a
    ``__del__`` cannot propagate; Python hands it to ``sys.unraisablehook``, whose default
    prints a traceback ("Exception ignored in ..."). The stop is not lost (it is in
    ``_stops_received`` and raised at the next stage boundary), so there is nothing to
    report; anything else goes to the previous hook.
    """

    def hook(unraisable) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and _stops_received:
            return
        fallback(unraisable)

    return hook


def raise_if_stopped() -> None:
    """Raise the stop a handler could not deliver (see ``_stops_received``)."""
    if _stops_received:
        raise stop_error(_stops_received[0])


def checkpoint(point: str, count: int | None = None) -> None:
    """A stage boundary: stop if asked to; wait when the fault-injection hook names this
    point (see :data:`PAUSE_POINTS`)."""
    raise_if_stopped()
    wanted = os.environ.get(_PAUSE_ENV)
    if not wanted:
        return
    name, _, number = wanted.partition(":")
    if name != point or (count is not None and count != int(number or 1)):
        return
    marker = os.environ.get(_PAUSE_FILE_ENV)
    if marker:
        atomic_write(marker, f"{os.getpid()} {point}\n".encode(), fsync=False)
    deadline = time.monotonic() + float(os.environ.get(_PAUSE_SECONDS_ENV, "60"))
    while time.monotonic() < deadline:
        time.sleep(0.02)


def in_main_thread() -> bool:
    """Signal handlers can be set (and signals held back) only from the main thread."""
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_handlers():
    """Turn SIGTERM, SIGHUP and Ctrl-C into exceptions while a build runs; restore them after.

    Outside the main thread nothing changes (Python allows handlers only there).
    """
    if not in_main_thread():
        yield
        return
    _stops_received.clear()
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _quiet_dropped_stops(previous_hook)
    previous = {number: signal.signal(number, _raise_on_sigterm) for number in STOP_SIGNALS}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when Ctrl-C is ignored
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, _raise_on_sigterm)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
        sys.unraisablehook = previous_hook


@contextmanager
def signals_held():
    """Hold back Ctrl-C and the stop signals for a moment that must not be cut short."""
    signals = {signal.SIGINT, *STOP_SIGNALS}
    if not in_main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
