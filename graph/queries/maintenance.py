"""Maintenance (benchmarks, tests): empty the database, count its nodes."""

from __future__ import annotations

# Auto-commit only (session.run), in this order: deletes everything in chunks so the heap stays
# small. Relationships go first: one DETACH DELETE of a busy actor is itself too large.
DELETE_ALL: tuple[str, ...] = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)
COUNT_NODES = "MATCH (n) RETURN count(n) AS count"
