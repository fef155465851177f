"""``ModelResponse``: a pydantic model sent as JSON, serialised once.

FastAPI validates and serialises whatever a route returns against its ``response_model``;
for a sync route it does the validation in another trip through the thread pool. A route
that already built its response model returns ``ModelResponse(model)`` instead: the same
JSON (the model's own serializer, aliases included), no second validation, no extra thread
hop. The ``response_model=`` of the route still documents the shape in OpenAPI.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from starlette.responses import Response


class ModelResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if not isinstance(content, BaseModel):
            raise TypeError(f"ModelResponse needs a pydantic model, got {type(content).__name__}")
        return content.model_dump_json().encode("utf-8")
