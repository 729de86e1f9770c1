"""Validate a graph against ``ontology/shapes.ttl`` in batches, in parallel where it pays.

:func:`validate_graph` streams the sorted N-Triples of the graph
(:mod:`esfgraph.validate.source`), cuts it into batches that each own a run of subjects
(:mod:`esfgraph.validate.batches`), runs pySHACL on each with only the shapes that target
what the batch owns (in worker processes when there are several batches and cores),
keeps each batch's results for the nodes it owns, runs the SHACL-SPARQL shapes once over
the whole graph in Oxigraph (:mod:`esfgraph.validate.sparql`), and merges everything by
key into one sorted report. Memory holds one map from subject to classes and the batches in flight, never
the whole graph. ``batch_size=None`` validates the whole graph in one pySHACL call (the
SPARQL shapes included), which is what the batched run is tested against
(``tests/validate/test_batches.py``). Nothing is added to the data: the shapes stand alone.
"""

from __future__ import annotations

import os
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import lru_cache
from multiprocessing import get_all_start_methods
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import Graph

from ..rdf import nt_term
from ..resources import ontology_dir
from ..runtime.collector import collector_paused
from ..runtime.process import process_pool
from .batches import Batch, ShapePlan, TypeIndex, iter_batches, plan_shapes
from .batchgraph import forget_terms, graph_from_ntriples
from .context import contexts_for
from .outcome import ValidationOutcome
from .report import render_text
from .results import ValidationResult, report_graph, results_from_report
from .source import NotStreamable, SourceError, sorted_ntriples, source_name
from .sparql import run_sparql_shapes, sparql_shapes

__all__ = [
    "validate_graph",
    "load_shapes",
    "default_shapes_path",
    "validate_batch",
    "SourceError",
]

#: Below this many triples in the first batch a single process is faster than workers.
_PARALLEL_MIN_TRIPLES = 10_000


def default_shapes_path() -> Path:
    """Return ``ontology/shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


@lru_cache(maxsize=4)
def _shapes_cached(path: str) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def load_shapes(shapes: Path | str | Graph | None = None) -> Graph:
    """Return the shapes graph: ``ontology/shapes.ttl`` by default, a file, or a graph as is."""
    if isinstance(shapes, Graph):
        return shapes
    return _shapes_cached(str(Path(shapes) if shapes else default_shapes_path()))


# Worker state: the shapes graph. Workers are forked after it is set, so they inherit it
# already parsed instead of parsing it once each.
_WORKER_SHAPES: Graph | None = None


def validate_batch(batch: Batch, shapes: Graph, plan: ShapePlan) -> list[ValidationResult]:
    """Validate one batch; return the results whose focus node the batch owns.

    Raises
    ------
    SyntaxError
        When the batch is not valid N-Triples.
    """
    use_shapes = plan.shapes_for(batch.classes) if plan.batchable and not batch.whole else None
    if batch.unread:  # lines no shape reads must still be valid N-Triples
        deque(ox.parse(input=batch.unread, format=ox.RdfFormat.N_TRIPLES), maxlen=0)
    if use_shapes is not None and not use_shapes:
        deque(ox.parse(input=batch.data, format=ox.RdfFormat.N_TRIPLES), maxlen=0)
        return []  # nothing here that a shape targets
    # Building an rdflib graph allocates millions of small objects; the cyclic garbage
    # collector would scan them again and again (half the time of a batch). Nothing here
    # makes reference cycles that outlive the batch, so it is paused until the batch is done.
    with collector_paused():
        data = graph_from_ntriples(batch.data, batch.refs)
        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            advanced=False,
            inplace=True,
            meta_shacl=False,
            debug=False,
            use_shapes=use_shapes,
        )
        results = results_from_report(report)
    if not plan.batchable or batch.whole:
        return results
    return [result for result in results if nt_term(result.focus) in batch.owned]


def _worker(batch: Batch, plan: ShapePlan) -> list[ValidationResult]:
    return validate_batch(batch, _WORKER_SHAPES, plan)


def _workers_for(workers: int | None, first: Batch, more_batches: bool) -> int:
    if "fork" not in get_all_start_methods():  # workers inherit the parsed shapes by forking
        return 1
    if workers is not None:
        return max(1, workers)
    if not more_batches or first.triples < _PARALLEL_MIN_TRIPLES:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def _run_batches(path: Path, shapes: Graph, plan: ShapePlan, index: TypeIndex, batch_size: int | None,
                 workers: int | None, found: dict, started=lambda: None) -> int:
    """Validate every batch of ``path``; put the results into ``found``; return the batch count.

    ``started()`` is called once the worker processes exist: a thread started before the
    fork could leave a lock held in the children.
    """
    global _WORKER_SHAPES
    size = batch_size if plan.batchable else None
    # One batch for the whole graph runs every shape, SPARQL ones included, on every triple.
    batches = iter_batches(path, index, plan.keep if size else None, size)
    first = next(batches, None)
    if first is None:
        return 0
    second = next(batches, None)
    pool_size = _workers_for(workers, first, second is not None)
    pending = [b for b in (first, second) if b is not None]
    count = 0

    def collect(results) -> None:
        for result in results:
            found.setdefault(result.key, result)

    if not size:
        for batch in pending:
            batch.whole = True
    if pool_size == 1:
        started()
        for batch in _chain(pending, batches):
            collect(validate_batch(batch, shapes, plan))
            count += 1
        return count
    _WORKER_SHAPES = shapes
    # Forked workers inherit the parsed shapes; they leave Ctrl-C to this process and
    # end when it dies (esfgraph.runtime.process).
    with process_pool(pool_size, method="fork") as pool:
        in_flight: deque = deque()
        for batch in _chain(pending, batches):
            in_flight.append(pool.submit(_worker, batch, plan))  # the first submit forks every worker
            started()
            count += 1
            while len(in_flight) >= 2 * pool_size:  # bound memory: batches wait in the parent
                collect(in_flight.popleft().result())
        while in_flight:
            collect(in_flight.popleft().result())
    return count


def validate_graph(source, shapes=None, batch_size: int | None = 500, workers: int | None = None) -> ValidationOutcome:
    """Validate a graph with the SHACL shapes, in batches of projects.

    Parameters
    ----------
    source : path, rdflib.Graph or pyoxigraph.Store
        An RDF file (``graph.nt``, ``graph.ttl``, ``.trig``...), a store folder, a graph, or
        a store. A sorted N-Triples file (``graph.nt``) is streamed as it is; anything else
        is first sorted into a temporary file.
    shapes : path or rdflib.Graph, optional
        The shapes (default ``ontology/shapes.ttl``).
    batch_size : int or None
        Projects per pySHACL run; ``None`` or ``0`` validates the whole graph at once.
    workers : int, optional
        Worker processes; by default one for small graphs, else up to the number of cores (max 4).

    Returns
    -------
    ValidationOutcome

    Raises
    ------
    esfgraph.validate.SourceError
        The source cannot be read (one-line message naming it).

    Examples
    --------
    The sample pages (``data/pages``), read, resolved and written as a graph, conform:

    >>> import tempfile
    >>> from esfgraph.extract import extract_paths
    >>> from esfgraph.rdf import write_graph
    >>> from esfgraph.resolve import Resolver
    >>> records = [result.record for result in extract_paths(["data/pages"])]
    >>> resolver = Resolver()
    >>> files = write_graph(records, [resolver.resolve(r) for r in records], tempfile.mkdtemp())
    >>> outcome = validate_graph(files.nt, workers=1)
    >>> outcome.conforms, outcome.violations, outcome.warnings, outcome.checked
    (True, 0, 0, 5)
    >>> print(outcome.text.splitlines()[2])
    0 violation(s), 0 warning(s); 5 project(s) checked, 0 with findings.

    A page whose project ends after its programme period's last eligible day breaks a
    SHACL-SPARQL shape (the project IRI below is one of the sample's):

    >>> project = next(line.split(" ", 1)[0] for line in open(files.nt, encoding="utf-8")
    ...                if line.rstrip().endswith("#type> <https://w3id.org/esfgraph/ontology#Project> ."))
    >>> with open(files.nt, "a", encoding="utf-8") as graph:
    ...     print(f'{project} <https://schema.org/endDate> "2031-06-30"^^<http://www.w3.org/2001/XMLSchema#date> .',
    ...           file=graph)
    >>> outcome = validate_graph(files.nt, workers=1)
    >>> outcome.violations, [str(r.shape).rsplit("#", 1)[1] for r in outcome.results]
    (2, ['Project-datesInPeriod', 'Project-endDate'])
    """
    started = time.perf_counter()
    shapes_graph = load_shapes(shapes)
    plan = plan_shapes(shapes_graph)
    normalise = False
    while True:
        with sorted_ntriples(source, normalise=normalise) as path:
            found: dict[tuple, ValidationResult] = {}
            try:
                index = TypeIndex.scan(path)
                checks = sparql_shapes(shapes_graph, plan.sparql_shapes)
                with ThreadPoolExecutor(1) as beside:
                    # The SPARQL shapes run in Oxigraph (which lets go of the GIL) while the
                    # Core batches run; their results are merged after the batches', as before.
                    sparql: list = []

                    def start_sparql() -> None:
                        if not sparql:
                            sparql.append(beside.submit(run_sparql_shapes, path,
                                                        checks if plan.batchable and batch_size else []))
                    count = _run_batches(path, shapes_graph, plan, index, batch_size, workers, found, start_sparql)
                    start_sparql()
                    for result in sparql[0].result():
                        found.setdefault(result.key, result)
                if not (plan.batchable and batch_size):
                    _tag_sparql_messages(found, checks)
            except (NotStreamable, SyntaxError) as error:
                if normalise:  # a sorted file of our own making: never the case
                    raise SourceError(f"{source_name(source)}: cannot be validated ({error})") from None
                normalise = True  # not sorted, or not canonical: sort a copy (and find syntax errors)
                continue
            ordered = [found[key] for key in sorted(found)]
            contexts, projects = contexts_for(path, {r.focus for r in ordered}, index.types)
            break
    forget_terms()

    outcome = ValidationOutcome(
        conforms=not any(r.severity == "Violation" for r in ordered),
        violations=sum(r.severity == "Violation" for r in ordered),
        warnings=sum(r.severity == "Warning" for r in ordered),
        infos=sum(r.severity not in ("Violation", "Warning") for r in ordered),
        results=ordered,
        checked=index.projects,
        batches=count,
        contexts=contexts,
        projects=projects,
    )
    outcome.report_graph = report_graph(ordered, outcome.conforms)
    outcome.seconds = time.perf_counter() - started
    outcome.text = render_text(outcome)
    return outcome


def _tag_sparql_messages(found: dict, checks) -> None:
    """Give pySHACL's SPARQL results their messages with language tags (pySHACL drops them)."""
    messages = {check.shape: check.messages for check in checks}
    for key, result in found.items():
        if result.component == "SPARQLConstraintComponent" and result.shape in messages:
            found[key] = replace(result, messages=messages[result.shape])


def _chain(first: list, rest):
    yield from first
    yield from rest
