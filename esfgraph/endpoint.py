"""Remote SPARQL endpoints: settings, credentials, one request, the answer as rows.

:func:`run_remote` posts a query (parameters already bound, see :mod:`esfgraph.sparql`)
through esfgraph's one HTTP client (:mod:`esfgraph.runtime.http`): busy answers (429,
503...), time-outs and lost connections are retried under its one retry policy, within
the endpoint's time-out. The answer is read by pyoxigraph
(:func:`pyoxigraph.parse_query_results` for SPARQL results, :func:`pyoxigraph.parse`
for the RDF of CONSTRUCT and DESCRIBE).

Credentials come from the environment only, never from the command line:
``ESFGRAPH_ENDPOINT_USER`` and ``ESFGRAPH_ENDPOINT_PASSWORD`` (HTTP basic), or
``ESFGRAPH_ENDPOINT_TOKEN`` (a bearer token). They are never printed: every error
message passes through :meth:`Endpoint.redact`. TLS certificates are verified.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from .runtime.errors import EsfgraphError

__all__ = [
    "EndpointError",
    "Endpoint",
    "run_remote",
    "ENV_USER",
    "ENV_PASSWORD",
    "ENV_TOKEN",
    "DEFAULT_TIMEOUT",
    "QUERY_RETRIES",
]

ENV_USER = "ESFGRAPH_ENDPOINT_USER"
ENV_PASSWORD = "ESFGRAPH_ENDPOINT_PASSWORD"
ENV_TOKEN = "ESFGRAPH_ENDPOINT_TOKEN"

#: Seconds to wait for an endpoint's answer, retries included.
DEFAULT_TIMEOUT = 60.0
#: Retries of a query after a busy answer or a lost connection.
QUERY_RETRIES = 3


class EndpointError(EsfgraphError):
    """A remote endpoint could not be reached or refused the request (one line, no secrets)."""


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


_STATUS_TEXT = {
    400: "the endpoint rejected the query",
    401: f"not authorised (set {ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN})",
    404: "no SPARQL endpoint at this URL (Oxigraph: /query)",
    414: "request too long",
    500: "the endpoint failed",
}
_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "text/turtle, application/n-triples;q=0.9",
    "DESCRIBE": "text/turtle, application/n-triples;q=0.9",
    None: "application/sparql-results+json, text/turtle;q=0.9, application/n-triples;q=0.8",
}
_OBJECT_AT = re.compile(r"<[^<>]* object at 0x[0-9a-f]+>: ")
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _failure(endpoint: Endpoint, exchange) -> str:
    """A one-line description of a failed request, in the server's own words where it gave
    any, with every credential removed."""
    error = exchange.error
    if error is not None:
        if exchange.timed_out:
            return f"no answer within {endpoint.timeout:g} s"
        reason = error.args[0] if error.args else error
        reason = getattr(reason, "reason", reason)  # urllib3 wraps the cause
        text = _OBJECT_AT.sub("", " ".join(str(reason).split()))
        return f"cannot connect ({endpoint.redact(text)[:300]})"
    head = f"HTTP {exchange.status}: {_STATUS_TEXT[exchange.status]}" if exchange.status in _STATUS_TEXT \
        else f"HTTP {exchange.status} {exchange.reason}".rstrip()
    text = endpoint.redact(" ".join(exchange.text.split()))[:200]
    return f"{head}: {text}" if text else head


def run_remote(endpoint: Endpoint, text: str, form: str | None = None) -> tuple[list[str], list[tuple]]:
    """Run a bound query on a remote endpoint (an HTTP POST of the SPARQL protocol).

    Parameters
    ----------
    endpoint : Endpoint
    text : str
        A complete query (parameters already bound).
    form : str, optional
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``, to ask for the right format;
        without it the endpoint's answer says which it is.

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
    from .runtime.http import HttpClient, RetryPolicy  # requests: only when a query goes out

    policy = RetryPolicy(retries=QUERY_RETRIES, backoff=1.0, max_backoff=30.0, max_retry_after=30.0,
                         deadline=endpoint.timeout)
    headers = {"Accept": _ACCEPT.get(form, _ACCEPT[None]), **endpoint.auth_headers()}
    with HttpClient(policy) as client:
        exchange = client.request("POST", endpoint.url, headers=headers, data={"query": text},
                                  timeout=endpoint.timeout, follow_redirects=True)
    if exchange.error is not None or not 200 <= (exchange.status or 0) < 300:
        raise EndpointError(f"{endpoint.url}: {_failure(endpoint, exchange)}")
    return _answer(endpoint, exchange)


def _answer(endpoint: Endpoint, exchange) -> tuple[list[str], list[tuple]]:
    """The rows of an endpoint's answer, read by pyoxigraph as its Content-Type says."""
    media_type = exchange.headers.get("Content-Type", "").split(";")[0].strip()
    rdf = ox.RdfFormat.from_media_type(media_type) if media_type else None
    try:
        if rdf is not None:
            triples = list(ox.parse(exchange.body, rdf))
            return ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in triples]
        fmt = (ox.QueryResultsFormat.from_media_type(media_type) if media_type else None) \
            or ox.QueryResultsFormat.JSON
        answer = ox.parse_query_results(exchange.body, fmt)
    except (SyntaxError, ValueError) as error:
        kind = "RDF" if rdf is not None else "SPARQL results"
        raise EndpointError(f"{endpoint.url}: answer is not {kind} ({' '.join(str(error).split())[:200]})") from None
    if isinstance(answer, ox.QueryBoolean):
        return ["ask"], [(ox.Literal("true" if bool(answer) else "false", datatype=ox.NamedNode(XSD_BOOLEAN)),)]
    # tuple(solution) gives the values in the order of the variables, None where unbound.
    return [v.value for v in answer.variables], [tuple(solution) for solution in answer]
