"""RDF terms as Python values, and the datatypes that decide it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

__all__ = ["XSD", "INTEGER_TYPES", "NUMERIC_TYPES", "term_value"]

XSD = "http://www.w3.org/2001/XMLSchema#"

INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def term_value(term) -> Any:
    """Return a Python value for an RDF term.

    IRIs and blank nodes give their string, integers ``int``, ``xsd:decimal``
    :class:`~decimal.Decimal`, ``xsd:double``/``float`` ``float``, booleans ``bool``;
    every other literal its lexical form; ``None`` stays ``None``.

    Examples
    --------
    >>> term_value(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    3
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    datatype = term.datatype.value
    try:
        if datatype in INTEGER_TYPES:
            return int(term.value)
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
    except (ValueError, InvalidOperation):
        pass
    return term.value


NUMERIC_TYPES = INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}
