"""Persistence: SQLAlchemy models, the `Store` (engine, sessions, migrations) and the exchange log."""
