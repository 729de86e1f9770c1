"""The error the export stage raises on purpose.

Examples
--------
>>> from esfgraph.runtime.errors import exit_code_for
>>> error = ExportError("edge a-b: spell ends (2008-01-01) before it starts (2009-01-01)")
>>> isinstance(error, ValueError), exit_code_for(error)
(True, 1)
"""

from __future__ import annotations

from ..runtime.errors import EsfgraphError

__all__ = ["ExportError"]


class ExportError(EsfgraphError, ValueError):
    """A network the writers cannot write (a spell that is not a pair of ISO dates, two
    nodes with one id) or an unknown network name; one line.

    Still a ``ValueError``, as callers caught before it had a class of its own; exit code 1.
    """
