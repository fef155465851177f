"""Large read answers rendered by orjson, byte-identical to their response model's JSON.

``ModelResponse`` validates every row into a pydantic model and serialises it: for the 100
counterparts of ``GET /actors/{id}/relationships`` that is ~0.4 ms of CPU per answer, ten
times what orjson needs for the same rows. The rows come from our own reads
(``graph.read.actors.Counterparts``: ints, floats, ``datetime.date``, ``None``), so they are
already valid; only the key order has to follow the model (orjson keeps a dict's order), and
it is read from the model's fields, defined once in ``api.schemas``.
``tests/api/test_api_render.py`` compares the bytes with ``model_dump_json`` for every actor
of a graph, with and without stored summaries and filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from starlette.responses import Response

from api.schemas import ActorRef, ActorRelationship, ActorRelationships
from graph.read.actors import Counterparts

_REF = tuple(ActorRef.model_fields)
_ROW = tuple(ActorRelationship.model_fields)
_ANSWER = tuple(ActorRelationships.model_fields)


class JSONBytes(Response):
    """An answer already rendered as JSON bytes."""

    media_type = "application/json"


def _ref(actor: Mapping[str, Any]) -> dict[str, Any]:
    return {k: actor.get(k) for k in _REF}


def _row(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in _ROW}
    out["counterpart"] = _ref(out["counterpart"])
    return out


def relationships(found: Counterparts) -> bytes:
    """The JSON of ``ActorRelationships`` for ``found`` (what ``model_dump_json`` gives)."""
    answer = {
        "actor": _ref(found.actor),
        "members": [_ref(m) for m in found.members],
        "source": found.source,
        "data": [_row(r) for r in found.data],
    }
    return orjson.dumps({k: answer[k] for k in _ANSWER})
