"""One base class for the errors esfgraph raises on purpose, and their exit codes.

The command line turns an :class:`EsfgraphError` into one line on standard error and
its :attr:`~EsfgraphError.exit_code`; anything else is a defect and keeps its traceback
for those who ask (``ESFGRAPH_DEBUG=1``).

Examples
--------
>>> class StoreMissing(InputError):
...     '''No store at the path the user gave.'''
>>> exit_code_for(StoreMissing("build/store: no store here"))
2
>>> exit_code_for(KeyboardInterrupt())
130
>>> exit_code_for(RuntimeError("a defect"))
1
"""

from __future__ import annotations

__all__ = ["EsfgraphError", "InputError", "exit_code_for"]


class EsfgraphError(Exception):
    """An error esfgraph raises on purpose, with a message meant for the user.

    Subclasses set :attr:`exit_code`; the message names the file, value or service at
    fault and what to do, in one line.
    """

    #: What the command line exits with: 1 for a failed run, 2 for input the user must fix.
    exit_code: int = 1


class InputError(EsfgraphError):
    """Input the user must fix: a missing file, a bad option value, an unreadable store."""

    exit_code = 2


#: Exit code after an interruption (Ctrl-C or SIGTERM), as shells report 128 + SIGINT.
INTERRUPTED = 130


def exit_code_for(error: BaseException) -> int:
    """The exit code the command line gives ``error``."""
    if isinstance(error, EsfgraphError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return INTERRUPTED
    return 1
