"""Write analysis results back into the store, in a named graph of their own.

Counting pairs at query time is the slowest query there is; counting them once here and
storing the answer lets SPARQL users (and the query library) read them directly. The
named graph :data:`esfgraph.vocab.ANALYSIS_GRAPH` is replaced as a whole on every run,
so it always holds exactly one analysis (its level is on the run node).

```turtle
GRAPH <https://w3id.org/esfgraph/graph/analysis> {
  <id/analysis/run> a prov:Activity ; esf:analysisLevel "unit" ;
      esf:betweennessMethod "exact" ; esf:modularity 0.41 ;
      rdfs:comment "roles=owner,...,mentioned; text=unlisted; national=no; seed=42; engine=networkx" .
  <id/org/arbetsformedlingen> esf:degree 12 ; esf:weightedDegree 30 ;
      esf:betweenness 0.31 ; esf:pageRank 0.08 ; esf:coreNumber 4 ;
      esf:inCluster <id/analysis/cluster/1> .
  <id/analysis/cluster/1> a esf:Cluster ; rdfs:label "Arbetsförmedlingen / ..." ;
      esf:member <id/org/arbetsformedlingen> , ... .
  <id/analysis/partnership/3f2a...> a esf:Partnership ;
      rdfs:label "Arbetsförmedlingen – Vaggeryds kommun" ;
      esf:member <id/org/arbetsformedlingen> , <id/org/kommun-0665> ;
      esf:sharedProjectCount 3 ; esf:coFinancingCount 2 ; esf:partnershipCount 1 ;
      esf:tieEvidence "both" ; esf:listedProjectCount 2 ; esf:textProjectCount 1 ;
      esf:sharedProject <id/project/...> , ... ; esf:firstYear 2008 ; esf:lastYear 2016 .
}
```

Partnership nodes exist for the recurring pairs (two or more shared projects); their
IRIs hash the two organisation IRIs, so they stay the same from run to run.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from ..iris import analysis_run_iri, cluster_iri, partnership_iri
from ..vocab import ANALYSIS_GRAPH, ESF, PREFIXES, PROV, RDF, RDFS, XSD
from .centrality import Centrality
from .clusters import Clustering
from .recurring import Partnership

__all__ = ["analysis_ntriples", "analysis_quads", "write_back", "remove_analysis", "read_back"]


def _n(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _iri(iri) -> str:
    """An IRI as N-Triples writes it (IRIs here come from the store or from iris.py)."""
    return f"<{iri}>"


_INTEGER = _iri(XSD.integer)
_DOUBLE = _iri(XSD.double)


def _text(value: str) -> str:
    """A plain literal as N-Triples writes it: Oxigraph escapes it (page text is untrusted)."""
    return str(ox.Literal(value))


def _double(value: float) -> str:
    return f'"{round(float(value), 10)!r}"^^{_DOUBLE}'


class _Lines(list):
    """N-Triples lines of the analysis graph, with one string per IRI and per integer:
    10^5-10^6 lines share a few thousand terms.

    Lines, not ``pyoxigraph.Quad`` objects: formatting a line costs a fraction of making
    a quad, and Oxigraph parses the lines while other Python threads run, where it
    converts quads one by one holding the interpreter lock.
    """

    def __init__(self):
        super().__init__()
        self._nodes: dict[str, str] = {}
        self._integers: dict[int, str] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.append(f"{s} {p} {o} .\n")

    def node(self, iri: str) -> str:
        term = self._nodes.get(iri)
        if term is None:
            term = self._nodes[iri] = f"<{iri}>"
        return term

    def integer(self, value: int) -> str:
        value = int(value)
        term = self._integers.get(value)
        if term is None:
            term = self._integers[value] = f'"{value}"^^{_INTEGER}'
        return term


def analysis_ntriples(
    graph,
    scores: Centrality,
    clustering: Clustering,
    partnerships: list[Partnership],
    level: str,
    base: str | None = None,
    roles: tuple[str, ...] = (),
    seed: int | None = None,
    evidence: str = "",
) -> bytes:
    """Return the triples of one analysis as N-Triples (UTF-8), for :data:`~esfgraph.vocab.ANALYSIS_GRAPH`.

    Parameters
    ----------
    graph : networkx.Graph
        The organisation network the scores belong to (for labels).
    scores, clustering, partnerships
        The results of :func:`~esfgraph.network.centrality`,
        :func:`~esfgraph.network.find_clusters` and
        :func:`~esfgraph.network.recurring_partnerships`.
    level : str
        ``"unit"`` or ``"parent"``.
    base : str, optional
        IRI base of the analysis nodes (the data's own base).
    roles, seed, evidence
        Recorded on the run node (``rdfs:comment "roles=...; text=...; national=...;
        seed=...; engine=..."``), so that readers can tell whether the stored analysis fits
        their network (``evidence`` is ``"text=unlisted; national=no"`` and the like).

    Returns
    -------
    bytes
        One triple a line, in a deterministic order (run, scores, clusters,
        partnerships, each as the analysis sorted them); a store is a set, so they are
        not sorted further. :func:`write_back` loads them.

    Examples
    --------
    >>> import networkx as nx
    >>> from esfgraph.network import centrality, find_clusters
    >>> g = nx.Graph([("http://x/org/a", "http://x/org/b")])
    >>> text = analysis_ntriples(g, centrality(g), find_clusters(g), [], "unit", base="http://x/", seed=1)
    >>> len(text.splitlines()), text.splitlines()[5].decode()
    (21, '<http://x/org/a> <https://w3id.org/esfgraph/ontology#degree> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    """
    lines = _Lines()
    run = _iri(analysis_run_iri(base))
    lines.add(run, _iri(RDF.type), _iri(PROV.Activity))
    lines.add(run, _iri(ESF.analysisLevel), _text(level))
    lines.add(run, _iri(ESF.betweennessMethod), _text(scores.method))
    lines.add(run, _iri(ESF.modularity), _double(clustering.modularity))
    settings = f"roles={','.join(roles)}; {evidence + '; ' if evidence else ''}seed={seed}; engine={scores.engine}"
    lines.add(run, _iri(RDFS.comment), _text(settings))
    _score_lines(lines, scores)
    _cluster_lines(lines, clustering, base)
    _partnership_lines(lines, graph, partnerships, base)
    return "".join(lines).encode("utf-8")


def analysis_quads(*args, **kwargs) -> list[ox.Quad]:
    """Return the quads of one analysis, in :data:`~esfgraph.vocab.ANALYSIS_GRAPH`.

    Parameters
    ----------
    *args, **kwargs
        The arguments of :func:`analysis_ntriples` (``graph``, ``scores``,
        ``clustering``, ``partnerships``, ``level``, ``base``, ``roles``, ``seed``,
        ``evidence``).

    Returns
    -------
    list of pyoxigraph.Quad
        The triples of :func:`analysis_ntriples`, in the same order.
    """
    text = analysis_ntriples(*args, **kwargs)
    named = _n(ANALYSIS_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, named) for t in ox.parse(text, ox.RdfFormat.N_TRIPLES)]


def _score_lines(lines: _Lines, scores: Centrality) -> None:
    degree, weighted, between, rank, core = (_iri(ESF.degree), _iri(ESF.weightedDegree), _iri(ESF.betweenness),
                                             _iri(ESF.pageRank), _iri(ESF.coreNumber))
    for org in scores.degree:
        subject = lines.node(org)
        lines.add(subject, degree, lines.integer(scores.degree[org]))
        lines.add(subject, weighted, lines.integer(scores.weighted_degree[org]))
        lines.add(subject, between, _double(scores.betweenness[org]))
        lines.add(subject, rank, _double(scores.pagerank[org]))
        lines.add(subject, core, lines.integer(scores.core_number[org]))


def _cluster_lines(lines: _Lines, clustering: Clustering, base: str | None) -> None:
    a, label, member, in_cluster = _iri(RDF.type), _iri(RDFS.label), _iri(ESF.member), _iri(ESF.inCluster)
    cluster_class = _iri(ESF.Cluster)
    for cluster in clustering.clusters:
        c = _iri(cluster_iri(cluster.number, base))
        lines.add(c, a, cluster_class)
        lines.add(c, label, _text(cluster.name))
        for org in cluster.members:
            lines.add(c, member, lines.node(org))
            lines.add(lines.node(org), in_cluster, c)


def _partnership_lines(lines: _Lines, graph, partnerships: list[Partnership], base: str | None) -> None:
    a, label, member, shared_project = _iri(RDF.type), _iri(RDFS.label), _iri(ESF.member), _iri(ESF.sharedProject)
    counts = (_iri(ESF.sharedProjectCount), _iri(ESF.coFinancingCount), _iri(ESF.partnershipCount))
    tie_evidence = _iri(ESF.tieEvidence)
    listed_count, text_count = _iri(ESF.listedProjectCount), _iri(ESF.textProjectCount)
    first_year, last_year = _iri(ESF.firstYear), _iri(ESF.lastYear)
    partnership_class = _iri(ESF.Partnership)
    evidence_terms = {}
    labels = graph.nodes
    for p in partnerships:
        subject = _iri(partnership_iri(p.org_a, p.org_b, base))
        text = f"{labels[p.org_a].get('label', p.org_a)} – {labels[p.org_b].get('label', p.org_b)}"
        lines.add(subject, a, partnership_class)
        lines.add(subject, label, _text(text))
        lines.add(subject, member, lines.node(p.org_a))
        lines.add(subject, member, lines.node(p.org_b))
        for predicate, value in zip(counts, (p.shared, p.kinds.get("co_financing", 0), p.kinds.get("partnership", 0))):
            lines.add(subject, predicate, lines.integer(value))
        if p.evidence not in evidence_terms:
            evidence_terms[p.evidence] = _text(p.evidence)
        lines.add(subject, tie_evidence, evidence_terms[p.evidence])
        lines.add(subject, listed_count, lines.integer(p.listed_count))
        lines.add(subject, text_count, lines.integer(p.text_count))
        for project in p.projects:
            lines.add(subject, shared_project, lines.node(project))
        if p.first_year is not None:
            lines.add(subject, first_year, lines.integer(p.first_year))
            lines.add(subject, last_year, lines.integer(p.last_year))


def remove_analysis(store: ox.Store) -> int:
    """Remove the analysis graph from ``store``; return the number of quads removed.

    One quad at a time: on an on-disk store that is about twice as fast as
    ``remove_graph`` (which deletes them all in one growing transaction).
    """
    graph = _n(ANALYSIS_GRAPH)
    if not store.contains_named_graph(graph):
        return 0
    old = list(store.quads_for_pattern(None, None, None, graph))
    for quad in old:
        store.remove(quad)
    store.remove_graph(graph)  # the graph's name too; it holds nothing any more
    return len(old)


def write_back(store: ox.Store, triples: bytes | list[ox.Quad]) -> int:
    """Replace the analysis graph of ``store`` with ``triples``.

    Parameters
    ----------
    store : pyoxigraph.Store
        Opened for writing.
    triples : bytes or list of pyoxigraph.Quad
        N-Triples from :func:`analysis_ntriples` (loaded into
        :data:`~esfgraph.vocab.ANALYSIS_GRAPH`), or quads from :func:`analysis_quads`.

    Returns
    -------
    int
        The number of triples written.

    Raises
    ------
    OSError
        When the store cannot be written (opened read-only, disk full).
    """
    remove_analysis(store)
    # The bulk loader is twice as fast as a transaction on 200,000 triples; a run stopped
    # half-way leaves a partial analysis graph that the next run replaces. Loading
    # N-Triples, Oxigraph parses and writes without the interpreter lock (the tables and
    # the report are written meanwhile); bulk_extend holds it while it converts each quad.
    if isinstance(triples, bytes):
        store.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES, to_graph=_n(ANALYSIS_GRAPH))
        written = triples.count(b"\n")
    else:
        store.bulk_extend(triples)
        written = len(triples)
    store.flush()
    return written


_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

_READ = _PROLOGUE + """
SELECT ?org ?degree ?betweenness ?pagerank ?core ?cluster WHERE {
  GRAPH <%s> {
    ?org esf:degree ?degree ; esf:betweenness ?betweenness ;
         esf:pageRank ?pagerank ; esf:coreNumber ?core .
    OPTIONAL { ?org esf:inCluster ?cluster }
  }
}""" % ANALYSIS_GRAPH

_READ_RUN = _PROLOGUE + """
SELECT ?level ?method ?comment WHERE { GRAPH <%s> {
  ?run esf:analysisLevel ?level ; esf:betweennessMethod ?method . OPTIONAL { ?run rdfs:comment ?comment } } }
""" % ANALYSIS_GRAPH


def read_back(store: ox.Store) -> dict[str, Any] | None:
    """Return the analysis stored in ``store``, or ``None`` when there is none.

    Returns
    -------
    dict or None
        ``{"level", "method", "engine", "roles", "evidence", "scores": {org: {"degree", "betweenness", "pagerank",
        "core_number", "cluster"}}}``; ``cluster`` is the cluster number or ``None``.
    """
    run = list(store.query(_READ_RUN))
    if not run:
        return None
    scores = {}
    for s in store.query(_READ):
        cluster = s["cluster"]
        scores[s["org"].value] = {
            "degree": int(s["degree"].value),
            "betweenness": float(s["betweenness"].value),
            "pagerank": float(s["pagerank"].value),
            "core_number": int(s["core"].value),
            "cluster": int(cluster.value.rsplit("/", 1)[-1]) if cluster is not None else None,
        }
    comment = run[0]["comment"].value if run[0]["comment"] is not None else ""
    parts = dict(part.partition("=")[::2] for part in comment.split("; "))
    roles = parts.get("roles", "")
    evidence = "; ".join(f"{key}={parts[key]}" for key in ("text", "national") if key in parts)
    return {
        "evidence": evidence,
        "level": run[0]["level"].value,
        "method": run[0]["method"].value,
        "engine": parts.get("engine") or "networkx",
        "roles": tuple(r for r in roles.split(",") if r),
        "scores": scores,
    }
