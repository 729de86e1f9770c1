"""Query headers and parameters: read a ``.rq`` file's documented header, find a query of
the library, and turn parameter values into RDF terms (see :mod:`esfgraph.query`)."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..endpoint import strip_parameter_values
from ..iris import DEFAULT_BASE, org_iri
from ..lookup import ValueNotFound
from ..resources import queries_dir
from ..vocab import PREFIXES

__all__ = [
    "QueryError",
    "ParameterValueError",
    "Parameter",
    "QueryInfo",
    "PARAM_TYPES",
    "DISPLAY_PREFIXES",
    "list_queries",
    "load_query",
    "parse_query_text",
    "find_query",
    "resolve_params",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("iri", "org", "municipality", "string", "integer", "decimal", "boolean", "date")

#: Prefixes accepted in ``iri``/``org`` parameter values; ``id:`` abbreviates the default
#: instance base (``id:org/x`` is accepted here, though it is not a valid SPARQL name:
#: tables print such IRIs in full, see :func:`sparql_iri`).
DISPLAY_PREFIXES: dict[str, str] = {**PREFIXES, "id": DEFAULT_BASE}


class QueryError(Exception):
    """A query could not be found, bound or run; ``str(error)`` is one line for the user."""


class ParameterValueError(QueryError):
    """A parameter names no organisation or municipality in the store, or several.

    ``str(error)`` is one line, then the nearest values (``key  label``), one per line.

    Attributes
    ----------
    parameter : str
        The parameter's name.
    suggestions : list of esfgraph.lookup.Match
        Each with ``key`` (a value to give instead), ``label`` and ``value`` (IRI or code).
    ambiguous : bool
        The value names several organisations (all listed), rather than none.
    """

    def __init__(self, parameter: str, error: ValueNotFound):
        self.parameter, self.suggestions, self.ambiguous = parameter, error.suggestions, error.ambiguous
        super().__init__(f"--param {parameter}: {error}")



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
            return _CONVERTERS[self.type](value)
        except (ValueError, InvalidOperation, TypeError) as error:
            shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
            raise QueryError(f"parameter {self.name}: {shown!r} is not a valid {self.type} ({error})") from None


def _expand(text: str) -> str:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in DISPLAY_PREFIXES and not local.startswith("//"):
        return DISPLAY_PREFIXES[prefix] + local
    return text


def _iri(value: Any) -> ox.NamedNode:
    return ox.NamedNode(_expand(str(value)))


def _org(value: Any) -> ox.NamedNode:
    text = _expand(str(value))
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text):
        return ox.NamedNode(text)
    return ox.NamedNode(org_iri(text))


def _integer(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        raise ValueError("a boolean is not an integer")
    number = int(value) if isinstance(value, int) else int(str(value).strip(), 10)
    return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer"))


def _decimal(value: Any) -> ox.Literal:
    number = Decimal(str(value).strip())
    if not number.is_finite():
        raise ValueError("not a finite number")
    text = format(number, "f")
    return ox.Literal(text if "." in text else text + ".0", datatype=ox.NamedNode(XSD + "decimal"))


def _boolean(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        flag = value
    else:
        text = str(value).strip().lower()
        if text not in ("true", "false", "yes", "no", "1", "0"):
            raise ValueError("use true or false")
        flag = text in ("true", "yes", "1")
    return ox.Literal("true" if flag else "false", datatype=ox.NamedNode(XSD + "boolean"))


def _date(value: Any) -> ox.Literal:
    day = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))


_CONVERTERS = {
    "iri": _iri,
    "org": _org,
    "string": lambda value: ox.Literal(str(value)),
    "municipality": lambda value: ox.Literal(str(value).strip()),
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "date": _date,
}


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

    @property
    def bindable(self) -> str:
        """The text esfgraph binds and runs: :attr:`text` without the ``VALUES`` blocks
        that write the parameters' defaults (see :func:`esfgraph.endpoint.strip_parameter_values`)."""
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
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            header.append(stripped[1:].strip())
        elif stripped:
            break
    fields: dict[str, list[str]] = {"Question": [], "Columns": [], "Example": []}
    description: list[str] = []
    params: list[Parameter] = []
    lists: list[str] = []
    current: str | None = None
    where = path or name
    for line in header:
        key_match = _KEY_LINE.match(line)
        if line.startswith("@list"):
            match = _LIST_LINE.match(line)
            if not match:
                raise QueryError(f"{where}: bad list line {line!r}; write '@list COLUMN [COLUMN...]'")
            lists += re.split(r"[\s,]+", match["names"].strip())
            current = None
        elif line.startswith("@param"):
            match = _PARAM_LINE.match(line)
            if not match:
                raise QueryError(
                    f"{where}: bad parameter line {line!r}; write "
                    "'@param NAME TYPE (required | optional | default VALUE) -- description'"
                )
            if match["type"] not in PARAM_TYPES:
                raise QueryError(f"{where}: parameter {match['name']}: unknown type {match['type']!r} "
                                 f"(use {', '.join(PARAM_TYPES)})")
            if any(p.name == match["name"] for p in params):
                raise QueryError(f"{where}: parameter {match['name']} is declared twice")
            default = match["default"]
            if default is not None and len(default) >= 2 and default[0] == default[-1] == '"':
                default = default[1:-1]
            params.append(Parameter(match["name"], match["type"], match["mode"] == "required",
                                    default, (match["description"] or "").strip()))
            current = None
        elif key_match:
            current = key_match.group(1)
            fields[current].append(key_match.group(2))
        elif not line:
            current = None
            description.append("")
        elif current is not None:  # a continuation line of Question, Columns or Example
            fields[current].append(line)
        else:
            current = None
            description.append(line)
    columns = tuple(c.strip() for c in " ".join(fields["Columns"]).split(",") if c.strip())
    info = QueryInfo(
        name=name,
        path=path,
        text=text,
        question=" ".join(fields["Question"]).strip(),
        description="\n".join(description).strip(),
        params=tuple(params),
        columns=columns,
        example=" ".join(fields["Example"]).strip(),
        lists=tuple(lists),
    )
    for param in info.params:  # defaults must be valid values of their type
        if param.default is not None:
            param.to_term(param.default)
    return info


def load_query(path: str | os.PathLike[str]) -> QueryInfo:
    """Read a ``.rq`` file.

    Raises
    ------
    QueryError
        The file does not exist, is not UTF-8, or has a malformed header.
    """
    file = Path(path)
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


def resolve_params(info: QueryInfo, params: dict[str, Any] | None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Return the RDF terms to bind: given values, then defaults; check names and types.

    Parameters
    ----------
    info : QueryInfo
    params : dict, optional
        Parameter name -> value (command-line text, Python value or pyoxigraph term).

    Returns
    -------
    dict
        Variable name -> term, for every parameter that has a value.

    Raises
    ------
    QueryError
        An undeclared name, a missing required parameter, or an invalid value.

    Examples
    --------
    >>> info = parse_query_text('# @param n integer default 2\\nSELECT ?n { }')
    >>> resolve_params(info, {})["n"].value
    '2'
    """
    given = dict(params or {})
    declared = {p.name for p in info.params}
    unknown = sorted(set(given) - declared)
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise QueryError(f"query {info.name} has no parameter {unknown[0]!r} (its parameters: {known})")
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    for param in info.params:
        if param.name in given and given[param.name] is not None:
            bindings[param.name] = param.to_term(given[param.name])
        elif param.default is not None:
            bindings[param.name] = param.to_term(param.default)
        elif param.required:
            hint = f" ({param.description})" if param.description else ""
            raise QueryError(f"query {info.name} needs --param {param.name}=VALUE{hint}")
    return bindings


