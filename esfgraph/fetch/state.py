"""What is already on disk: pages, their sidecars, atomic writes, and the folder lock.

Each downloaded page is two files in the output folder::

    NAME.html        the response body, byte for byte
    NAME.html.json   the sidecar: url, final_url, fetched_at, status, sha256,
                     etag, last_modified, content_type

Both are written atomically (a temporary file in the same folder, then a rename), the
page before its sidecar. A page counts as *complete* when its sidecar parses, names
the same address, and its ``sha256`` matches the page file: an interruption between
the two renames leaves a mismatch, so the page is fetched again on the next run.

One fetch at a time may write into a folder: :class:`FetchLock` holds a
:class:`esfgraph.runtime.files.FileLock` on ``OUT/.esfgraph-fetch.lock`` (released by the
kernel however the process ends). Both come from :mod:`esfgraph.runtime.files`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..runtime import files
from ..runtime.errors import EsfgraphError
from ..runtime.files import FileLock, LockBusy, atomic_write

__all__ = [
    "PAGE_SUFFIX",
    "SIDECAR_SUFFIX",
    "Sidecar",
    "FetchLocked",
    "FetchLock",
    "utc_now",
    "sha256_hex",
    "page_paths",
    "load_sidecar",
    "completed_sidecar",
    "save_page",
    "save_sidecar",
    "clean_temp_files",
]

PAGE_SUFFIX = ".html"
SIDECAR_SUFFIX = ".html.json"
LOCK_NAME = ".esfgraph-fetch.lock"

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Sidecar:
    """The facts recorded beside a saved page (the contract in docs/architecture.md).

    Attributes
    ----------
    url : str
        The address requested (what the extractor takes as the page's source URL).
    final_url : str
        The address after redirects.
    fetched_at : str
        When the page was last fetched or confirmed unchanged, UTC ISO 8601
        (``2024-05-01T12:00:00Z``).
    status : int
        HTTP status of the response that delivered the body (200).
    sha256 : str
        Hex SHA-256 of the page file's bytes.
    etag, last_modified, content_type : str or None
        The response headers of that name, for conditional requests and readers.
    """

    url: str
    final_url: str
    fetched_at: str
    status: int
    sha256: str
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    def to_json(self) -> bytes:
        """Return the sidecar as UTF-8 JSON, keys sorted, ending in a newline."""
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Sidecar":
        """Build a sidecar from parsed JSON.

        Raises
        ------
        ValueError
            When a required key is missing or has the wrong type.
        """
        values = {}
        for item in fields(cls):
            value = data.get(item.name)
            if item.name == "status":
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError("status is not an integer")
            elif item.name in ("url", "final_url", "fetched_at", "sha256"):
                if not isinstance(value, str) or not value:
                    raise ValueError(f"{item.name} is missing")
            elif value is not None and not isinstance(value, str):
                raise ValueError(f"{item.name} is not a string")
            values[item.name] = value
        return cls(**values)


class FetchLocked(EsfgraphError, RuntimeError):
    """Another fetch is writing into the same folder (the message is one line; exit code 1)."""


class FetchLock:
    """An exclusive, non-blocking lock on an output folder.

    Parameters
    ----------
    out_dir : path-like
        The folder pages are saved in; created if missing.

    Raises
    ------
    FetchLocked
        On ``__enter__``, when another live process holds the lock.
    """

    def __init__(self, out_dir: str | os.PathLike) -> None:
        self.path = Path(out_dir) / LOCK_NAME
        self._lock = FileLock(self.path, note_pid=False, remove=False)

    def __enter__(self) -> "FetchLock":
        try:
            self._lock.__enter__()
        except LockBusy:
            raise FetchLocked(
                f"{self.path.parent}: another fetch is writing here; "
                "wait for it to finish or choose another --out"
            ) from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._lock.__exit__(*exc_info)


def utc_now() -> str:
    """Return the current time in UTC as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_hex(data: bytes) -> str:
    """Return the hex SHA-256 digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def page_paths(out_dir: str | os.PathLike, name: str) -> tuple[Path, Path]:
    """Return ``(OUT/NAME.html, OUT/NAME.html.json)``."""
    out_dir = Path(out_dir)
    return out_dir / (name + PAGE_SUFFIX), out_dir / (name + SIDECAR_SUFFIX)


def load_sidecar(path: str | os.PathLike) -> Sidecar | None:
    """Return the sidecar stored at ``path``, or None when missing or unreadable."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
        return Sidecar.from_dict(data) if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def completed_sidecar(out_dir: str | os.PathLike, name: str, url: str) -> Sidecar | None:
    """Return the sidecar of a complete download of ``url`` as ``NAME``, else None.

    Complete means: the sidecar parses, records ``url``, a 2xx status and a SHA-256
    equal to that of ``NAME.html`` as it is on disk now.

    Parameters
    ----------
    out_dir : path-like
        The output folder.
    name : str
        The page's file-name stem.
    url : str
        The address the page must have been fetched from.
    """
    html_path, sidecar_path = page_paths(out_dir, name)
    sidecar = load_sidecar(sidecar_path)
    if sidecar is None or sidecar.url != url or not 200 <= sidecar.status < 300:
        return None
    if not _SHA256.match(sidecar.sha256):
        return None
    try:
        body = html_path.read_bytes()
    except OSError:
        return None
    return sidecar if sha256_hex(body) == sidecar.sha256 else None


def save_page(out_dir: str | os.PathLike, name: str, body: bytes, sidecar: Sidecar) -> Path:
    """Save a page and then its sidecar, each atomically; return the page's path."""
    html_path, sidecar_path = page_paths(out_dir, name)
    atomic_write(html_path, body)
    atomic_write(sidecar_path, sidecar.to_json())
    return html_path


def save_sidecar(out_dir: str | os.PathLike, name: str, sidecar: Sidecar) -> Path:
    """Save only the sidecar (after a 304, the page file stays untouched)."""
    _, sidecar_path = page_paths(out_dir, name)
    atomic_write(sidecar_path, sidecar.to_json())
    return sidecar_path


def clean_temp_files(out_dir: str | os.PathLike) -> list[Path]:
    """Remove temporary files left by a fetch that was killed; return them.

    Call only while holding :class:`FetchLock`, so that no live fetch owns them.
    """
    return files.clean_temp_files(out_dir)
