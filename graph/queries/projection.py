"""Projection reads (``graph.project``): filtered events with their neighbours."""

from __future__ import annotations

from graph.queries.conditions import EVENT_FILTER

PROJECT_EVENTS = (
    """
MATCH (e:Event)
WHERE """
    + EVENT_FILTER
    + """
OPTIONAL MATCH (e)-[r:SOURCE|TARGET|ATTRIBUTED_TO|AT|REPORTED_IN]->(n)
RETURN properties(e) AS event, type(r) AS rel, properties(r) AS rel_props,
       labels(n) AS labels, properties(n) AS node
"""
)

PROJECT_AFFILIATIONS = """
UNWIND $ids AS id
MATCH (p:Actor {id: id})-[r:AFFILIATED_WITH]->(o:Actor)
WHERE o.id IN $ids
RETURN p.id AS person, o.id AS org, properties(r) AS props
"""
