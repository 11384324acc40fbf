"""Reuses the database fixtures of tests/bot/handoff/conftest.py (SQLite and real PostgreSQL)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_path = Path(__file__).parents[1] / "handoff" / "conftest.py"
_spec = importlib.util.spec_from_file_location("lotse_handoff_db_fixtures", _path)
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

db_url = _fixtures.db_url
clock = _fixtures.clock
settings = _fixtures.settings
