"""GraphML and GEXF, written element by element (networkx's writers build the whole tree).

Both files read back with ``networkx.read_graphml`` / ``networkx.read_gexf``. List values
(aliases, evidence sentences, offsets) are written as JSON arrays, ``None`` is left out, every
node has a ``label`` for Gephi and every edge a unique id and its relationship type ``rel``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO
from xml.sax.saxutils import XMLGenerator, escape
from xml.sax.xmlreader import AttributesImpl

import networkx as nx

from graph.export.values import attributes, edges, scalar, type_name

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_GRAPHML_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_GEXF_SCHEMA = "http://www.gexf.net/1.2draft/gexf.xsd"

# Widening order of the attribute types; a key takes the widest type of its values.
_RANK = {"boolean": 0, "long": 1, "double": 2, "string": 3}
_NO_ATTRS: dict[str, str] = {}
# Characters XML 1.0 cannot hold at all, not even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _type_of(value: Any) -> str:
    return type_name(scalar(value)) or "string"


def _widen(current: str | None, new: str) -> str:
    if current is None:
        return new
    if {current, new} == {"long", "double"}:
        return "double"
    return current if current == new else "string"


def infer_keys(
    items: Iterable[dict[str, Any]], skip: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Attribute name → GraphML/GEXF type over all the items, in first-seen order."""
    keys: dict[str, str] = {}
    for data in items:
        for name, value in attributes(data, skip):
            keys[name] = _widen(keys.get(name), _type_of(value))
    return keys


def _text(value: Any, kind: str) -> str:
    value = scalar(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double" and isinstance(value, int):
        return repr(float(value))
    return str(value)


class _Xml:
    """A tiny streaming XML writer on top of :class:`XMLGenerator` (escaping included)."""

    def __init__(self, fp: BinaryIO) -> None:
        self._gen = XMLGenerator(fp, encoding="utf-8", short_empty_elements=True)

    def start(self, name: str, attrs: dict[str, str] = _NO_ATTRS) -> None:
        safe = {key: xml_safe(value) for key, value in attrs.items()}
        self._gen.startElement(name, AttributesImpl(safe))

    def end(self, name: str) -> None:
        self._gen.endElement(name)

    def empty(self, name: str, attrs: dict[str, str]) -> None:
        self.start(name, attrs)
        self.end(name)

    def leaf(self, name: str, attrs: dict[str, str], text: str) -> None:
        self.start(name, attrs)
        # escaped here so a carriage return survives (parsers turn a raw CR into LF)
        self._gen.ignorableWhitespace(escape(xml_safe(text), {"\r": "&#13;"}))
        self.end(name)

    def newline(self) -> None:
        self._gen.ignorableWhitespace("\n")

    def begin_document(self) -> None:
        self._gen.startDocument()

    def end_document(self) -> None:
        self._gen.endDocument()


def _node_data(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for _, data in graph.nodes(data=True):
        yield data


def _edge_data(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for _, _, rel, data in edges(graph):
        yield {"rel": rel, **data}


def write_graphml(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write ``graph`` as GraphML (directed, typed keys) to the binary file object ``fp``."""
    node_keys = infer_keys(_node_data(graph))
    edge_keys = infer_keys(_edge_data(graph))
    xml = _Xml(fp)
    xml.begin_document()
    xml.start(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{GRAPHML_NS} {_GRAPHML_SCHEMA}",
        },
    )
    xml.newline()
    ids: dict[tuple[str, str], str] = {}
    for domain, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys.items():
            key_id = ids[domain, name] = f"d{len(ids)}"
            xml.empty("key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind})
            xml.newline()
    xml.start("graph", {"edgedefault": "directed"})
    xml.newline()
    for node, data in graph.nodes(data=True):
        xml.start("node", {"id": str(node)})
        for name, value in attributes(data):
            xml.leaf("data", {"key": ids["node", name]}, _text(value, node_keys[name]))
        xml.end("node")
        xml.newline()
    for number, (u, v, rel, data) in enumerate(edges(graph)):
        xml.start("edge", {"id": f"e{number}", "source": str(u), "target": str(v)})
        for name, value in attributes({"rel": rel, **data}):
            xml.leaf("data", {"key": ids["edge", name]}, _text(value, edge_keys[name]))
        xml.end("edge")
        xml.newline()
    xml.end("graph")
    xml.end("graphml")
    xml.newline()
    xml.end_document()


def _gexf_attributes(xml: _Xml, domain: str, keys: dict[str, str]) -> dict[str, str]:
    ids = {name: str(number) for number, name in enumerate(keys)}
    xml.start("attributes", {"class": domain, "mode": "static"})
    for name, kind in keys.items():
        xml.empty("attribute", {"id": ids[name], "title": name, "type": kind})
    xml.end("attributes")
    xml.newline()
    return ids


def _attvalues(xml: _Xml, data: dict[str, Any], ids: dict[str, str], keys: dict[str, str]) -> None:
    values = [(name, value) for name, value in attributes(data) if name in ids]
    if not values:
        return
    xml.start("attvalues")
    for name, value in values:
        xml.empty("attvalue", {"for": ids[name], "value": _text(value, keys[name])})
    xml.end("attvalues")


def write_gexf(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write ``graph`` as GEXF 1.2 (static, directed) to the binary file object ``fp``."""
    node_keys = infer_keys(_node_data(graph), skip=frozenset({"label"}))
    edge_keys = infer_keys(_edge_data(graph), skip=frozenset({"label"}))
    xml = _Xml(fp)
    xml.begin_document()
    xml.start(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{GEXF_NS} {_GEXF_SCHEMA}",
            "version": "1.2",
        },
    )
    xml.newline()
    xml.start("meta")
    xml.leaf("creator", {}, "dekg")
    xml.end("meta")
    xml.newline()
    xml.start("graph", {"defaultedgetype": "directed", "mode": "static"})
    xml.newline()
    node_ids = _gexf_attributes(xml, "node", node_keys)
    edge_ids = _gexf_attributes(xml, "edge", edge_keys)
    xml.start("nodes")
    xml.newline()
    for node, data in graph.nodes(data=True):
        xml.start("node", {"id": str(node), "label": str(data.get("label", node))})
        _attvalues(xml, data, node_ids, node_keys)
        xml.end("node")
        xml.newline()
    xml.end("nodes")
    xml.newline()
    xml.start("edges")
    xml.newline()
    for number, (u, v, rel, data) in enumerate(edges(graph)):
        label = str(data.get("label", rel))
        xml.start("edge", {"id": str(number), "source": str(u), "target": str(v), "label": label})
        _attvalues(xml, {"rel": rel, **data}, edge_ids, edge_keys)
        xml.end("edge")
        xml.newline()
    xml.end("edges")
    xml.end("graph")
    xml.end("gexf")
    xml.newline()
    xml.end_document()
