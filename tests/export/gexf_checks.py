"""Structural checks of a GEXF 1.3 file: what the official schema requires, and more.

The tests never read the schema itself; these checks spell out what it demands
(namespaces, version, element order, attribute declarations and types, references,
complete colour/size/position, well-formed spells with ISO dates).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

GEXF = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ATTRIBUTE_TYPES = {
    "integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte", "char", "short",
    "liststring", "listboolean", "listinteger", "listlong", "listfloat", "listdouble", "listbyte", "listshort",
    "listbigdecimal", "listbiginteger", "listchar", "string", "anyURI",
}
NODE_CHILDREN = {"attvalues", "spells", "color", "position", "size", "shape", "nodes", "edges", "parents"}
EDGE_CHILDREN = {"attvalues", "spells", "color", "thickness", "shape"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def q(tag: str) -> str:
    return f"{{{GEXF}}}{tag}"


def _local(element) -> str:
    assert element.tag.startswith("{" + GEXF + "}"), f"element {element.tag} outside the GEXF 1.3 namespace"
    return element.tag[len(GEXF) + 2:]


def _check_value(text: str, kind: str, where: str) -> None:
    if kind in ("integer", "long", "short", "byte", "biginteger"):
        int(text)
    elif kind in ("double", "float", "bigdecimal"):
        float(text)
    elif kind == "boolean":
        assert text in ("true", "false"), f"{where}: boolean {text!r}"


def _check_spells(element, dated: bool, where: str) -> list[tuple[str, str]]:
    spells = []
    for container in element.findall(q("spells")):
        found = container.findall(q("spell"))
        assert found, f"{where}: empty <spells>"
        for spell in found:
            start, end = spell.get("start"), spell.get("end")
            if dated:
                assert DATE.match(start or "") and DATE.match(end or ""), f"{where}: spell {start}..{end} not ISO dates"
            assert start <= end, f"{where}: spell ends before it starts"
            spells.append((start, end))
    return spells


def _check_viz(element, where: str) -> None:
    for colour in element.findall(q("color")):
        for channel in "rgb":
            assert 0 <= int(colour.get(channel)) <= 255, f"{where}: colour {channel}"
        assert 0.0 <= float(colour.get("a")) <= 1.0, f"{where}: alpha"
    for position in element.findall(q("position")):
        for axis in "xyz":
            float(position.get(axis))  # all three present and numeric
    for size in element.findall(q("size")) + element.findall(q("thickness")):
        assert float(size.get("value")) >= 0, f"{where}: negative size"


def check_gexf(path: Path) -> dict:
    """Assert the structure of a GEXF 1.3 file; return what it holds, for further checks.

    Returns ``{"graph": attrs, "node_types", "edge_types", "nodes": {id: {...}}, "edges": [...]}``
    where each node/edge has ``attrs``, ``values`` (attribute id -> text), ``spells``,
    ``color``, ``size``, ``position``.
    """
    root = etree.parse(str(path)).getroot()
    assert root.tag == q("gexf")
    assert root.get("version") == "1.3"
    assert root.nsmap.get(None) == GEXF
    assert root.nsmap.get("xsi") == XSI
    assert root.get(f"{{{XSI}}}schemaLocation").split()[0] == GEXF
    children = [_local(c) for c in root]
    assert children in (["graph"], ["meta", "graph"]), children
    graph = root.find(q("graph"))
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    assert graph.get("mode") in ("static", "dynamic")
    dynamic = graph.get("mode") == "dynamic"
    if dynamic:
        assert graph.get("timeformat") == "date"
        for bound in ("start", "end"):
            if graph.get(bound) is not None:
                assert DATE.match(graph.get(bound))
    order = [_local(c) for c in graph]
    assert order[-2:] == ["nodes", "edges"] and set(order[:-2]) <= {"attributes"}, order

    types = {"node": {}, "edge": {}}
    for block in graph.findall(q("attributes")):
        cls = block.get("class")
        assert cls in types
        for attribute in block:
            assert _local(attribute) == "attribute"
            ident, kind = attribute.get("id"), attribute.get("type")
            assert ident and attribute.get("title") and kind in ATTRIBUTE_TYPES
            assert ident not in types[cls], f"attribute {ident} declared twice"
            types[cls][ident] = kind

    def read(element, cls: str, allowed: set[str], where: str) -> dict:
        for child in element:
            assert _local(child) in allowed, f"{where}: <{_local(child)}> not allowed"
        values = {}
        for container in element.findall(q("attvalues")):
            for value in container:
                key = value.get("for")
                assert key in types[cls], f"{where}: value for undeclared attribute {key}"
                _check_value(value.get("value"), types[cls][key], where)
                values[key] = value.get("value")
        _check_viz(element, where)
        colour, size, position = element.find(q("color")), element.find(q("size")), element.find(q("position"))
        return {
            "attrs": dict(element.attrib),
            "values": values,
            "spells": _check_spells(element, dynamic, where),
            "color": None if colour is None else tuple(int(colour.get(c)) for c in "rgb"),
            "size": None if size is None else float(size.get("value")),
            "position": None if position is None else tuple(float(position.get(a)) for a in "xyz"),
        }

    nodes_element = graph.find(q("nodes"))
    nodes = {}
    for node in nodes_element:
        assert _local(node) == "node"
        ident = node.get("id")
        assert ident and ident not in nodes, f"node id {ident!r} missing or repeated"
        label = node.get("label")
        assert label is None or label == " ".join(label.split()), f"label {label!r} is not an xs:token"
        nodes[ident] = read(node, "node", NODE_CHILDREN, f"node {ident}")
    assert int(nodes_element.get("count", len(nodes))) == len(nodes)

    edges_element = graph.find(q("edges"))
    edges, edge_ids = [], set()
    for edge in edges_element:
        assert _local(edge) == "edge"
        source, target, ident = edge.get("source"), edge.get("target"), edge.get("id")
        assert source in nodes and target in nodes, f"edge {ident} references a missing node"
        assert ident not in edge_ids, f"edge id {ident} repeated"
        edge_ids.add(ident)
        if edge.get("weight") is not None:
            float(edge.get("weight"))
        edges.append(read(edge, "edge", EDGE_CHILDREN, f"edge {ident}"))
    assert int(edges_element.get("count", len(edges))) == len(edges)
    return {"graph": dict(graph.attrib), "node_types": types["node"], "edge_types": types["edge"],
            "nodes": nodes, "edges": edges}
