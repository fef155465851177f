"""Hostile JSON bodies refused before anything parses them: 422, never a 5xx.

A pure ASGI middleware for requests whose body is ``application/json``: the body (already
under the size limit) is checked by ``ingest.jsonsafe`` for nesting deeper than
``MAX_JSON_DEPTH`` and for lone surrogate escapes (``"\\ud800"``), and passed on unchanged.
JSON lines bodies (``/articles/batch``) are not checked here: each line is an item of its
own, refused on its own by the readers while the other lines go on.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response
from ingest import jsonsafe

JSON_TYPES = frozenset({"application/json"})


def media_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return value.decode("latin-1").split(";")[0].strip().lower()
    return ""


class JsonLimits:
    def __init__(self, app: ASGIApp, max_depth: int = jsonsafe.MAX_JSON_DEPTH) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or media_type(scope) not in JSON_TYPES:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay([message], receive), send)
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            jsonsafe.check(body, max_depth=self.max_depth)
        except jsonsafe.JsonRefused as e:
            response = problem_response(
                422, "Invalid request", f"body: {e}", slug="validation", instance=scope.get("path")
            )
            await response(scope, receive, send)
            return
        replayed: Message = {"type": "http.request", "body": body, "more_body": False}
        await self.app(scope, _replay([replayed], receive), send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    async def replay() -> Message:
        if messages:
            return messages.pop(0)
        return await receive()

    return replay
