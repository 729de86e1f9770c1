"""XML written as text: what the GEXF and GraphML writers share.

Both formats are written as lines of text rather than through an XML tree (several
times faster on large networks, and the formats are simple enough to escape by hand).
This module holds the pieces that are the same in both: quoting an attribute value,
escaping element text, the lines of every node's or edge's attribute values made column
by column, a chunk of nodes or edges at a time, and a line buffer that hands the
document on a few thousand lines (or records) at a time.

Examples
--------
>>> quote_attribute('Kommun "A"'), escape_text("a & b")
('"Kommun &quot;A&quot;"', 'a &amp; b')
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Mapping

__all__ = ["quote_attribute", "escape_text", "value_blocks", "in_chunks", "LineBuffer"]

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


def value_blocks(
    texts: Mapping[str, list[str | None]], columns: Iterable[tuple[str, str, str]], tail: str, quoted: bool,
    count: int,
) -> list[str]:
    """Return the lines of each node's or edge's attribute values, as one text per record.

    Parameters
    ----------
    texts : mapping of key to list of (str or None)
        Each attribute's values as text, one per record
        (:func:`esfgraph.export.attributes.text_columns`).
    columns : iterable of (key, head, kind)
        The declared attributes in output order: the key in ``texts``, the text before
        the value, and the attribute's type (:func:`esfgraph.export.attributes.attribute_types`).
    tail : str
        The text after the value.
    quoted : bool
        Write the value as a quoted attribute (:func:`quote_attribute`) rather than as
        element text (:func:`escape_text`).
    count : int
        The number of records.

    Returns
    -------
    list of str
        Per record, ``head + value + tail + "\\n"`` for each column whose value is set, in
        column order (``""`` for a record without values). The lines are made column by
        column, and joined per record at C speed: no function call per value.

    Examples
    --------
    >>> texts = {"a": ["3", None], "b": ["x;<y>", "z"]}
    >>> value_blocks(texts, [("a", "<a v=", "integer"), ("b", "<b v=", "string")], "/>", True, 2)
    ['<a v="3"/>\\n<b v="x;&lt;y&gt;"/>\\n', '<b v="z"/>\\n']
    """
    lines = [_column_lines(texts[key], head, kind, tail + "\n", quoted) for key, head, kind in columns]
    if not lines:
        return [""] * count
    return ["".join(filter(None, row)) for row in zip(*lines)]


def _column_lines(texts: list[str | None], head: str, kind: str, tail: str, quoted: bool) -> list[str | None]:
    if kind == "string":
        escape, special = (quote_attribute, _ATTRIBUTE) if quoted else (escape_text, _TEXT)
        if special.search("".join([text for text in texts if text is not None])) is not None:
            return [None if text is None else head + escape(text) + tail for text in texts]
        if quoted:  # one search over the column found nothing to escape
            head, tail = head + '"', '"' + tail
        return [None if text is None else head + text + tail for text in texts]
    # Numbers and booleans are digits, signs, dots, "e", "true" or "false": nothing to escape.
    before, after = (head + '"', '"' + tail) if quoted else (head, tail)
    return [None if text is None else before + text + after for text in texts]


def in_chunks(items: list, size: int = 10_000) -> Iterator[list]:
    """Yield ``items`` ``size`` at a time.

    The writers format attribute values a column at a time (:func:`value_blocks`), a
    chunk of nodes or edges at a time, so that a large network's columns are never held
    whole.

    Examples
    --------
    >>> list(in_chunks([1, 2, 3], 2))
    [[1, 2], [3]]
    """
    for start in range(0, len(items), size):
        yield items[start:start + size]


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
            self.append("")  # the last newline, without copying the joined text again
            self._write("\n".join(self))
            self.clear()
