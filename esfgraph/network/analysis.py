"""The analysis in one call: networks from the store, scores, clusters, partnerships, files.

:func:`analyze` is what ``esfgraph analyze`` and ``esfgraph build`` run. It builds the
networks from the store, computes centrality, clusters and recurring partnerships,
writes the tables, ``summary.json`` and the report into ``out_dir`` (the ``analysis/``
folder of a build), and replaces the store's analysis graph with the results.
:func:`analyze_networks` does the computing alone, for callers that already hold a
:class:`~esfgraph.network.Networks` (the Gephi export, the benchmark).

Examples
--------
:func:`analyze`'s own example runs on the sample pages; on a build's store:

>>> from esfgraph.network import analyze
>>> result = analyze("build/demo/store", "build/demo/analysis")     # doctest: +SKIP
>>> result.summary["organisations"], result.scores.method           # doctest: +SKIP
(26, 'exact')
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..runtime.collector import collector_paused
from .centrality import BETWEENNESS_SAMPLE, EXACT_BETWEENNESS_LIMIT, Centrality, centrality
from .clusters import Clustering, find_clusters
from .engine import choose_engine, igraph_available
from .evidence import EVIDENCE
from .networks import LEVELS, NetworkError, Networks, networks_from_store, normalise_roles
from .rows import open_analysis_store
from .recurring import (
    Partnership,
    RecurringGroup,
    cross_period_partnerships,
    recurring_groups,
    recurring_partnerships,
)
from .tables import (
    CENTRALITY_COLUMNS,
    CLUSTER_COLUMNS,
    CROSS_PERIOD_COLUMNS,
    GROUP_COLUMNS,
    PARTNERSHIP_COLUMNS,
    centrality_rows,
    cluster_rows,
    cross_period_rows,
    group_rows,
    partnership_rows,
    write_table,
)

__all__ = ["AnalysisResult", "analyze", "analyze_networks", "load_analysis"]


@dataclass
class AnalysisResult:
    """Everything one analysis found, and the files it wrote.

    ``summary`` holds the key numbers (written to ``summary.json`` and shown first in
    the report); ``counts`` the ones ``build.json`` records; ``timings`` seconds per step.
    """

    networks: Networks
    scores: Centrality
    clustering: Clustering
    partnerships: list[Partnership]
    groups: list[RecurringGroup]
    cross_period: list[Partnership]
    seed: int = 42
    summary: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    quads_written: int = 0

    @property
    def level(self) -> str:
        return self.networks.level

    @property
    def counts(self) -> dict[str, int]:
        """Numbers for ``build.json``'s ``counts``."""
        return {
            "network_organisations": self.networks.organisations.number_of_nodes(),
            "network_ties": self.networks.organisations.number_of_edges(),
            "clusters": len(self.clustering.clusters),
            "recurring_partnerships": len(self.partnerships),
            "recurring_groups": len(self.groups),
            "cross_period_partnerships": len(self.cross_period),
        }


def _summary(networks: Networks, scores: Centrality, clustering: Clustering, partnerships, groups, cross) -> dict:
    graph = networks.organisations
    isolated = sum(1 for n in graph if graph.degree(n) == 0)
    components = sorted((len(c) for c in _components(graph)), reverse=True)
    return {
        "level": networks.level,
        "roles": ",".join(networks.roles),
        "text_mentions": networks.text_mentions,
        "include_national": networks.include_national,
        "projects": len(networks.projects),
        "projects_with_two_or_more_organisations": sum(1 for m in networks.members.values() if len(m) > 1),
        "organisations": graph.number_of_nodes(),
        "organisations_without_partners": isolated,
        "ties": graph.number_of_edges(),
        "largest_component": components[0] if components else 0,
        "components": len(components),
        "betweenness": scores.method,
        "engine": scores.engine,
        "clusters": len(clustering.clusters),
        "modularity": round(clustering.modularity, 6),
        "louvain_seed": clustering.seed,
        "stability_runs": clustering.runs,
        "stability_adjusted_rand": None if clustering.stability_ari is None else round(clustering.stability_ari, 6),
        "stability_nmi": None if clustering.stability_nmi is None else round(clustering.stability_nmi, 6),
        "recurring_partnerships": len(partnerships),
        "recurring_groups": len(groups),
        "cross_period_partnerships": len(cross),
        "recurring_partnerships_by_evidence": {e: sum(1 for p in partnerships if p.evidence == e) for e in EVIDENCE},
        "coverage": networks.coverage,
    }


def _components(graph):
    import networkx as nx  # noqa: PLC0415

    return nx.connected_components(graph)


def analyze_networks(
    networks: Networks,
    seed: int = 42,
    stability_runs: int = 5,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    sample: int = BETWEENNESS_SAMPLE,
    min_shared: int = 2,
    engine: str = "auto",
) -> AnalysisResult:
    """Compute every analysis of ``networks``; write nothing.

    Parameters
    ----------
    networks : Networks
        From :func:`~esfgraph.network.networks_from_store`.
    seed : int
        Seed of Louvain and of sampled betweenness.
    stability_runs : int
        Further Louvain seeds for the stability measure.
    exact_limit, sample : int
        Betweenness is exact up to ``exact_limit`` organisations, else sampled from
        ``sample`` sources.
    min_shared : int
        Shared projects that make a partnership recurring.
    engine : {"auto", "networkx", "igraph"}
        The library that computes betweenness, PageRank, k-core and Louvain. ``auto``
        takes igraph on networks of more than
        :data:`~esfgraph.network.engine.IGRAPH_FROM` organisations when it is installed,
        NetworkX otherwise; ``networkx`` (the reference implementation) or ``igraph``
        forces that library at any size. The summary's ``engine`` says which ran.

    Raises
    ------
    ValueError
        An unknown engine, or ``igraph`` when python-igraph is not installed.

    Returns
    -------
    AnalysisResult
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    scores = centrality(networks.organisations, seed=seed, exact_limit=exact_limit, sample=sample, engine=engine)
    timings["centrality"] = time.perf_counter() - started

    started = time.perf_counter()
    clustering = find_clusters(networks.organisations, seed=seed, runs=stability_runs, engine=engine)
    timings["clusters"] = time.perf_counter() - started

    started = time.perf_counter()
    partnerships = recurring_partnerships(networks, min_shared=min_shared)
    groups = recurring_groups(networks, min_shared=min_shared)
    cross = cross_period_partnerships(partnerships)
    timings["recurring"] = time.perf_counter() - started

    summary = _summary(networks, scores, clustering, partnerships, groups, cross)
    return AnalysisResult(networks, scores, clustering, partnerships, groups, cross, seed, summary, timings=timings)


def analyze(
    store_dir,
    out_dir: str | Path,
    level: str = "unit",
    roles: Iterable[str] | str | None = None,
    seed: int = 42,
    *,
    text_mentions: str = "unlisted",
    include_national: bool = False,
    write_back: bool = True,
    report: bool = True,
    stability_runs: int = 5,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    sample: int = BETWEENNESS_SAMPLE,
    min_shared: int = 2,
    engine: str = "auto",
) -> AnalysisResult:
    """Analyse the collaboration network of a store and write the results.

    Parameters
    ----------
    store_dir : str, pathlib.Path or pyoxigraph.Store
        The store folder (opened for writing when ``write_back``), or an open store.
    out_dir : str or pathlib.Path
        Folder for ``centrality.csv``, ``clusters.csv``, ``recurring_partnerships.csv``,
        ``recurring_groups.csv``, ``cross_period_partnerships.csv``, ``summary.json``,
        ``report.html`` and the plots (created when missing).
    level : {"unit", "parent"}
        Organisations as resolved, or rolled up to their parent organisation.
    roles : iterable of str
        Roles that count (default: all; ``mentioned`` as ``text_mentions`` says).
    seed : int
        Seed for Louvain, sampled betweenness and the drawing's layout.
    text_mentions : {"unlisted", "all", "none"}
        Where organisations named in the text are collaboration evidence: pages that print
        no lists (default), every page, or none (:mod:`esfgraph.network.evidence`).
    include_national : bool
        Count text mentions of national agencies as a whole ("Arbetsförmedlingen") too.
    write_back : bool
        Replace the store's analysis graph with the results.
    report : bool
        Write ``report.html`` and the PNG plots.
    stability_runs, exact_limit, sample, min_shared
        See :func:`analyze_networks`.
    engine : {"auto", "networkx", "igraph"}
        The library that computes betweenness, PageRank, k-core and Louvain: ``auto``
        (igraph above :data:`~esfgraph.network.engine.IGRAPH_FROM` organisations when
        installed, else NetworkX), or one library forced at any size. ``summary.json``'s
        ``engine`` says which ran.

    Returns
    -------
    AnalysisResult

    Raises
    ------
    esfgraph.store.StoreError
        The store is missing, locked or damaged.
    esfgraph.network.NetworkError
        Unknown level, role or engine, or engine ``igraph`` without python-igraph.

    Examples
    --------
    The five sample pages, built into a store without the analysis, then analysed:

    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> from esfgraph.build import BuildOptions, build
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = build(["data/pages"], out, BuildOptions(analyze=False, progress=False, cache=False))
    >>> result = analyze(out / "store", out / "analysis", report=False)
    >>> sorted(result.files)[:2]
    ['centrality.csv', 'clusters.csv']
    >>> s = result.summary
    >>> s["projects"], s["organisations"], s["betweenness"], s["engine"]
    (5, 26, 'exact', 'networkx')
    >>> result.quads_written  # the analysis graph now in the store
    193
    >>> shutil.rmtree(out)
    """
    if level not in LEVELS:  # check the arguments before touching the store
        raise NetworkError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    try:
        choose_engine(0, engine)  # an unknown engine, or igraph asked for but not installed
    except ValueError as error:
        raise NetworkError(str(error)) from None
    roles = normalise_roles(roles)
    store = store_dir
    if isinstance(store_dir, (str, Path)):
        store = open_analysis_store(store_dir, read_only=not write_back)
    with collector_paused():
        started = time.perf_counter()
        importing = _import_meanwhile(report)
        networks = networks_from_store(store, level=level, roles=roles, text_mentions=text_mentions,
                                       include_national=include_national)
        importing.join()
        built = time.perf_counter() - started

        result = analyze_networks(networks, seed=seed, stability_runs=stability_runs, exact_limit=exact_limit,
                                  sample=sample, min_shared=min_shared, engine=engine)
        result.timings = {"networks": built, **result.timings}
        writer = _start_write_back(store, result) if write_back else None
        try:
            files = _write_files(Path(out_dir), result, report)
        finally:
            if writer is not None:
                started = time.perf_counter()
                result.quads_written, result.timings["write_back"] = writer.result()
                result.timings["write_back_wait"] = time.perf_counter() - started
    result.files = dict(sorted(files.items()))
    return result


def _import_meanwhile(report: bool):
    """Import igraph and (for the report) matplotlib in a thread; return the thread.

    They take about a second of CPU to import, and the store's reads leave the
    interpreter lock free while Oxigraph evaluates them. The caller joins the thread
    once the reads are done, so no other import runs beside it for long.
    """
    import threading  # noqa: PLC0415

    def load() -> None:
        igraph_available()
        if report:
            try:
                from . import report as _report  # noqa: F401, PLC0415
            except ImportError:
                pass  # the report's own import says what is missing, in the caller's thread

    thread = threading.Thread(target=load, name="esfgraph-imports", daemon=True)
    thread.start()
    return thread


def _start_write_back(store, result: AnalysisResult):
    """Start replacing the store's analysis graph; return the future of ``(quads, seconds)``.

    The store is written by Oxigraph (Rust) in a thread of its own while this one writes
    the tables and the report: it parses the N-Triples without the interpreter lock, so
    on two cores that hides most of the write.
    """
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    from .writeback import analysis_ntriples  # noqa: PLC0415

    networks = result.networks
    started = time.perf_counter()
    triples = analysis_ntriples(networks.organisations, result.scores, result.clustering, result.partnerships,
                                networks.level, networks.base, networks.roles, result.seed,
                                evidence=_evidence_setting(networks))
    result.timings["write_back_quads"] = time.perf_counter() - started
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="esfgraph-write-back")
    writer = pool.submit(_timed_write_back, store, triples)
    pool.shutdown(wait=False)
    return writer


def _write_files(out: Path, result: AnalysisResult, report: bool) -> dict[str, Path]:
    """Write the tables, ``summary.json`` and (with ``report``) the report into ``out``."""
    networks, graph = result.networks, result.networks.organisations
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "centrality.csv": (CENTRALITY_COLUMNS, centrality_rows(graph, result.scores, result.clustering)),
        "clusters.csv": (CLUSTER_COLUMNS, cluster_rows(graph, result.scores, result.clustering)),
        "recurring_partnerships.csv": (PARTNERSHIP_COLUMNS,
                                       partnership_rows(graph, result.partnerships, networks.projects)),
        "recurring_groups.csv": (GROUP_COLUMNS, group_rows(graph, result.groups)),
        "cross_period_partnerships.csv": (CROSS_PERIOD_COLUMNS,
                                          cross_period_rows(graph, result.cross_period, networks.projects)),
    }
    files = {name: write_table(out / name, columns, rows) for name, (columns, rows) in tables.items()}
    summary_path = out / "summary.json"
    summary_path.write_text(json.dumps(result.summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    files["summary.json"] = summary_path
    result.timings["tables"] = time.perf_counter() - started
    if report:
        from .report import write_report  # noqa: PLC0415 - matplotlib is slow to import

        started = time.perf_counter()
        files.update(write_report(out, networks, result.scores, result.clustering, result.partnerships,
                                  result.groups, result.cross_period, result.summary, seed=result.seed))
        result.timings["report"] = time.perf_counter() - started
    return files


def _evidence_setting(networks: Networks) -> str:
    """How text mentions counted, as recorded on the analysis run node."""
    return f"text={networks.text_mentions}; national={'yes' if networks.include_national else 'no'}"


def _timed_write_back(store, triples: bytes) -> tuple[int, float]:
    from .writeback import write_back as replace_graph  # noqa: PLC0415

    started = time.perf_counter()
    written = replace_graph(store, triples)
    return written, time.perf_counter() - started


def load_analysis(
    store,
    level: str = "unit",
    roles: Iterable[str] | str | None = None,
    seed: int = 42,
    text_mentions: str = "unlisted",
    include_national: bool = False,
) -> AnalysisResult:
    """Return the analysis of a store without writing anything: the stored one if it fits.

    The scores and clusters that :func:`analyze` wrote into the store's analysis graph
    are reused when they describe the same network (same level and roles, same
    organisations, same degrees); otherwise centrality and clusters are computed afresh (without the
    stability runs). This is what the Gephi export needs.

    Parameters
    ----------
    store : str, pathlib.Path or pyoxigraph.Store
        The store folder (opened read-only) or an open store.
    level, roles, seed, text_mentions, include_national
        As for :func:`analyze`.

    Returns
    -------
    AnalysisResult
        ``partnerships``, ``groups`` and ``cross_period`` are filled; ``files`` is empty.
    """
    from .clusters import Cluster  # noqa: PLC0415
    from .writeback import read_back  # noqa: PLC0415

    if level not in LEVELS:
        raise NetworkError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    roles = normalise_roles(roles)
    if isinstance(store, (str, Path)):
        store = open_analysis_store(store, read_only=True)
    networks = networks_from_store(store, level=level, roles=roles, text_mentions=text_mentions,
                                   include_national=include_national)
    graph = networks.organisations
    stored = read_back(store)
    fits = (
        stored is not None
        and stored["level"] == networks.level
        and stored["roles"] == networks.roles
        and stored.get("evidence") == _evidence_setting(networks)
        and set(stored["scores"]) == set(graph.nodes)
        and all(stored["scores"][n]["degree"] == graph.degree(n) for n in graph)
    )
    if not fits:
        return analyze_networks(networks, seed=seed, stability_runs=0)
    s = stored["scores"]
    nodes = sorted(graph.nodes)
    scores = Centrality(
        degree={n: s[n]["degree"] for n in nodes},
        weighted_degree={n: int(w) for n, w in graph.degree(nodes, weight="weight")},
        betweenness={n: s[n]["betweenness"] for n in nodes},
        pagerank={n: s[n]["pagerank"] for n in nodes},
        core_number={n: s[n]["core_number"] for n in nodes},
        method=stored["method"],
        engine=stored["engine"],
    )
    membership = {n: s[n]["cluster"] for n in nodes if s[n]["cluster"] is not None}
    members: dict[int, list[str]] = {}
    for node in scores.ranked("weighted_degree"):
        if node in membership:
            members.setdefault(membership[node], []).append(node)
    clusters = [Cluster(number, "", members[number]) for number in sorted(members)]
    clustering = Clustering(clusters, membership, seed=seed)
    partnerships = recurring_partnerships(networks)
    groups = recurring_groups(networks)
    cross = cross_period_partnerships(partnerships)
    summary = _summary(networks, scores, clustering, partnerships, groups, cross)
    return AnalysisResult(networks, scores, clustering, partnerships, groups, cross, seed, summary)
