"""Serve the store over HTTP: the explorer, the SPARQL endpoint and its query UI, on one port.

By default (read-only) ``esfgraph serve`` runs the explorer (:mod:`esfgraph.explorer`:
search, organisation, project and partnership pages, the network view, ``/sparql``) on
the port asked for, and the ``oxigraph`` server program (the ``oxigraph`` package on
PyPI, installed next to the Python interpreter) as ``oxigraph serve-read-only`` on a
free loopback port behind it: ``/query``, ``/update`` (refused) and ``/store`` (reads)
are handed to it unchanged. The explorer follows the store folder: a rebuild or an
``esfgraph analyze`` that changes the store makes it open the new store (and a new
Oxigraph process) within about two seconds; when it cannot, every page says it is
serving an older build.

``allow_updates`` runs ``oxigraph serve`` alone on the port (a store to push into; it
locks the store for writing, so there is no explorer). Both listen on the loopback
interface only unless ``bind`` says otherwise, which is warned about loudly.

Examples
--------
>>> with start_server("build/demo/store", bind="127.0.0.1:0") as server:   # doctest: +SKIP
...     print(server.query_url)
http://127.0.0.1:41873/query
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .runtime.errors import EsfgraphError
from .runtime.process import die_with_parent
from .store import StoreError, is_store_dir, open_store

__all__ = [
    "ServeError",
    "Server",
    "serve",
    "start_server",
    "oxigraph_binary",
    "parse_bind",
    "is_loopback",
    "free_port",
    "DEFAULT_BIND",
    "banner",
]

DEFAULT_BIND = "127.0.0.1:7878"


class ServeError(EsfgraphError):
    """The server could not be started; ``str(error)`` is one line for the user (exit code 1)."""


def oxigraph_binary() -> Path:
    """Return the path of the ``oxigraph`` server program.

    Looks next to the running Python interpreter first (the virtual environment's
    ``bin/``), then on ``PATH``.

    Raises
    ------
    ServeError
        The ``oxigraph`` package is not installed.
    """
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServeError("the Oxigraph server is not installed (pip install oxigraph)")


def parse_bind(bind: str) -> tuple[str, int]:
    """Split ``HOST:PORT`` (``[::1]:7878`` for IPv6; a bare port means 127.0.0.1).

    Raises
    ------
    ServeError
        Not ``HOST:PORT`` or the port is out of range.

    Examples
    --------
    >>> parse_bind("127.0.0.1:7878")
    ('127.0.0.1', 7878)
    >>> parse_bind("[::1]:8080")
    ('::1', 8080)
    >>> parse_bind("9000")
    ('127.0.0.1', 9000)
    """
    text = bind.strip()
    if text.isdigit():
        host, port_text = "127.0.0.1", text
    elif text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = text.rpartition(":")
    if not host or not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise ServeError(f"--bind {bind!r}: expected HOST:PORT, e.g. 127.0.0.1:7878")
    return host, int(port_text)


def is_loopback(host: str) -> bool:
    """Return whether ``host`` only accepts connections from this machine.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(ipaddress.ip_address(info[4][0]).is_loopback
                       for info in socket.getaddrinfo(host, None))
        except (OSError, ValueError):
            return False


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on ``host`` right now (for tests and ``--bind HOST:0``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _bind_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, or None when it can. Checked before
    starting, so that the readiness probe cannot mistake another server for ours."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return f"cannot resolve {host!r} ({error.strerror or error})"
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # As the server does: connections of a stopped server lingering in TIME_WAIT do
        # not make the port busy, a listening server does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
            sock.listen(1)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"{host}:{port} is already in use (another server?); choose another --bind port"
            return f"cannot listen on {host}:{port} ({error.strerror or error})"
    return None


@dataclass
class Server:
    """A running server and where to reach it: the explorer with an Oxigraph process
    behind it (read-only), or the Oxigraph process alone (``allow_updates``)."""

    process: subprocess.Popen | None  # the Oxigraph process (None: see ``explorer``)
    host: str
    port: int
    store_dir: Path
    allow_updates: bool
    cors: bool
    log: object = field(default=None, repr=False)  # temporary file holding the server's stderr
    explorer: object = field(default=None, repr=False)  # _Explorer when the explorer serves

    def log_text(self) -> str:
        """Return what the Oxigraph server has written to its error stream so far."""
        if self.explorer is not None:
            return self.explorer.watcher.current.backend.log_text()
        if self.log is None or self.log.closed:
            return ""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    @property
    def url(self) -> str:
        """The base URL, ending in ``/`` (the explorer's home, or Oxigraph's query UI)."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(self.host, self.host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return self.url + "query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (refused unless ``allow_updates``)."""
        return self.url + "update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint (for ``esfgraph push``)."""
        return self.url + "store"

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def running(self) -> bool:
        """Whether the server is still serving."""
        if self.explorer is not None:
            return self.explorer.thread.is_alive()
        return self.process.poll() is None

    def wait(self) -> int:
        """Block until the server stops by itself; return its exit code."""
        if self.explorer is None:
            return self.process.wait()
        while self.explorer.thread.is_alive():
            self.explorer.thread.join(0.5)
        return 0

    def stop(self, timeout: float = 10.0) -> int:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds); return its exit code."""
        if self.explorer is not None:
            self.explorer.stop()
            return 0
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.log is not None and not self.log.closed:
            self.log.close()
        return self.process.returncode

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class _Explorer:
    """The explorer's HTTP server thread and the store watcher behind it."""

    httpd: object
    thread: threading.Thread
    watcher: object

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)
        self.watcher.stop()


def _check_store(store_dir: Path, allow_updates: bool) -> None:
    """Fail early, with the store module's one-line message, rather than in the server's log."""
    if allow_updates and (not store_dir.exists() or (store_dir.is_dir() and not any(store_dir.iterdir()))):
        return  # the server creates a new, empty store to push into
    if allow_updates and store_dir.is_dir() and not is_store_dir(store_dir):
        raise StoreError(f"{store_dir}: not an Oxigraph store (no CURRENT file)")
    store = open_store(store_dir, read_only=not allow_updates)  # raises when missing/locked/damaged
    del store  # release the write lock before the server takes it


def _wait_until_ready(server: Server, wait: float) -> None:
    deadline = time.monotonic() + wait
    probe = server.url.replace("://[::]", "://[::1]")
    while time.monotonic() < deadline:
        if not server.running():
            message = " ".join(server.log_text().split())
            if "address" in message.lower() and "in use" in message.lower():
                server.stop()
                raise ServeError(f"{server.host}:{server.port} is already in use; choose another --bind port")
            server.stop()
            raise ServeError(f"the Oxigraph server stopped at once: {message[-300:] or 'no message'}")
        try:
            with urllib.request.urlopen(probe, timeout=1.0) as response:
                if response.status < 500 and server.running():
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500 and server.running():
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    server.stop()
    raise ServeError(f"the Oxigraph server did not answer on {server.url} within {wait:g} s")


def _start_oxigraph(path: Path, host: str, port: int, allow_updates: bool, cors: bool,
                    timeout_s: float | None, wait: float) -> Server:
    command = [str(oxigraph_binary()), "serve" if allow_updates else "serve-read-only",
               "--location", str(path), "--bind", f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
    if cors:
        command.append("--cors")
    if timeout_s:
        command += ["--timeout-s", str(max(1, int(round(timeout_s))))]
    # The server's messages go to a file, not a pipe: a pipe nobody reads fills up and
    # blocks a long-running server.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                               preexec_fn=die_with_parent if sys.platform.startswith("linux") else None)
    server = Server(process, host, port, path, allow_updates, cors, log)
    _wait_until_ready(server, wait)
    return server


def _start_explorer(path: Path, host: str, port: int, cors: bool, timeout_s: float | None, wait: float) -> Server:
    """The explorer on ``host:port``, with a read-only Oxigraph process per store generation."""
    from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: PLC0415

    from .explorer import ExplorerApp, StoreWatcher  # noqa: PLC0415

    class QuietHandler(WSGIRequestHandler):
        def log(self, type, message, *args):  # noqa: A002 - Werkzeug's signature
            pass  # no line per request: a log nobody reads must not fill a pipe

    def start_backend(store_dir: Path) -> Server:
        backend = _start_oxigraph(store_dir, "127.0.0.1", free_port(), False, cors, timeout_s, wait)
        backend.timeout = (timeout_s or 600) + 30  # the proxy waits a little longer than the query limit
        return backend

    watcher = StoreWatcher(path, start_backend, stop_backend=lambda backend: backend and backend.stop())
    try:
        httpd = make_server(host, port, ExplorerApp(watcher), threaded=True, request_handler=QuietHandler)
    except OSError as error:
        watcher.stop()
        raise ServeError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2},
                              name="esfgraph-explorer", daemon=True)
    thread.start()
    watcher.start()
    return Server(None, host, port, path, False, cors, explorer=_Explorer(httpd, thread, watcher))


def start_server(
    store_dir: str | os.PathLike[str],
    bind: str = DEFAULT_BIND,
    allow_updates: bool = False,
    cors: bool = False,
    timeout_s: float | None = None,
    wait: float = 20.0,
) -> Server:
    """Start the server over a store and return once it answers HTTP.

    Parameters
    ----------
    store_dir : path
        The store folder. With ``allow_updates`` a missing or empty folder becomes a
        new, empty store (to push into).
    bind : str
        ``HOST:PORT``; port 0 picks a free port.
    allow_updates : bool
        Accept SPARQL updates and Graph Store writes (the Oxigraph server alone, which
        then locks the store; no explorer).
    cors : bool
        Allow cross-origin requests from web pages on other sites (to ``/query``).
    timeout_s : float, optional
        Query time limit in seconds, enforced by the Oxigraph server.
    wait : float
        Seconds to wait for the server to answer.

    Returns
    -------
    Server
        Stop it with :meth:`Server.stop` or use it as a context manager.

    Raises
    ------
    StoreError
        The store is missing, not a store, damaged, or (with ``allow_updates``) locked.
    ServeError
        No ``oxigraph`` program, a bad ``bind``, the port in use, or no answer in time.
    """
    path = Path(store_dir)
    host, port = parse_bind(bind)
    if port == 0:
        port = free_port(host)
    elif (problem := _bind_problem(host, port)) is not None:
        raise ServeError(problem)
    _check_store(path, allow_updates)
    if allow_updates:
        return _start_oxigraph(path, host, port, True, cors, timeout_s, wait)
    return _start_explorer(path, host, port, cors, timeout_s, wait)


def banner(server: Server) -> list[str]:
    """Return the lines ``esfgraph serve`` prints: URLs, mode and a query to try."""
    mode = "read-write: SPARQL updates accepted" if server.allow_updates else "read-only"
    example = ("SELECT (COUNT(?p) AS ?projects) WHERE "
               "{ ?p a <https://w3id.org/esfgraph/ontology#Project> }")
    lines = [f"Oxigraph SPARQL server for {server.store_dir} ({mode})"]
    if server.explorer is not None:
        lines += [
            f"  explorer         {server.url}",
            f"  search           {server.url}search?q=Af+J%C3%B6nk%C3%B6ping",
            f"  partnerships     {server.url}partnerships",
            f"  network          {server.url}network",
            f"  SPARQL query UI  {server.url}sparql",
            f"  SPARQL endpoint  {server.query_url}",
            "The explorer follows the store folder: after a rebuild it serves the new build.",
        ]
    else:
        lines += [f"  web query UI     {server.url}",
                  f"  SPARQL endpoint  {server.query_url}",
                  f"  SPARQL update    {server.update_url}",
                  f"  Graph Store      {server.store_url}"]
    lines += [
        "Try:",
        f"  curl -s {server.query_url} -H 'Accept: text/csv' --data-urlencode 'query={example}'",
        f"  esfgraph query projects-per-year --endpoint {server.query_url}",
        "Press Ctrl-C to stop.",
    ]
    return lines


def serve(
    store_dir: str | os.PathLike[str],
    bind: str = DEFAULT_BIND,
    allow_updates: bool = False,
    cors: bool = False,
    timeout_s: float | None = None,
    echo: Callable[[str], None] = print,
) -> int:
    """Run the server over a store until it is interrupted.

    Parameters
    ----------
    store_dir, bind, allow_updates, cors, timeout_s
        As for :func:`start_server`.
    echo : callable
        Receives each line to show (the URLs and an example query).

    Returns
    -------
    int
        0 after Ctrl-C, else the server's exit code.

    Raises
    ------
    StoreError, ServeError
        See :func:`start_server`.
    """
    server = start_server(store_dir, bind, allow_updates, cors, timeout_s)

    def terminate(signum, frame):  # SIGTERM: stop the server as Ctrl-C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        for line in banner(server):
            echo(line)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
