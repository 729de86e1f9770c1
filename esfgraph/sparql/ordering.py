"""The final ``ORDER BY`` of a query, done in Python where it can be (see :func:`order_keys`):
Oxigraph's on-disk store reads every compared term's text from disk while sorting."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from .terms import INTEGER_TYPES, NUMERIC_TYPES, XSD
from .tokens import Token, tokenize

__all__ = ["OrderBy", "order_keys", "final_order", "ordered_rows", "sorted_list"]


@dataclass(frozen=True)
class OrderBy:
    """A query's final ``ORDER BY`` of selected variables: the keys, the text without it,
    and where it starts (the index of its ``ORDER`` token)."""

    keys: tuple[tuple[str, bool], ...]  # (variable, descending)
    text: str
    cut: int = 0


def order_keys(text: str, bindings=None) -> OrderBy | None:
    """Return the final ``ORDER BY`` of a SELECT query when Python can sort by it.

    That is when it is the last clause and orders by variables the query selects,
    each bare or in ``ASC()``/``DESC()``, none of them a bound parameter; otherwise
    ``None`` (an expression, a ``LIMIT`` after it, ``SELECT *``...), and the engine sorts.

    Parameters
    ----------
    text : str
        The query.
    bindings : dict, optional
        Parameters that will be bound (ordering by a constant is left to the engine).

    Returns
    -------
    OrderBy or None

    Examples
    --------
    >>> order_keys("SELECT ?a ?n WHERE { ?a ?p ?n } ORDER BY DESC(?n) ?a").keys
    (('n', True), ('a', False))
    >>> order_keys("SELECT ?a WHERE { ?a ?p ?n } ORDER BY ?n") is None
    True
    """
    tokens = tokenize(text)
    order = final_order(tokens, [i for i, t in enumerate(tokens) if t.kind not in ("ws", "comment")])
    if order is None or any(name in (bindings or ()) for name, _ in order.keys):
        return None
    return order


def final_order(tokens: list[Token], positions: list[int], form: str | None = None) -> OrderBy | None:
    """The final ``ORDER BY`` of tokenized query (``positions``: its significant tokens),
    whatever is bound; see :func:`order_keys`."""
    words = [tokens[i].text.upper() if tokens[i].kind == "word" else tokens[i].text for i in positions]
    if "SELECT" not in words:
        return None
    depth, last_order = 0, None
    for position, word in enumerate(words):
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif word == "ORDER" and depth == 0 and position + 1 < len(words) and words[position + 1] == "BY":
            last_order = position
    if last_order is None:
        return None
    projected = _top_projection(words, [tokens[i] for i in positions])
    keys = _keys([tokens[i] for i in positions[last_order + 2:]])
    if projected is None or not keys or any(name not in projected for name, _ in keys):
        return None
    cut = positions[last_order]
    return OrderBy(tuple(keys), "".join(t.text for t in tokens[:cut]).rstrip() + "\n", cut)


def _keys(rest: list[Token]) -> list[tuple[str, bool]] | None:
    """The keys of an ``ORDER BY`` (its tokens after ``BY``): variables, bare or in
    ``ASC()``/``DESC()``; None for anything else."""
    keys: list[tuple[str, bool]] = []
    position = 0
    while position < len(rest):
        token = rest[position]
        direction = token.text.upper() if token.kind == "word" else ""
        if token.kind == "var":
            keys.append((token.text[1:], False))
            position += 1
        elif direction in ("ASC", "DESC") and [t.text for t in rest[position + 1:position + 4:2]] == ["(", ")"] \
                and rest[position + 2].kind == "var":
            keys.append((rest[position + 2].text[1:], direction == "DESC"))
            position += 4
        else:
            return None
    return keys


def _top_projection(words: list[str], tokens) -> set[str] | None:
    """The variables the top-level SELECT projects (bare or ``AS``); None for ``SELECT *``."""
    start = words.index("SELECT")
    names: set[str] = set()
    for word, token in zip(words[start + 1:], tokens[start + 1:]):
        if word in ("WHERE", "{", "FROM"):
            return names
        if word == "*":
            return None
        if token.kind == "var":
            names.add(token.text[1:])
    return names


def _order_value(term) -> tuple:
    """A sort key in SPARQL's order: unbound, blank nodes, IRIs, then literals
    (numbers by value, everything else by its text; other kinds apart, by datatype)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    datatype = term.datatype.value
    if datatype in NUMERIC_TYPES:
        try:
            number = int(term.value) if datatype in INTEGER_TYPES else Decimal(term.value)
            return (3, 0, "", number, "")
        except (ValueError, InvalidOperation):
            pass
    if term.language or datatype == XSD + "string":
        return (3, 1, "", 0, term.value)
    return (3, 2, datatype, 0, term.value)


def ordered_rows(rows: list[tuple], columns: list[str], keys: tuple[tuple[str, bool], ...]) -> list[tuple]:
    """Sort rows by ``keys``, whole rows breaking ties (Python's sort is stable: sort by
    the tie-breaker first, then by each key from the last to the first)."""
    positions = [columns.index(name) for name, _ in keys]
    decorated = [([_order_value(row[i]) for i in positions], row) for row in rows]
    if len({tuple(k) for k, _ in decorated}) < len(decorated):  # ties: order them by the whole row
        decorated.sort(key=lambda pair: [_order_value(t) for t in pair[1]])
    if not any(descending for _, descending in keys):  # one pass on the list of keys does
        decorated.sort(key=lambda pair: pair[0])     # what the passes below do, faster
    else:
        for number in reversed(range(len(keys))):
            decorated.sort(key=lambda pair: pair[0][number], reverse=keys[number][1])
    return [row for _, row in decorated]


def sorted_list(term):
    """Sort the items of a ``;``-separated list literal (a GROUP_CONCAT column)."""
    if not isinstance(term, ox.Literal) or ";" not in term.value:
        return term
    value = ";".join(sorted(term.value.split(";")))
    if term.language:
        return ox.Literal(value, language=term.language)
    return ox.Literal(value, datatype=term.datatype)


