"""Where a query's parameters stand: SELECT scopes, clauses, and the rules that make a
bound parameter mean what pyoxigraph's ``substitutions`` (SEP-0007) would make it mean.

A parameter is selected by the top-level query and by every subquery that uses it, and
is never assigned with ``AS``, listed in ``VALUES`` with other variables, tested with
``BOUND`` or the whole value of an ``AS``; so a library query means the same to anyone
who runs it through ``substitutions`` as to esfgraph, which writes the values in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import BindingError
from .tokens import Token, keyword, query_form, significant, tokenize

__all__ = ["Scope", "Occurrence", "analyse", "check_parameter_scopes", "check_scopes"]


@dataclass
class Scope:
    """One SELECT (the query or a subquery) and what it projects and groups by."""

    depth: int  # brace depth at which the SELECT keyword stands
    projected: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)  # (expr AS ?v) in the projection
    grouped: set[str] = field(default_factory=set)
    star: bool = False
    children: list["Scope"] = field(default_factory=list)  # directly nested subqueries

    def exports(self, name: str) -> bool:
        """Whether this (sub)query's result binds ``?name``."""
        return name in self.projected or (self.star and self.binds_inside(name))

    def binds_inside(self, name: str) -> bool:
        """Whether ``?name`` is bound in this query's WHERE by grouping or a subquery."""
        return name in self.grouped or self.children_export(name)

    def children_export(self, name: str) -> bool:
        return any(child.exports(name) for child in self.children)


@dataclass
class Occurrence:
    index: int  # position in the significant-token list
    name: str
    scopes: list[Scope]  # enclosing SELECT scopes, outermost first
    clause: str  # projection, body, group, order, having, values, template
    paren: int  # parenthesis depth within the clause
    after_as: bool
    in_bound: bool  # the argument of BOUND(...), which takes only a variable
    whole_value: bool  # the whole value of an AS: BIND(?p AS ?v), (?p AS ?v), COALESCE(?x, ?p) AS


@dataclass
class _State:
    """Where the walk through a query's tokens stands."""

    scopes: list[Scope] = field(default_factory=list)  # the enclosing SELECTs, outermost first
    created: list[Scope] = field(default_factory=list)  # every SELECT met so far
    depth: int = 0  # braces
    clause: str = "body"
    paren: int = 0
    previous: str = ""
    values_depth: int | None = None

    def keyword(self, word: str) -> bool:
        """Follow a clause keyword; return whether ``word`` was one."""
        if word == "SELECT":
            scope = Scope(self.depth)
            if self.scopes:
                self.scopes[-1].children.append(scope)
            self.scopes.append(scope)
            self.created.append(scope)
            self.clause, self.paren = "projection", 0
        elif word in ("ASK", "CONSTRUCT", "DESCRIBE") and self.depth == 0:
            self.clause = "template" if word == "CONSTRUCT" else "body"
        elif word == "WHERE" or (word == "FROM" and self.clause == "projection"):
            self.clause = "body"
        elif word == "BY" and self.previous in ("GROUP", "ORDER"):
            self.clause, self.paren = ("group" if self.previous == "GROUP" else "order"), 0
        elif word == "HAVING":
            self.clause, self.paren = "having", 0
        elif word in ("LIMIT", "OFFSET"):
            self.clause = "limit"
        elif word == "VALUES":
            self.clause, self.values_depth = "values", self.depth
        else:
            return False
        return True

    def punctuation(self, text: str) -> None:
        """Follow a brace or a parenthesis."""
        if text == "{":
            if self.clause in ("projection", "template"):
                self.clause = "body"
            self.depth += 1
        elif text == "}":
            self.depth -= 1
            while self.scopes and self.depth < self.scopes[-1].depth:
                self.scopes.pop()  # a subquery ends with the brace that closes it
            if self.clause == "values" and self.values_depth is not None and self.depth <= self.values_depth:
                self.clause, self.values_depth = "body", None
            elif self.clause in ("group", "order", "having", "limit"):
                self.clause = "body"
        elif text == "(":
            self.paren += 1
        elif text == ")":
            self.paren -= 1
        elif text == "*" and self.clause == "projection" and self.scopes and self.paren == 0:
            self.scopes[-1].star = True

    def variable(self, name: str) -> None:
        """Record what a variable does to the SELECT it stands in."""
        scope = self.scopes[-1] if self.scopes else None
        if scope is not None and self.clause == "projection":
            if self.previous == "AS":
                scope.assigned.add(name)
            elif self.paren == 0:
                scope.projected.add(name)
        if scope is not None and self.clause == "group" and self.paren == 0:
            scope.grouped.add(name)


def analyse(tokens: list[Token], names) -> tuple[list[Occurrence], list[Scope]]:
    """Find every occurrence of the variables ``names`` and the scope it stands in.

    Parameters
    ----------
    tokens : list of Token
        The query's significant tokens (see :func:`esfgraph.sparql.tokens.significant`).
    names : set of str
        Parameter variable names (without ``?``).

    Returns
    -------
    (occurrences, scopes)
        The occurrences, and every SELECT scope, outermost query first.
    """
    state = _State()
    occurrences: list[Occurrence] = []
    for index, token in enumerate(tokens):
        word = keyword(token)
        if not state.keyword(word):
            if token.kind == "var":
                name = token.text[1:]
                state.variable(name)
                if name in names:
                    in_bound = state.previous == "(" and index >= 2 and keyword(tokens[index - 2]) == "BOUND"
                    occurrences.append(Occurrence(index, name, list(state.scopes), state.clause, state.paren,
                                                  state.previous == "AS", in_bound, _whole_value(tokens, index)))
            else:
                state.punctuation(token.text)
        state.previous = word or token.text
    return occurrences, state.created


_VALUE_STARTS = {"BIND", "COALESCE", "SELECT", "DISTINCT", "REDUCED", "BY", ","}


def _whole_value(tokens: list[Token], index: int) -> bool:
    """Whether the variable at ``index`` is all there is before an ``AS`` (possibly in
    parentheses or as the last choice of COALESCE/IF). pyoxigraph 0.5's substitutions do
    not reach such a value (the new variable stays unbound), so the two ways of binding
    would disagree; the rule refuses it."""
    after = index + 1
    while after < len(tokens) and tokens[after].text == ")":
        after += 1
    if after >= len(tokens) or keyword(tokens[after]) != "AS":
        return False
    before = index - 1
    while before >= 0 and tokens[before].text == "(":
        before -= 1
    if before < 0:
        return False
    token = tokens[before]
    return (keyword(token) or token.text) in _VALUE_STARTS or token.kind == "var" or token.text in (")", "*")


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
    esfgraph.sparql.errors.BindingError: parameter ?o must be selected by the query: add it to SELECT (esfgraph drops parameter columns from the result)
    """
    names = set(names)
    if not names:
        return
    tokens = significant(tokenize(text))
    occurrences, created = analyse(tokens, names)
    check_scopes(tokens, occurrences, created, names, query_form(text))


def check_scopes(tokens: list[Token], occurrences: list[Occurrence], created: list[Scope], names,
                 form: str) -> None:
    """The rules of :func:`check_parameter_scopes`, on an analysed query (see :func:`analyse`)."""
    if form == "SELECT" and names:
        top = created[0]
        for name in sorted(names):
            if not (top.star or name in top.projected):
                raise BindingError(
                    f"parameter ?{name} must be selected by the query: add it to SELECT "
                    "(esfgraph drops parameter columns from the result)"
                )
    for occ in occurrences:
        _check_occurrence(tokens, occ)


def _check_occurrence(tokens: list[Token], occ: Occurrence) -> None:
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
