"""A build's choices (:class:`BuildOptions`), the check that refuses bad ones, and the build's errors.

Examples
--------
>>> check_options(BuildOptions(level="parent"))
>>> check_options(BuildOptions(base="not an iri"))
Traceback (most recent call last):
...
esfgraph.build.options.BuildError: --base 'not an iri' is not an absolute IRI (e.g. https://example.org/esf/)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..runtime.errors import InputError

__all__ = ["BuildOptions", "BuildError", "BuildInterrupted", "check_options"]


class BuildError(InputError, ValueError):
    """Raised before any work when the options cannot give a valid build (one line; exit code 2)."""


class BuildInterrupted(KeyboardInterrupt):
    """Raised when a build is stopped by SIGTERM or SIGHUP; the previous output is untouched.

    A :class:`KeyboardInterrupt`, like Ctrl-C, so that no ``except Exception`` (nor
    ``except RuntimeError``) in a stage can mistake it for a failure of its own and go on.
    """


@dataclass
class BuildOptions:
    """Choices for one build; every field has a sane default.

    Attributes
    ----------
    base : str or None
        IRI base for instance data (default ``esfgraph.iris.DEFAULT_BASE``).
    include_contacts : bool
        Put contact persons into the graph and exports (off: privacy by default).
    redact_contacts : bool
        Also remove contact persons from ``records.jsonl``.
    workers : int or None
        Worker processes for per-page work (default: the number of CPUs).
    graph_format : str
        ``"ttl"`` or ``"trig"`` (one named graph per source page).
    level : str
        ``"unit"`` or ``"parent"``: the level the analyses run at.
    seed : int
        Seed for community detection and sampled betweenness.
    engine : str
        ``"auto"``, ``"networkx"`` or ``"igraph"``: the library of the analyses
        (``esfgraph.network.choose_engine``).
    roles : tuple of str or None
        Roles that count in the analyses (``None``: all; see ``esfgraph.network.normalise_roles``).
    text_mentions : str
        ``"unlisted"``, ``"all"`` or ``"none"``: where organisations named in the text count
        as ties (``esfgraph.network.evidence``).
    include_national : bool
        Count text mentions of national agencies as a whole as ties too.
    analyze : bool
        Run the network analyses and the Gephi exports.
    progress : bool or None
        Progress bars; ``None`` shows them on a terminal only.
    cache : bool
        Reuse earlier work from the previous output's cache.
    """

    base: str | None = None
    include_contacts: bool = False
    redact_contacts: bool = False
    workers: int | None = None
    graph_format: str = "ttl"
    level: str = "unit"
    seed: int = 42
    engine: str = "auto"
    roles: tuple[str, ...] | None = None
    text_mentions: str = "unlisted"
    include_national: bool = False
    analyze: bool = True
    progress: bool | None = None
    cache: bool = True


# An absolute IRI: a scheme, then no character that N-Triples forbids inside <...>.
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")

#: Each option with a fixed set of values: (attribute, command-line name, values).
_CHOICES = (
    ("graph_format", "--format", ("ttl", "trig")),
    ("level", "--level", ("unit", "parent")),
    ("engine", "--engine", ("auto", "networkx", "igraph")),
    ("text_mentions", "--text-mentions", ("unlisted", "all", "none")),
)


def _one_of(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1]


def check_options(options: BuildOptions) -> None:
    """Refuse options that would make the build fail part way, with a one-line reason.

    ``options.roles`` is normalised in place (``esfgraph.network.normalise_roles``).

    Raises
    ------
    BuildError
        When ``base`` is not an absolute IRI, or a choice is not one of its values.
    """
    if options.base is not None and not _ABSOLUTE_IRI.match(options.base):
        raise BuildError(f"--base {options.base!r} is not an absolute IRI (e.g. https://example.org/esf/)")
    for attribute, flag, values in _CHOICES:
        value = getattr(options, attribute)
        if value not in values:
            raise BuildError(f"{flag} must be {_one_of(values)}, not {value!r}")
    if options.roles is not None and options.analyze:
        from ..network import NetworkError, normalise_roles

        try:
            options.roles = normalise_roles(options.roles)
        except NetworkError as error:
            raise BuildError(f"--roles: {error}") from None
    if options.engine == "igraph" and options.analyze:
        from ..network import igraph_available

        if not igraph_available():
            raise BuildError("--engine igraph asked for, but python-igraph cannot be imported "
                             "(pip install igraph, or use --engine auto or networkx)")
