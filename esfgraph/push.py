"""Load the graph into any SPARQL 1.1 triple store through the Graph Store Protocol.

``esfgraph push`` sends N-Triples to a Graph Store HTTP endpoint (Oxigraph ``/store``,
Fuseki ``/DATASET/data``, GraphDB ``/repositories/ID/rdf-graphs/service``, Virtuoso
``/sparql-graph-crud-auth``...) in chunks small enough for a server that loads each
request in one transaction:

* replace (the default): the first chunk is a ``PUT``, which replaces the target graph,
  the rest are ``POST`` (append); ``append=True`` POSTs every chunk;
* failed requests are retried with exponential back-off under the runtime's one retry
  policy (:mod:`esfgraph.runtime.http`: lost connections, time-outs, HTTP 408, 425,
  429, 500, 502, 503, 504; a ``Retry-After`` up to 300 s is honoured, a longer one ends
  the retries); other errors stop at once with a one-line message;
* progress is recorded in a small JSON state file after every chunk, so running the same
  push again after a failure resumes after the last chunk the server accepted instead of
  sending everything again. The state is keyed by the endpoint, target graph, input
  content and chunk size; any change starts over. It is deleted when the push completes.

Re-sending a chunk (a retry after a timeout, whose first attempt the server may have
committed) adds nothing: a graph is a set of triples. Triples with blank nodes are the
exception, so they travel together in one last request per graph, where the server sees
each blank node once.

Credentials come from the environment only (see :mod:`esfgraph.endpoint`); TLS
certificates are verified; messages never contain credentials.

Examples
--------
>>> push("build/demo", "http://localhost:7878/store")                    # doctest: +SKIP
PushReport(graphs=[GraphPush(graph=None, triples=31234, chunks=1, ...)], ...)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from .endpoint import Endpoint, EndpointError
from .runtime.errors import EsfgraphError
from .runtime.files import atomic_write
from .runtime.http import HttpClient, RetryPolicy
from .store import StoreError, is_store_dir, open_store, rdf_format_for
from .vocab import ANALYSIS_GRAPH

__all__ = [
    "PushError",
    "GraphPush",
    "PushReport",
    "push",
    "graph_sources",
    "DEFAULT_CHUNK_TRIPLES",
    "STATE_FILE_NAME",
]

#: Triples per request: small enough for a transactional store's memory, large enough
#: that HTTP overhead does not dominate (Oxigraph, Fuseki and GraphDB take it easily).
DEFAULT_CHUNK_TRIPLES = 50_000

#: Name of the progress file written beside the input (``--build DIR``: inside DIR).
STATE_FILE_NAME = "push-state.json"

_MEDIA_TYPE = "application/n-triples"


class PushError(EsfgraphError):
    """A push failed; ``str(error)`` is one line for the user, without credentials."""


@dataclass
class GraphPush:
    """What was sent to one graph: its IRI (``None`` = default graph), counts, resumption."""

    graph: str | None
    triples: int
    chunks: int
    resumed_after: int = 0  # chunks skipped because an earlier run had sent them


@dataclass
class PushReport:
    """The outcome of :func:`push`."""

    endpoint: str
    graphs: list[GraphPush] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)


# --------------------------------------------------------------------------- sources

@dataclass
class _Source:
    """The triples of one target graph: where they come from and how to read them."""

    graph: str | None  # target graph IRI, None = default graph
    label: str  # for messages and the state key
    digest: str  # content identity for the state key
    read: Callable[[], Iterator[tuple[str, bool]]]  # (N-Triples line, has a blank node), same order every time


def _line(quad) -> tuple[str, bool]:
    blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
    return f"{quad.subject} {quad.predicate} {quad.object} .\n", blank


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_sources(path: Path, target: str | None) -> list[_Source]:
    if not path.is_file():
        raise PushError(f"{path}: file does not exist")
    try:
        fmt = rdf_format_for(path)
    except StoreError as error:
        raise PushError(str(error)) from None
    digest = _file_digest(path)

    def reader(wanted: str | None, named: bool) -> Callable[[], Iterator[tuple[str, bool]]]:
        def read() -> Iterator[tuple[str, bool]]:
            try:
                for quad in ox.parse(path=str(path), format=fmt):
                    in_default = isinstance(quad.graph_name, ox.DefaultGraph)
                    if named and not in_default and quad.graph_name.value == wanted:
                        yield _line(quad)
                    elif not named and in_default:
                        yield _line(quad)
            except SyntaxError as error:
                raise PushError(f"{path}: not valid RDF ({' '.join(str(error).split())[:200]})") from None
        return read

    if not fmt.supports_datasets:
        return [_Source(target, str(path), digest, reader(None, False))]
    # A dataset file (TriG, N-Quads): its default graph goes to the target graph, each
    # named graph to the graph of the same name.
    names: set[str] = set()
    has_default = False
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                has_default = True
            else:
                names.add(quad.graph_name.value)
    except SyntaxError as error:
        raise PushError(f"{path}: not valid RDF ({' '.join(str(error).split())[:200]})") from None
    sources = [_Source(target, str(path), digest, reader(None, False))] if has_default else []
    sources += [_Source(name, f"{path}#{name}", digest, reader(name, True)) for name in sorted(names)]
    return sources


def _store_graph_source(store_dir: Path, graph: str) -> _Source | None:
    """The triples of one named graph of a store (the analysis results of a build)."""
    try:
        store = open_store(store_dir)
    except StoreError as error:
        raise PushError(str(error)) from None
    lines = sorted(_line(q) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    del store
    if not lines:
        return None
    digest = hashlib.sha256("".join(line for line, _ in lines).encode("utf-8")).hexdigest()
    return _Source(graph, f"{store_dir}#{graph}", digest, lambda: iter(lines))


def graph_sources(
    graph_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], graph: str | None = None
) -> list[_Source]:
    """Return what to push: one source per target graph.

    Parameters
    ----------
    graph_files : path or iterable of paths
        RDF files (N-Triples, Turtle, TriG, N-Quads...) or a build folder. A build folder
        gives its ``graph.nt`` (else ``graph.ttl``) for the target graph and, when its
        store holds analysis results, those for the analysis graph.
    graph : str, optional
        Target graph IRI for triples (and for the default graph of dataset files).

    Raises
    ------
    PushError
        A missing file, an unknown format, a build folder without a graph.
    """
    paths = [Path(graph_files)] if isinstance(graph_files, (str, os.PathLike)) else [Path(p) for p in graph_files]
    sources: list[_Source] = []
    for path in paths:
        if path.is_dir():
            main = next((path / n for n in ("graph.nt", "graph.ttl") if (path / n).is_file()), None)
            if main is None:
                raise PushError(f"{path}: no graph.nt or graph.ttl in this folder (is it a build folder?)")
            sources += _file_sources(main, graph)
            if is_store_dir(path / "store"):
                analysis = _store_graph_source(path / "store", str(ANALYSIS_GRAPH))
                if analysis is not None:
                    sources.append(analysis)
        else:
            sources += _file_sources(path, graph)
    return sources


# --------------------------------------------------------------------------- chunks

def _chunks(lines: Iterator[tuple[str, bool]], size: int) -> Iterator[tuple[bytes, int]]:
    """Yield (N-Triples body, triple count): plain triples in ``size`` chunks, then all
    triples with blank nodes in one final chunk."""
    batch: list[str] = []
    blank: list[str] = []
    for line, has_blank in lines:
        (blank if has_blank else batch).append(line)
        if len(batch) >= size:
            yield "".join(batch).encode("utf-8"), len(batch)
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8"), len(batch)
    if blank:
        yield "".join(blank).encode("utf-8"), len(blank)


# --------------------------------------------------------------------------- state

def _state_key(endpoint: str, source: _Source, append: bool, chunk_triples: int) -> str:
    parts = [endpoint, source.graph or "", source.label, source.digest, str(append), str(chunk_triples)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _load_state(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): int(v) for k, v in data.get("done", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _save_state(path: Path, done: dict[str, int]) -> None:
    # Atomic: a crash leaves the old state or the new, and push resumes from either.
    atomic_write(path, (json.dumps({"version": 1, "done": done}, indent=1, sort_keys=True) + "\n").encode())


# --------------------------------------------------------------------------- HTTP

def _target_url(endpoint: Endpoint, graph: str | None) -> str:
    base = endpoint.url
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}default" if graph is None else f"{base}{joiner}graph={quote(graph, safe='')}"


def _send(client: HttpClient, method: str, url: str, body: bytes, endpoint: Endpoint) -> None:
    """Send one chunk, retried under the runtime's one retry policy; raise PushError when
    it is refused or never answered."""
    headers = {"Content-Type": _MEDIA_TYPE, **endpoint.auth_headers()}
    exchange = client.request(method, url, headers=headers, data=body, timeout=(10.0, endpoint.timeout),
                              follow_redirects=True)
    if exchange.error is not None:
        reason = endpoint.redact(" ".join(str(exchange.error).split()))[:200]
        if exchange.transient:
            raise PushError(f"{endpoint.url}: no answer after {exchange.attempts} attempts ({reason})")
        raise PushError(f"{endpoint.url}: {method} failed ({reason})")
    if exchange.status < 300:
        return
    text = endpoint.redact(" ".join(exchange.text.split()))[:200]
    raise PushError(f"{endpoint.url}: {method} refused: HTTP {exchange.status}"
                    f"{_hint(exchange.status)}{': ' + text if text else ''}")


def _hint(status: int) -> str:
    return {
        401: " (set ESFGRAPH_ENDPOINT_USER and ESFGRAPH_ENDPOINT_PASSWORD, or ESFGRAPH_ENDPOINT_TOKEN)",
        403: " (no write access; an Oxigraph server must run with --allow-updates)",
        404: " (is this the Graph Store endpoint? Oxigraph: /store, Fuseki: /DATASET/data)",
        405: " (the endpoint does not accept Graph Store writes)",
        413: " (request too large: lower --chunk-triples)",
        415: " (the endpoint does not take N-Triples)",
    }.get(status, "")


# --------------------------------------------------------------------------- push

def push(
    graph_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    endpoint: Endpoint | str,
    graph: str | None = None,
    append: bool = False,
    chunk_triples: int = DEFAULT_CHUNK_TRIPLES,
    state_file: str | os.PathLike[str] | None = None,
    restart: bool = False,
    retries: int = 5,
    backoff: float = 1.0,
    timeout: float = 300.0,
    progress: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """Load RDF files or a build folder into a SPARQL 1.1 Graph Store endpoint.

    Parameters
    ----------
    graph_files : path or iterable of paths
        RDF files, or a build folder (its graph and stored analysis results); see
        :func:`graph_sources`.
    endpoint : Endpoint or str
        The Graph Store endpoint URL (a URL without a path gets Oxigraph's ``/store``).
        Credentials come from the environment.
    graph : str, optional
        IRI of the named graph to fill; the default graph when omitted.
    append : bool
        POST every chunk (add to the graph) instead of replacing the graph.
    chunk_triples : int
        Triples per request.
    state_file : path, optional
        Where to record progress; defaults to ``push-state.json`` in the build folder,
        or ``FILE.push-state.json`` beside a file.
    restart : bool
        Ignore recorded progress and send everything again.
    retries, backoff : int, float
        Attempts after the first, and the first wait in seconds (doubled each time).
    timeout : float
        Seconds to wait for the server's answer to one chunk.
    progress : callable, optional
        Receives one line per chunk sent.
    sleep : callable
        Waits between retries (tests pass a recorder).

    Returns
    -------
    PushReport

    Raises
    ------
    PushError
        Bad input, an endpoint error that retrying does not fix, or too many failures
        (the state file then lets the same command resume).
    """
    if chunk_triples < 1:
        raise PushError("--chunk-triples must be at least 1")
    graph_files = [graph_files] if isinstance(graph_files, (str, os.PathLike)) else list(graph_files)
    if not graph_files:
        raise PushError("nothing to push: no files given")
    target = _graph_store(endpoint, timeout)
    if graph is not None:
        try:
            graph = ox.NamedNode(graph).value
        except ValueError as error:
            raise PushError(f"--graph {graph!r} is not an IRI ({error})") from None
    sources = graph_sources(graph_files, graph)
    if not sources:
        raise PushError("nothing to push: the input holds no triples")
    state_path = Path(state_file) if state_file else _default_state_path(graph_files)
    done = {} if restart else _load_state(state_path)
    keys = {_state_key(target.url, s, append, chunk_triples) for s in sources}
    done = {k: v for k, v in done.items() if k in keys}

    started = time.perf_counter()
    report = PushReport(endpoint=target.url)
    policy = RetryPolicy(retries=retries, backoff=backoff, max_backoff=60.0, max_retry_after=300.0)
    with HttpClient(policy, sleep=sleep) as client:
        for source in sources:
            key = _state_key(target.url, source, append, chunk_triples)
            sent = _Progress(state_path, done, key, progress)
            report.graphs.append(_push_graph(client, target, source, append, chunk_triples, sent))
    state_path.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report


def _graph_store(endpoint: Endpoint | str, timeout: float) -> Endpoint:
    """The Graph Store endpoint (Oxigraph's ``/store`` when the URL has no path)."""
    try:
        target = endpoint if isinstance(endpoint, Endpoint) else Endpoint.from_env(endpoint, timeout)
    except EndpointError as error:
        raise PushError(str(error)) from None
    return dataclasses.replace(target.with_path("/store"), timeout=timeout)


@dataclass
class _Progress:
    """Where the chunks of one graph stand: recorded after each one the server took."""

    path: Path
    done: dict[str, int]
    key: str
    report: Callable[[str], None] | None

    def sent(self, chunks: int, line: str) -> None:
        self.done[self.key] = chunks
        _save_state(self.path, self.done)
        if self.report:
            self.report(line)


def _push_graph(client: HttpClient, target: Endpoint, source: _Source, append: bool, chunk_triples: int,
                progress: _Progress) -> GraphPush:
    """Send one graph in chunks, skipping those an earlier run sent."""
    skip = progress.done.get(progress.key, 0)
    url = _target_url(target, source.graph)
    name = source.graph or "default graph"
    sent = triples = 0
    for index, (body, count) in enumerate(_chunks(source.read(), chunk_triples)):
        triples += count
        sent = index + 1
        if index < skip:
            continue
        method = "PUT" if index == 0 and not append else "POST"
        _send(client, method, url, body, target)
        progress.sent(index + 1, f"{name}: chunk {index + 1} ({count} triples) {method} ok")
    return GraphPush(source.graph, triples, sent, min(skip, sent))


def _default_state_path(graph_files) -> Path:
    first = Path(graph_files[0])
    if first.is_dir():
        return first / STATE_FILE_NAME
    return first.with_name(f"{first.name}.{STATE_FILE_NAME}")
