"""GEXF 1.3 files that validate against the official schema, static or dynamic.

``networkx.write_gexf`` output does not validate as written (a wrong XML Schema instance
namespace for 1.3, a ``name`` attribute on ``<graph>`` for 1.2draft, and ``None``,
numpy numbers, lists or a missing ``z`` break files), so this module writes GEXF
itself, following ``http://gexf.net/1.3/gexf.xsd``:

- ``<gexf xmlns="http://gexf.net/1.3" version="1.3">`` with ``xsi:schemaLocation``;
- ``<graph defaultedgetype="undirected" mode="static|dynamic">``; dynamic graphs add
  ``timeformat="date"`` and ``timerepresentation="interval"``, and their nodes and
  edges carry ``<spells>`` of ISO dates;
- one ``<attributes class="node|edge">`` block declaring each attribute once with
  its type; values only where a node or edge has one;
- node ids are the node keys as text (organisation and project IRIs), edge ids count
  from 0; every edge references existing nodes;
- colour, size and position (the schema puts them in the GEXF namespace itself in 1.3)
  are complete: ``r g b a``, ``value``, ``x y z``.

Graph conventions (see :mod:`esfgraph.export.attributes`): node/edge ``label``;
``viz = {"color": (r, g, b[, a]), "size": s, "position": (x, y[, z])}``;
``spells = [(start, end), ...]`` with ISO dates; edge ``weight``.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> g = nx.Graph(); g.add_edge("a", "b", weight=2)
>>> path = write_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
>>> b"version=\\"1.3\\"" in path.read_bytes()
True
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

import networkx as nx

from .attributes import attribute_types, clean_text, listed, plain, text_columns
from .errors import ExportError
from .xmltext import LineBuffer, escape_text, in_chunks, quote_attribute, value_blocks

__all__ = ["GEXF_NS", "XSI_NS", "SCHEMA_LOCATION", "write_gexf", "write_gexf_files", "gexf_bytes"]

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WHITESPACE = re.compile(r"\s+")


def _token(text: Any) -> str:
    """Labels are ``xs:token``: no leading, trailing or repeated whitespace."""
    return _WHITESPACE.sub(" ", clean_text(str(text))).strip()


def _number(value: float, places: int = 4) -> str:
    text = f"{float(value):.{places}f}"
    return "0.0" if text.strip("-0.") == "" else text  # never "-0.0000"


def _colour(spec) -> str:
    if isinstance(spec, dict):
        r, g, b, a = spec.get("r", 128), spec.get("g", 128), spec.get("b", 128), spec.get("a", 1.0)
    else:
        r, g, b, *rest = spec
        a = rest[0] if rest else 1.0
    channels = [max(0, min(255, int(plain(c)))) for c in (r, g, b)]
    alpha = max(0.0, min(1.0, float(plain(a))))
    return f'<color r="{channels[0]}" g="{channels[1]}" b="{channels[2]}" a="{_number(alpha, 2)}"/>'


def _position(spec) -> str:
    if isinstance(spec, dict):
        x, y, z = spec.get("x", 0.0), spec.get("y", 0.0), spec.get("z", 0.0)
    else:
        x, y, *rest = spec
        z = rest[0] if rest else 0.0
    x, y, z = (_number(plain(v) or 0.0) for v in (x, y, z))
    return f'<position x="{x}" y="{y}" z="{z}"/>'


class _Viz:
    """The ``<viz:...>`` lines of nodes and edges, as text; colours and sizes, which few
    values cover, are formatted once each."""

    def __init__(self, indent: str):
        self.indent = indent
        self._colours: dict[Any, str] = {}
        self._sizes: dict[Any, str] = {}

    def text(self, viz: dict | None, edge: bool = False) -> str:
        """The lines of one ``viz`` dict, each ending with a newline (``""`` for none)."""
        if not viz:
            return ""
        indent, text = self.indent, ""
        colour = viz.get("color")
        if colour is not None:
            key = colour if type(colour) is tuple else None
            line = self._colours.get(key) if key is not None else None
            if line is None:
                line = indent + _colour(colour) + "\n"
                if key is not None:
                    self._colours[key] = line
            text = line
        if not edge and viz.get("position") is not None:
            text += indent + _position(viz["position"]) + "\n"
        if not edge and viz.get("size") is not None:
            text += self._size("size", viz["size"])
        if edge and viz.get("thickness") is not None:
            text += self._size("thickness", viz["thickness"])
        return text

    def _size(self, element: str, value) -> str:
        key = (element, value) if type(value) in (int, float) else None
        line = self._sizes.get(key) if key is not None else None
        if line is None:
            line = f'{self.indent}<{element} value="{_number(max(0.0, float(plain(value))), 2)}"/>\n'
            if key is not None:
                self._sizes[key] = line
        return line


class _Spells:
    """Checked ``<spells>`` elements as text; each date is checked once."""

    def __init__(self, indent: str):
        self.indent = indent
        self._dates: set[str] = set()

    def checked(self, spells, owner: str) -> list[tuple[str, str]]:
        """The spells as sorted, distinct pairs of ISO dates.

        Raises
        ------
        ExportError
            A spell is not a pair of ISO dates, or ends before it starts.
        """
        checked, dates = [], self._dates
        for start, end in spells or ():
            start, end = str(start), str(end)
            for date in (start, end):
                if date not in dates:
                    if not _DATE.match(date):
                        raise ExportError(f"{owner}: spell ({start}, {end}) is not a pair of ISO dates")
                    dates.add(date)
            if end < start:
                raise ExportError(f"{owner}: spell ends ({end}) before it starts ({start})")
            checked.append((start, end))
        return sorted(set(checked)) if len(checked) > 1 else checked

    def text(self, spells: list[tuple[str, str]]) -> str:
        """The ``<spells>`` element of checked spells, each line ending with a newline."""
        if not spells:
            return ""
        indent = self.indent
        inner = "".join([f'{indent}  <spell start="{start}" end="{end}"/>\n' for start, end in spells])
        return f"{indent}<spells>\n{inner}{indent}</spells>\n"


def _declare(out: list[str], cls: str, types: dict[str, str]) -> None:
    out.append(f'    <attributes class="{cls}" mode="static">')
    for key, kind in types.items():
        out.append(f'      <attribute id={quote_attribute(key)} title={quote_attribute(key)} type="{kind}"/>')
    out.append("    </attributes>")


def _attvalue_blocks(records: list[dict[str, Any]], types: dict[str, str], indent: str) -> list[str]:
    """Each record's ``<attvalues>`` element as text (``""`` for none), made column by column."""
    columns = [(key, f"{indent}  <attvalue for={quote_attribute(key)} value=", kind) for key, kind in types.items()]
    blocks = value_blocks(text_columns(records, types), columns, "/>", True, len(records))
    opening, closing = f"{indent}<attvalues>\n", f"{indent}</attvalues>\n"
    return [opening + block + closing if block else block for block in blocks]


def gexf_bytes(graph: nx.Graph, dynamic: bool = False, description: str | None = None) -> bytes:
    """Return the GEXF 1.3 document for ``graph`` (see :func:`write_gexf`)."""
    chunks: list[str] = []
    _write_gexf_text(graph, [(chunks.append, dynamic, description)])
    return "".join(chunks).encode("utf-8")


def _write_gexf_text(graph: nx.Graph, targets: list[tuple[Callable[[str], Any], bool, str | None]]) -> None:
    """Hand GEXF documents of ``graph`` to each target's ``write`` in pieces of text.

    ``targets`` are ``(write, dynamic, description)``: the static and the dynamic file of
    one network are written in one pass, their attribute values formatted once. Written as
    text rather than through an XML tree: on 100,000 edges that is several times faster,
    and the format is simple enough to escape by hand.
    """
    dynamic = any(is_dynamic for _, is_dynamic, _ in targets)
    spells = _Spells("        ")
    nodes = listed(graph.nodes(data=True))
    node_spells = [spells.checked(d.get("spells"), f"node {n}") if dynamic else [] for n, d in nodes]
    edges = listed(graph.edges(data=True))
    edge_spells = [spells.checked(d.get("spells"), f"edge {a}-{b}") if dynamic else [] for a, b, d in edges]
    ids = {n: quote_attribute(_token(n)) for n in graph}
    if len(set(ids.values())) != len(ids):
        raise ExportError("two nodes have the same id once written as text")
    node_types = attribute_types([d for _, d in nodes])
    edge_types = attribute_types([d for _, _, d in edges])
    every_spell = [*node_spells, *edge_spells]
    outs = []
    for write, is_dynamic, description in targets:
        out = LineBuffer(write)
        out.extend([
            "<?xml version='1.0' encoding='UTF-8'?>",
            f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="{XSI_NS}" version="1.3" xsi:schemaLocation="{SCHEMA_LOCATION}">',
            "  <meta>",
            "    <creator>esfgraph</creator>",
        ])
        if description:
            out.append(f"    <description>{escape_text(clean_text(description))}</description>")
        out.append("  </meta>")
        graph_attrs = _graph_attributes(graph, is_dynamic, every_spell)
        out.append("  <graph " + " ".join(f"{k}={quote_attribute(v)}" for k, v in graph_attrs.items()) + ">")
        _declare(out, "node", node_types)
        _declare(out, "edge", edge_types)
        outs.append((out, is_dynamic))
    _write_nodes(outs, list(zip(nodes, node_spells)), ids, node_types, spells)
    _write_edges(outs, list(zip(edges, edge_spells)), ids, edge_types, spells)
    for out, _ in outs:
        out.append("  </graph>")
        out.append("</gexf>")
        out.flush(force=True)


def _graph_attributes(graph: nx.Graph, dynamic: bool, spells: list[list[tuple[str, str]]]) -> dict[str, str]:
    """The ``<graph>`` element's attributes; a dynamic graph spans its earliest to its latest spell."""
    graph_attrs = {"defaultedgetype": "directed" if graph.is_directed() else "undirected"}
    if not dynamic:
        graph_attrs["mode"] = "static"
        return graph_attrs
    every = [s for one in spells for s in one]
    graph_attrs.update(mode="dynamic", timeformat="date", timerepresentation="interval")
    if every:
        graph_attrs.update(start=min(s for s, _ in every), end=max(e for _, e in every))
    return graph_attrs


def _emit(outs: list, heads: list[str], bodies: list[str], spells: list[str], tails: list[str]) -> None:
    """A chunk of nodes or edges into every file: the static one without their spells."""
    for out, dynamic in outs:
        if dynamic:
            out.extend([head + body + spell + tail for head, body, spell, tail in zip(heads, bodies, spells, tails)])
        else:
            out.extend([head + body + tail for head, body, tail in zip(heads, bodies, tails)])
        out.flush()


def _write_nodes(outs: list, nodes: list, ids: dict, types: dict[str, str], spells: _Spells) -> None:
    for out, _ in outs:
        out.append(f'    <nodes count="{len(nodes)}">')
    viz = _Viz("        ")
    for part in in_chunks(nodes):
        heads, tails = [], []
        for (node, data), _ in part:
            label = data.get("label")
            label = _token(label if label is not None else node)
            heads.append(f"      <node id={ids[node]} label={quote_attribute(label)}>\n")
            tails.append(viz.text(data.get("viz")) + "      </node>")
        blocks = _attvalue_blocks([data for (_, data), _ in part], types, "        ")
        _emit(outs, heads, blocks, [spells.text(node_spells) for _, node_spells in part], tails)
    for out, _ in outs:
        out.append("    </nodes>")


def _write_edges(outs: list, edges: list, ids: dict, types: dict[str, str], spells: _Spells) -> None:
    for out, _ in outs:
        out.append(f'    <edges count="{len(edges)}">')
    viz, index = _Viz("        "), 0
    for part in in_chunks(edges):
        heads, tails = [], []
        for (a, b, data), _ in part:
            attrs = f'id="{index}" source={ids[a]} target={ids[b]}'
            weight = data.get("weight")
            if type(weight) is not int:  # an int is written as it is; anything else through plain()
                weight = plain(weight)
            if weight is not None:
                attrs += f' weight="{weight if isinstance(weight, int) and not isinstance(weight, bool) else repr(float(weight))}"'
            if data.get("label") is not None:
                attrs += f" label={quote_attribute(_token(data['label']))}"
            heads.append(f"      <edge {attrs}>\n")
            tails.append(viz.text(data.get("viz"), edge=True) + "      </edge>")
            index += 1
        blocks = _attvalue_blocks([data for (_, _, data), _ in part], types, "        ")
        _emit(outs, heads, blocks, [spells.text(edge_spells) for _, edge_spells in part], tails)
    for out, _ in outs:
        out.append("    </edges>")


def write_gexf(graph: nx.Graph, path: str | Path, dynamic: bool = False, description: str | None = None) -> Path:
    """Write ``graph`` as a GEXF 1.3 file that validates against the official schema.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes and edges with attributes (conventions in the module docstring).
    path : str or pathlib.Path
        The file to write (folders are created).
    dynamic : bool
        Write ``mode="dynamic"`` with ``timeformat="date"`` and the ``spells`` of
        nodes and edges; static otherwise (spells are then ignored).
    description : str, optional
        Text for ``<meta><description>``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ExportError
        A spell is not a pair of ISO dates, or ends before it starts.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.Graph()
    >>> g.add_node("a", spells=[("2008-01-01", "2009-12-31")], viz={"color": (255, 0, 0), "size": 3})
    >>> g.add_node("b", spells=[("2009-01-01", "2010-12-31")])
    >>> g.add_edge("a", "b", spells=[("2009-01-01", "2009-12-31")])
    >>> out = write_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "d.gexf", dynamic=True)
    >>> b'mode="dynamic"' in out.read_bytes()
    True
    """
    return write_gexf_files(graph, [(path, dynamic, description)])[0]


def write_gexf_files(graph: nx.Graph, files: list[tuple[str | Path, bool, str | None]]) -> list[Path]:
    """Write several GEXF files of one graph in one pass (the static and the dynamic one).

    Parameters
    ----------
    graph : networkx.Graph
        As for :func:`write_gexf`.
    files : list of (path, dynamic, description)
        Each file as :func:`write_gexf` would write it alone.

    Returns
    -------
    list of pathlib.Path

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.Graph(); g.add_edge("a", "b", spells=[("2009-01-01", "2009-12-31")])
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> static, dynamic = write_gexf_files(g, [(folder / "s.gexf", False, None), (folder / "d.gexf", True, None)])
    >>> static.read_bytes() == gexf_bytes(g), dynamic.read_bytes() == gexf_bytes(g, dynamic=True)
    (True, True)
    """
    paths = [Path(path) for path, _, _ in files]
    with ExitStack() as stack:
        targets = []
        for path, (_, dynamic, description) in zip(paths, files):
            path.parent.mkdir(parents=True, exist_ok=True)
            targets.append((stack.enter_context(path.open("w", encoding="utf-8", newline="")).write, dynamic,
                            description))
        _write_gexf_text(graph, targets)
    return paths
