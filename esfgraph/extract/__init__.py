"""Extract one :class:`~esfgraph.model.ProjectRecord` per project page.

The public API::

    iter_input_files(paths) -> (list[Path], list[ExtractionResult])
    extract_file(path) -> ExtractionResult            # never raises
    extract_bytes(data, source) -> ExtractionResult   # never raises
    extract_paths(paths, workers=1, progress=False) -> Iterator[ExtractionResult]

Pages in every layout the ESF Council's project bank has used are read, as ``.txt`` or as
HTML saved from a browser (see :mod:`esfgraph.extract.layouts`). Each result has a status:

``ok``
    a record, and nothing to report;
``warnings``
    a record, with warnings: a field the layout always prints is missing (a truncated
    page), a value is broken and left empty (``Total projektbudget: 1.1``), an unknown
    label, repaired mojibake, a non-UTF-8 encoding;
``rejected``
    no record, and a one-line ``reason``. A file is rejected when it is empty or
    whitespace only; binary (NUL bytes, a PDF/image/archive signature, control
    characters); larger than :data:`MAX_PAGE_BYTES` (4 MB: rejected unread, so one input
    cannot take unbounded time); HTML with no visible text; has no block of at least two
    known field labels within its first 3,000 lines (not a project page, or truncated
    before its fields); or has no title before its fields. A missing path or a folder
    given as a page is rejected too.

Records keep the page's text as printed: strings are only trimmed; amounts are ``int``
kronor; dates are ISO; ``fields`` maps every label on the page to its value as printed.
"""

from __future__ import annotations

from .files import PAGE_SUFFIXES, extract_paths, iter_input_files
from .page import MAX_PAGE_BYTES, extract_bytes, extract_file, read_page, sidecar_path

__all__ = [
    "iter_input_files",
    "extract_file",
    "extract_bytes",
    "extract_paths",
    "MAX_PAGE_BYTES",
    "PAGE_SUFFIXES",
    "read_page",
    "sidecar_path",
]
