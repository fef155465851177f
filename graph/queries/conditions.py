"""The event filter: conditions on an event bound to ``e``, keyed by ``GraphFilter`` field."""

from __future__ import annotations

# The conditions on an event bound to ``e``, keyed by ``GraphFilter`` field; their parameters
# come from ``graph.filters.GraphFilter.params()``. ``event_conditions`` joins the ones a
# filter sets, so the planner sees only real predicates and can pick an index; EVENT_FILTER
# holds them all, each as ``$x IS NULL OR ...`` (an unset field filters nothing). Every
# fragment is a constant; values stay parameters.
EVENT_CONDITIONS: dict[str, str] = {
    "types": "e.type IN $types",
    "date_from": "e.date >= $date_from",
    "date_to": "e.date <= $date_to",
    "modality": "e.modality = $modality",
    "min_confidence": "e.confidence >= $min_confidence",
    "actors": """EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fa:Actor)
      WHERE fa.id IN $actors
         OR EXISTS { MATCH (fa)-[:AFFILIATED_WITH]->(fo:Actor) WHERE fo.id IN $actors } }""",
    "countries": """EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fc:Actor) WHERE fc.country IN $countries }""",
    "place": """EXISTS {
      MATCH (e)-[:AT]->(fp:Place) WHERE toLower(fp.name) = $place }""",
    "near": """EXISTS {
      MATCH (e)-[:AT]->(fn:Place)
      WHERE point.distance(fn.location,
                           point({latitude: $near_lat, longitude: $near_lon})) <= $near_m }""",
}
# The parameter that is null when a field is unset (its own name unless listed).
_UNSET_PARAM = {"near": "near_lat"}

EVENT_FILTER = "\n" + "\nAND ".join(
    f"(${_UNSET_PARAM.get(field, field)} IS NULL OR {condition})"
    for field, condition in EVENT_CONDITIONS.items()
)


def event_conditions(fields: frozenset[str]) -> str:
    """The ``WHERE`` body (``true`` when empty) testing the given ``EVENT_CONDITIONS``.

    Example:
        >>> event_conditions(frozenset({"types", "date_to"}))
        'e.type IN $types AND e.date <= $date_to'
    """
    return " AND ".join(c for f, c in EVENT_CONDITIONS.items() if f in fields) or "true"
