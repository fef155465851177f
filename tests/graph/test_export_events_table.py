"""GDELT 2.0 event-table and PLOVER JSON-lines exports: they read back into the events they
were written from (round trip), with the documented columns and fields."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx
import pytest
from export_samples import sample_graph
from graph_samples import seed_result

from graph.export import FORMATS
from graph.export.event_rows import EventRow, event_rows
from graph.export.gdelt import COLUMNS, dyads, fips_code, global_event_id, pair_key
from graph.project import events_to_graph


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_graph()


def _written(fmt: str, graph: nx.MultiDiGraph) -> str:
    buffer = io.BytesIO()
    FORMATS[fmt].write(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def _gdelt_rows(graph: nx.MultiDiGraph) -> list[dict[str, str]]:
    text = _written("gdelt", graph)
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    assert rows and all(len(r) == len(COLUMNS) for r in rows)
    return [dict(zip(COLUMNS, r, strict=True)) for r in rows]


def test_gdelt_has_the_codebook_columns_in_order() -> None:
    assert len(COLUMNS) == 61
    assert COLUMNS[:6] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    )
    assert COLUMNS[26:31] == (
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
    )
    assert COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert COLUMNS.index("ActionGeo_Lat") == 56


def _expected(
    row: EventRow, source: dict[str, Any] | None, target: dict[str, Any] | None
) -> dict[str, str]:
    event = row.event
    date = str(event.get("date") or "").replace("-", "")
    return {
        "SQLDATE": date,
        "Actor1Name": (source or {}).get("name", ""),
        "Actor1CountryCode": (source or {}).get("country") or "",
        "Actor2Name": (target or {}).get("name", ""),
        "Actor2CountryCode": (target or {}).get("country") or "",
        "EventCode": event["cameo"],
        "EventRootCode": event["cameo"][:2],
        "QuadClass": str(event["quad_class"]),
        "GoldsteinScale": str(event["goldstein"]),
        "NumMentions": str(len(row.reports)),
        "SOURCEURL": row.first_url() or "",
    }


def test_gdelt_rows_read_back_into_the_events(graph: nx.MultiDiGraph) -> None:
    by_id = {int(r["GLOBALEVENTID"]): r for r in _gdelt_rows(graph)}
    expected_rows = 0
    for row in event_rows(graph):
        for source, target in dyads(row):
            expected_rows += 1
            written = by_id[global_event_id(pair_key(row, source, target))]
            expected = _expected(row, source, target)
            assert {k: written[k] for k in expected} == expected
    assert len(by_id) == expected_rows


def test_gdelt_place_columns_of_the_seed_meeting() -> None:
    rows = _gdelt_rows(events_to_graph(seed_result().events))
    stockholm = [r for r in rows if r["ActionGeo_FullName"].startswith("Stockholm")]
    assert stockholm, "the seed's Stockholm meeting has an action place"
    first = stockholm[0]
    assert first["ActionGeo_Type"] == "4" and first["ActionGeo_CountryCode"] == "SW"
    assert float(first["ActionGeo_Lat"]) == pytest.approx(59.33, abs=0.01)
    assert first["ActionGeo_FeatureID"] == "2673730"
    assert first["Actor1Geo_Type"] == "" and first["AvgTone"] == ""


def test_gdelt_cells_hold_no_tab_or_newline(graph: nx.MultiDiGraph) -> None:
    text = _written("gdelt", graph)
    assert len(text.splitlines()) == len(_gdelt_rows(graph))


def test_admin1_codes_become_gdelt_adm1_codes() -> None:
    from graph.export.gdelt import _geo_columns

    code = _geo_columns({"name": "Stockholm", "country": "SWE", "admin1": "26", "feature": "city"})
    assert code[1] == "Stockholm, Sweden" and code[3] == "SW26"
    named = _geo_columns(
        {"name": "Kirovsk", "country": "UKR", "admin1": "Luhansk", "feature": "city"}
    )
    assert named[1] == "Kirovsk, Luhansk, Ukraine" and named[3] == ""


def test_fips_codes_and_ids_are_stable() -> None:
    assert fips_code("SWE") == "SW" and fips_code("DEU") == "GM" and fips_code(None) == ""
    assert global_event_id("e1") == global_event_id("e1") != global_event_id("e2")
    assert 0 < global_event_id("e1") < 2**53


def test_plover_records_read_back_into_the_events(graph: nx.MultiDiGraph) -> None:
    records = [json.loads(line) for line in _written("plover", graph).splitlines()]
    rows = {row.id: row for row in event_rows(graph)}
    assert {r["id"] for r in records} == set(rows)
    for record in records:
        row = rows[record["id"]]
        assert record["event"] == [row.event["type"]]
        assert record["cameo"] == row.event["cameo"]
        assert record.get("date") == row.event.get("date")
        assert [a["id"] for a in record["actor"]] == [a["id"] for a in row.source]
        assert [a["id"] for a in record["recipient"]] == [a["id"] for a in row.target]
        for entity, actor in zip(record["recipient"], row.target, strict=True):
            assert entity["identifier_id"] == (actor.get("wikidata") or actor["id"])
        assert record["event_text"] == [t for rep in row.reports for t in rep.evidence]
        assert record["quad_code"] == row.event["quad_class"]
        assert record["codebook"].startswith("plover")


def test_plover_entity_codes_are_countries_or_ids() -> None:
    records = [
        json.loads(x)
        for x in _written("plover", events_to_graph(seed_result().events)).splitlines()
    ]
    meeting = next(r for r in records if r["event"] == ["CONSULT"] and r.get("event_loc"))
    codes = {a["code"] for a in meeting["actor"] + meeting["recipient"]}
    assert codes <= {"USA", "RUS"}
    assert meeting["event_loc"]["geonameid"] == 2673730
    identifiers = {a["id"]: a["identifier_id"] for a in meeting["actor"] + meeting["recipient"]}
    assert (
        identifiers.get("person:sergei-lavrov") == "Q58217"
    )  # the Wikidata id, as the manual asks
    assert meeting["event_loc"]["country_code"] == "SWE"
