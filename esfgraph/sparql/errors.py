"""The errors of the SPARQL layer, each a one-line message for the user."""

from __future__ import annotations

from ..runtime.errors import EsfgraphError, InputError

__all__ = ["QueryError", "ParameterValueError", "BindingError"]


class QueryError(EsfgraphError):
    """A query could not be found, bound or run; ``str(error)`` is one line for the user."""


class ParameterValueError(QueryError, InputError):
    """A parameter names no organisation or municipality in the store, or several.

    ``str(error)`` is one line, then the nearest values (``key  label``), one per line.
    The command line exits with 2 (input the user must fix).

    Attributes
    ----------
    parameter : str
        The parameter's name.
    suggestions : list of esfgraph.lookup.Match
        Each with ``key`` (a value to give instead), ``label`` and ``value`` (IRI or code).
    ambiguous : bool
        The value names several organisations (all listed), rather than none.
    """

    def __init__(self, parameter: str, error):
        self.parameter, self.suggestions, self.ambiguous = parameter, error.suggestions, error.ambiguous
        super().__init__(f"--param {parameter}: {error}")


class BindingError(EsfgraphError, ValueError):
    """A parameter cannot be bound into this query (one line for the user)."""
