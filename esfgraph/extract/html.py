"""HTML pages to text with their block structure, ready for the text layouts.

A page saved from a browser holds the same fields as the printed page, wrapped in
markup, navigation, scripts and cookie banners. :func:`html_to_text` walks the lxml
tree once and writes what a reader sees: block elements (``div``, ``li``, table cells,
``dt``/``dd``) start new lines, paragraphs and headings are separated by a blank line,
list items get a ``•`` bullet like the printed page, and scripts, styles, navigation,
page headers and footers, hidden elements and cookie banners are dropped. The text
layouts then parse the result exactly as they parse a ``.txt`` page.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

__all__ = ["html_to_text", "DROPPED_TAGS"]

#: Elements whose whole content is left out of the text.
DROPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "head",
        "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video", "map",
        "button", "select", "option", "datalist", "textarea", "dialog",
    }
)
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"})
_LINE_BLOCKS = frozenset(
    {
        "div", "li", "tr", "td", "th", "dt", "dd", "ul", "ol", "dl", "table", "tbody", "thead",
        "tfoot", "caption", "section", "article", "main", "aside", "address", "figure",
        "figcaption", "fieldset", "legend", "details", "summary", "center", "form", "body",
    }
)
_PARAGRAPH_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"})
_COOKIE = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def _is_dropped(element: etree._Element) -> bool:
    """Return True for an element whose content a reader would not see as the page."""
    if element.tag in DROPPED_TAGS:
        return True
    get = element.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    if get("role") in _DROPPED_ROLES:
        return True
    style = get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    marker = (get("id") or "") + " " + (get("class") or "")
    return bool(marker.strip()) and _COOKIE.search(marker) is not None


def html_to_text(markup: str) -> str:
    """Return the visible text of an HTML page, one block per line.

    Parameters
    ----------
    markup : str
        The decoded HTML document (or fragment).

    Returns
    -------
    str
        Text with ``\\n`` between blocks, a blank line around paragraphs and headings,
        ``• `` before list items; runs of spaces inside a block collapsed (no-break
        spaces are kept, as printed). An unparseable or empty document gives ``""``.

    Examples
    --------
    >>> html_to_text("<h1>Trappsteget</h1><ul><li>Af Jönköping</li></ul><script>x()</script>")
    'Trappsteget\\n\\n• Af Jönköping'
    """
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str | int] = []  # text, or a break: 1 = new line, 2 = blank line
    add = parts.append
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail shows
            if element.tail:
                add(_SPACES.sub(" ", element.tail))
            continue
        tag = tag.lower()
        if event == "start":
            if _is_dropped(element):
                element.set("data-esfgraph-dropped", "1")
                walker.skip_subtree()
                continue
            if tag in _PARAGRAPH_BLOCKS:
                add(2)
            elif tag in _LINE_BLOCKS:
                add(1)
            elif tag == "br":
                add("\n")
            if tag == "li":
                add("• ")
            if element.text:
                add(element.text if tag == "pre" else _SPACES.sub(" ", element.text))
        else:
            if element.get("data-esfgraph-dropped") is None:
                if tag in _PARAGRAPH_BLOCKS:
                    add(2)
                elif tag in _LINE_BLOCKS:
                    add(1)
            if element.tail:
                add(_SPACES.sub(" ", element.tail))
    return _join(parts)


def _join(parts: list[str | int]) -> str:
    """Join text and breaks; adjacent breaks merge into the largest, as in a browser."""
    out: list[str] = []
    pending = 0
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
        elif pending and not part.strip(" "):
            continue  # spaces between two blocks
        else:
            if pending:
                out.append("\n" * pending)
                pending = 0
            out.append(part)
    lines = [line.strip(" \t") for line in "".join(out).split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
