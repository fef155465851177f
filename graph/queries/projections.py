"""Map projections of the fields the query service serves, built from ``ontology.public``.

The fields are listed once, in the models of ``ontology.public``; the statements that return
them build their projections here, so a field added there is read, typed and served.
"""

from __future__ import annotations

from pydantic import BaseModel

from ontology.public import ActorRef, field_names


def projection(var: str, model: type[BaseModel]) -> str:
    """A Cypher map projection of ``model``'s fields on ``var``.

    Example:
        >>> projection("x", ActorRef)
        'x {.id, .name, .kind, .country}'
    """
    return var + " {" + ", ".join("." + name for name in field_names(model)) + "}"


def actor_ref(var: str) -> str:
    """The projection of an actor as events, relationships and paths show it."""
    return projection(var, ActorRef)
