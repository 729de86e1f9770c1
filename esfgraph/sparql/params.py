"""Parameter values as RDF terms: the converter of each declared type, and the bindings
of a query's parameters (given values, then defaults)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from ..iris import DEFAULT_BASE, org_iri
from ..vocab import PREFIXES
from .errors import QueryError
from .terms import XSD

__all__ = ["PARAM_TYPES", "DISPLAY_PREFIXES", "CONVERTERS", "resolve_params"]

PARAM_TYPES = ("iri", "org", "municipality", "string", "integer", "decimal", "boolean", "date")

#: Prefixes accepted in ``iri``/``org`` parameter values; ``id:`` abbreviates the default
#: instance base (``id:org/x`` is accepted here, though it is not a valid SPARQL name:
#: tables print such IRIs in full, see :func:`esfgraph.sparql.sparql_iri`).
DISPLAY_PREFIXES: dict[str, str] = {**PREFIXES, "id": DEFAULT_BASE}


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


#: Declared type -> function from a value to its RDF term.
CONVERTERS = {
    "iri": _iri,
    "org": _org,
    "string": lambda value: ox.Literal(str(value)),
    "municipality": lambda value: ox.Literal(str(value).strip()),
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "date": _date,
}


def resolve_params(info, params: dict[str, Any] | None) -> dict[str, ox.NamedNode | ox.Literal]:
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
    >>> from esfgraph.sparql import parse_query_text
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


