"""One HTTP client with one retry policy, for every part of esfgraph that talks HTTP.

``esfgraph fetch`` (project pages), the SPARQL endpoint client (``query --endpoint``)
and ``esfgraph push`` (Graph Store uploads) send their requests through
:class:`HttpClient`: one :class:`requests.Session` whose attempts tenacity retries
under one :class:`RetryPolicy`:

- what is retried: the answers in :data:`RETRY_STATUS`, time-outs, and refused,
  reset or dropped connections (a TLS failure is not: it will not mend itself);
- how long to wait before the n-th retry (0-based): ``backoff * 2**n``, at most
  ``max_backoff``, times a random factor in [0.5, 1] when ``jitter`` is on (so that
  clients do not retry in step); a ``Retry-After`` header, in seconds or as an HTTP
  date, is a minimum;
- when to stop: after ``retries`` retries; at once when a server asks to wait longer
  than ``max_retry_after``; and when the next attempt would start after ``deadline``
  seconds (a query's time-out covers its retries).

Callers choose the numbers (a page fetch waits longer than an interactive query), never
the rules. Nothing here raises for network or HTTP trouble: :meth:`HttpClient.request`
returns an :class:`Exchange` holding the last answer or the last network error. This
module imports nothing else from esfgraph.

Examples
--------
>>> policy = RetryPolicy(retries=2, backoff=0.5)
>>> [policy.backoff_for(n) for n in range(3)]
[0.5, 1.0, 2.0]
>>> parse_retry_after("7")
7.0
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import requests
import tenacity

__all__ = ["RETRY_STATUS", "RetryPolicy", "Exchange", "HttpClient", "parse_retry_after"]

#: Answers that mean "not now, try again": time-out, too early, too many requests, and
#: the server or a gateway failing or busy. The one list every caller retries.
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})

_TRANSIENT = (requests.exceptions.Timeout, requests.exceptions.ConnectionError,
              requests.exceptions.ChunkedEncodingError)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Return the wait a ``Retry-After`` header asks for, in seconds.

    Parameters
    ----------
    value : str or None
        The header: delay-seconds (``"120"``) or an HTTP date
        (``"Wed, 21 Oct 2015 07:28:00 GMT"``).
    now : datetime, optional
        The current time (UTC), for dates; defaults to the clock.

    Returns
    -------
    float or None
        Seconds to wait (0 for a date in the past); None when absent or unreadable.

    Examples
    --------
    >>> parse_retry_after("3")
    3.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT",
    ...                   now=datetime(2015, 10, 21, 7, 28, tzinfo=timezone.utc))
    10.0
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry (the rules are fixed; see the module docstring).

    Parameters
    ----------
    retries : int
        Retries after the first attempt.
    backoff : float
        The first wait in seconds; it doubles with each retry.
    max_backoff : float
        Ceiling of one back-off.
    max_retry_after : float
        The longest ``Retry-After`` honoured; a server asking for more is not retried.
    jitter : bool
        Multiply each back-off by a random factor in [0.5, 1] ("equal jitter").
    deadline : float, optional
        No attempt starts later than this many seconds after the first.

    Raises
    ------
    ValueError
        A negative count or time.
    """

    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 120.0
    jitter: bool = False
    deadline: float | None = None

    def __post_init__(self) -> None:
        for label, value in (("backoff", self.backoff), ("max_backoff", self.max_backoff),
                             ("max_retry_after", self.max_retry_after), ("retries", self.retries)):
            if value < 0:
                raise ValueError(f"{label} must not be negative (got {value:g})")

    def backoff_for(self, retry: int, rng: random.Random | None = None) -> float:
        """The back-off before the ``retry``-th retry (0-based), jittered when asked."""
        ceiling = min(self.max_backoff, self.backoff * (2**retry))
        if not self.jitter:
            return ceiling
        # "Equal jitter": at least half the back-off, so that waits still grow.
        return ceiling * (0.5 + 0.5 * (rng or random).random())


@dataclass
class Exchange:
    """The end of one request, after its retries.

    Attributes
    ----------
    url : str
    status : int or None
        HTTP status of the last answer; None when no answer came.
    reason : str
        Its reason phrase (``Service Unavailable``).
    headers : Mapping[str, str]
        Headers of the last answer (case-insensitive).
    body : bytes
        Its body, as the caller's ``read`` function gave it.
    attempts : int
        Requests made.
    error : requests.RequestException or None
        The network error of the last attempt, when it got no answer.
    retry_after : float or None
        The wait the last answer asked for (``Retry-After``), in seconds.
    """

    url: str
    status: int | None = None
    reason: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    attempts: int = 0
    error: requests.RequestException | None = None
    retry_after: float | None = None

    @property
    def text(self) -> str:
        """The body as text (UTF-8, undecodable bytes replaced)."""
        return self.body.decode("utf-8", "replace")

    @property
    def timed_out(self) -> bool:
        """Whether the last attempt ended in a time-out."""
        return isinstance(self.error, requests.exceptions.Timeout) or "timed out" in str(self.error or "").lower()

    @property
    def transient(self) -> bool:
        """Whether the last attempt failed in a way worth retrying."""
        if self.error is not None:
            return isinstance(self.error, _TRANSIENT) and not isinstance(self.error, requests.exceptions.SSLError)
        return self.status in RETRY_STATUS


def _read_all(response: requests.Response) -> bytes:
    return response.content


class HttpClient:
    """Requests over one :class:`requests.Session`, retried under one :class:`RetryPolicy`.

    Parameters
    ----------
    policy : RetryPolicy
    session : requests.Session, optional
        Reused if given (and then not closed by :meth:`close`).
    headers : Mapping, optional
        Sent with every request (a User-Agent, credentials).
    seed : int, optional
        Seeds the jitter, for reproducible waits.
    sleep : callable
        Waits between attempts (tests pass a recorder).
    before_attempt : callable, optional
        Called with the URL before every attempt (``esfgraph fetch`` paces hosts there).

    Examples
    --------
    >>> with HttpClient(RetryPolicy(retries=0)) as client:
    ...     exchange = client.request("GET", "http://127.0.0.1:9/", timeout=1)
    >>> exchange.status is None, exchange.attempts, exchange.transient
    (True, 1, True)
    """

    def __init__(self, policy: RetryPolicy | None = None, *, session: requests.Session | None = None,
                 headers: Mapping[str, str] | None = None, seed: int | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 before_attempt: Callable[[str], None] | None = None) -> None:
        self.policy = policy or RetryPolicy()
        self.session = session or requests.Session()
        self.headers = dict(headers or {})
        self.requests_made = 0
        self.before_attempt = before_attempt
        self._own_session = session is None
        self._random = random.Random(seed)
        self._sleep = sleep

    def close(self) -> None:
        """Close the session if this client created it."""
        if self._own_session:
            self.session.close()

    def __enter__(self) -> "HttpClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def request(self, method: str, url: str, *, headers: Mapping[str, str] | None = None,
                data: bytes | Mapping[str, str] | None = None, timeout: float | tuple = 30.0,
                read: Callable[[requests.Response], bytes] = _read_all,
                follow_redirects: bool = False) -> Exchange:
        """Send one request, retried under the policy; never raises for HTTP trouble.

        Parameters
        ----------
        method, url : str
        headers : Mapping, optional
            Added to (and overriding) the client's headers.
        data : bytes or Mapping, optional
            The body (a mapping is sent form-encoded).
        timeout : float or (float, float)
            Seconds to wait for the connection and for each read.
        read : callable
            Turns a response into its body bytes, inside the attempt (so that a connection
            lost while reading is retried); an exception it raises ends the request.
        follow_redirects : bool
            Follow redirects as requests does; otherwise a 3xx is an answer (``esfgraph
            fetch`` follows them itself, to check each hop against robots.txt).

        Returns
        -------
        Exchange
        """
        exchange = Exchange(url)
        policy = self.policy
        stops = [tenacity.stop_after_attempt(policy.retries + 1),
                 lambda state: exchange.retry_after is not None and exchange.retry_after > policy.max_retry_after]
        if policy.deadline is not None:
            stops.append(tenacity.stop_before_delay(policy.deadline))
        retrying = tenacity.Retrying(
            sleep=self._sleep,
            stop=tenacity.stop_any(*stops),
            wait=lambda state: max(exchange.retry_after or 0.0,
                                   policy.backoff_for(state.attempt_number - 1, self._random)),
            retry=tenacity.retry_if_result(lambda done: done.transient),
            retry_error_callback=lambda state: state.outcome.result(),
        )
        sent = {**self.headers, **(headers or {})}
        return retrying(self._attempt, exchange, method, url,
                        {"headers": sent, "data": data, "timeout": timeout, "allow_redirects": follow_redirects},
                        read)

    def _attempt(self, exchange: Exchange, method: str, url: str, options: dict,
                 read: Callable[[requests.Response], bytes]) -> Exchange:
        if self.before_attempt is not None:
            self.before_attempt(url)
        self.requests_made += 1
        exchange.attempts += 1
        exchange.status, exchange.reason, exchange.headers, exchange.body = None, "", {}, b""
        exchange.error, exchange.retry_after = None, None
        try:
            with self.session.request(method, url, stream=True, verify=True, **options) as response:
                exchange.status, exchange.reason = response.status_code, response.reason or ""
                exchange.headers = response.headers
                exchange.retry_after = parse_retry_after(response.headers.get("Retry-After"))
                exchange.body = read(response)
        except requests.exceptions.RequestException as error:
            exchange.status, exchange.reason, exchange.headers, exchange.body = None, "", {}, b""
            exchange.error, exchange.retry_after = error, None
        return exchange
