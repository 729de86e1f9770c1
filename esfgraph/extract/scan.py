"""Find a page's block of labelled fields and read each label's value.

The scan is shared by every layout: it finds where the labelled fields start, reads each
label and its value whatever the style (glued, ``Label:`` then the value on the next
line, ``Label: value``, or a bare ``Label`` line then the value), and stops where the
fields end. Layouts then decide what the page is from the labels found (see
:mod:`esfgraph.extract.layouts`).

The scan is linear in the page's length and looks at most a few lines ahead, so it
takes bounded time on any input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import Label, LabelTable

__all__ = ["Hit", "PageScan", "scan_fields", "MAX_FIELD_START_LINE", "MAX_FIELDS"]

#: The labelled fields must start within this many lines of the top of the page.
MAX_FIELD_START_LINE = 3000
#: Lines longer than this are prose, never a label line.
_MAX_LABEL_LINE = 300
#: How many non-blank lines past a value the scan looks for the next label.
_LOOKAHEAD = 3
#: A field block ends after this many labels (a real page has under 40); the rest of the
#: page is read as text, so that a pathological page cannot make a huge record.
MAX_FIELDS = 200
#: Lines between a value and the next label longer than this are prose (the block ends).
_MAX_EXTRA_LINE = 120


@dataclass
class Hit:
    """One label found on the page.

    ``style`` is ``glued`` (``RegionSydsverige``), ``inline`` (``Region: Sydsverige``),
    ``colon`` (``Region:`` with the value on the next line) or ``alone`` (``Region``
    with the value on the next line). ``label`` is ``None`` for a label the extractor
    does not know (kept in ``fields`` only).
    """

    index: int
    printed: str
    label: Label | None
    style: str
    value: str | None = None


@dataclass
class PageScan:
    """The lines of a page and the labelled fields found on it."""

    lines: list[str]
    hits: list[Hit] = field(default_factory=list)
    start: int | None = None  # first line of the field block
    end: int | None = None  # first line after it
    truncated: bool = False  # the block was cut at MAX_FIELDS labels

    @property
    def known(self) -> list[Hit]:
        """The hits whose label the extractor knows."""
        return [hit for hit in self.hits if hit.label is not None]

    def labels_present(self) -> set[str]:
        """Return the texts of the known labels on the page."""
        return {hit.label.text for hit in self.hits if hit.label is not None}

    def count(self, style: str) -> int:
        """Return how many known labels are printed in ``style``."""
        return sum(1 for hit in self.hits if hit.label is not None and hit.style == style)


def _unknown_label_like(text: str) -> bool:
    """Return True for short text that reads like a field label (``Total Kostnader``)."""
    if not text or len(text) > 40 or not text[0].isupper() or text[-1] in ".!?,;":
        return False
    return len(text.split()) <= 4 and "http" not in text and "www." not in text


class _Scanner:
    def __init__(self, lines: list[str], table: LabelTable, terminators: frozenset[str]):
        self.lines = lines
        self.stripped = [line.strip() for line in lines]
        self.table = table
        self.terminators = terminators

    def classify(self, index: int, in_block: bool, strong_only: bool = False) -> Hit | None:
        """Return the label standing on line ``index``, if any.

        ``strong_only`` (for the line after a bare label, which is its value unless it
        is itself a label) accepts only a known label standing whole: never a glued
        prefix (the owner ``Region Dalarna`` is not a Region field) nor an unknown label.
        """
        text = self.stripped[index]
        if not text or len(text) > _MAX_LABEL_LINE or text in self.terminators:
            return None
        table = self.table
        if text.endswith(":"):
            head = text[:-1].rstrip()
            label = table.exact(head)
            if label is not None:
                return Hit(index, head, label, "colon")
        elif ":" in text:
            head, _, rest = text.partition(":")
            label = table.exact(head)
            if label is not None:
                return Hit(index, head.strip(), label, "inline", rest.strip())
        label = table.exact(text)
        if label is not None:
            return Hit(index, text, label, "alone")
        if strong_only:
            return None
        glued = table.glued(text)
        if glued is not None:
            label, value = glued
            return Hit(index, text[: len(label.text)], label, "glued", value)
        if in_block:
            if text.endswith(":"):
                head = text[:-1].rstrip()
                if _unknown_label_like(head):
                    return Hit(index, head, None, "colon")
            elif ":" in text:
                head, _, rest = text.partition(":")
                head = head.strip()
                if _unknown_label_like(head) and rest.strip():
                    return Hit(index, head, None, "inline", rest.strip())
        return None

    def next_nonblank(self, index: int) -> int | None:
        stripped = self.stripped
        while index < len(stripped):
            if stripped[index]:
                return index
            index += 1
        return None

    def known_ahead(self, index: int) -> int | None:
        """Return the line of the next known label within the lookahead, or None.

        Only short lines may stand between (a value's second line, an unknown label and
        its value): prose ends the field block.
        """
        seen = 0
        position = index
        while seen <= _LOOKAHEAD:
            position = self.next_nonblank(position)
            if position is None or self.stripped[position] in self.terminators:
                return None
            hit = self.classify(position, True)
            if hit is not None and hit.label is not None:
                return position
            if len(self.stripped[position]) > _MAX_EXTRA_LINE:
                return None
            seen += 1
            position += 1
        return None

    def confirms(self, hit: Hit) -> bool:
        """Return True when another known label follows ``hit`` closely (a real block)."""
        after = hit.index + 1
        if hit.value is None:  # skip the value line
            value_line = self.next_nonblank(after)
            if value_line is None:
                return False
            after = value_line if self.classify(value_line, True, strong_only=True) else value_line + 1
        ahead = self.known_ahead(after)
        return ahead is not None and self.classify(ahead, True).label is not hit.label


def scan_fields(lines: list[str], table: LabelTable, terminators: frozenset[str]) -> PageScan:
    """Find the field block of a page and read its labels and values.

    Parameters
    ----------
    lines : list of str
        The page's lines (already cleaned).
    table : LabelTable
        The labels to look for.
    terminators : frozenset of str
        Lines that end the field block whatever follows (section headings, ``In English``).

    Returns
    -------
    PageScan
        ``start`` is ``None`` when no block of at least two different known labels
        was found.

    Examples
    --------
    >>> from esfgraph.extract.labels import LABELS, LabelTable
    >>> scan = scan_fields(["T", "", "ProjektfasGenomförande", "RegionSydsverige"],
    ...                    LabelTable(LABELS), frozenset())
    >>> [(hit.printed, hit.value) for hit in scan.hits]
    [('Projektfas', 'Genomförande'), ('Region', 'Sydsverige')]
    """
    scanner = _Scanner(lines, table, terminators)
    scan = PageScan(lines=lines)
    limit = min(len(lines), MAX_FIELD_START_LINE)
    start = None
    for index in range(limit):
        hit = scanner.classify(index, False)
        if hit is not None and hit.label is not None and scanner.confirms(hit):
            start = index
            break
    if start is None:
        return scan
    _read_block(scanner, scan, start)
    _drop_title_lookalike(scan)
    if len({hit.label.text for hit in scan.hits if hit.label is not None}) < 2:
        return PageScan(lines=lines)  # one label repeated is not a block of fields
    return scan


def _read_block(scanner: _Scanner, scan: PageScan, start: int) -> None:
    """Read hits from ``start`` until the field block ends."""
    stripped = scanner.stripped
    hits = scan.hits
    pending: Hit | None = None  # a label still waiting for its value line
    index = start
    while index < len(stripped):
        text = stripped[index]
        if not text:
            index += 1
            continue
        if text in scanner.terminators:
            break
        hit = scanner.classify(index, True, strong_only=pending is not None)
        if hit is not None:
            if len(hits) >= MAX_FIELDS:
                scan.truncated = True
                break
            hits.append(hit)
            pending = hit if hit.value is None else None
            index += 1
            continue
        if pending is not None:
            pending.value = text
            pending = None
            index += 1
            continue
        ahead = scanner.known_ahead(index)
        if ahead is None or not hits:
            break
        extra = [stripped[i] for i in range(index, ahead) if stripped[i]]
        _attach_extra_lines(hits, extra, index)
        index = ahead
    if pending is not None and pending.value is None:
        pending.value = ""
    for hit in hits:
        if hit.value is None:
            hit.value = ""
    scan.start = start
    scan.end = index


def _attach_extra_lines(hits: list[Hit], extra: list[str], index: int) -> None:
    """Place lines that stand between a value and the next label.

    After a bare label (the plain layout) an even number of extra lines are pairs of an
    unknown label and its value; otherwise they continue the previous value.
    """
    last = hits[-1]
    if last.style == "alone" and len(extra) % 2 == 0:
        for position in range(0, len(extra), 2):
            hits.append(Hit(index, extra[position], None, "alone", extra[position + 1]))
        return
    last.value = "\n".join([last.value or "", *extra]).strip("\n")


def _drop_title_lookalike(scan: PageScan) -> None:
    """Drop a first glued hit that is really the title (``Regionalt samarbete``).

    A title may begin with a label's text; when the same label appears again further
    down the block, the first line was not a field.
    """
    hits = scan.hits
    if len(hits) > 2 and hits[0].style == "glued":
        first = hits[0].label
        if any(hit.label is first for hit in hits[1:]):
            hits.pop(0)
            scan.start = hits[0].index
