"""The stages after the page stage, each ``run(context) -> StageReport`` (its product in ``value``).

Each calls one stage package through its ``__all__``; what it adds to ``build.json``
(counts, summary lines, its state) goes in its report, which the build records in the
order the stages are declared (:mod:`esfgraph.build.pipeline`), wherever they ran.
"""

from __future__ import annotations

import gc
import os

from ..linkpass import run_linking
from .context import BuildContext
from .pages import PagesOutput
from .result import StageReport

__all__ = ["graph_writer", "run_link", "run_resolve", "run_rdf", "run_validate", "run_store", "run_analyze",
           "run_export"]


def graph_writer(context: BuildContext):
    """The RDF stage's streaming writer for this build: pages stream into it as they come."""
    from ..rdf import GraphWriter, RDFOptions, recorded_build_time

    options, previous = context.options, context.previous
    rdf_options = RDFOptions(base=options.base, include_contacts=options.include_contacts,
                             build_time=recorded_build_time(context.files),
                             registry_to=context.staging / "iris.csv",
                             registry_from=previous / "iris.csv" if previous is not None else None)
    return GraphWriter(context.staging, rdf_options, options.graph_format)


def run_link(context: BuildContext) -> StageReport:
    """One node per organisation across the corpus (:mod:`esfgraph.linkpass`)."""
    pages: PagesOutput = context.outputs["pages"]
    linked = run_linking(pages.resolutions, context.spool, context.writer, context.options.base)
    report = StageReport("link", counts={"linked_keys": len(linked["replaced"])}, value=linked)
    if linked["replaced"] or linked["conflicts"]:
        joined = len(set(linked["replaced"].values()))
        line = (f"linking: {len(linked['replaced'])} keys joined into {joined} organisations by organisation "
                f"number and the names printed beside it (old IRIs kept as dcterms:isReplacedBy)")
        if linked["conflicts"]:
            line += f"; {linked['conflicts']} groups left apart (two reference organisations)"
        report.summary.append(line)
    return report


def run_resolve(context: BuildContext) -> StageReport:
    """Merge the pages' organisations and write ``resolution.csv``; the value is the merged organisations."""
    from ..resolve import merge_organisations, resolution_summary, summary_lines, write_resolution_csv

    resolutions = context.outputs["pages"].resolutions
    organisations = merge_organisations(resolutions)
    write_resolution_csv(resolutions, context.staging / "resolution.csv", organisations)
    summary = resolution_summary(resolutions)
    counts = {
        "mentions": sum(len(r.mentions) for r in resolutions),
        "organisations": len(organisations),  # in the graph: named ones and their parents
        "named_organisations": len({m.canonical for r in resolutions for m in r.mentions}),
    }
    # The per-page resolutions are the largest thing the build holds (gigabytes at a
    # million pages); nothing after the merge needs them, and the analyses need the room.
    resolutions.clear()
    return StageReport("resolve_merge", state_key="resolve", counts=counts, summary=summary_lines(summary),
                       value=organisations)


def run_rdf(context: BuildContext) -> StageReport:
    """Add the merged organisations and places and write ``graph.nt`` / ``graph.ttl``; the value is their files."""
    organisations = context.outputs.pop("resolve_merge")
    files = context.writer.finish(organisations)
    del organisations
    context.spool.discard()
    context.writer.discard()  # removes only temporary sort files; finished files stay
    context.spool = context.writer = None
    gc.collect()  # before the stages that follow fork or need the room
    return StageReport("rdf", state_key="rdf", counts={"triples": files.triple_count}, value=files)


def run_validate(context: BuildContext, beside: bool = False) -> StageReport:
    """Validate ``graph.nt`` with the SHACL shapes and write ``validation.txt``/``.ttl``."""
    from ..validate import validate_graph, write_validation

    if beside:
        # Nothing waits for validation until the end, while every later stage waits for
        # the one before it: the stages in line get the cores first (workers inherit it).
        # Its workers are as many as alone: niced, they take what the stages in line leave,
        # and every core once those are done (docs/benchmarks.md measures both).
        os.nice(10)
    outcome = validate_graph(context.outputs["rdf"].nt)
    write_validation(outcome, context.staging)
    return StageReport("validate", state_key="validate", conforms=outcome.conforms,
                       counts={"shacl_violations": outcome.violations, "shacl_warnings": outcome.warnings})


def run_store(context: BuildContext) -> StageReport:
    """Load the graph into ``store/``, with the ontology and its vocabularies (queries show their labels)."""
    from ..store import load_store, vocabulary_files

    # Lenient: graph.nt is this build's own output, and the validate stage parses every
    # line of it strictly; the vocabularies are the package's, checked by its tests.
    load_store(context.staging / "store", [context.outputs["rdf"].nt, *vocabulary_files()], lenient=True)
    return StageReport("store", state_key="store")


def run_analyze(context: BuildContext) -> StageReport:
    """The network analyses (``analysis/``, and their results written back into the store)."""
    from ..network import analyze, coverage_lines
    from ..rdf import record_analysis_activity  # the run's software, input and time, as the build's

    options, staging = context.options, context.staging
    analysis = analyze(staging / "store", staging / "analysis", level=options.level, seed=options.seed,
                       engine=options.engine, roles=options.roles, text_mentions=options.text_mentions,
                       include_national=options.include_national)
    record_analysis_activity(staging / "store")
    return StageReport("analyze", state_key="analyze", counts=dict(analysis.counts),
                       summary=coverage_lines(analysis.summary["coverage"]), value=analysis)


def run_export(context: BuildContext) -> StageReport:
    """The Gephi files (``gephi/``)."""
    from ..export import export_gephi

    export_gephi(context.outputs["analyze"], context.staging / "gephi")
    return StageReport("export", state_key="export")
