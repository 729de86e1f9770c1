"""A query prepared once: tokenized, its parameter defaults blanked, its parameters found;
then bound as many times as wanted by writing RDF terms in the place of variable tokens.

A remote endpoint only takes query text, so :meth:`PreparedQuery.bind` writes each value
into the query as one RDF term, in the place of the parameter variable, with the meaning
pyoxigraph's ``substitutions`` (SEP-0007) would give it. The embedded store gets the same
bound text (Oxigraph then plans with the constants: up to 15 times faster than
substituting after planning), so both paths run the very same query:

* values are serialised by pyoxigraph (N-Triples escaping for literals; IRIs are
  validated by :class:`pyoxigraph.NamedNode`, which rejects ``<>"{}|^`\\`` and spaces),
  and each value's own text is proved to be exactly one term
  (:func:`esfgraph.sparql.tokens.term_tokens`);
* only whole variable tokens are replaced, found once by the tokenizer, which knows
  strings, IRIs and comments (a ``?name`` inside a string is not a variable); a value is
  never pasted where it could join the next token;
* a projected parameter becomes ``(TERM AS ?name)`` so that the column keeps its name;
  in ``GROUP BY`` likewise, in ``ORDER BY`` ``(TERM)``;
* the scoping rules of :mod:`esfgraph.sparql.scopes` hold, or preparing fails.

A library query writes each parameter's default in a ``VALUES`` block of its own so that
it runs as printed on any SPARQL 1.1 engine; preparing blanks those blocks (spaces,
newlines kept, so that every other token keeps its line and column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .ordering import OrderBy, final_order
from .scopes import analyse, check_scopes
from .tokens import Token, form_of, keyword, term_text, term_tokens, tokenize

__all__ = ["PreparedQuery", "bind_parameters", "strip_parameter_values"]


@dataclass(frozen=True)
class _Slot:
    """Where a parameter stands, and how a term is written there."""

    position: int  # index in the query's tokens
    name: str
    shape: str  # "term", "named" (TERM AS ?v), "paren" ((TERM))


class PreparedQuery:
    """A query tokenized and analysed once, ready to be bound any number of times.

    Parameters
    ----------
    text : str
        The query as written.
    parameters : iterable of str
        Parameter variable names (without ``?``): their scopes are checked.
    blank_defaults : bool
        Blank the ``VALUES`` blocks that list parameters only (their written defaults).

    Attributes
    ----------
    text : str
        The text as given.
    bindable : str
        The text without the parameters' ``VALUES`` blocks.
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    order : OrderBy or None
        The final ``ORDER BY`` that Python can do (see :func:`esfgraph.sparql.order_keys`).

    Raises
    ------
    BindingError
        An update, no query, an unterminated string, or a parameter that breaks a
        scoping rule.

    Examples
    --------
    >>> query = PreparedQuery("SELECT ?s ?o WHERE { VALUES ?o { 1 } ?s ?p ?o }", ["o"])
    >>> query.bind({"o": ox.Literal("x")})
    'SELECT ?s ("x" AS ?o) WHERE {                 ?s ?p "x" }'
    """

    def __init__(self, text: str, parameters=(), *, blank_defaults: bool = True) -> None:
        names = frozenset(parameters)
        self.text = text
        self.tokens = tokenize(text)
        if blank_defaults:
            self.tokens = _blank_parameter_values(self.tokens, names)
        self.bindable = "".join(t.text for t in self.tokens) if self.tokens else text
        positions = [i for i, t in enumerate(self.tokens) if t.kind not in ("ws", "comment")]
        meaningful = [self.tokens[i] for i in positions]
        self.form = form_of(meaningful)
        occurrences, scopes = analyse(meaningful, names)
        check_scopes(meaningful, occurrences, scopes, names, self.form)
        self._slots = [_Slot(positions[o.index], o.name, _shape(o)) for o in occurrences]
        self.order = final_order(self.tokens, positions, self.form)

    def bind(self, bindings: dict[str, ox.NamedNode | ox.Literal], *, ordered: bool = False) -> str:
        """Return the query with each bound parameter replaced by its RDF term.

        Parameters
        ----------
        bindings : dict
            Variable name (no ``?``) -> pyoxigraph term. Variables not in ``bindings``
            stay as they are (an optional parameter left unbound).
        ordered : bool
            Leave out the final ``ORDER BY`` that :attr:`order` describes (the caller
            sorts the rows), when :meth:`python_order` says Python can do it.

        Raises
        ------
        BindingError
            A value that is not one IRI or literal.
        """
        order = self.python_order(bindings) if ordered else None
        end = order.cut if order is not None else len(self.tokens)
        written = {slot.position: _written(slot, bindings[slot.name]) for slot in self._slots
                   if slot.name in bindings and slot.position < end}
        if not written and order is None:
            return self.bindable
        pieces = []
        for position, token in enumerate(self.tokens[:end]):
            pieces.append(written.get(position, token.text))
            if position in written and position + 1 < len(self.tokens) and _joins(self.tokens[position + 1]) \
                    and written[position][-1] not in ")>":
                pieces.append(" ")
        text = "".join(pieces)
        return text.rstrip() + "\n" if order is not None else text

    def python_order(self, bindings=()) -> OrderBy | None:
        """The final ``ORDER BY`` when Python can do it: by selected variables, none of
        them a bound parameter (ordering by a constant is left to the engine)."""
        if self.order is None or any(name in bindings for name, _ in self.order.keys):
            return None
        return self.order


def _shape(occurrence) -> str:
    """How a term is written where ``occurrence`` stands: a selected or grouped parameter
    keeps its name (``(TERM AS ?v)``) unless the scope already binds ``?v`` (grouped by
    it, or a subquery selects it)."""
    scope = occurrence.scopes[-1] if occurrence.scopes else None
    if occurrence.clause == "projection" and occurrence.paren == 0:
        return "term_var" if scope is not None and scope.binds_inside(occurrence.name) else "named"
    if occurrence.clause == "group" and occurrence.paren == 0:
        return "term_var" if scope is not None and scope.children_export(occurrence.name) else "named"
    if occurrence.clause == "order" and occurrence.paren == 0:
        return "paren"
    return "term"


def _written(slot: _Slot, term) -> str:
    term_tokens(term)  # one IRI or literal, or BindingError
    text = term_text(term)
    if slot.shape == "term_var":
        return "?" + slot.name
    if slot.shape == "named":
        return f"({text} AS ?{slot.name})"
    if slot.shape == "paren":
        return f"({text})"
    return text


def _joins(token: Token) -> bool:
    """Whether ``token`` would run on from a term written just before it (``?x-1`` bound
    to ``"a"@en`` would read ``@en-1`` as one language tag)."""
    return token.kind in ("word", "langtag", "var")


def bind_parameters(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``text`` with each parameter variable replaced by its RDF term.

    Parameters
    ----------
    text : str
        The query.
    bindings : dict
        Variable name (no ``?``) -> pyoxigraph term.

    Returns
    -------
    str
        The bound query: the same tokens, comments and layout, with each occurrence of
        a bound variable replaced by one term (``(TERM AS ?v)`` where it is selected).

    Raises
    ------
    BindingError
        The parameters break a scoping rule (see :func:`esfgraph.sparql.check_parameter_scopes`),
        or a value is not one RDF term.

    Examples
    --------
    >>> bind_parameters("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
    'SELECT ?s ("x" AS ?o) WHERE { ?s ?p "x" }'
    """
    if not bindings:
        return text
    return PreparedQuery(text, bindings, blank_defaults=False).bind(bindings)


def strip_parameter_values(text: str, names) -> str:
    """Return ``text`` with every ``VALUES`` block of parameters only blanked out.

    The blocks become spaces (newlines kept), so every other token keeps its line and
    column for error messages. A ``VALUES`` block that lists any other variable stays.

    Examples
    --------
    >>> strip_parameter_values("SELECT ?n WHERE { VALUES ?n { 2 } ?s ?p ?n }", ["n"])
    'SELECT ?n WHERE {                 ?s ?p ?n }'
    """
    names = frozenset(names)
    if not names or "VALUES" not in text.upper():
        return text
    return "".join(t.text for t in _blank_parameter_values(tokenize(text), names))


def _blank_parameter_values(tokens: list[Token], names: frozenset) -> list[Token]:
    """The tokens with each ``VALUES`` block of parameters only turned into whitespace."""
    if not names:
        return tokens
    positions = [i for i, t in enumerate(tokens) if t.kind not in ("ws", "comment")]
    blanked = list(tokens)
    for number, index in enumerate(positions):
        if keyword(tokens[index]) != "VALUES":
            continue
        end = _values_block_end(tokens, positions, number)
        if end is None:
            continue
        listed = {tokens[i].text[1:] for i in positions[number:end + 1] if tokens[i].kind == "var"}
        if listed and listed <= names:
            for i in range(index, positions[end] + 1):
                blanked[i] = Token("ws", re.sub(r"[^\n]", " ", tokens[i].text), tokens[i].line)
    return blanked


def _values_block_end(tokens: list[Token], positions: list[int], number: int) -> int | None:
    """The position (in ``positions``) of the ``}`` that closes the VALUES block at ``number``."""
    depth = 0
    for later in range(number + 1, len(positions)):
        text = tokens[positions[later]].text
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0:
                return later
    return None
