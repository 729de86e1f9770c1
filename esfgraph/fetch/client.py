"""HTTP with manners: a User-Agent that says who we are, a pause per host, retries.

:class:`PoliteClient` makes one GET at a time through esfgraph's one HTTP client
(:class:`esfgraph.runtime.http.HttpClient`, over a :class:`requests.Session`):

- every request to a host waits until ``delay`` seconds have passed since the previous
  request to that host started (robots.txt requests and retries count too);
- busy and failing answers (:data:`~esfgraph.runtime.http.RETRY_STATUS`: 408, 425, 429,
  500, 502, 503, 504), time-outs and lost connections are retried at most
  ``max_retries`` times under the runtime's one retry policy, with jitter
  (``backoff * 2**attempt``, capped, times a random factor in [0.5, 1]); a
  ``Retry-After`` header (seconds or an HTTP date) is honoured as a minimum wait, and
  a server that asks for more than ``max_retry_after`` seconds is not retried at all;
- redirects are followed by hand, at most ``max_redirects``, so that each hop is
  checked by the caller's ``permit`` function (robots.txt) and paced like any request;
- bodies are read with a size limit, so a runaway answer cannot fill the disk.

Nothing here raises for network or HTTP trouble: :meth:`PoliteClient.get` returns an
:class:`HttpOutcome` whose ``error`` says what went wrong. Ctrl-C (KeyboardInterrupt)
passes straight through, also from inside a wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from .. import __version__
from ..runtime.http import RETRY_STATUS, Exchange, HttpClient, RetryPolicy, parse_retry_after

__all__ = [
    "PROJECT_URL",
    "DEFAULT_USER_AGENT",
    "MIN_DELAY",
    "HttpOutcome",
    "PoliteClient",
    "parse_retry_after",
    "host_key",
]

#: Where site owners can read what this client is and who runs it.
PROJECT_URL = "https://w3id.org/esfgraph"
#: The User-Agent sent by default: product token, version and a contact address.
DEFAULT_USER_AGENT = f"esfgraph/{__version__} (+{PROJECT_URL})"
#: The smallest pause between two requests to one host that callers get by default.
MIN_DELAY = 0.5

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass
class HttpOutcome:
    """The end of one GET, after retries and redirects.

    Attributes
    ----------
    url : str
        The address first requested.
    final_url : str
        The address of the last response (after redirects).
    status : int or None
        HTTP status of the last response; None when no response came.
    headers : Mapping[str, str]
        Headers of the last response (case-insensitive).
    body : bytes
        Its body (empty unless ``status`` is 2xx).
    attempts : int
        Requests made for this outcome, retries and redirect hops included.
    error : str or None
        Why the GET failed, in one line; None on any final HTTP answer that is not
        a retryable error (a 404 is an answer: ``error`` is None, ``status`` 404).
    blocked_url : str or None
        Set when ``permit`` refused an address (a redirect into a forbidden path).
    """

    url: str
    final_url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    attempts: int = 0
    error: str | None = None
    blocked_url: str | None = None


def host_key(url: str) -> str:
    """Return ``scheme://host:port`` of an address: the unit of pacing and robots.txt.

    Examples
    --------
    >>> host_key("https://www.esf.se/resultat/?dnr=1")
    'https://www.esf.se'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class _BodyTooLarge(Exception):
    pass


class PoliteClient:
    """A paced, retrying HTTP GET client over one :class:`requests.Session`.

    Parameters
    ----------
    user_agent : str
        Sent with every request; robots.txt rules are matched against its first word.
    delay : float
        Seconds between the starts of two requests to the same host.
    min_delay : float
        The politeness floor: ``delay`` below it raises ValueError. Tests against a
        local server pass ``min_delay=0``; users keep the default.
    timeout : float
        Seconds to wait for a connection and for each read.
    max_retries : int
        Retries after the first attempt, for 429, 5xx, time-outs and lost connections.
    backoff : float
        First back-off in seconds; it doubles with each retry.
    max_backoff : float
        Ceiling of one back-off.
    max_retry_after : float
        The longest ``Retry-After`` honoured; a longer one ends the retries.
    max_redirects : int
        Redirect hops followed per GET.
    max_bytes : int
        Largest body accepted.
    seed : int, optional
        Seeds the jitter, for reproducible waits.
    session : requests.Session, optional
        Reused if given (its headers are left alone; ours are sent per request).
    sleep, clock : callable, optional
        ``time.sleep`` and ``time.monotonic`` unless given.

    Raises
    ------
    ValueError
        On a negative or below-floor delay, or a negative count or time.

    Examples
    --------
    >>> client = PoliteClient(delay=1.0)                      # doctest: +SKIP
    >>> outcome = client.get("https://www.esf.se/robots.txt")  # doctest: +SKIP
    >>> outcome.status                                        # doctest: +SKIP
    200
    """

    def __init__(
        self,
        user_agent: str = DEFAULT_USER_AGENT,
        delay: float = 1.0,
        *,
        min_delay: float = MIN_DELAY,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff: float = 2.0,
        max_backoff: float = 60.0,
        max_retry_after: float = 120.0,
        max_redirects: int = 5,
        max_bytes: int = 20 * 1024 * 1024,
        seed: int | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if delay < min_delay:
            raise ValueError(
                f"delay {delay:g} s is below the politeness floor of {min_delay:g} s per host"
            )
        for label, value in (("timeout", timeout), ("backoff", backoff),
                             ("max_backoff", max_backoff), ("max_retry_after", max_retry_after)):
            if value < 0:
                raise ValueError(f"{label} must not be negative (got {value:g})")
        if timeout == 0:
            raise ValueError("timeout must be positive")
        if max_retries < 0 or max_redirects < 0 or max_bytes <= 0:
            raise ValueError("max_retries and max_redirects must be >= 0, max_bytes > 0")
        self.user_agent = user_agent
        self.delay = delay
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.max_bytes = max_bytes
        policy = RetryPolicy(retries=max_retries, backoff=backoff, max_backoff=max_backoff,
                             max_retry_after=max_retry_after, jitter=True)
        self._http = HttpClient(policy, session=session, seed=seed, sleep=sleep,
                                before_attempt=self._wait_for_turn)
        self.session = self._http.session
        self._sleep = sleep
        self._clock = clock
        self._last_start: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    @property
    def requests_made(self) -> int:
        """Requests made so far, retries, redirect hops and robots.txt included."""
        return self._http.requests_made

    # -- pacing -------------------------------------------------------------------

    def set_host_delay(self, url: str, seconds: float) -> None:
        """Pace the host of ``url`` at ``seconds`` (kept only if slower than ``delay``)."""
        self._host_delay[host_key(url)] = max(self.delay, seconds)

    def _wait_for_turn(self, url: str) -> None:
        host = host_key(url)
        last = self._last_start.get(host)
        if last is not None:
            remaining = last + self._host_delay.get(host, self.delay) - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last_start[host] = self._clock()

    # -- requests -----------------------------------------------------------------

    def close(self) -> None:
        """Close the session if this client created it."""
        self._http.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        permit: Callable[[str], bool] | None = None,
    ) -> HttpOutcome:
        """GET ``url`` politely: paced, retried, redirects followed.

        Parameters
        ----------
        url : str
            The address.
        headers : Mapping, optional
            Extra request headers (e.g. ``If-None-Match``).
        permit : callable, optional
            Called with each redirect target before it is requested; returning False
            stops there with ``blocked_url`` set.

        Returns
        -------
        HttpOutcome
            Never raises for HTTP or network trouble.
        """
        outcome = HttpOutcome(url=url, final_url=url)
        current = url
        for _hop in range(self.max_redirects + 1):
            self._get_once(current, headers, outcome)
            if outcome.error is not None or outcome.status not in _REDIRECTS:
                return outcome
            location = outcome.headers.get("Location")
            if not location:
                outcome.error = f"HTTP {outcome.status} redirect without a Location header"
                return outcome
            target = urljoin(current, location)
            if urlsplit(target).scheme not in ("http", "https"):
                outcome.error = f"redirect to a non-http address: {target}"
                return outcome
            if permit is not None and not permit(target):
                outcome.blocked_url = target
                return outcome
            current = target
        outcome.error = f"more than {self.max_redirects} redirects (last: {current})"
        return outcome

    def _get_once(
        self, url: str, headers: Mapping[str, str] | None, outcome: HttpOutcome
    ) -> None:
        """One hop: request ``url`` with retries; fill ``outcome`` in place."""
        request_headers = {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            **(headers or {}),
        }
        outcome.final_url = url
        try:
            exchange = self._http.request("GET", url, headers=request_headers, timeout=self.timeout,
                                          read=self._read_body)
        except _BodyTooLarge:
            outcome.status, outcome.headers, outcome.body = None, {}, b""
            outcome.attempts += 1
            outcome.error = f"body larger than {self.max_bytes} bytes"
            return
        outcome.attempts += exchange.attempts
        outcome.status, outcome.headers, outcome.body = exchange.status, exchange.headers, exchange.body
        outcome.error = _failure(exchange, self.timeout, self.max_retry_after)

    def _read_body(self, response: requests.Response) -> bytes:
        if not 200 <= response.status_code < 300:
            return b""
        chunks, size = [], 0
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise _BodyTooLarge
            chunks.append(chunk)
        return b"".join(chunks)


def _failure(exchange: Exchange, timeout: float, max_retry_after: float) -> str | None:
    """Why a GET failed, in one line; None for any answer that is not a retryable error."""
    error = exchange.error
    if error is None and exchange.status not in RETRY_STATUS:
        return None
    if isinstance(error, requests.exceptions.SSLError):
        return f"TLS error: {_first_line(error)}"
    if error is not None and not exchange.transient:
        return f"request failed: {_first_line(error)}"
    if error is None and exchange.retry_after is not None and exchange.retry_after > max_retry_after:
        return (f"HTTP {exchange.status}: server asked to wait {exchange.retry_after:.0f} s, "
                f"more than the limit of {max_retry_after:g} s")
    reason = _network_reason(error, timeout) if error is not None else f"HTTP {exchange.status}"
    return f"{reason} (gave up after {exchange.attempts} attempts)"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def _network_reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc).lower():
        return f"timed out after {timeout:g} s"
    return f"connection failed: {_first_line(exc)}"
