"""States that were others on the article's date: Russia, its capital and its demonyms in a
story from before 26 December 1991 belong to the Soviet Union (ISO 3166-3 ``SUN``), the state
an actor then belonged to or represented (the rule of ``ANNOTATION.md``).
"""

from __future__ import annotations

import datetime as dt

from ontology.model import Actor, ActorKind

# state id → (the day the successor took over, the predecessor state)
PREDECESSORS: dict[str, tuple[dt.date, Actor]] = {
    "state:RUS": (
        dt.date(1991, 12, 26),
        Actor(id="state:SUN", name="Soviet Union", kind=ActorKind.STATE, country="SUN"),
    ),
}


def on_day(actor: Actor, day: dt.date | None) -> Actor:
    """The actor as the state it belonged to on ``day`` (itself when no predecessor)."""
    found = PREDECESSORS.get(actor.id)
    if found is None or day is None or day >= found[0]:
        return actor
    return found[1].model_copy(update={"sector": actor.sector})
