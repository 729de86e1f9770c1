"""One page in, one :class:`~esfgraph.model.ExtractionResult` out; never raises.

The steps: size check, decoding (:mod:`.decode`), HTML to text (:mod:`.html`), text
hygiene (:mod:`.repair`), the field scan (:mod:`.scan`), the layout (:mod:`.layouts`).
See :mod:`esfgraph.extract` for what makes a page rejected.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..model import ExtractionResult, ProjectRecord
from .decode import NotText, declared_charset, decode_page, looks_like_html
from .html import html_to_text
from .labels import LABELS, LabelTable
from .layouts import LAYOUTS, detect_layout
from .repair import clean_text
from .scan import scan_fields

__all__ = ["extract_bytes", "extract_file", "read_page", "sidecar_path", "MAX_PAGE_BYTES", "MAX_WARNINGS", "HTML_SUFFIXES", "TEXT_SUFFIXES"]

#: Larger files are rejected unread: a project page is 5–50 kB of text, a saved HTML page
#: rarely over 1 MB. The limit bounds the time and memory one input can take.
MAX_PAGE_BYTES = 4 * 1024 * 1024
#: A record keeps at most this many warnings (and says how many more there were).
MAX_WARNINGS = 50
HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})

_ANY_TAG = re.compile(rb"<[A-Za-z!/]")
_TABLE = LabelTable(LABELS)
# Lines that end the field block whatever follows: every layout's section headings and
# the lines it skips.
_TERMINATORS = frozenset().union(*(layout.headings | layout.skip_lines for layout in LAYOUTS))


def _rejected(source: str, reason: str) -> ExtractionResult:
    return ExtractionResult(path=source, status="rejected", reason=" ".join(reason.split()))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def extract_bytes(
    data: bytes, source: str, *, media_type: str | None = None, max_bytes: int = MAX_PAGE_BYTES
) -> ExtractionResult:
    """Extract the record of one page from its bytes.

    Parameters
    ----------
    data : bytes
        The whole file.
    source : str
        The page's path as given (posix form); becomes ``record.source``.
    media_type : str, optional
        ``"text/html"`` when the file name says HTML: the page is then read as HTML if
        it has any tag. Otherwise HTML is recognised from the content (a doctype or an
        opening ``<html>``, ``<head>``, ``<body>``... tag).
    max_bytes : int, optional
        Larger input is rejected without parsing (default :data:`MAX_PAGE_BYTES`).

    Returns
    -------
    ExtractionResult
        ``status`` is ``ok``, ``warnings`` (a record, with warnings) or ``rejected``
        (no record; ``reason`` says why in one line). Never raises on bad data.

    Examples
    --------
    >>> result = extract_bytes(Path("data/pages/000_ebc39ac141ca286d.txt").read_bytes(),
    ...                        "000_ebc39ac141ca286d.txt")
    >>> result.status, result.record.title, result.record.esf_grant_sek
    ('ok', 'Trappsteget', 3574500)
    >>> extract_bytes(b"", "empty.txt").reason
    'empty file'
    """
    try:
        return _extract(data, source, media_type, max_bytes)
    except Exception as error:  # noqa: BLE001 - one bad page must never stop a run
        return _rejected(source, f"internal error while extracting ({type(error).__name__}: {error})")


def _extract(data: bytes, source: str, media_type: str | None, max_bytes: int) -> ExtractionResult:
    if len(data) > max_bytes:
        return _rejected(
            source,
            f"file is {_megabytes(len(data))}, over the {_megabytes(max_bytes)} limit for one page",
        )
    # An .html name is trusted unless the file has no tag at all (a text page misnamed).
    is_html = looks_like_html(data) or (media_type == "text/html" and _ANY_TAG.search(data, 0, 65536) is not None)
    try:
        text, warnings = decode_page(data, declared_charset(data) if is_html else None)
    except NotText as error:
        return _rejected(source, str(error))
    if is_html:
        text = html_to_text(text)
        if not text.strip():
            return _rejected(source, "HTML page with no visible text")
    text, cleaning_warnings = clean_text(text)
    warnings.extend(cleaning_warnings)
    scan = scan_fields(text.split("\n"), _TABLE, _TERMINATORS)
    if scan.start is None:
        return _rejected(
            source,
            "not an ESF project page: no block of project fields (Projektägare, Projektperiod, ...);"
            " another kind of page, or truncated before its fields",
        )
    layout = detect_layout(scan)
    if layout is None:
        return _rejected(source, "project fields found, but in no known page layout")
    record = ProjectRecord(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type="text/html" if is_html else "text/plain",
    )
    layout.parse(scan, record)
    if not record.title:
        return _rejected(source, f"no project title found ({layout.name} layout)")
    record.warnings[:0] = warnings
    if len(record.warnings) > MAX_WARNINGS:
        hidden = len(record.warnings) - MAX_WARNINGS
        del record.warnings[MAX_WARNINGS:]
        record.warnings.append(f"... and {hidden} more warnings")
    status = "warnings" if record.warnings else "ok"
    return ExtractionResult(path=source, status=status, record=record, warnings=list(record.warnings))


def sidecar_path(path: str | Path) -> Path:
    """Return where ``esfgraph fetch`` writes a page's sidecar: ``<page>.json`` beside it.

    Examples
    --------
    >>> sidecar_path("pages/2019-00144.html").as_posix()
    'pages/2019-00144.html.json'
    """
    path = Path(path)
    return path.with_name(path.name + ".json")


def _read_sidecar(path: Path) -> tuple[str | None, str | None]:
    """Return ``(url, problem)`` from the fetch sidecar ``<page>.json``, if there is one."""
    sidecar = sidecar_path(path)
    try:
        if not sidecar.is_file():
            return None, None
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return None, f"sidecar {sidecar.name} is unreadable ({type(error).__name__}); no source URL"
    url = data.get("url") if isinstance(data, dict) else None
    if url is not None and not isinstance(url, str):
        return None, f"sidecar {sidecar.name} has no usable url"
    return url, None


def read_page(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> bytes | ExtractionResult:
    """Return a page file's bytes, or the rejection that says why they cannot be read.

    Parameters
    ----------
    path : str or Path
        The page file.
    max_bytes : int, optional
        Larger files are rejected unread.

    Returns
    -------
    bytes or ExtractionResult
        The bytes (pass them to :func:`extract_file` as ``data``), or a rejected result.

    Examples
    --------
    >>> len(read_page("data/pages/004_e1f4b13072c7ae19.txt")) > 1000
    True
    >>> read_page("no/such/page.txt").reason
    'no such file'
    """
    path = Path(path)
    source = path.as_posix()
    try:
        if path.is_dir():
            return _rejected(source, "is a folder, not a page")
        size = path.stat().st_size
        if size > max_bytes:
            return _rejected(
                source, f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit for one page"
            )
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        return _rejected(source, "no such file")
    except OSError as error:
        return _rejected(source, f"cannot read the file ({error.strerror or type(error).__name__})")


def extract_file(
    path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES, data: bytes | None = None
) -> ExtractionResult:
    """Extract the record of one page file; never raises.

    Parameters
    ----------
    path : str or Path
        A ``.txt`` or ``.html``/``.htm`` page (other names are read by content). When
        ``<page>.json`` written by ``esfgraph fetch`` stands beside it, its ``url``
        becomes ``record.source_url``.
    max_bytes : int, optional
        Larger files are rejected unread.
    data : bytes, optional
        The file's bytes when the caller has read them already (the build hashes each
        page before extracting it); the file is then not read again.

    Returns
    -------
    ExtractionResult
        ``path`` and ``record.source`` are the path as given, in posix form.

    Examples
    --------
    >>> extract_file("data/pages/004_e1f4b13072c7ae19.txt").record.project_number
    '2019/00144'
    """
    path = Path(path)
    source = path.as_posix()
    if data is None:
        read = read_page(path, max_bytes=max_bytes)
        if isinstance(read, ExtractionResult):
            return read
        data = read
    suffix = path.suffix.lower()
    media_type = "text/html" if suffix in HTML_SUFFIXES else None
    result = extract_bytes(data, source, media_type=media_type, max_bytes=max_bytes)
    if result.record is not None:
        url, problem = _read_sidecar(path)
        result.record.source_url = url
        if problem:
            result.record.warnings.append(problem)
            result.warnings.append(problem)
            result.status = "warnings"
    return result
