"""Plumbing written once: errors and exit codes, processes, HTTP, files and locks.

Every stage and the command line use these modules instead of writing their own:

- :mod:`esfgraph.runtime.errors`: :class:`EsfgraphError`, the base of every error the
  package raises on purpose, and the exit code the command line gives it.
- :mod:`esfgraph.runtime.process`: worker pools and background tasks whose processes
  end with their parent, signals, interruption.
- :mod:`esfgraph.runtime.http`: one HTTP client with one retry policy.
- :mod:`esfgraph.runtime.sorting`: external sorting of lines (graphs larger than memory).
- :mod:`esfgraph.runtime.files`: atomic writes (:func:`atomic_write`,
  :func:`atomic_output`) and exclusive locks (:class:`FileLock`).
- :mod:`esfgraph.runtime.collector`: :func:`collector_paused`, the cyclic garbage
  collector off over work that allocates much and makes no cycles.

The runtime layer imports nothing else from esfgraph (an import-linter contract checks
it), so any stage can use it.
"""

from .collector import collector_paused
from .errors import EsfgraphError, InputError, exit_code_for
from .files import FileLock, LockBusy, atomic_output, atomic_write, clean_temp_files, held_by_another

__all__ = [
    "collector_paused",
    "EsfgraphError",
    "InputError",
    "exit_code_for",
    "FileLock",
    "LockBusy",
    "atomic_output",
    "atomic_write",
    "clean_temp_files",
    "held_by_another",
]
