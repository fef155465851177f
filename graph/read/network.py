"""Networks: the actors near one actor, and the shortest paths between two."""

from __future__ import annotations

from graph import NotFound, QueryRejected, queries
from graph.session import Graph, Row

#: Largest ``depth`` of an ego network and longest path searched.
MAX_DEPTH = 3
MAX_PATH_LENGTH = 6


def ego_network(
    graph: Graph, actor_id: str, depth: int, *, cap: int = 500
) -> tuple[list[Row], list[Row], bool]:
    """Actors within ``depth`` interaction or affiliation steps of ``actor_id``.

    Returns:
        (nodes, edges, truncated): at most ``cap`` nodes; ``truncated`` when more were near.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryRejected(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    what = "reading a network"
    start = graph.read(queries.API_ACTORS_BY_ID, what, ids=[actor_id])
    nodes: dict[str, Row] = {r["actor"]["id"]: r["actor"] for r in start}
    if not nodes:
        raise NotFound(f"no actor with id {actor_id!r}")
    edges: dict[tuple[str, str, str], Row] = {}
    frontier = [actor_id]
    truncated = False
    for _ in range(depth):
        rows = graph.read(queries.API_NETWORK_STEP, what, frontier=frontier, cap=cap * 4)
        nxt = []
        for row in rows:
            other = row["other"]
            if other["id"] not in nodes:
                if len(nodes) >= cap:
                    truncated = True
                    continue
                nodes[other["id"]] = other
                nxt.append(other["id"])
            key = (row["source"], row["target"], row["rel"])
            edges[key] = {k: row[k] for k in ("source", "target", "rel", "count")}
        frontier = nxt
        if not frontier:
            break
    kept = [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes]
    return (
        list(nodes.values()),
        sorted(kept, key=lambda e: (e["source"], e["target"], e["rel"])),
        truncated,
    )


def shortest_paths(
    graph: Graph, source: str, target: str, *, max_length: int = 4, limit: int = 10
) -> list[Row]:
    """All shortest paths (at most ``limit``) between two actors over interactions and
    affiliations, no longer than ``max_length`` steps (at most ``MAX_PATH_LENGTH``)."""
    if not 1 <= max_length <= MAX_PATH_LENGTH:
        raise QueryRejected(f"max_length must be between 1 and {MAX_PATH_LENGTH}")
    if source == target:
        nodes = graph.read(queries.API_ACTORS_BY_ID, "reading a path", ids=[source])
        return [{"length": 0, "nodes": [n["actor"] for n in nodes], "edges": []}]
    rows = graph.read(
        queries.API_SHORTEST_PATHS,
        "searching paths",
        source=source,
        target=target,
        max_length=max_length,
        limit=limit,
    )
    return [{"length": len(r["edges"]), "nodes": r["nodes"], "edges": r["edges"]} for r in rows]
