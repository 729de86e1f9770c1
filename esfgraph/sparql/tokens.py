"""SPARQL text as tokens: the tokenizer, the query form, one RDF term's text.

The tokenizer knows strings, IRIs and comments (a ``?name`` inside a string is not a
variable); joining its tokens gives the text back, so a query is tokenized once
(:class:`esfgraph.sparql.binding.PreparedQuery`) and bound by replacing whole tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import BindingError

__all__ = ["Token", "tokenize", "significant", "keyword", "query_form", "form_of", "term_text", "term_tokens"]


@dataclass(frozen=True)
class Token:
    """One SPARQL token: ``kind`` is one of ``ws comment iri string var langtag word punct``."""

    kind: str
    text: str
    line: int


_VARCHARS = r"[\w\u00B7\u0300-\u036F\u203F\u2040]"
_TOKEN_PATTERNS = [
    ("ws", re.compile(r"\s+")),
    ("comment", re.compile(r"#[^\n\r]*")),
    ("iri", re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")),
    ("string", re.compile(r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""', re.S)),
    ("string", re.compile(r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''", re.S)),
    ("string", re.compile(r'"(?:[^"\\\n\r]|\\.)*"')),
    ("string", re.compile(r"'(?:[^'\\\n\r]|\\.)*'")),
    ("var", re.compile(r"[?$]" + _VARCHARS + "+")),
    ("langtag", re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")),
    # keywords, prefixed names, blank node labels, numbers, `a`
    ("word", re.compile(r"(?:[\w\-.:%]|\\[^\s])+")),
    ("punct", re.compile(r"\^\^|&&|\|\||<=|>=|!=|[^\s]")),
]


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens, comments and whitespace included.

    Parameters
    ----------
    text : str
        A SPARQL query.

    Returns
    -------
    list of Token
        Joining every token's ``text`` gives ``text`` back.

    Raises
    ------
    BindingError
        An unterminated string.

    Examples
    --------
    >>> [t.kind for t in tokenize('SELECT ?x { ?x ?p "a?b" }') if t.kind != "ws"]
    ['word', 'var', 'punct', 'var', 'var', 'string', 'punct']
    """
    return list(_tokenize(text))


# One alternation of every pattern, in order (the first that matches wins, as in a loop
# over them), so that each token is one C-level match; the triple-quoted strings keep
# their DOTALL flag in a scoped group.
_TOKEN_RE = re.compile("|".join(
    f"(?P<g{index}>" + (f"(?s:{pattern.pattern})" if pattern.flags & re.S else pattern.pattern) + ")"
    for index, (_kind, pattern) in enumerate(_TOKEN_PATTERNS)
))
_GROUP_KIND = {f"g{index}": kind for index, (kind, _pattern) in enumerate(_TOKEN_PATTERNS)}


def _tokenize(text: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    position, line = 0, 1
    match_at = _TOKEN_RE.match
    while position < len(text):
        match = match_at(text, position)
        kind, value = _GROUP_KIND[match.lastgroup], match.group(0)
        if kind != "string" and text[position] in "\"'":
            raise BindingError(f"unterminated string on line {line}")
        if kind == "word" and value.endswith("."):
            # `?s esf:p esf:o.`: the dot ends the triple (a local name never ends in one)
            value = value.rstrip(".") or "."
            kind = "word" if value != "." else "punct"
        tokens.append(Token(kind, value, line))
        line += value.count("\n")
        position += len(value)
    return tuple(tokens)


def significant(tokens) -> list[Token]:
    """The tokens that carry meaning: no whitespace, no comments."""
    return [t for t in tokens if t.kind not in ("ws", "comment")]


def keyword(token: Token) -> str:
    """The upper-cased text of a word token (a keyword), or ``""``."""
    return token.text.upper() if token.kind == "word" else ""


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def query_form(text: str) -> str:
    """Return ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` for a query.

    Raises
    ------
    BindingError
        The text is a SPARQL update or no query at all.

    Examples
    --------
    >>> query_form("PREFIX x: <http://x/> # a comment\\nASK { ?s ?p ?o }")
    'ASK'
    """
    return form_of(significant(tokenize(text)))


def form_of(tokens: list[Token]) -> str:
    """:func:`query_form` of a query's significant tokens."""
    for token in tokens:
        word = keyword(token)
        if word in _FORMS:
            return word
        if word in _UPDATES:
            raise BindingError(f"this is a SPARQL update ({word}); only queries can be run")
    raise BindingError("no SELECT, ASK, CONSTRUCT or DESCRIBE found")


def term_text(term: ox.NamedNode | ox.Literal) -> str:
    """Return the SPARQL text of one RDF term (an IRI or a literal, fully written out).

    Parameters
    ----------
    term : pyoxigraph.NamedNode or pyoxigraph.Literal

    Returns
    -------
    str
        ``<iri>``, ``"text"``, ``"text"@lang`` or ``"lexical"^^<datatype>``; pyoxigraph
        escapes quotes, backslashes and control characters.

    Raises
    ------
    BindingError
        Not an IRI or a literal (blank nodes cannot be parameters).

    Examples
    --------
    >>> term_text(ox.Literal('say "hi"'))
    '"say \\\\"hi\\\\""'
    """
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    raise BindingError(f"only IRIs and literals can be parameter values, not {type(term).__name__}")


def term_tokens(term) -> list[Token]:
    """The tokens of one parameter value, proved to be exactly one RDF term (tokenizing
    the value's own short text, never the bound query)."""
    tokens = significant(tokenize(term_text(term)))
    shape = [t.kind for t in tokens]
    if shape not in (["iri"], ["string"], ["string", "langtag"], ["string", "punct", "iri"]):
        raise BindingError(f"value {term_text(term)[:40]!r} does not serialise to a single RDF term")
    if shape == ["string", "punct", "iri"] and tokens[1].text != "^^":
        raise BindingError("value does not serialise to a single RDF term")
    return tokens
