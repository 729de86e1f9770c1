"""The library's ``.rq`` header format: a query's documented question, parameters and
columns, and finding a query of the library by name (see :mod:`esfgraph.sparql`)."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from decimal import InvalidOperation
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..resources import queries_dir
from .binding import PreparedQuery, strip_parameter_values
from .errors import QueryError
from .params import CONVERTERS, PARAM_TYPES

__all__ = ["Parameter", "QueryInfo", "parse_query_text", "load_query", "list_queries", "find_query"]


@dataclass(frozen=True)
class Parameter:
    """A declared query parameter (``# @param NAME TYPE ...``)."""

    name: str
    type: str
    required: bool = False
    default: str | None = None
    description: str = ""

    def to_term(self, value: Any) -> ox.NamedNode | ox.Literal:
        """Return ``value`` (text from the command line, a Python value or a term) as an RDF term.

        Raises
        ------
        QueryError
            The value is not valid for the parameter's type.

        Examples
        --------
        >>> str(Parameter("n", "integer").to_term("007"))
        '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
        >>> Parameter("o", "org").to_term("arbetsformedlingen/jonkoping").value
        'https://w3id.org/esfgraph/id/org/arbetsformedlingen/jonkoping'
        """
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            return value
        try:
            return CONVERTERS[self.type](value)
        except (ValueError, InvalidOperation, TypeError) as error:
            shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
            raise QueryError(f"parameter {self.name}: {shown!r} is not a valid {self.type} ({error})") from None


@dataclass(frozen=True)
class QueryInfo:
    """A query of the library (or any ``.rq`` file) and its documented header."""

    name: str
    path: Path | None
    text: str
    question: str = ""
    description: str = ""
    params: tuple[Parameter, ...] = ()
    columns: tuple[str, ...] = ()
    example: str = ""
    lists: tuple[str, ...] = ()  # columns holding ";"-separated lists that esfgraph sorts

    def param(self, name: str) -> Parameter | None:
        """Return the declared parameter ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    @cached_property
    def prepared(self) -> PreparedQuery:
        """The query tokenized and analysed once (see :class:`esfgraph.sparql.PreparedQuery`).

        Raises
        ------
        BindingError
            The text is no query, or a parameter breaks a scoping rule.
        """
        return PreparedQuery(self.text, [p.name for p in self.params])

    @property
    def bindable(self) -> str:
        """The text esfgraph binds and runs: :attr:`text` without the ``VALUES`` blocks
        that write the parameters' defaults (see :func:`esfgraph.sparql.strip_parameter_values`)."""
        return strip_parameter_values(self.text, [p.name for p in self.params])


_PARAM_LINE = re.compile(
    r"^@param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\w+)\s+"
    r"(?P<mode>required|optional|default\s+(?P<default>\"[^\"]*\"|\S+))"
    r"\s*(?:--\s*(?P<description>.*))?$"
)
_KEY_LINE = re.compile(r"^(Question|Columns|Example):\s*(.*)$")
_LIST_LINE = re.compile(r"^@list\s+(?P<names>[A-Za-z_][A-Za-z0-9_]*(?:[\s,]+[A-Za-z_][A-Za-z0-9_]*)*)\s*$")


def parse_query_text(text: str, name: str = "query", path: Path | None = None) -> QueryInfo:
    """Read the header comment of a query and return its :class:`QueryInfo`.

    Parameters
    ----------
    text : str
        The query, starting with its ``#`` comment block.
    name : str
        What to call it in messages.
    path : pathlib.Path, optional
        Where it was read from.

    Returns
    -------
    QueryInfo

    Raises
    ------
    QueryError
        A malformed ``@param`` line, an unknown type, or a parameter declared twice.

    Examples
    --------
    >>> info = parse_query_text('# Question: Anything?\\n# @param n integer default 2\\nSELECT ?n { }')
    >>> info.question, info.params[0].default
    ('Anything?', '2')
    """
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            lines.append(stripped[1:].strip())
        elif stripped:
            break
    header = _Header(path or name)
    for line in lines:
        header.read(line)
    info = QueryInfo(
        name=name,
        path=path,
        text=text,
        question=" ".join(header.fields["Question"]).strip(),
        description="\n".join(header.description).strip(),
        params=tuple(header.params),
        columns=tuple(c.strip() for c in " ".join(header.fields["Columns"]).split(",") if c.strip()),
        example=" ".join(header.fields["Example"]).strip(),
        lists=tuple(header.lists),
    )
    for param in info.params:  # defaults must be valid values of their type
        if param.default is not None:
            param.to_term(param.default)
    return info


class _Header:
    """The header comment of a query, read one line at a time."""

    def __init__(self, where) -> None:
        self.where = where
        self.fields: dict[str, list[str]] = {"Question": [], "Columns": [], "Example": []}
        self.description: list[str] = []
        self.params: list[Parameter] = []
        self.lists: list[str] = []
        self.current: str | None = None  # the field a continuation line adds to

    def read(self, line: str) -> None:
        key_match = _KEY_LINE.match(line)
        if line.startswith("@list"):
            match = _LIST_LINE.match(line)
            if not match:
                raise QueryError(f"{self.where}: bad list line {line!r}; write '@list COLUMN [COLUMN...]'")
            self.lists += re.split(r"[\s,]+", match["names"].strip())
            self.current = None
        elif line.startswith("@param"):
            self.params.append(self._parameter(line))
            self.current = None
        elif key_match:
            self.current = key_match.group(1)
            self.fields[self.current].append(key_match.group(2))
        elif not line:
            self.current = None
            self.description.append("")
        elif self.current is not None:  # a continuation line of Question, Columns or Example
            self.fields[self.current].append(line)
        else:
            self.description.append(line)

    def _parameter(self, line: str) -> Parameter:
        match = _PARAM_LINE.match(line)
        if not match:
            raise QueryError(
                f"{self.where}: bad parameter line {line!r}; write "
                "'@param NAME TYPE (required | optional | default VALUE) -- description'"
            )
        if match["type"] not in PARAM_TYPES:
            raise QueryError(f"{self.where}: parameter {match['name']}: unknown type {match['type']!r} "
                             f"(use {', '.join(PARAM_TYPES)})")
        if any(p.name == match["name"] for p in self.params):
            raise QueryError(f"{self.where}: parameter {match['name']} is declared twice")
        default = match["default"]
        if default is not None and len(default) >= 2 and default[0] == default[-1] == '"':
            default = default[1:-1]
        return Parameter(match["name"], match["type"], match["mode"] == "required",
                         default, (match["description"] or "").strip())


def load_query(path: str | os.PathLike[str]) -> QueryInfo:
    """Read a ``.rq`` file.

    Raises
    ------
    QueryError
        The file does not exist, is not UTF-8, or has a malformed header.
    """
    file = Path(path)
    try:
        stat = file.stat()
    except FileNotFoundError:
        raise QueryError(f"{file}: query file does not exist") from None
    except OSError as error:
        raise QueryError(f"{file}: cannot read ({error.strerror})") from None
    # The same file, unchanged, gives the same QueryInfo (immutable), so a long-running
    # caller (esfgraph serve, the benchmarks) prepares each query once.
    return _load_query(file, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _load_query(file: Path, _mtime_ns: int, _size: int) -> QueryInfo:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{file}: query file does not exist") from None
    except UnicodeDecodeError:
        raise QueryError(f"{file}: query file is not UTF-8 text") from None
    except OSError as error:
        raise QueryError(f"{file}: cannot read ({error.strerror})") from None
    return parse_query_text(text, name=file.stem, path=file)


def list_queries(directory: str | os.PathLike[str] | None = None) -> list[QueryInfo]:
    """Return the query library (``queries/*.rq``), sorted by name.

    Parameters
    ----------
    directory : path, optional
        Another folder of ``.rq`` files; defaults to :func:`esfgraph.resources.queries_dir`.

    Returns
    -------
    list of QueryInfo

    Examples
    --------
    >>> "recurring-partnerships" in [q.name for q in list_queries()]
    True
    """
    folder = Path(directory) if directory is not None else queries_dir()
    return [load_query(path) for path in sorted(folder.glob("*.rq"))]


def find_query(name_or_path: str | os.PathLike[str] | QueryInfo) -> QueryInfo:
    """Return a library query by name, or read a ``.rq`` file.

    Raises
    ------
    QueryError
        No such query (with the closest names) or file.

    Examples
    --------
    >>> find_query("projects-per-year").name
    'projects-per-year'
    """
    if isinstance(name_or_path, QueryInfo):
        return name_or_path
    text = str(name_or_path)
    candidate = Path(text)
    if text.endswith(".rq") or candidate.is_file() or os.sep in text:
        return load_query(candidate)
    library = queries_dir() / f"{text}.rq"
    if library.is_file():
        return load_query(library)
    names = [p.stem for p in sorted(queries_dir().glob("*.rq"))]
    close = difflib.get_close_matches(text, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'esfgraph query --list' shows the library"
    raise QueryError(f"unknown query {text!r}{hint}")


