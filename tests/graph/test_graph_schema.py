"""Constraints and indexes exist after ensure_schema, and creating them twice is harmless."""

from __future__ import annotations

import neo4j
import pytest
from graph_samples import seed_result
from neo4j.exceptions import ConstraintError

from graph.schema import ensure_schema
from graph.session import Graph
from graph.writer import GraphWriter

pytestmark = pytest.mark.neo4j


def _constraints(driver: neo4j.Driver) -> set[tuple[str, str]]:
    records = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type").records
    return {
        (r["labelsOrTypes"][0], r["properties"][0]) for r in records if r["type"] == "UNIQUENESS"
    }


def _indexes(driver: neo4j.Driver) -> dict[str, tuple[str, list[str]]]:
    records = driver.execute_query("SHOW INDEXES YIELD name, type, properties").records
    return {r["name"]: (r["type"], r["properties"]) for r in records}


def test_constraints_and_indexes_exist(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    ensure_schema(Graph(neo4j_clean, "neo4j"))  # idempotent
    assert {("Article", "id"), ("Event", "id"), ("Actor", "id"), ("Place", "id")} <= _constraints(
        neo4j_clean
    )
    indexes = _indexes(neo4j_clean)
    assert indexes["actor_names"] == ("FULLTEXT", ["name", "aliases"])
    assert indexes["place_location"] == ("POINT", ["location"])
    for name, prop in (
        ("event_date", "date"),
        ("event_type", "type"),
        ("event_fingerprint", "fingerprint"),
        ("actor_name", "name"),
        ("actor_country", "country"),
    ):
        assert indexes[name] == ("RANGE", [prop])


def test_uniqueness_is_enforced(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    neo4j_clean.execute_query("CREATE (:Actor {id: 'state:RUS'})")
    with pytest.raises(ConstraintError):
        neo4j_clean.execute_query("CREATE (:Actor {id: 'state:RUS'})")


def test_fulltext_index_finds_aliases(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    neo4j_clean.execute_query(
        "CREATE (:Actor {id: 'person:sergei-lavrov', name: 'Sergei Lavrov', aliases: ['Lavrov']})"
    )
    neo4j_clean.execute_query("CALL db.awaitIndexes(30)")
    records = neo4j_clean.execute_query(
        "CALL db.index.fulltext.queryNodes('actor_names', 'lavrov') YIELD node RETURN node.id AS id"
    ).records
    assert [r["id"] for r in records] == ["person:sergei-lavrov"]


def _event_labels(driver: neo4j.Driver) -> dict[str, set[str]]:
    records = driver.execute_query("MATCH (e:Event) RETURN e.type AS type, labels(e) AS labels")
    return {r["type"]: set(r["labels"]) for r in records.records}


def test_events_carry_their_type_as_a_label(neo4j_clean: neo4j.Driver) -> None:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    GraphWriter(Graph(neo4j_clean, "neo4j")).write_results([seed_result()])
    labels = _event_labels(neo4j_clean)
    assert {"CONSULT", "THREATEN"} <= set(labels)
    assert all(found == {"Event", type_} for type_, found in labels.items())


def test_ensure_schema_labels_events_stored_without_a_type_label(
    neo4j_clean: neo4j.Driver,
) -> None:
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    GraphWriter(Graph(neo4j_clean, "neo4j")).write_results([seed_result()])
    neo4j_clean.execute_query("MATCH (e:Event) REMOVE e:$(e.type)")  # as before type labels
    assert all(found == {"Event"} for found in _event_labels(neo4j_clean).values())
    ensure_schema(Graph(neo4j_clean, "neo4j"))
    assert all(found == {"Event", t} for t, found in _event_labels(neo4j_clean).items())
