"""D3 force-layout node-link JSON, written one node and link at a time.

Same document as ``networkx.node_link_data(G, edges="links")`` (``directed``, ``multigraph``,
``graph``, ``nodes`` with ``id`` = graph key, ``links`` with ``source``, ``target``, ``key``),
so ``networkx.node_link_graph(doc, edges="links")`` reads it back.
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from graph.export.values import attributes, dumps, edges, plain, text_stream


def write_d3(graph: nx.MultiDiGraph, fp: BinaryIO) -> None:
    """Write ``graph`` as node-link JSON to the binary file object ``fp``."""
    graph_attrs = dumps({name: plain(value) for name, value in attributes(graph.graph)})
    with text_stream(fp) as out:
        out.write(f'{{"directed":true,"multigraph":true,"graph":{graph_attrs},"nodes":[')
        for number, (key, data) in enumerate(graph.nodes(data=True)):
            node = {name: plain(value) for name, value in attributes(data)}
            node["id"] = key
            out.write(("," if number else "") + "\n" + dumps(node))
        out.write('\n],"links":[')
        for number, (u, v, rel, data) in enumerate(edges(graph)):
            link = {name: plain(value) for name, value in attributes(data)}
            link.update(source=u, target=v, key=rel)
            out.write(("," if number else "") + "\n" + dumps(link))
        out.write("\n]}\n")
