"""One router per resource; ``api.app`` includes them all."""

from __future__ import annotations
