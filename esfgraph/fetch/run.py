"""The fetch loop: for each page, skip, ask robots.txt, request, save, report."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import requests

from .client import DEFAULT_USER_AGENT, MIN_DELAY, HttpOutcome, PoliteClient
from .report import FetchReport, PageResult
from .robots import RobotsCache
from .state import (
    FetchLock,
    Sidecar,
    clean_temp_files,
    completed_sidecar,
    save_page,
    save_sidecar,
    sha256_hex,
    utc_now,
)
from .targets import DEFAULT_BASE_URL, Target, build_targets

__all__ = ["fetch"]

log = logging.getLogger("esfgraph.fetch")

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def fetch(
    out_dir: str | os.PathLike,
    dnrs: Iterable[str] = (),
    urls: Iterable[str] = (),
    *,
    base: str = DEFAULT_BASE_URL,
    delay: float = 1.0,
    min_delay: float = MIN_DELAY,
    user_agent: str = DEFAULT_USER_AGENT,
    max_retries: int = 4,
    timeout: float = 30.0,
    backoff: float = 2.0,
    max_backoff: float = 60.0,
    max_retry_after: float = 120.0,
    max_redirects: int = 5,
    refresh: bool = False,
    progress: bool | None = False,
    seed: int | None = None,
    session: requests.Session | None = None,
    on_result: Callable[[PageResult], None] | None = None,
) -> FetchReport:
    """Download project pages politely into ``out_dir``, resuming where a run stopped.

    Each page is saved as ``NAME.html`` (the body, byte for byte) with a sidecar
    ``NAME.html.json`` (``url``, ``final_url``, ``fetched_at``, ``status``, ``sha256``,
    ``etag``, ``last_modified``, ``content_type``). Pages are fetched one at a time,
    in the order given, at most one request per ``delay`` seconds per host, after
    checking the host's robots.txt.

    Parameters
    ----------
    out_dir : path-like
        Where pages go; created if missing.
    dnrs : iterable of str
        Diarienummer (``2016/00023``), requested at the address ``base`` gives
        (see :func:`esfgraph.fetch.dnr_url`) and saved as ``2016-00023.html``.
    urls : iterable of str
        Page addresses, saved under a slug plus a short hash of the address.
    base : str
        The project bank's page address (``?dnr=`` is added), or a template holding
        ``{dnr}``.
    delay : float
        Seconds between requests to one host (a robots.txt ``Crawl-delay`` may
        lengthen it).
    min_delay : float
        The politeness floor ``delay`` may not go below. Only tests against a local
        server should lower it.
    user_agent : str
        The User-Agent header; robots.txt rules are matched against its first word.
    max_retries : int
        Retries per request after 429, 5xx, time-outs and lost connections.
    timeout : float
        Seconds to wait for a connection and for each read.
    backoff, max_backoff : float
        First back-off in seconds (doubling with each retry, with jitter) and its cap.
    max_retry_after : float
        The longest ``Retry-After`` waited for; a page whose server asks for more fails.
    max_redirects : int
        Redirect hops followed per page.
    refresh : bool
        Also revisit complete pages, with conditional requests (``If-None-Match``,
        ``If-Modified-Since`` from the sidecar): a 304 keeps the file and only
        updates ``fetched_at``. Without it, complete pages are not requested at all.
    progress : bool or None
        Show a tqdm bar on stderr; None shows it when stderr is a terminal (not in CI).
    seed : int, optional
        Seeds the back-off jitter.
    session : requests.Session, optional
        A session to reuse (for connection settings such as proxies or certificates).
    on_result : callable, optional
        Called with each :class:`PageResult` as soon as it is known.

    Returns
    -------
    FetchReport
        Per-page results, counts, requests made. Ctrl-C ends the run cleanly: the
        report then has ``interrupted=True`` and lists the pages not reached.

    Raises
    ------
    esfgraph.fetch.FetchInputError
        On an entry that is not a diarienummer or an http(s) address.
    esfgraph.fetch.FetchLocked
        When another fetch is writing into ``out_dir``.
    ValueError
        On settings below the politeness floor or otherwise out of range.

    Examples
    --------
    A web server on this machine stands in for the project bank (``dnrs=["2016/00023"]``
    asks the project bank itself):

    >>> import functools, http.server, tempfile, threading
    >>> site, out = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "raw"
    >>> _ = (site / "trappsteget.html").write_text("<html><body><h1>Trappsteget</h1></body></html>")
    >>> class Site(http.server.SimpleHTTPRequestHandler):
    ...     def log_message(self, *args): pass
    >>> server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Site, directory=site))
    >>> threading.Thread(target=server.serve_forever, daemon=True).start()
    >>> url = f"http://127.0.0.1:{server.server_port}/trappsteget.html"
    >>> report = fetch(out, urls=[url], delay=0, min_delay=0)  # no pause: a local server
    >>> report.counts()
    {'fetched': 1, 'unchanged': 0, 'skipped': 0, 'failed': 0, 'disallowed': 0, 'pending': 0}
    >>> fetch(out, urls=[url], delay=0, min_delay=0).counts()["skipped"]  # resumes: done is done
    1
    >>> [p.suffix for p in sorted(out.glob("*.html*"))]  # the page and its sidecar
    ['.html', '.json']
    >>> server.shutdown(); server.server_close()
    """
    started = time.monotonic()
    # One string is one entry, not a sequence of characters.
    dnrs = (dnrs,) if isinstance(dnrs, str) else tuple(dnrs)
    urls = (urls,) if isinstance(urls, str) else tuple(urls)
    targets = build_targets(dnrs, urls, base)
    out = Path(out_dir)
    report = FetchReport(out_dir=str(out))
    client = PoliteClient(
        user_agent,
        delay,
        min_delay=min_delay,
        timeout=timeout,
        max_retries=max_retries,
        backoff=backoff,
        max_backoff=max_backoff,
        max_retry_after=max_retry_after,
        max_redirects=max_redirects,
        seed=seed,
        session=session,
    )
    with FetchLock(out), client:
        for stale in clean_temp_files(out):
            log.info("removed a temporary file left by an interrupted fetch: %s", stale)
        try:
            _fetch_all(targets, out, client, report, refresh, progress, on_result)
        finally:
            report.requests = client.requests_made
            report.seconds = round(time.monotonic() - started, 3)
    return report


def _fetch_all(targets: list[Target], out: Path, client: PoliteClient, report: FetchReport, refresh: bool,
               progress: bool | None, on_result: Callable[[PageResult], None] | None) -> None:
    """Fetch every target in order into ``report``; Ctrl-C ends the run cleanly."""
    robots = RobotsCache(client)
    bar = _progress_bar(len(targets), progress)
    try:
        for target in targets:
            result = _fetch_one(target, out, client, robots, refresh)
            report.results.append(result)
            bar.set_postfix_str(_bar_counts(report), refresh=False)
            bar.update(1)
            if on_result is not None:
                on_result(result)
    except KeyboardInterrupt:
        report.interrupted = True
        done = len(report.results)
        report.pending = [target.url for target in targets[done:]]
        log.warning("interrupted after %d of %d pages", done, len(targets))
    finally:
        bar.close()


def _fetch_one(
    target: Target, out: Path, client: PoliteClient, robots: RobotsCache, refresh: bool
) -> PageResult:
    """Fetch one page and save it; return what happened."""
    existing = completed_sidecar(out, target.name, target.url)
    html_path = str(out / f"{target.name}.html")
    if existing is not None and not refresh:
        return PageResult(target.name, target.url, "skipped", existing.status,
                          existing.final_url, path=html_path)
    verdict = robots.check(target.url)
    if not verdict.allowed:
        outcome = "failed" if verdict.unavailable else "disallowed"
        return PageResult(target.name, target.url, outcome, reason=verdict.reason)

    headers = {}
    if existing is not None:
        if existing.etag:
            headers["If-None-Match"] = existing.etag
        if existing.last_modified:
            headers["If-Modified-Since"] = existing.last_modified
    response = client.get(target.url, headers, permit=robots.allows)
    result = PageResult(target.name, target.url, "failed", response.status,
                        response.final_url, attempts=response.attempts)

    if response.blocked_url is not None:
        blocked = robots.check(response.blocked_url)
        result.outcome = "failed" if blocked.unavailable else "disallowed"
        result.reason = f"redirected to {response.blocked_url}: {blocked.reason}"
    elif response.error is not None:
        result.reason = response.error
    elif response.status == 304 and existing is not None:
        save_sidecar(out, target.name, _refreshed(existing, response))
        result.outcome, result.path = "unchanged", html_path
    elif response.status is not None and 200 <= response.status < 300:
        problem = _unusable_body(response)
        if problem:
            result.reason = problem
        else:
            save_page(out, target.name, response.body, _new_sidecar(target, response))
            result.outcome, result.path = "fetched", html_path
    else:
        result.reason = f"HTTP {response.status}"
    log.debug("%s %s: %s %s", result.outcome, target.url, result.status, result.reason or "")
    return result


def _new_sidecar(target: Target, response: HttpOutcome) -> Sidecar:
    headers = response.headers
    return Sidecar(
        url=target.url,
        final_url=response.final_url,
        fetched_at=utc_now(),
        status=int(response.status or 0),
        sha256=sha256_hex(response.body),
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        content_type=headers.get("Content-Type"),
    )


def _refreshed(existing: Sidecar, response: HttpOutcome) -> Sidecar:
    """The sidecar after a 304: same page, new time, validators as the server now says."""
    headers = response.headers
    return replace(
        existing,
        fetched_at=utc_now(),
        final_url=response.final_url,
        etag=headers.get("ETag") or existing.etag,
        last_modified=headers.get("Last-Modified") or existing.last_modified,
    )


def _unusable_body(response: HttpOutcome) -> str | None:
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in _HTML_TYPES:
        return f"not an HTML page (Content-Type: {content_type})"
    if not response.body.strip():
        return f"HTTP {response.status} with an empty body"
    return None


def _bar_counts(report: FetchReport) -> str:
    counts = report.counts()
    return " ".join(f"{key}={counts[key]}" for key in ("fetched", "unchanged", "skipped", "failed")
                    if counts[key])


def _progress_bar(total: int, progress: bool | None):
    from tqdm import tqdm

    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, desc="fetch", unit="page", file=sys.stderr,
                disable=not progress, leave=False)
