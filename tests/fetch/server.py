"""A real HTTP server on 127.0.0.1 for the fetch tests, scripted per path.

Each path answers with a list of :class:`Reply` objects, one per request, the last
repeating; or with a function of the request (for ETag / Last-Modified logic).
Every request is recorded with its arrival time, so tests can count requests per
path and measure the pauses between them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HTML = "text/html; charset=utf-8"


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (time-out tests)


@dataclass
class Seen:
    """One request as the server saw it."""

    at: float  # time.monotonic() on arrival
    path: str  # path and query
    headers: dict[str, str]


Route = list[Reply] | Callable[[Seen], Reply]


def page(name: str, **headers: str) -> Reply:
    """A 200 answer with a fixture page's bytes."""
    return Reply(200, (FIXTURES / name).read_bytes(), {"Content-Type": HTML, **headers})


class FixtureServer:
    """Serve ``routes`` on a free port of 127.0.0.1 in a background thread.

    Unknown paths get 404; ``/robots.txt`` is an ordinary route (404 unless set).
    """

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        handler = self._handler_class()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str | None = None) -> int:
        """Requests received for ``path`` (all requests when None)."""
        with self._lock:
            return sum(1 for s in self.seen if path is None or s.path == path)

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [s.at for s in self.seen if s.path == path]

    def requests_for(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path == path]

    def start(self) -> "FixtureServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def _answer(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            route = self.routes.get(seen.path)
            index = self._served.get(seen.path, 0)
            self._served[seen.path] = index + 1
        if route is None:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        if callable(route):
            return route(seen)
        return route[min(index, len(route) - 1)]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                seen = Seen(time.monotonic(), self.path, dict(self.headers.items()))
                reply = server._answer(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (time-out tests)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
