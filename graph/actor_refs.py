"""Many actor references (ids, ISO3 codes, names) resolved in one query.

``GET /events?actor=…&actor=…`` used to resolve each value with its own queries; a filter
with thousands of values ran thousands of queries. :func:`resolve_actors` sends them all in
one (``queries.API_RESOLVE_ACTORS``) and picks, per reference, what
``graph.read.actors.resolve_actor`` would pick.
"""

from __future__ import annotations

from graph import NotFound, queries
from graph.read.actors import actor_candidates
from graph.session import Graph


def resolve_actors(graph: Graph, refs: list[str]) -> list[str]:
    """The actor id of each reference, in order.

    Raises:
        NotFound: a reference matches no actor (the first such, by name).
    """
    if not refs:
        return []
    candidates = [actor_candidates(ref) for ref in refs]
    rows = graph.read(
        queries.API_RESOLVE_ACTORS,
        "resolving actors",
        refs=[
            {"i": i, "ids": ids, "name": ref.strip().lower()}
            for i, (ref, ids) in enumerate(zip(refs, candidates, strict=True))
        ],
    )
    by_position = {row["i"]: row for row in rows}
    out = []
    for i, ref in enumerate(refs):
        row = by_position.get(i, {"found": [], "named": []})
        found = set(row["found"])
        best = next((c for c in candidates[i] if c in found), None)
        if best is None and row["named"]:
            best = str(min(row["named"], key=lambda r: (r["rank"], r["id"]))["id"])
        if best is None:
            raise NotFound(f"no actor {ref!r} (give an id like state:RUS, an ISO3 code or a name)")
        out.append(best)
    return out
