"""Cytoscape.js elements JSON, written one element at a time.

The document is what ``cy.add(doc["elements"])`` / ``cy.json(doc)`` accepts and what
``networkx.cytoscape_graph`` reads back: ``{"data": [], "directed": true, "multigraph": true,
"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}``. A node's ``data.id``
is its graph key (article nodes ``article:<id>``), ``data.value`` the same key for networkx, and
``data.name`` its display label; an edge has a unique ``id``, ``source``, ``target``, ``key`` and
its relationship type ``rel`` (also as ``label``).
"""

from __future__ import annotations

from typing import Any, BinaryIO

import networkx as nx

from graph.export.values import attributes, dumps, edges, plain, text_stream


def node_element(key: Any, data: dict[str, Any]) -> dict[str, Any]:
    body = {name: plain(value) for name, value in attributes(data)}
    body["id"] = str(key)
    body["value"] = str(key)
    body["name"] = str(data.get("label", key))
    return {"data": body}


def edge_element(number: int, u: Any, v: Any, rel: str, data: dict[str, Any]) -> dict[str, Any]:
    body = {name: plain(value) for name, value in attributes(data)}
    body.update(id=f"e{number}", source=str(u), target=str(v), key=rel, rel=rel)
    body.setdefault("label", rel)
    return {"data": body}


def write_cytoscape(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write ``graph`` as Cytoscape.js JSON to the binary file object ``fp``."""
    with text_stream(fp) as out:
        out.write('{"data":[],"directed":true,"multigraph":true,"elements":{"nodes":[')
        for number, (key, data) in enumerate(graph.nodes(data=True)):
            out.write(("," if number else "") + "\n" + dumps(node_element(key, data)))
        out.write('\n],"edges":[')
        for number, (u, v, rel, data) in enumerate(edges(graph)):
            out.write(("," if number else "") + "\n" + dumps(edge_element(number, u, v, rel, data)))
        out.write("\n]}}\n")
