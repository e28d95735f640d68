"""Data files of the import (noise markers, section names, month names).

Rules live in JSON next to this module so that editors can extend them
without touching code; this module only loads them once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Parsed contents of ``<name>.json`` in this folder."""
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)
