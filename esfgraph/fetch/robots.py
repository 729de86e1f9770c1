"""robots.txt: fetched once per host, asked before every request to that host.

Rules are parsed and matched by :class:`urllib.robotparser.RobotFileParser` (the
original robots.txt rules: first matching ``Allow``/``Disallow`` prefix wins; the
``*``/``$`` wildcards some crawlers understand are not). What the answer to
``GET /robots.txt`` means (RFC 9309, and ``RobotFileParser.read``'s conventions):

=====================  ============================================================
answer                 meaning
=====================  ============================================================
2xx                    the file's rules apply to our product token (``esfgraph``)
401, 403               everything on the host is off limits
other 4xx (404...)     no rules: everything is allowed
5xx, no answer         the host cannot be crawled now; its pages fail (not
                       "disallowed") so that a later run tries them again
=====================  ============================================================

A ``Crawl-delay`` for our agent slows the pacing of that host (up to
:data:`MAX_CRAWL_DELAY` seconds between requests), never speeds it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

from .client import PoliteClient, host_key

__all__ = ["MAX_CRAWL_DELAY", "RobotsVerdict", "RobotsCache"]

#: The longest Crawl-delay honoured, in seconds (a larger one is taken as this).
MAX_CRAWL_DELAY = 60.0

_MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: parse at least the first 500 KiB


@dataclass(frozen=True)
class RobotsVerdict:
    """Whether an address may be fetched.

    Attributes
    ----------
    allowed : bool
        True when robots.txt allows it.
    reason : str or None
        Why not: ``"disallowed by robots.txt"``, or, when robots.txt could not be
        read, a reason starting ``"robots.txt unavailable"``.
    """

    allowed: bool
    reason: str | None = None

    @property
    def unavailable(self) -> bool:
        """True when the verdict comes from robots.txt being unreachable."""
        return bool(self.reason and self.reason.startswith("robots.txt unavailable"))


class _HostRules:
    def __init__(self, parser: RobotFileParser | None, error: str | None) -> None:
        self.parser = parser
        self.error = error


class RobotsCache:
    """Reads each host's robots.txt once (through the polite client) and answers for it.

    Parameters
    ----------
    client : PoliteClient
        Used for the robots.txt requests, so they are paced and retried like pages.
    user_agent : str, optional
        Matched against the file's ``User-agent`` lines; the client's by default.

    Examples
    --------
    >>> robots = RobotsCache(PoliteClient())                        # doctest: +SKIP
    >>> robots.check("https://www.esf.se/resultat/projektbanken/")  # doctest: +SKIP
    RobotsVerdict(allowed=True, reason=None)
    """

    def __init__(self, client: PoliteClient, user_agent: str | None = None) -> None:
        self.client = client
        self.user_agent = user_agent or client.user_agent
        self._hosts: dict[str, _HostRules] = {}

    def check(self, url: str) -> RobotsVerdict:
        """Return whether ``url`` may be fetched, reading robots.txt on first use."""
        host = host_key(url)
        rules = self._hosts.get(host)
        if rules is None:
            rules = self._hosts[host] = self._load(host)
        if rules.error is not None:
            return RobotsVerdict(False, f"robots.txt unavailable: {rules.error}")
        if rules.parser is not None and not rules.parser.can_fetch(self.user_agent, url):
            return RobotsVerdict(False, "disallowed by robots.txt")
        return RobotsVerdict(True)

    def allows(self, url: str) -> bool:
        """Return True when ``url`` may be fetched (for :meth:`PoliteClient.get`'s ``permit``)."""
        return self.check(url).allowed

    def _load(self, host: str) -> _HostRules:
        robots_url = f"{host}/robots.txt"
        outcome = self.client.get(robots_url)
        parser = RobotFileParser(robots_url)
        if outcome.error is not None or outcome.status is None:
            return _HostRules(None, outcome.error or "no answer")
        if outcome.status >= 500:
            return _HostRules(None, f"HTTP {outcome.status}")
        if outcome.status in (401, 403):
            parser.disallow_all = True
        elif not 200 <= outcome.status < 300:
            # No file (404 and the like): no rules.
            parser.allow_all = True
        else:
            text = outcome.body[:_MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            delay = parser.crawl_delay(self.user_agent)
            if delay:
                self.client.set_host_delay(host, min(float(delay), MAX_CRAWL_DELAY))
        return _HostRules(parser, None)
