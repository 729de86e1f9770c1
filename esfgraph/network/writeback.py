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

__all__ = ["analysis_quads", "write_back", "remove_analysis", "read_back"]


def _n(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


_INTEGER = ox.NamedNode(str(XSD.integer))
_DOUBLE = ox.NamedNode(str(XSD.double))


def _double(value: float) -> ox.Literal:
    return ox.Literal(repr(round(float(value), 10)), datatype=_DOUBLE)


class _Quads(list):
    """Quads of the analysis graph, with one term object per IRI and per integer:
    10^5-10^6 quads share a few thousand terms."""

    def __init__(self):
        super().__init__()
        self.graph = _n(ANALYSIS_GRAPH)
        self._nodes: dict[str, ox.NamedNode] = {}
        self._integers: dict[int, ox.Literal] = {}

    def add(self, s, p, o) -> None:
        self.append(ox.Quad(s, p, o, self.graph))

    def node(self, iri: str) -> ox.NamedNode:
        term = self._nodes.get(iri)
        if term is None:
            term = self._nodes[iri] = ox.NamedNode(iri)
        return term

    def integer(self, value: int) -> ox.Literal:
        value = int(value)
        term = self._integers.get(value)
        if term is None:
            term = self._integers[value] = ox.Literal(str(value), datatype=_INTEGER)
        return term


def analysis_quads(
    graph,
    scores: Centrality,
    clustering: Clustering,
    partnerships: list[Partnership],
    level: str,
    base: str | None = None,
    roles: tuple[str, ...] = (),
    seed: int | None = None,
    evidence: str = "",
) -> list[ox.Quad]:
    """Return the quads of one analysis, in :data:`~esfgraph.vocab.ANALYSIS_GRAPH`.

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
    list of pyoxigraph.Quad
        In a deterministic order (run, scores, clusters, partnerships, each as the
        analysis sorted them); a store is a set, so they are not sorted further.
    """
    quads = _Quads()
    run = _n(analysis_run_iri(base))
    quads.add(run, _n(RDF.type), _n(PROV.Activity))
    quads.add(run, _n(ESF.analysisLevel), ox.Literal(level))
    quads.add(run, _n(ESF.betweennessMethod), ox.Literal(scores.method))
    quads.add(run, _n(ESF.modularity), _double(clustering.modularity))
    settings = f"roles={','.join(roles)}; {evidence + '; ' if evidence else ''}seed={seed}; engine={scores.engine}"
    quads.add(run, _n(RDFS.comment), ox.Literal(settings))
    _score_quads(quads, scores)
    _cluster_quads(quads, clustering, base)
    _partnership_quads(quads, graph, partnerships, base)
    return list(quads)


def _score_quads(quads: _Quads, scores: Centrality) -> None:
    degree, weighted, between, rank, core = (_n(ESF.degree), _n(ESF.weightedDegree), _n(ESF.betweenness),
                                             _n(ESF.pageRank), _n(ESF.coreNumber))
    for org in scores.degree:
        subject = quads.node(org)
        quads.add(subject, degree, quads.integer(scores.degree[org]))
        quads.add(subject, weighted, quads.integer(scores.weighted_degree[org]))
        quads.add(subject, between, _double(scores.betweenness[org]))
        quads.add(subject, rank, _double(scores.pagerank[org]))
        quads.add(subject, core, quads.integer(scores.core_number[org]))


def _cluster_quads(quads: _Quads, clustering: Clustering, base: str | None) -> None:
    a, label, member, in_cluster = _n(RDF.type), _n(RDFS.label), _n(ESF.member), _n(ESF.inCluster)
    cluster_class = _n(ESF.Cluster)
    for cluster in clustering.clusters:
        c = _n(cluster_iri(cluster.number, base))
        quads.add(c, a, cluster_class)
        quads.add(c, label, ox.Literal(cluster.name))
        for org in cluster.members:
            quads.add(c, member, quads.node(org))
            quads.add(quads.node(org), in_cluster, c)


def _partnership_quads(quads: _Quads, graph, partnerships: list[Partnership], base: str | None) -> None:
    a, label, member, shared_project = _n(RDF.type), _n(RDFS.label), _n(ESF.member), _n(ESF.sharedProject)
    counts = (_n(ESF.sharedProjectCount), _n(ESF.coFinancingCount), _n(ESF.partnershipCount))
    tie_evidence, listed_count, text_count = _n(ESF.tieEvidence), _n(ESF.listedProjectCount), _n(ESF.textProjectCount)
    first_year, last_year = _n(ESF.firstYear), _n(ESF.lastYear)
    partnership_class = _n(ESF.Partnership)
    labels = graph.nodes
    for p in partnerships:
        subject = _n(partnership_iri(p.org_a, p.org_b, base))
        text = f"{labels[p.org_a].get('label', p.org_a)} – {labels[p.org_b].get('label', p.org_b)}"
        quads.add(subject, a, partnership_class)
        quads.add(subject, label, ox.Literal(text))
        quads.add(subject, member, quads.node(p.org_a))
        quads.add(subject, member, quads.node(p.org_b))
        for predicate, value in zip(counts, (p.shared, p.kinds.get("co_financing", 0), p.kinds.get("partnership", 0))):
            quads.add(subject, predicate, quads.integer(value))
        quads.add(subject, tie_evidence, ox.Literal(p.evidence))
        quads.add(subject, listed_count, quads.integer(p.listed_count))
        quads.add(subject, text_count, quads.integer(p.text_count))
        for project in p.projects:
            quads.add(subject, shared_project, quads.node(project))
        if p.first_year is not None:
            quads.add(subject, first_year, quads.integer(p.first_year))
            quads.add(subject, last_year, quads.integer(p.last_year))


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


def write_back(store: ox.Store, quads: list[ox.Quad]) -> int:
    """Replace the analysis graph of ``store`` with ``quads``.

    Parameters
    ----------
    store : pyoxigraph.Store
        Opened for writing.
    quads : list of pyoxigraph.Quad
        From :func:`analysis_quads`.

    Returns
    -------
    int
        The number of quads written.

    Raises
    ------
    OSError
        When the store cannot be written (opened read-only, disk full).
    """
    remove_analysis(store)
    # bulk_extend is twice as fast as the transactional extend on 200,000 quads (and lets
    # other Python threads run meanwhile); a run stopped half-way leaves a partial analysis
    # graph that the next run replaces.
    store.bulk_extend(quads)
    store.flush()
    return len(quads)


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
