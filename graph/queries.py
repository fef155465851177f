"""Every Cypher statement of dekg, with parameters only (no value is ever built into a string).

Sections: the event filter predicate, schema, writes (loader), projection reads, analytics
reads, and at the end the API reads (owned by the API's author; appended there only).
"""

from __future__ import annotations

# --- Event filter ---------------------------------------------------------------------------
# A WHERE predicate over an event bound to ``e``; its parameters come from
# ``graph.filters.GraphFilter.params()``. Queries embed this constant fragment (never values).
EVENT_FILTER = """
    ($types IS NULL OR e.type IN $types)
AND ($date_from IS NULL OR e.date >= $date_from)
AND ($date_to IS NULL OR e.date <= $date_to)
AND ($modality IS NULL OR e.modality = $modality)
AND ($min_confidence IS NULL OR e.confidence >= $min_confidence)
AND ($actors IS NULL OR EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fa:Actor)
      WHERE fa.id IN $actors
         OR EXISTS { MATCH (fa)-[:AFFILIATED_WITH]->(fo:Actor) WHERE fo.id IN $actors } })
AND ($countries IS NULL OR EXISTS {
      MATCH (e)-[:SOURCE|TARGET]->(fc:Actor) WHERE fc.country IN $countries })
AND ($place IS NULL OR EXISTS {
      MATCH (e)-[:AT]->(fp:Place) WHERE toLower(fp.name) = $place })
AND ($near_lat IS NULL OR EXISTS {
      MATCH (e)-[:AT]->(fn:Place)
      WHERE point.distance(fn.location,
                           point({latitude: $near_lat, longitude: $near_lon})) <= $near_m })
"""
