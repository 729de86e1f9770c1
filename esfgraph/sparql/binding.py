"""Remote SPARQL endpoints: settings, credentials, safe parameter binding, HTTP.

A remote endpoint only takes query text, so :func:`bind_parameters` writes each value
into the query as one RDF term token, in the place of the parameter variable, with the
meaning pyoxigraph's ``substitutions`` (SEP-0007) would give it. The embedded store gets
the same bound text (Oxigraph then plans with the constants: up to 15 times faster than
substituting after planning), so both paths run the very same query:

* values are serialised by pyoxigraph (N-Triples escaping for literals; IRIs are
  validated by :class:`pyoxigraph.NamedNode`, which rejects ``<>"{}|^`\\`` and spaces);
* only whole variable tokens are replaced, found by a SPARQL tokenizer that knows
  strings, IRIs and comments (a ``?name`` inside a string is not a variable);
* a projected parameter becomes ``(TERM AS ?name)`` so that the column keeps its name;
  in ``GROUP BY`` likewise, in ``ORDER BY`` ``(TERM)``;
* the result is tokenized again and must equal the original token stream with each
  replaced variable swapped for the tokens of one term: if a value could change the
  structure of the query (close a string, open a group, add an operation), binding
  fails instead of sending it.

:func:`check_parameter_scopes` enforces the rules that make text binding mean the
same as substitution, so a library query means the same to anyone who runs it through
pyoxigraph's ``substitutions`` (a parameter is selected by the top-level query and by every
subquery that uses it, and is never assigned with ``AS`` or listed in ``VALUES``).

Credentials come from the environment only, never from the command line:
``ESFGRAPH_ENDPOINT_USER`` and ``ESFGRAPH_ENDPOINT_PASSWORD`` (HTTP basic), or
``ESFGRAPH_ENDPOINT_TOKEN`` (a bearer token). They are never printed: every error
message passes through :meth:`Endpoint.redact`. TLS certificates are verified.
"""

from __future__ import annotations

import ast
import base64
import html
import http.client
import json
import os
import re
import socket
import time
import urllib.error
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

__all__ = [
    "EndpointError",
    "BindingError",
    "Endpoint",
    "Token",
    "tokenize",
    "query_form",
    "check_parameter_scopes",
    "bind_parameters",
    "strip_parameter_values",
    "term_text",
    "run_remote",
    "ENV_USER",
    "ENV_PASSWORD",
    "ENV_TOKEN",
    "DEFAULT_TIMEOUT",
]

ENV_USER = "ESFGRAPH_ENDPOINT_USER"
ENV_PASSWORD = "ESFGRAPH_ENDPOINT_PASSWORD"
ENV_TOKEN = "ESFGRAPH_ENDPOINT_TOKEN"

#: Seconds to wait for an endpoint's answer.
DEFAULT_TIMEOUT = 60.0


class EndpointError(Exception):
    """A remote endpoint could not be reached or refused the request (one line, no secrets)."""


class BindingError(ValueError):
    """A parameter cannot be bound into this query (one line for the user)."""


# --------------------------------------------------------------------------- tokenizer

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


@lru_cache(maxsize=64)
def _tokenize(text: str) -> tuple[Token, ...]:
    # Cached: a query is tokenized several times on its way (form, scopes, binding).
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


def _significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("ws", "comment")]


def _keyword(token: Token) -> str:
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
    for token in _significant(tokenize(text)):
        keyword = _keyword(token)
        if keyword in _FORMS:
            return keyword
        if keyword in _UPDATES:
            raise BindingError(f"this is a SPARQL update ({keyword}); only queries can be run")
    raise BindingError("no SELECT, ASK, CONSTRUCT or DESCRIBE found")


# --------------------------------------------------------------------------- scopes

@dataclass
class _Scope:
    """One SELECT (the query or a subquery) and what it projects and groups by."""

    depth: int  # brace depth at which the SELECT keyword stands
    projected: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)  # (expr AS ?v) in the projection
    grouped: set[str] = field(default_factory=set)
    star: bool = False
    children: list["_Scope"] = field(default_factory=list)  # directly nested subqueries

    def exports(self, name: str) -> bool:
        """Whether this (sub)query's result binds ``?name``."""
        return name in self.projected or (self.star and self.binds_inside(name))

    def binds_inside(self, name: str) -> bool:
        """Whether ``?name`` is bound in this query's WHERE by grouping or a subquery."""
        return name in self.grouped or self.children_export(name)

    def children_export(self, name: str) -> bool:
        return any(child.exports(name) for child in self.children)


@dataclass
class _Occurrence:
    index: int  # position in the significant-token list
    name: str
    scopes: list[_Scope]  # enclosing SELECT scopes, outermost first
    clause: str  # projection, body, group, order, having, values, template
    paren: int  # parenthesis depth within the clause
    after_as: bool
    in_bound: bool  # the argument of BOUND(...), which takes only a variable
    whole_value: bool  # the whole value of an AS: BIND(?p AS ?v), (?p AS ?v), COALESCE(?x, ?p) AS


def _analyse(tokens: list[Token], names: set[str]) -> tuple[list[_Occurrence], list[_Scope]]:
    """Find every occurrence of the variables ``names`` and the scope it stands in.

    Returns the occurrences and every SELECT scope, outermost query first.
    """
    scopes: list[_Scope] = []
    created: list[_Scope] = []
    occurrences: list[_Occurrence] = []
    depth = 0
    clause = "body"
    paren = 0
    previous = ""
    values_depth = None
    for index, token in enumerate(tokens):
        keyword = _keyword(token)
        text = token.text
        if keyword == "SELECT":
            scope = _Scope(depth)
            if scopes:
                scopes[-1].children.append(scope)
            scopes.append(scope)
            created.append(scope)
            clause, paren = "projection", 0
        elif keyword in ("ASK", "CONSTRUCT", "DESCRIBE") and depth == 0:
            clause = "template" if keyword == "CONSTRUCT" else "body"
        elif keyword == "WHERE" or (keyword == "FROM" and clause == "projection"):
            clause = "body"
        elif keyword == "BY" and previous in ("GROUP", "ORDER"):
            clause, paren = ("group" if previous == "GROUP" else "order"), 0
        elif keyword == "HAVING":
            clause, paren = "having", 0
        elif keyword in ("LIMIT", "OFFSET"):
            clause = "limit"
        elif keyword == "VALUES":
            clause, values_depth = "values", depth
        elif text == "{":
            if clause in ("projection", "template"):
                clause = "body"
            depth += 1
        elif text == "}":
            depth -= 1
            while scopes and depth < scopes[-1].depth:
                scopes.pop()  # a subquery ends with the brace that closes it
            if clause == "values" and values_depth is not None and depth <= values_depth:
                clause, values_depth = "body", None
            elif clause in ("group", "order", "having", "limit"):
                clause = "body"
        elif text == "(":
            paren += 1
        elif text == ")":
            paren -= 1
        elif token.kind == "var":
            name = text[1:]
            scope = scopes[-1] if scopes else None
            if scope is not None and clause == "projection":
                if previous == "AS":
                    scope.assigned.add(name)
                elif paren == 0:
                    scope.projected.add(name)
            if scope is not None and clause == "group" and paren == 0:
                scope.grouped.add(name)
            if name in names:
                in_bound = previous == "(" and index >= 2 and _keyword(tokens[index - 2]) == "BOUND"
                occurrences.append(_Occurrence(index, name, list(scopes), clause, paren, previous == "AS",
                                               in_bound, _whole_value(tokens, index)))
        elif text == "*" and clause == "projection" and scopes and paren == 0:
            scopes[-1].star = True
        previous = keyword or text
    return occurrences, created


_VALUE_STARTS = {"BIND", "COALESCE", "SELECT", "DISTINCT", "REDUCED", "BY", ","}


def _whole_value(tokens: list[Token], index: int) -> bool:
    """Whether the variable at ``index`` is all there is before an ``AS`` (possibly in
    parentheses or as the last choice of COALESCE/IF). pyoxigraph 0.5's substitutions do
    not reach such a value (the new variable stays unbound), so the two ways of binding
    would disagree; the rule refuses it."""
    after = index + 1
    while after < len(tokens) and tokens[after].text == ")":
        after += 1
    if after >= len(tokens) or _keyword(tokens[after]) != "AS":
        return False
    before = index - 1
    while before >= 0 and tokens[before].text == "(":
        before -= 1
    if before < 0:
        return False
    token = tokens[before]
    return (_keyword(token) or token.text) in _VALUE_STARTS or token.kind == "var" or token.text in (")", "*")


def check_parameter_scopes(text: str, names) -> None:
    """Check that the parameters ``names`` can be bound in ``text`` the same way everywhere.

    Parameters
    ----------
    text : str
        The query.
    names : iterable of str
        Parameter variable names (without ``?``).

    Raises
    ------
    BindingError
        A SELECT query does not select a parameter (pyoxigraph binds only selected
        variables), a subquery uses a parameter it does not select (it would be a
        different, unbound variable there), a parameter is assigned with ``AS``, listed
        in ``VALUES``, tested with ``BOUND``, or is the whole value of an ``AS``
        (``BIND(?p AS ?v)``: pyoxigraph 0.5 substitutions leave ``?v`` unbound).

    Examples
    --------
    >>> check_parameter_scopes("SELECT ?s ?o WHERE { ?s ?p ?o }", ["o"])
    >>> check_parameter_scopes("SELECT ?s WHERE { ?s ?p ?o }", ["o"])
    Traceback (most recent call last):
    ...
    esfgraph.endpoint.BindingError: parameter ?o must be selected by the query: add it to SELECT (esfgraph drops parameter columns from the result)
    """
    names = set(names)
    if not names:
        return
    tokens = _significant(tokenize(text))
    occurrences, created = _analyse(tokens, names)
    if query_form(text) == "SELECT":
        top = created[0]
        for name in sorted(names):
            if not (top.star or name in top.projected):
                raise BindingError(
                    f"parameter ?{name} must be selected by the query: add it to SELECT "
                    "(esfgraph drops parameter columns from the result)"
                )
    for occ in occurrences:
        if occ.after_as:
            raise BindingError(f"parameter ?{occ.name} cannot be assigned with AS (line {tokens[occ.index].line})")
        if occ.whole_value:
            raise BindingError(
                f"parameter ?{occ.name} cannot be the whole value of an AS (line {tokens[occ.index].line}): "
                f"pyoxigraph's substitution leaves the new variable unbound; use ?{occ.name} itself where needed"
            )
        if occ.in_bound:
            raise BindingError(
                f"parameter ?{occ.name} cannot be tested with BOUND() (line {tokens[occ.index].line}); "
                f"write COALESCE(?{occ.name}, true) = true to test for an omitted parameter"
            )
        if occ.clause == "values":
            raise BindingError(
                f"parameter ?{occ.name} cannot be listed in VALUES with other variables (line "
                f"{tokens[occ.index].line}); a VALUES block of parameters only holds their defaults"
            )
        for scope in occ.scopes[1:]:
            if not (scope.star or occ.name in scope.projected):
                raise BindingError(
                    f"parameter ?{occ.name} is used inside a subquery that does not select it "
                    f"(line {tokens[occ.index].line}); add ?{occ.name} to that subquery's SELECT"
                )


# --------------------------------------------------------------------------- written defaults

def strip_parameter_values(text: str, names) -> str:
    """Return ``text`` with every ``VALUES`` block of parameters only blanked out.

    A library query writes its parameters' defaults as ``VALUES`` blocks (``UNDEF`` for
    an optional parameter), so that it runs unchanged on any SPARQL 1.1 engine. esfgraph
    removes those blocks and binds each parameter as a constant instead (see
    :func:`bind_parameters`): the same meaning, and Oxigraph plans with the constants.
    The blocks become spaces (newlines kept), so every other token keeps its line and
    column for error messages. A ``VALUES`` block that lists any other variable stays.

    Parameters
    ----------
    text : str
        The query.
    names : iterable of str
        Parameter variable names (without ``?``).

    Returns
    -------
    str

    Examples
    --------
    >>> strip_parameter_values("SELECT ?n WHERE { VALUES ?n { 2 } ?s ?p ?n }", ["n"])
    'SELECT ?n WHERE {                 ?s ?p ?n }'
    """
    return _strip_parameter_values(text, frozenset(names))


@lru_cache(maxsize=64)
def _strip_parameter_values(text: str, names: frozenset) -> str:
    if not names or "VALUES" not in text.upper():
        return text
    tokens = tokenize(text)
    offsets, position = [], 0
    for token in tokens:
        offsets.append(position)
        position += len(token.text)
    significant = [i for i, t in enumerate(tokens) if t.kind not in ("ws", "comment")]
    spans = []
    for number, index in enumerate(significant):
        if _keyword(tokens[index]) != "VALUES":
            continue
        end = _values_block_end(tokens, significant, number)
        if end is None:
            continue
        listed = {tokens[i].text[1:] for i in significant[number:end + 1] if tokens[i].kind == "var"}
        if listed and listed <= names:
            spans.append((offsets[index], offsets[significant[end]] + 1))
    if not spans:
        return text
    pieces, last = [], 0
    for start, stop in spans:
        pieces.append(text[last:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:stop]))
        last = stop
    pieces.append(text[last:])
    return "".join(pieces)


def _values_block_end(tokens: list[Token], significant: list[int], number: int) -> int | None:
    """The position (in ``significant``) of the ``}`` that closes the VALUES block at ``number``."""
    depth = 0
    for later in range(number + 1, len(significant)):
        text = tokens[significant[later]].text
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0:
                return later
    return None


# --------------------------------------------------------------------------- binding

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


def _term_tokens(term) -> list[Token]:
    tokens = _significant(tokenize(term_text(term)))
    shape = [t.kind for t in tokens]
    if shape not in (["iri"], ["string"], ["string", "langtag"], ["string", "punct", "iri"]):
        raise BindingError(f"value {term_text(term)[:40]!r} does not serialise to a single RDF term")
    if shape == ["string", "punct", "iri"] and tokens[1].text != "^^":
        raise BindingError("value does not serialise to a single RDF term")
    return tokens


def bind_parameters(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """Return ``text`` with each parameter variable replaced by its RDF term.

    Parameters
    ----------
    text : str
        The query.
    bindings : dict
        Variable name (no ``?``) -> pyoxigraph term. Variables not in ``bindings``
        stay as they are (an optional parameter left unbound).

    Returns
    -------
    str
        The bound query: the same tokens, comments and layout, with each occurrence of
        a bound variable replaced by one term (``(TERM AS ?v)`` where it is selected).

    Raises
    ------
    BindingError
        The parameters break a scoping rule (see :func:`check_parameter_scopes`), or
        the bound text does not tokenize to the expected token stream.

    Examples
    --------
    >>> bind_parameters("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
    'SELECT ?s ("x" AS ?o) WHERE { ?s ?p "x" }'
    """
    if not bindings:
        return text
    check_parameter_scopes(text, bindings)
    all_tokens = tokenize(text)
    significant_positions = [i for i, t in enumerate(all_tokens) if t.kind not in ("ws", "comment")]
    significant = [all_tokens[i] for i in significant_positions]
    occurrences, _ = _analyse(significant, set(bindings))
    replacements: dict[int, tuple[str, list[Token]]] = {}
    for occ in occurrences:
        term = _term_tokens(bindings[occ.name])
        written = term_text(bindings[occ.name])
        var = Token("var", "?" + occ.name, 0)
        scope = occ.scopes[-1] if occ.scopes else None
        open_, close, as_ = Token("punct", "(", 0), Token("punct", ")", 0), Token("word", "AS", 0)
        # A selected or grouped parameter keeps its name: `(TERM AS ?v)`, unless the
        # scope already binds ?v (grouped by it, or a subquery selects it).
        named = ([var], var.text), ([open_, *term, as_, var, close], f"({written} AS {var.text})")
        if occ.clause == "projection" and occ.paren == 0:
            new, text_ = named[0] if scope is not None and scope.binds_inside(occ.name) else named[1]
        elif occ.clause == "group" and occ.paren == 0:
            new, text_ = named[0] if scope is not None and scope.children_export(occ.name) else named[1]
        elif occ.clause == "order" and occ.paren == 0:
            new, text_ = [open_, *term, close], f"({written})"
        else:
            new, text_ = term, written
        replacements[significant_positions[occ.index]] = (text_, new)
    pieces: list[str] = []
    expected: list[tuple[str, str]] = []
    for position, token in enumerate(all_tokens):
        if position in replacements:
            written, new = replacements[position]
            pieces.append(written)
            expected.extend((t.kind, t.text) for t in new)
        else:
            pieces.append(token.text)
            if token.kind not in ("ws", "comment"):
                expected.append((token.kind, token.text))
    bound = "".join(pieces)
    # Proof that no value changed the query: the bound text must tokenize to exactly
    # the original tokens with each variable swapped for its term's tokens.
    actual = [(t.kind, t.text) for t in _significant(tokenize(bound))]
    if actual != expected:
        raise BindingError("a parameter value would change the structure of the query; refusing to send it")
    return bound


# --------------------------------------------------------------------------- endpoint

@dataclass
class Endpoint:
    """A remote SPARQL endpoint and how to reach it.

    Parameters
    ----------
    url : str
        The endpoint URL (``http://localhost:7878/query`` for Oxigraph, ``.../sparql``
        elsewhere). Credentials in the URL are refused: use the environment.
    timeout : float
        Seconds to wait for an answer.
    user, password, token : str, optional
        Normally taken from the environment by :meth:`from_env`.
    """

    url: str
    timeout: float = DEFAULT_TIMEOUT
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError(f"{self.url!r} is not an http(s) URL")
        if parts.username or parts.password:
            raise EndpointError(
                f"credentials in the endpoint URL are refused; set {ENV_USER} and {ENV_PASSWORD} "
                f"(or {ENV_TOKEN}) in the environment instead"
            )

    @classmethod
    def from_env(cls, url: str, timeout: float = DEFAULT_TIMEOUT, environ=None) -> "Endpoint":
        """Return an endpoint whose credentials come from the environment variables.

        Parameters
        ----------
        url : str
        timeout : float
        environ : mapping, optional
            Defaults to :data:`os.environ`.

        Returns
        -------
        Endpoint

        Raises
        ------
        EndpointError
            The URL is not http(s) or carries credentials; a user without a password.

        Examples
        --------
        >>> Endpoint.from_env("http://localhost:7878/query", environ={}).url
        'http://localhost:7878/query'
        """
        env = os.environ if environ is None else environ
        user, password, token = env.get(ENV_USER), env.get(ENV_PASSWORD), env.get(ENV_TOKEN)
        if user and password is None:
            raise EndpointError(f"{ENV_USER} is set but {ENV_PASSWORD} is not")
        return cls(url, timeout=timeout, user=user or None, password=password, token=token or None)

    def with_path(self, path: str) -> "Endpoint":
        """Return a copy whose URL has ``path`` when the URL has none (Oxigraph's layout)."""
        parts = urlsplit(self.url)
        if parts.path not in ("", "/"):
            return self
        url = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
        return Endpoint(url, self.timeout, self.user, self.password, self.token)

    def auth_headers(self) -> dict[str, str]:
        """Return the ``Authorization`` header for the credentials (empty without any)."""
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user:
            pair = f"{self.user}:{self.password or ''}".encode("utf-8")
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        return {}

    def redact(self, text: str) -> str:
        """Return ``text`` with every credential (and its base64 form) replaced by ``***``."""
        secrets = [s for s in (self.password, self.token) if s]
        for header in self.auth_headers().values():
            secrets.append(header.split(" ", 1)[1])
        # Also the forms a secret takes when quoted as bytes or in a URL.
        secrets += [repr(s.encode("utf-8"))[2:-1] for s in list(secrets)]
        secrets += [quote(s, safe="") for s in list(secrets)]
        # And as a server's error page may echo them: HTML- or JSON-escaped.
        secrets += [html.escape(s) for s in list(secrets)]
        secrets += [json.dumps(s)[1:-1] for s in list(secrets)] + [json.dumps(s, ensure_ascii=False)[1:-1] for s in list(secrets)]
        for secret in sorted(set(secrets), key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


_HTTP_ERRORS = {
    "QueryBadFormed": "HTTP 400: the endpoint rejected the query",
    "Unauthorized": f"HTTP 401: not authorised (set {ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN})",
    "EndPointNotFound": "HTTP 404: no SPARQL endpoint at this URL (Oxigraph: /query)",
    "URITooLong": "HTTP 414: request too long",
    "EndPointInternalError": "HTTP 500: the endpoint failed",
}


def _error_text(endpoint: Endpoint, error: BaseException) -> str:
    """A one-line description of a failed request, built from the server's own words
    (SPARQLWrapper's messages quote the response as escaped bytes, which would defeat
    redaction), with every credential removed."""
    if isinstance(error, urllib.error.HTTPError):
        head = f"HTTP {error.code} {error.reason}"
        try:
            body = error.read()
        except OSError:
            body = b""
    else:
        head = _HTTP_ERRORS.get(type(error).__name__, type(error).__name__)
        body = b""
        message = str(error)
        if "Response:\n" in message:  # SPARQLWrapper keeps the body only as repr(bytes) in its message
            try:
                body = ast.literal_eval(message.split("Response:\n", 1)[1].strip())
            except (ValueError, SyntaxError):
                body = b""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = endpoint.redact(" ".join(text.split()))[:200]
    return f"{head}: {text}" if text else head


def _term_from_json(binding: dict | None):
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return ox.Literal(value, language=binding["xml:lang"])
        if binding.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise EndpointError(f"unexpected term type {kind!r} in the endpoint's answer")


#: Answers that mean "busy, try again": retried with back-off, like ``esfgraph push`` does.
RETRY_STATUS = frozenset({429, 502, 503, 504})
QUERY_RETRIES = 3
MAX_RETRY_WAIT = 30.0


def _query_with_retries(client, retries: int = QUERY_RETRIES, backoff: float = 1.0, sleep=time.sleep):
    """Send a SPARQLWrapper query; retry busy answers and dropped connections with back-off.

    ``Retry-After`` (seconds) is honoured up to ``MAX_RETRY_WAIT``. A refused connection
    or any other error is not retried: it will not mend itself in a few seconds.
    """
    for attempt in range(retries + 1):
        try:
            return client.query().response
        except urllib.error.HTTPError as error:
            if error.code not in RETRY_STATUS or attempt == retries:
                raise
            retry_after = (error.headers or {}).get("Retry-After", "")
            wait = float(retry_after) if retry_after.strip().isdigit() else backoff * 2**attempt
        except (ConnectionResetError, http.client.RemoteDisconnected):
            if attempt == retries:
                raise
            wait = backoff * 2**attempt
        sleep(min(wait, MAX_RETRY_WAIT))
    raise AssertionError("unreachable")


def run_remote(endpoint: Endpoint, text: str) -> tuple[list[str], list[tuple]]:
    """Run a bound query on a remote endpoint through SPARQLWrapper.

    Parameters
    ----------
    endpoint : Endpoint
    text : str
        A complete query (parameters already bound).

    Returns
    -------
    (columns, rows)
        For SELECT, the variables and rows of pyoxigraph terms (``None`` when unbound);
        for ASK, ``["ask"]`` and one boolean literal; for CONSTRUCT and DESCRIBE,
        ``["subject", "predicate", "object"]`` and one row per triple.

    Raises
    ------
    EndpointError
        Connection failure, timeout, HTTP error or an answer that is not SPARQL
        results; the message never contains credentials.
    """
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    form = query_form(text)
    client = SPARQLWrapper(endpoint.url)
    client.setQuery(text)
    client.queryType = form  # our tokenizer knows better than SPARQLWrapper's regex
    client.setMethod(POST)
    client.setOnlyConneg(True)  # ask for the format in the Accept header only, no extra parameters
    client.setTimeout(int(max(1, round(endpoint.timeout))))
    client.setReturnFormat(TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
    for name, value in endpoint.auth_headers().items():
        client.addCustomHttpHeader(name, value)
    try:
        response = _query_with_retries(client)
        payload = response.read()
        content_type = response.headers.get("Content-Type", "")
    except (socket.timeout, TimeoutError) as error:
        raise EndpointError(f"{endpoint.url}: no answer within {endpoint.timeout:g} s") from None
    except urllib.error.HTTPError as error:  # before URLError, its base class: an answer, not a lost connection
        raise EndpointError(f"{endpoint.url}: {_error_text(endpoint, error)}") from None
    except urllib.error.URLError as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise EndpointError(f"{endpoint.url}: no answer within {endpoint.timeout:g} s") from None
        raise EndpointError(f"{endpoint.url}: cannot connect ({endpoint.redact(str(reason))})") from None
    except Exception as error:  # SPARQLWrapper's own exceptions carry the response body
        raise EndpointError(f"{endpoint.url}: {_error_text(endpoint, error)}") from None
    if form in ("CONSTRUCT", "DESCRIBE"):
        fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.TURTLE
        try:
            triples = list(ox.parse(payload, fmt))
        except (SyntaxError, ValueError) as error:
            raise EndpointError(f"{endpoint.url}: answer is not RDF ({' '.join(str(error).split())[:200]})") from None
        return ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in triples]
    try:
        data = json.loads(payload)
    except ValueError:
        raise EndpointError(f"{endpoint.url}: answer is not SPARQL JSON results") from None
    if "boolean" in data:
        literal = ox.Literal("true" if data["boolean"] else "false",
                             datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
        return ["ask"], [(literal,)]
    columns = list(data.get("head", {}).get("vars", []))
    rows = [tuple(_term_from_json(b.get(c)) for c in columns) for b in data.get("results", {}).get("bindings", [])]
    return columns, rows
