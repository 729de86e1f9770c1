"""Node and edge attributes as the export formats need them: plain, typed, consistent.

NetworkX graphs carry anything as attributes (``None``, tuples, numpy numbers); GEXF,
GraphML and Gephi's spreadsheet import want one declared type per attribute and a
value of that type, or no value. :func:`attribute_types` settles the type of each key
over all nodes (or edges); :func:`plain` turns one value into a Python scalar or
``None`` (lists become one ``;``-joined string).

Keys with a meaning of their own in the formats are not attributes: ``label``, ``viz``
(colour, size, position), ``spells`` (time intervals) and, on edges, ``weight``.
"""

from __future__ import annotations

import math
import re
from itertools import chain
from operator import itemgetter
from typing import Any, Callable, Iterable, Sequence

from ..vocab import concept_key  # re-exported: the exports' spelling of organisation types

__all__ = ["RESERVED", "plain", "listed", "attribute_types", "columns", "text_columns", "format_value", "formatter",
           "typed_value", "clean_text", "concept_key"]

#: Keys the writers handle themselves rather than as attributes.
RESERVED = frozenset({"label", "viz", "spells", "weight"})

_INT32 = 2**31
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Return ``text`` without the control characters XML 1.0 forbids.

    Examples
    --------
    >>> clean_text("a\\x00b")
    'ab'
    """
    return _XML_ILLEGAL.sub("", text)


def plain(value: Any) -> Any:
    """Return ``value`` as ``None``, ``bool``, ``int``, ``float`` or ``str``.

    numpy scalars become Python numbers, NaN and infinities become ``None``, lists,
    tuples and sets become their items joined with ``;`` (sets sorted).

    Examples
    --------
    >>> plain(("a", "b")), plain(float("nan")), plain(None)
    ('a;b', None, None)
    """
    kind = type(value)  # exact types first: this runs once per attribute value
    if value is None or kind is bool or kind is int:
        return value
    if kind is str:
        return clean_text(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if hasattr(value, "item") and not isinstance(value, (list, tuple)):  # numpy scalar
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return clean_text(";".join(str(plain(v)) for v in value if v is not None))
    return clean_text(str(value))


def listed(view: Iterable) -> list:
    """Return the items of a networkx node or edge view as a list, walking the view once.

    ``list(graph.edges(data=True))`` walks the edges twice: ``list`` asks for the length
    first, and an edge view counts itself by walking every edge.

    Examples
    --------
    >>> import networkx as nx
    >>> listed(nx.path_graph(3).edges(data=True))
    [(0, 1, {}), (1, 2, {})]
    """
    return [item for item in view]


def attribute_types(records: Iterable[dict[str, Any]], reserved: Iterable[str] = RESERVED) -> dict[str, str]:
    """Return ``{key: type}`` for the attributes of ``records`` (node or edge data dicts).

    Keys come in order of first appearance. A key whose values are all booleans is
    ``boolean``; all integers ``integer`` (``long`` beyond 32 bits); integers and
    floats ``double``; anything else ``string``. Keys whose values are all ``None``
    are left out.

    Examples
    --------
    >>> attribute_types([{"a": 1, "b": None, "c": "x"}, {"a": 2.5, "b": None, "c": 3}])
    {'a': 'double', 'c': 'string'}
    """
    records = records if isinstance(records, list) else list(records)
    reserved = set(reserved)
    types = {}
    # Column by column: the types present in a column are found in one pass at C speed
    # (set(map(type, ...))); only values of unusual types are looked at one by one.
    keys = [key for key in dict.fromkeys(chain.from_iterable(records)) if key not in reserved]
    for key, values in columns(records, keys).items():
        found, large = _column_kinds(values)
        if not found:
            continue
        if found == {"boolean"}:
            types[key] = "boolean"
        elif found == {"integer"}:
            types[key] = "long" if large else "integer"
        elif found <= {"integer", "double"}:
            types[key] = "double"
        else:
            types[key] = "string"
    return types


def columns(records: list[dict[str, Any]], keys: Iterable[str]) -> dict[str, Sequence[Any]]:
    """Return the values of each key, one sequence per key in the order of ``records``.

    ``None`` where a record has no value of a key. Records that all hold every key (the
    nodes or edges of one network mostly do) are turned into columns in one pass at C
    speed; otherwise each key is looked up in each record.

    Examples
    --------
    >>> columns([{"a": 1, "b": 2}, {"a": 3}], ["a", "b"])
    {'a': [1, 3], 'b': [2, None]}
    >>> columns([{"a": 1, "b": 2}, {"b": 4, "a": 3}], ["a", "b"])
    {'a': (1, 3), 'b': (2, 4)}
    """
    keys = list(keys)
    if len(keys) > 1 and records and all(type(record) is dict for record in records):
        try:
            return dict(zip(keys, zip(*map(itemgetter(*keys), records))))
        except KeyError:  # a record without one of the keys
            pass
    return {key: [record.get(key) for record in records] for key in keys}


def _column_kinds(values: Sequence[Any]) -> tuple[set[str], bool]:
    """The kinds of attribute the values of one key hold, and whether an integer needs 64 bits."""
    found: set[str] = set()
    large = False
    for kind in set(map(type, values)):
        if kind is str or kind is tuple or kind is list:  # lists are written as one ";"-joined string
            found.add("string")
        elif kind is int:
            found.add("integer")
            numbers = [value for value in values if type(value) is int]
            large = large or not (-_INT32 <= min(numbers) and max(numbers) < _INT32)
        elif kind is float:
            if any(map(math.isfinite, (value for value in values if type(value) is float))):
                found.add("double")
        elif kind is not type(None):
            for value in values:
                if type(value) is kind:
                    large = _value_kind(plain(value), found) or large
    return found, large


def _value_kind(value: Any, found: set[str]) -> bool:
    """Add the kind of one plain value to ``found``; return whether it is an integer beyond 32 bits."""
    if value is None:
        return False
    if isinstance(value, bool):
        found.add("boolean")
    elif isinstance(value, int):
        found.add("integer")
        return not -_INT32 <= value < _INT32
    elif isinstance(value, float):
        found.add("double")
    else:
        found.add("string")
    return False


def text_columns(records: list[dict[str, Any]], types: dict[str, str]) -> dict[str, list[str | None]]:
    """Return each attribute's values as text, one list per key in the order of ``records``.

    A value is ``formatter(kind)(value)``; ``None`` where a record has no value of the key,
    or one its type cannot hold. The writers format each column once this way instead of
    one value at a time per node or edge.

    Examples
    --------
    >>> text_columns([{"a": 1, "b": ("x", "y")}, {"a": None}], {"a": "integer", "b": "string"})
    {'a': ['1', None], 'b': ['x;y', None]}
    """
    values = columns(records, types)
    return {key: _column_texts(values[key], kind) for key, kind in types.items()}


def _column_texts(values: Sequence[Any], kind: str) -> list[str | None]:
    """One column's values as :func:`formatter` gives them, with a short path for the common types."""
    fmt = formatter(kind)
    if kind in ("integer", "long"):
        return [None if value is None else str(value) if type(value) is int else fmt(value) for value in values]
    if kind != "string":
        return [None if value is None else fmt(value) for value in values]
    # Strings are themselves unless they hold a character XML forbids: one search over the
    # whole column tells, instead of one per value.
    texts = [value if value is None or type(value) is str else fmt(value) for value in values]
    if _XML_ILLEGAL.search("".join([value for value in values if type(value) is str])) is None:
        return texts
    return [None if value is None else fmt(value) for value in values]


def formatter(kind: str) -> Callable[[Any], str | None]:
    """Return a function that does ``format_value(value, kind)``, faster for plain values.

    The writers call it once per value of every node and edge, so the common Python
    types take a short path; anything else goes through :func:`format_value`.

    Examples
    --------
    >>> formatter("double")(3), formatter("integer")(True), formatter("string")(("a", "b"))
    ('3.0', '1', 'a;b')
    """
    if kind in ("integer", "long"):
        def integer(value: Any) -> str | None:
            return str(value) if type(value) is int else format_value(value, kind)
        return integer
    if kind == "double":
        def double(value: Any) -> str | None:
            if type(value) is float:
                return repr(value) if math.isfinite(value) else None
            return repr(float(value)) if type(value) is int else format_value(value, kind)
        return double
    if kind == "string":
        def string(value: Any) -> str | None:
            kind_of_value = type(value)
            if kind_of_value is tuple:
                try:  # a tuple of strings (project IRIs, roles): join it directly
                    value = ";".join(value)
                except TypeError:
                    return format_value(value, kind)
                kind_of_value = str
            if kind_of_value is str:
                return value if _XML_ILLEGAL.search(value) is None else clean_text(value)
            return format_value(value, kind)
        return string
    return lambda value: format_value(value, kind)


def format_value(value: Any, kind: str) -> str | None:
    """Return the text of ``value`` as an attribute of type ``kind`` (``None``: no value).

    Examples
    --------
    >>> format_value(True, "boolean"), format_value(3, "double"), format_value(2, "string")
    ('true', '3.0', '2')
    """
    value = plain(value)
    if value is None:
        return None
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("integer", "long"):
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return str(value)


def typed_value(value: Any, kind: str) -> Any:
    """Return ``value`` as the Python type of ``kind`` (for writers that take objects)."""
    value = plain(value)
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind in ("integer", "long"):
        return int(value)
    if kind == "double":
        return float(value)
    return str(value)
