#!/usr/bin/env python3
"""The peer stack: what the usual Python RDF tools take for the same graph.

The "usual stack" for a knowledge graph in Python is rdflib for the graph (parsed into
one in-memory ``Graph``), pySHACL over that whole graph, and rdflib's own SPARQL engine
for queries. ``benchmarks/run.py`` runs each step below in its own process under a
time limit, on the ``graph.nt`` that esfgraph built from the same corpus, and sets the
numbers beside esfgraph's.

Steps (each prints one JSON object per measurement on stdout):

``parse``    rdflib ``Graph().parse(graph.nt)``: seconds, triples.
``turtle``   parse, then ``Graph.serialize(format="turtle")`` to a file.
``shacl``    parse the data, shapes (``ontology/shapes.ttl``) and ontology, then one
             ``pyshacl.validate`` over the whole graph.
``sparql``   parse into an ``rdflib.Dataset``, then every query of ``queries/*.rq`` with
             rdflib's engine, each with its declared default parameters, each under
             ``--query-limit`` seconds. The analysis results that esfgraph writes into the
             store's analysis graph are not in ``graph.nt``: queries that read them find
             nothing on the peer side (the rows column shows it).

Examples
--------
``python benchmarks/peer.py sparql --nt build/bench/graph.nt --query-limit 120``
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

__all__ = ["parse_graph", "step_parse", "step_turtle", "step_shacl", "step_sparql", "main"]


class _OverLimit(Exception):
    pass


def _emit(**fields) -> None:
    print(json.dumps(fields, sort_keys=True), flush=True)


def parse_graph(nt_path: str, dataset: bool = False):
    """Parse an N-Triples file into one rdflib graph; return it and the seconds taken.

    Parameters
    ----------
    nt_path : str
        The ``graph.nt`` esfgraph wrote.
    dataset : bool
        Parse into the default graph of an ``rdflib.Dataset`` (queries with ``GRAPH``
        need one) instead of a plain ``Graph``.

    Returns
    -------
    (rdflib.Graph or rdflib.Dataset, float)
    """
    import rdflib

    started = time.perf_counter()
    graph = rdflib.Dataset() if dataset else rdflib.Graph()
    graph.parse(nt_path, format="nt")
    return graph, time.perf_counter() - started


def step_parse(args) -> None:
    """Parse the whole graph with rdflib."""
    graph, seconds = parse_graph(args.nt)
    _emit(step="parse", seconds=seconds, triples=len(graph))


def step_turtle(args) -> None:
    """Parse, then write pretty Turtle with rdflib."""
    graph, parse_s = parse_graph(args.nt)
    _emit(step="parse", seconds=parse_s, triples=len(graph))
    started = time.perf_counter()
    graph.serialize(destination=args.out, format="turtle")
    _emit(step="turtle", seconds=time.perf_counter() - started, bytes=Path(args.out).stat().st_size)


def step_shacl(args) -> None:
    """Parse, then run pySHACL once over the whole graph."""
    import pyshacl
    import rdflib

    from esfgraph.resources import ontology_dir

    graph, parse_s = parse_graph(args.nt)
    _emit(step="parse", seconds=parse_s, triples=len(graph))
    shapes = rdflib.Graph().parse(str(ontology_dir() / "shapes.ttl"), format="turtle")
    ontology = rdflib.Graph().parse(str(ontology_dir() / "esf.ttl"), format="turtle")
    started = time.perf_counter()
    conforms, report_graph, _ = pyshacl.validate(
        graph, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True
    )
    results = sum(1 for _ in report_graph.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult")))
    _emit(step="shacl", seconds=time.perf_counter() - started, conforms=bool(conforms), results=results)


def _rdflib_term(term):
    """A pyoxigraph term (from esfgraph's parameter parsing) as an rdflib term."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):
        # rdflib tells "x" and "x"^^xsd:string apart (RDF 1.1 does not); data has plain ones.
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _on_alarm(signum, frame):
    raise _OverLimit()


def step_sparql(args) -> None:
    """Parse, then run every library query with rdflib's SPARQL engine."""
    from benchmarks.common import required_parameters
    from esfgraph.query import QueryError, list_queries, resolve_params

    graph, parse_s = parse_graph(args.nt, dataset=True)
    _emit(step="parse", seconds=parse_s, triples=len(graph))
    signal.signal(signal.SIGALRM, _on_alarm)
    for info in list_queries():
        try:
            given = required_parameters(info)
            bindings = {name: _rdflib_term(term) for name, term in resolve_params(info, given).items()}
        except QueryError as error:
            _emit(step="query", name=info.name, skipped=str(error))
            continue
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, args.query_limit)
        try:
            rows = len(list(graph.query(info.bindable, initBindings=bindings or None)))
        except _OverLimit:
            _emit(step="query", name=info.name, over_limit=args.query_limit, seconds=time.perf_counter() - started)
            continue
        except Exception as error:  # rdflib's engine fails on some SPARQL 1.1 features
            signal.setitimer(signal.ITIMER_REAL, 0)
            _emit(step="query", name=info.name, error=" ".join(str(error).split())[:200])
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        _emit(step="query", name=info.name, seconds=time.perf_counter() - started, rows=rows)


STEPS = {"parse": step_parse, "turtle": step_turtle, "shacl": step_shacl, "sparql": step_sparql}


def main(argv=None) -> int:
    """Run one peer step (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog="example: peer.py shacl --nt build/graph.nt")
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--nt", required=True, help="the graph.nt that esfgraph built")
    parser.add_argument("--out", default="peer.ttl", help="Turtle output for the turtle step")
    parser.add_argument("--query-limit", type=float, default=120.0, help="seconds per query (sparql step)")
    args = parser.parse_args(argv)
    if not Path(args.nt).is_file():
        print(f"peer.py: {args.nt}: not found", file=sys.stderr)
        return 2
    STEPS[args.step](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
