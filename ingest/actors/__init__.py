"""Actor gazetteers: states, organisations, armed groups and office holders."""

from __future__ import annotations
