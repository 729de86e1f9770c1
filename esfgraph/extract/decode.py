"""Bytes to text: BOMs, UTF-8, Windows-1252, binary detection, HTML sniffing.

Pages come from browsers, scrapers and old exports. They are UTF-8 with or without a
byte-order mark, sometimes Windows-1252, sometimes UTF-16 from a "Save as" dialog. This
module turns the bytes into ``str`` and says how it did so, or raises
:class:`NotText` with a one-line reason for data that is not text at all.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["NotText", "decode_page", "declared_charset", "looks_like_html"]


class NotText(ValueError):
    """The bytes are not a text or HTML page (the message is a one-line reason)."""


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|h1|main|article)\b",
    re.IGNORECASE | re.DOTALL,
)
# Control characters that never occur in a text page (tab, LF, FF, CR excluded).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode one byte that is invalid as UTF-8 as Windows-1252 (latin-1 if undefined)."""
    chunk = error.object[error.start : error.start + 1]
    try:
        return chunk.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return chunk.decode("latin-1"), error.start + 1


codecs.register_error("esfgraph-cp1252", _cp1252_fallback)


def looks_like_html(data: bytes) -> bool:
    """Return True when the bytes start like an HTML document.

    Parameters
    ----------
    data : bytes
        The file's bytes (only the first kilobytes are looked at).

    Returns
    -------
    bool

    Examples
    --------
    >>> looks_like_html(b"<!DOCTYPE html><html>...")
    True
    """
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    elif head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return bool(_HTML_START.match(head))


_DECLARED_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """Return the Python codec an HTML page declares in a ``<meta>`` charset, if any.

    Examples
    --------
    >>> declared_charset(b'<meta charset="windows-1252">')
    'cp1252'
    """
    match = _DECLARED_CHARSET.search(data[:8192])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode a page's bytes to text.

    Parameters
    ----------
    data : bytes
        The whole file.
    declared : str, optional
        The codec the page declares (an HTML ``<meta>`` charset). A declared
        single-byte encoding other than UTF-8 is used as is, without a warning.

    Returns
    -------
    tuple
        ``(text, warnings)``: the text with any BOM removed, and a warning when the
        page was not clean UTF-8 and did not declare its encoding (Windows-1252, or UTF-8 mixed with stray bytes).

    Raises
    ------
    NotText
        Empty or whitespace-only data, or binary data (NUL bytes, a PDF or image
        signature, many control characters).

    Examples
    --------
    >>> decode_page("Småland".encode("cp1252"))
    ('Småland', ['the page is not UTF-8; decoded as Windows-1252'])
    """
    if not data.strip():
        raise NotText("empty file")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), []
    if data.startswith(_BINARY_MAGIC):
        raise NotText("binary data (a PDF, image or archive), not a text or HTML page")
    if b"\x00" in data[:65536]:
        raise NotText("binary data (NUL bytes), not a text or HTML page")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    warnings: list[str] = []
    if declared and declared not in ("utf-8", "ascii") and not declared.startswith("utf-"):
        text = data.decode(declared, errors="replace")
        return _checked(text), warnings
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="esfgraph-cp1252")
        if _has_no_utf8_sequences(data):
            text = data.decode("cp1252", errors="esfgraph-cp1252")
            warnings.append("the page is not UTF-8; decoded as Windows-1252")
        else:
            warnings.append("the page mixes UTF-8 with stray bytes; those were read as Windows-1252")
        return _checked(text), warnings
    return _checked(text, data), warnings


def _checked(text: str, utf8: bytes | None = None) -> str:
    """Return ``text``, or raise NotText when it is full of control characters.

    ``utf8`` is the text's clean UTF-8 encoding, when known: in it a control character is
    one byte and no other character has a byte below 0x80, so its control bytes are counted
    instead (a C-level pass, several times faster than the pattern on the text).
    """
    sample = text[:65536]
    if utf8 is not None and len(text) <= len(sample):
        count = len(utf8) - len(utf8.translate(None, _CONTROL_BYTES))
    elif _CONTROL.search(sample) is None:
        return text
    else:
        count = len(_CONTROL.findall(sample))
    if count > max(8, len(sample) // 100):
        raise NotText("binary data (control characters), not a text or HTML page")
    return text


def _has_no_utf8_sequences(data: bytes) -> bool:
    """Return True when no byte sequence in ``data`` is a valid multi-byte UTF-8 character."""
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is None
