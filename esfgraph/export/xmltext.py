"""XML written as text: what the GEXF and GraphML writers share.

Both formats are written as lines of text rather than through an XML tree (several
times faster on large networks, and the formats are simple enough to escape by hand).
This module holds the pieces that are the same in both: quoting an attribute value,
escaping element text, the lines of one node's or edge's attribute values, and a line
buffer that hands the document on a few thousand lines at a time.

Examples
--------
>>> quote_attribute('Kommun "A"'), escape_text("a & b")
('"Kommun &quot;A&quot;"', 'a &amp; b')
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

from .attributes import formatter

__all__ = ["quote_attribute", "escape_text", "value_lines", "LineBuffer"]

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


def value_lines(
    columns: Iterable[tuple[str, str, str]], tail: str, quoted: bool
) -> Callable[[Mapping[str, Any]], list[str]]:
    """Return a function that gives the lines of one node's or edge's attribute values.

    Parameters
    ----------
    columns : iterable of (key, head, kind)
        The declared attributes in output order: the key in the node's or edge's data,
        the text before the value, and the attribute's type
        (:func:`esfgraph.export.attributes.attribute_types`).
    tail : str
        The text after the value.
    quoted : bool
        Write the value as a quoted attribute (:func:`quote_attribute`) rather than as
        element text (:func:`escape_text`).

    Returns
    -------
    callable
        ``lines(data)``: ``head + value + tail`` for each column whose value is set and
        formats to text (not ``None``, nor a value its type cannot hold), in column order.

    Examples
    --------
    >>> lines = value_lines([("a", "<a v=", "integer"), ("b", "<b v=", "string")], "/>", quoted=True)
    >>> lines({"a": 3, "b": ("x", "<y>")})
    ['<a v="3"/>', '<b v="x;&lt;y&gt;"/>']
    """
    makers = [(key, _line_maker(head, kind, tail, quoted)) for key, head, kind in columns]

    def lines(data: Mapping[str, Any]) -> list[str]:
        get = data.get
        found = [make(value) for key, make in makers if (value := get(key)) is not None]
        return [line for line in found if line is not None] if None in found else found

    return lines


def _line_maker(head: str, kind: str, tail: str, quoted: bool) -> Callable[[Any], str | None]:
    fmt = formatter(kind)
    if kind == "string":
        escape = quote_attribute if quoted else escape_text

        def string(value: Any) -> str | None:
            text = fmt(value)
            return None if text is None else head + escape(text) + tail

        return string
    # Numbers and booleans are digits, signs, dots, "e", "true" or "false": nothing to escape.
    before, after = (head + '"', '"' + tail) if quoted else (head, tail)
    if kind in ("integer", "long"):
        def integer(value: Any) -> str | None:
            if type(value) is int:
                return before + str(value) + after
            text = fmt(value)
            return None if text is None else before + text + after

        return integer

    def other(value: Any) -> str | None:
        text = fmt(value)
        return None if text is None else before + text + after

    return other


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
