"""The RDF stage: records and their resolutions become triples under ``ontology/``.

Public API (see ``docs/architecture.md``):

- :class:`RDFOptions` (base IRI, contacts, place names, Turtle size limit);
- :func:`record_triples` for one page (project, participations, source page);
- :func:`organisation_triples` and :func:`place_triples` for the shared resources;
- :func:`write_graph` for a whole corpus: sorted ``graph.nt`` and ``graph.ttl``/``graph.trig``,
  with the dataset's own description (VoID, DCAT, PROV; :mod:`esfgraph.rdf.dataset`);
- :func:`record_nt_lines` (one page's lines, in worker processes) and :class:`GraphWriter`
  (pages handed over as they come, then organisations and places) for ``esfgraph build``.

Examples
--------
>>> from esfgraph.model import ProjectRecord
>>> from esfgraph.rdf import record_triples
>>> len(record_triples(ProjectRecord(source="a.txt", title="Trappsteget"))) > 0
True
"""

from .concepts import ConceptIndex, concept_index, scheme_iri
from .dataset import TIME_PREDICATES, record_analysis_activity, recorded_build_time, without_time
from .ntriples import nq_line, nt_line, nt_term, rdflib_term
from .options import DEFAULT_TURTLE_LIMIT, GraphFiles, RDFOptions
from .organisations import organisation_triples
from .places import PlaceNames, place_triples
from .replaced import replaced_nt_lines
from .project import SHORTCUTS, programme_period, project_iri_of, record_nt_lines, record_triples, source_iri_of
from .writer import GraphWriter, serialise_turtle, write_graph, write_graph_files

__all__ = [
    "rdflib_term",
    "replaced_nt_lines",
    "RDFOptions",
    "GraphWriter",
    "GraphFiles",
    "DEFAULT_TURTLE_LIMIT",
    "record_triples",
    "organisation_triples",
    "place_triples",
    "PlaceNames",
    "write_graph",
    "write_graph_files",
    "record_nt_lines",
    "serialise_turtle",
    "programme_period",
    "project_iri_of",
    "source_iri_of",
    "SHORTCUTS",
    "ConceptIndex",
    "concept_index",
    "scheme_iri",
    "nt_term",
    "nt_line",
    "nq_line",
    "TIME_PREDICATES",
    "recorded_build_time",
    "record_analysis_activity",
    "without_time",
]
