"""spaCy pipeline components of dekg, one per module, each registered as ``dekg.<name>.v1``."""

from __future__ import annotations
