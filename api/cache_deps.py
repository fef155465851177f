"""Which changes can affect a cached answer: its dependencies, read from the URL alone.

An answer depends on groups of tags; a change (``graph.changes.Change``) affects it only when
it carries a tag of EVERY group (each group is a necessary condition: an event can enter or
leave ``/events?actor=state:USA&type=MEET`` only if the write touched the United States AND
a MEET event). The tags of a change:

* ``graph``: anything changed (every non-empty change has it);
* ``catalog``: actors were written (names, aliases: actor search);
* ``actor:<id>``: the actor's events, affiliations or own fields changed (a person's orgs are
  tagged with it: a state's answers include its affiliated persons' events);
* ``country:<ISO3>`` / ``type:<PLOVER type>``: events of actors of that country / of that
  type changed.

A change that renamed an actor or a place shown in other answers, or that cannot be
accounted for, expires every answer (``graph.changes``). Only full actor ids (with a ``:``)
are scoped: a name or an ISO3 code resolves through the catalogue, which any write may change,
so those answers depend on ``graph``.
"""

from __future__ import annotations

from urllib.parse import unquote

Groups = tuple[frozenset[str], ...]

#: Depends on everything (stats, paths, event details, ego networks deeper than one step).
ANYTHING: Groups = (frozenset({"graph"}),)
CATALOG: Groups = (frozenset({"catalog"}),)


def _one(tag: str, values: list[str]) -> frozenset[str]:
    return frozenset(f"{tag}:{v}" for v in values)


def _event_groups(params: dict[str, list[str]]) -> Groups | None:
    """Groups of an event filter; ``None`` when an actor is named other than by its id."""
    groups: list[frozenset[str]] = []
    actors = params.get("actor", [])
    if any(":" not in a for a in actors):
        return None
    if actors:
        groups.append(_one("actor", [a.strip() for a in actors]))
    if countries := params.get("country", []):
        groups.append(_one("country", [c.strip().upper() for c in countries]))
    if types := params.get("type", []):
        groups.append(_one("type", types))
    return tuple(groups)


def dependencies(path: str, params: dict[str, list[str]]) -> Groups:
    """The dependency groups of ``GET path?params`` (query values by name, in order)."""
    parts = path.strip("/").split("/")
    if parts[0] == "actors":
        return _actor_dependencies([unquote(p) for p in parts[1:]], params)
    if parts == ["events"]:
        return _event_groups(params) or ANYTHING
    if parts == ["relations"]:
        ends = [params.get(k, [""])[0].strip() for k in ("a", "b")]
        if all(":" in e for e in ends):
            return tuple(frozenset({f"actor:{e}"}) for e in ends)
    return ANYTHING


def _actor_dependencies(rest: list[str], params: dict[str, list[str]]) -> Groups:
    if not rest:
        return CATALOG  # search
    ref = rest[0].strip()
    if ":" not in ref or len(rest) > 2:
        return ANYTHING
    if rest[1:] == ["network"] and params.get("depth", ["1"]) != ["1"]:
        return ANYTHING  # further steps depend on the neighbours' interactions
    if rest[1:] not in ([], ["relationships"], ["network"]):
        return ANYTHING
    own = (frozenset({f"actor:{ref}"}),)
    if rest[1:] == ["relationships"]:
        extra = _event_groups({k: v for k, v in params.items() if k != "actor"})
        return own + (extra or ())
    return own


def affected(groups: Groups, tags: frozenset[str] | set[str]) -> bool:
    """True when a change with ``tags`` can change an answer with these ``groups``.

    Example:
        >>> affected((frozenset({"actor:state:USA"}),), {"graph", "actor:state:MLI"})
        False
        >>> affected(ANYTHING, {"graph", "actor:state:MLI"})
        True
    """
    return all(not group.isdisjoint(tags) for group in groups)
