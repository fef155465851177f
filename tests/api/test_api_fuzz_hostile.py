"""Hypothesis feeds hostile values (lone surrogates, NUL, deep nesting, huge numbers) to every
endpoint of the OpenAPI schema, in query strings, paths and JSON bodies: no answer is a 5xx.

Requests carry a write key, so the write endpoints read their bodies too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import neo4j
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.settings import Settings
from tests.api.hostile_values import HOSTILE_JSON, HOSTILE_TEXT, HUGE_NUMBERS, dumps

pytestmark = pytest.mark.neo4j

KEY = {"X-API-Key": "test-key-0123456789"}  # tests/api/conftest.py API_KEY


@pytest.fixture(scope="module")
def fuzz_client(seed_graph: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def operations(fuzz_client: TestClient) -> list[tuple[str, str, list[dict[str, Any]], bool]]:
    spec = fuzz_client.get("/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            out.append((method, path, op.get("parameters", []), "requestBody" in op))
    return out


QUERY_VALUE = st.one_of(HOSTILE_TEXT, HUGE_NUMBERS.map(str))


def _json_body(path: str, value: Any, where: str) -> Any:
    if path == "/cypher":
        return (
            {"query": "RETURN $v AS v", "params": {"v": value}}
            if where == "param"
            else {"query": value if isinstance(value, str) else "RETURN 1", "params": {}}
        )
    article = {"id": "fuzz", "text": "Russia warned Ukraine on Thursday.", where: value}
    return [article] if path.endswith("/batch") else article


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_values_never_get_a_5xx(
    fuzz_client: TestClient,
    operations: list[tuple[str, str, list[dict[str, Any]], bool]],
    data: st.DataObject,
) -> None:
    with_body = [op for op in operations if op[3]]
    method, path, parameters, has_body = data.draw(
        st.sampled_from(with_body if data.draw(st.booleans()) else operations)
    )
    url = path
    query: list[tuple[str, str]] = []
    for parameter in parameters:
        if parameter["in"] == "path":
            value = data.draw(QUERY_VALUE)
            url = url.replace("{" + parameter["name"] + "}", quote(value, safe=""))
        elif parameter["in"] == "query" and data.draw(st.booleans()):
            repeat = data.draw(st.sampled_from([1, 1, 2, 60]))
            value = data.draw(QUERY_VALUE)
            query += [(parameter["name"], value)] * repeat
    # httpx refuses to send a query over 64 KiB (InvalidURL): long values are not repeated
    # past what a client can send (a single one of them is still sent).
    while len(query) > 1 and len(urlencode(query)) > 60_000:
        query.pop()
    kwargs: dict[str, Any] = {"params": query, "headers": dict(KEY)}
    if has_body and method == "post":
        where = data.draw(st.sampled_from(["text", "title", "url", "published", "id", "param"]))
        body = _json_body(path, data.draw(HOSTILE_JSON), where)
        kwargs["content"] = dumps(body)  # \u escapes: surrogates travel as in the wild
        kwargs["headers"]["Content-Type"] = "application/json"
    response = fuzz_client.request(method.upper(), url, **kwargs)
    assert response.status_code < 500, (method, url, query, kwargs.get("content"), response.text)
