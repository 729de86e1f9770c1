"""The page stage: every page through the workers, streamed to ``records.jsonl``, the cache and the graph writer.

Per page, extraction, resolution and the page's own triples are computed together in
worker processes (:mod:`esfgraph.build.pagework`, the expensive, parallel part) and
cached by the page's SHA-256 (:mod:`esfgraph.cache`); this process streams records to
``records.jsonl``, page triples into the graph writer's external sort, and keeps only
what later stages need (the resolutions), so memory does not grow with page text.

Workers are started by a fork server (they inherit no open files of the build) and exit
by themselves within a second of the build's death (:mod:`esfgraph.runtime.process`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import PageCache, fingerprint
from ..linkpass import may_be_linked
from ..model import Mention, Organisation, RecordResolution
from ..progress import progress
from ..runtime.process import process_pool
from .context import BuildContext
from .pagework import PageResult, PageSettings, PageTask, close_worker, init_worker, run_page_task
from .result import StageReport
from .reuse import build_key
from .signals import checkpoint

__all__ = ["PagesOutput", "run_pages", "page_results"]

#: Modules the fork server imports once, so that each worker starts with them loaded.
_PRELOAD = ("esfgraph.build.pagework", "esfgraph.extract", "esfgraph.resolve", "esfgraph.rdf")
#: Cache entries are written in batches of this many.
_CACHE_BATCH = 500


@dataclass
class PagesOutput:
    """What the page stage hands on: the per-page resolutions (for linking and merging)."""

    resolutions: list[RecordResolution] = field(default_factory=list)


def page_results(files: list[Path], workers: int | None, settings: PageSettings) -> Iterator[PageResult]:
    """Yield each file's :class:`PageResult`, in the order of ``files``.

    A few pages, or one worker, are done in this process; its signal handling stays as it is.
    """
    tasks = [PageTask(path.as_posix()) for path in files]
    workers = max(1, min(workers or os.cpu_count() or 1, len(tasks) or 1))
    if workers == 1 or len(tasks) < 8:
        init_worker(settings)
        try:
            yield from (run_page_task(task) for task in tasks)
        finally:
            close_worker()
        return
    pool = process_pool(workers, initializer=init_worker, initargs=(settings,), method="forkserver",
                        preload=_PRELOAD)
    chunk = max(1, min(64, len(tasks) // (workers * 8) or 1))
    try:
        yield from pool.map(run_page_task, tasks, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _resolution_from_dict(data: dict) -> RecordResolution:
    return RecordResolution(
        **{
            **data,
            "mentions": [Mention(**m) for m in data["mentions"]],
            "organisations": [Organisation(**o) for o in data["organisations"]],
        }
    )


def _settings(context: BuildContext) -> PageSettings:
    options = context.options
    return PageSettings(
        fingerprint=fingerprint(options.base, f"contacts={options.include_contacts}|redact={options.redact_contacts}"),
        base=options.base, include_contacts=options.include_contacts, redact_contacts=options.redact_contacts,
        cache=options.cache,
        previous_cache_path=str(context.previous / "cache" / "pages.sqlite") if options.cache else None,
    )


def _account_for_files(context: BuildContext, page_keys: list[tuple[str, str | None]], report: StageReport) -> None:
    """Count the files by outcome (sorted by path) and set the build key."""
    result = context.result
    result.files.sort(key=lambda entry: entry["path"])
    statuses = [entry["status"] for entry in result.files]
    report.counts.update(inputs=len(result.files), ok=statuses.count("ok"), warnings=statuses.count("warnings"),
                         rejected=statuses.count("rejected"),
                         projects=statuses.count("ok") + statuses.count("warnings"))
    result.build_key = build_key(context.options, page_keys, result.files)


def _take(context: BuildContext, page: PageResult, output: PagesOutput, records_out) -> None:
    """One page's outputs: its record line, its resolution, its triples (now or after linking)."""
    if page.record_line is not None:
        records_out.write(page.record_line)
    if page.resolution is None:
        return
    resolution = _resolution_from_dict(page.resolution)
    output.resolutions.append(resolution)
    if may_be_linked(resolution):  # its organisations may yet be joined: wait
        context.spool.add(page.nt, resolution.municipality_codes, resolution.countries)
    else:
        context.writer.add_page(page.nt, resolution.municipality_codes, resolution.countries)


def run_pages(context: BuildContext) -> StageReport:
    """Process every page; record each file's outcome in ``context.result.files`` (sorted by
    path) and the build key; the report's ``value`` is a :class:`PagesOutput`."""
    options, result = context.options, context.result
    cache = PageCache(context.staging / "cache" / "pages.sqlite") if options.cache else None
    output, pending, hits, page_keys = PagesOutput(), [], 0, []
    cpu = {"extract": 0.0, "resolve": 0.0, "rdf": 0.0}
    pages = page_results(context.files, options.workers, _settings(context))
    with open(context.staging / "records.jsonl", "w", encoding="utf-8") as records_out:
        for done, page in enumerate(progress(pages, desc="pages", total=len(context.files),
                                             enabled=options.progress), start=1):
            checkpoint("pages", done)
            page_keys.append((page.path, page.key))
            result.files.append(page.file_entry())
            if page.hit:
                hits += 1
            else:
                for step, seconds in page.timings.items():
                    cpu[step] += seconds
            _take(context, page, output, records_out)
            if cache is not None and page.encoded is not None:
                pending.append((page.key, page.encoded))
                if len(pending) >= _CACHE_BATCH:
                    cache.put_encoded(pending)
                    pending.clear()
    report = StageReport("pages", state_key="extract", value=output,
                         timings={f"{step}_cpu": seconds for step, seconds in cpu.items() if seconds})
    if cache is not None:
        cache.put_encoded(pending)
        report.counts["cache_hits"] = hits
        cache.close()
    _account_for_files(context, page_keys, report)
    return report
