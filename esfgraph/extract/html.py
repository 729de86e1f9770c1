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
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


# Candidates for dropping by attribute, found in C; _is_dropped then decides exactly.
_DROP_CANDIDATES = etree.XPath(
    "//*[@hidden or @aria-hidden or @role or @style or contains(@id, 'ookie') or "
    "contains(@class, 'ookie') or contains(@id, 'onsent') or contains(@class, 'onsent') or "
    "contains(@id, 'gdpr') or contains(@class, 'gdpr')]"
)
# Break markers (private-use characters) placed around blocks, merged at the end.
_LINE, _PARAGRAPH, _BREAK = "\ue000", "\ue001", "\ue002"
_MARKER_RUN = re.compile("[\ue000-\ue002][ \ue000-\ue002]*")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\ue002]")
# Whitespace that needs collapsing: any run but a single space (left alone, for speed).
_SPACE_RUNS = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")
# huge_tree lifts libxml2's nesting limit of 255 elements (past it the text was lost and
# the page rejected as empty); pages are at most MAX_PAGE_BYTES, which bounds the rest.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)


def _is_dropped(element: etree._Element) -> bool:
    """Return True for an element whose content a reader would not see as the page."""
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


def _merge_breaks(match: re.Match) -> str:
    """Turn a run of break markers into newlines, as a browser lays blocks out."""
    run = match.group()
    if _PARAGRAPH in run or run.count(_BREAK) > 1:
        return "\n\n"
    return "\n"


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
        return _visible_text(markup)
    except ValueError:
        # lxml refuses control characters in text set from Python; they are invisible,
        # so remove them (and stray break markers) and try once more.
        return _visible_text(_UNSAFE.sub("", markup))


def _drop(element: etree._Element) -> None:
    """Remove ``element`` and its content, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _visible_text(markup: str) -> str:
    """Do the work of :func:`html_to_text` (may raise ValueError on control characters)."""
    try:
        root = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError):
        return ""
    if root is None:
        return ""
    # The work happens in lxml's C code: drop unseen elements, mark blocks, join texts.
    etree.strip_elements(root, *DROPPED_TAGS, with_tail=False)
    for element in _DROP_CANDIDATES(root):
        if _is_dropped(element):
            _drop(element)
    for element in root.iter("pre"):
        for node in element.iter():
            if node.text:
                node.text = node.text.replace("\n", _BREAK)
            if node.tail and node is not element:
                node.tail = node.tail.replace("\n", _BREAK)
    for element in root.iter(*_PARAGRAPH_BLOCKS, *_LINE_BLOCKS, "br"):
        tag = element.tag
        mark = _PARAGRAPH if tag in _PARAGRAPH_BLOCKS else _BREAK if tag == "br" else _LINE
        text = element.text
        if tag == "li":
            element.text = mark + "• " + (text or "")
        else:
            element.text = mark + text if text else mark
        if tag != "br":
            tail = element.tail
            element.tail = mark + tail if tail else mark
    text = _SPACE_RUNS.sub(" ", "".join(root.itertext()))
    text = _MARKER_RUN.sub(_merge_breaks, text)
    return "\n".join(line.strip(" ") for line in text.split("\n")).strip("\n")
