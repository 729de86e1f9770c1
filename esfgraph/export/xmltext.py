"""XML written as text: what the GEXF and GraphML writers share.

Both formats are written as lines of text rather than through an XML tree (several
times faster on large networks, and the formats are simple enough to escape by hand).
This module holds the pieces that are the same in both: quoting an attribute value,
escaping element text, the formatted attribute values of one node or edge, and a line
buffer that hands the document on a few thousand lines at a time.

Examples
--------
>>> quote_attribute('Kommun "A"'), escape_text("a & b")
('"Kommun &quot;A&quot;"', 'a &amp; b')
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Mapping

__all__ = ["quote_attribute", "escape_text", "formatted_values", "LineBuffer"]

_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_TEXT = re.compile("[&<>]")
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ATTRIBUTE = re.compile('[&<>"\n\r\t]')


def quote_attribute(text: str) -> str:
    """Return ``text`` quoted as an XML attribute value.

    Parameters
    ----------
    text : str
        The value, already free of the control characters XML forbids
        (:func:`~esfgraph.export.attributes.clean_text`).

    Returns
    -------
    str
        The value in double quotes with ``& < > "`` escaped; line breaks and tabs are
        kept as character references (an XML parser would fold them into spaces).

    Examples
    --------
    >>> quote_attribute("a\\nb <c>")
    '"a&#10;b &lt;c&gt;"'
    """
    if _ATTRIBUTE.search(text) is None:  # most values: nothing to escape
        return '"' + text + '"'
    return '"' + _ATTRIBUTE.sub(lambda m: _ATTRIBUTE_ESCAPES[m.group()], text) + '"'


def escape_text(text: str) -> str:
    """Return ``text`` escaped for an element's content.

    Parameters
    ----------
    text : str
        The content, already free of the control characters XML forbids.

    Returns
    -------
    str
        ``text`` with ``&``, ``<`` and ``>`` escaped; quotes and line breaks stay, as
        element content keeps them.

    Examples
    --------
    >>> escape_text("<a & b>")
    '&lt;a &amp; b&gt;'
    """
    if _TEXT.search(text) is None:
        return text
    return _TEXT.sub(lambda m: _TEXT_ESCAPES[m.group()], text)


def formatted_values(
    columns: Iterable[tuple[str, str, Callable[[Any], str | None]]], data: Mapping[str, Any]
) -> Iterator[tuple[str, str]]:
    """Yield the attribute values of one node or edge that have a text to write.

    Parameters
    ----------
    columns : iterable of (key, head, format)
        The declared attributes in output order: the key in ``data``, the text the
        writer puts before the value, and the value's formatter
        (:func:`esfgraph.export.attributes.formatter`).
    data : mapping
        The node's or edge's attributes.

    Yields
    ------
    tuple of (str, str)
        ``(head, text)`` for each column whose value is set and formats to text (not
        ``None``, nor a value its type cannot hold).

    Examples
    --------
    >>> from esfgraph.export.attributes import formatter
    >>> columns = [("a", "A=", formatter("integer")), ("b", "B=", formatter("string"))]
    >>> list(formatted_values(columns, {"b": ("x", "y")}))
    [('B=', 'x;y')]
    """
    for key, head, fmt in columns:
        value = data.get(key)
        if value is None:
            continue
        text = fmt(value)
        if text is not None:
            yield head, text


class LineBuffer(list):
    """Lines of text handed to ``write`` a few thousand at a time, so that a large
    document never sits in memory whole (at 100,000 projects a file has 300 MB).

    Parameters
    ----------
    write : callable
        Takes a piece of text (``file.write``, ``list.append``).
    every : int
        How many lines to gather before :meth:`flush` hands them on.

    Examples
    --------
    >>> pieces = []
    >>> out = LineBuffer(pieces.append, every=2)
    >>> out.append("<a>"); out.flush(); out.append("</a>"); out.flush()
    >>> out.flush(force=True); pieces
    ['<a>\\n</a>\\n']
    """

    def __init__(self, write: Callable[[str], Any], every: int = 20_000):
        super().__init__()
        self._write, self._every = write, every

    def flush(self, force: bool = False) -> None:
        """Hand the gathered lines to ``write`` once there are ``every`` (or any, with ``force``)."""
        if self and (force or len(self) >= self._every):
            self._write("\n".join(self) + "\n")
            self.clear()
