"""The inbox tests run on SQLite and on the real PostgreSQL (the handoff tests' `db_url`)."""

from tests.bot.handoff.conftest import clock, db_url  # noqa: F401  (fixtures)
