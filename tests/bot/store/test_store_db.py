"""The Store: migrations, SQLite setup, UTC times, and the race-safe "once only" claims."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import inspect, select, text

from bot.store.db import Store
from bot.store.models import ProcessedEvent, ReportRun

TABLES = {
    "exchanges",
    "handoffs",
    "handoff_events",
    "post_checks",
    "processed_events",
    "report_runs",
    "inbox_items",
    "outbox_messages",
    "job_runs",
    "platform_references",
    "alembic_version",
}


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.store.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    [head] = ScriptDirectory.from_config(config).get_heads()
    return head


def test_migrate_creates_all_tables_and_running_twice_is_a_noop(db_url: str):
    store = Store(db_url)
    store.migrate()
    store.claim_event("slack", "Ev1")
    store.migrate()
    assert TABLES <= set(inspect(store.engine).get_table_names())
    with store.session() as session:
        assert session.scalars(text("SELECT version_num FROM alembic_version")).all() == [head_revision()]
        assert len(session.scalars(select(ProcessedEvent)).all()) == 1  # data survived
    store.dispose()


def test_sqlite_creates_the_folder_and_enables_wal_and_foreign_keys(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'nested' / 'deeper' / 'lotse.db'}")
    store.migrate()
    assert (tmp_path / "nested" / "deeper" / "lotse.db").exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.dispose()


def test_times_come_back_as_aware_utc(db_url: str):
    store = Store(db_url)
    store.migrate()
    berlin_noon = datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with store.session() as session:
        session.add(ReportRun(period="2026-W27", channel="C1", status="claimed", created_at=berlin_noon))
    with store.session() as session:
        run = session.scalars(select(ReportRun)).one()
        assert run.created_at == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
        assert run.created_at.utcoffset().total_seconds() == 0
        later = session.scalars(
            select(ReportRun).where(ReportRun.created_at > datetime(2026, 7, 1, 9, 59, tzinfo=UTC))
        ).all()
        assert len(later) == 1
    store.dispose()


def test_claim_event_is_true_only_once_even_under_concurrency(db_url: str):
    store = Store(db_url)
    store.migrate()
    barrier = threading.Barrier(8)
    results: list[bool] = []

    def worker() -> None:
        barrier.wait()
        results.append(store.claim_event("slack", "Ev42"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    assert store.claim_event("teams", "Ev42") is True  # keys are per platform
    store.dispose()


def test_claim_report_once_per_period_and_channel(db_url: str):
    store = Store(db_url)
    store.migrate()
    assert store.claim_report("2026-W47", "C1") is True
    assert store.claim_report("2026-W47", "C1") is False
    assert store.claim_report("2026-W47", "C2") is True
    assert store.claim_report("2026-W48", "C1") is True
    store.release_report("2026-W48", "C1")  # posting failed: may be retried
    assert store.claim_report("2026-W48", "C1") is True
    store.mark_report_posted("2026-W47", "C1")
    store.release_report("2026-W47", "C1")  # a posted report is never given back
    assert store.claim_report("2026-W47", "C1") is False
    with store.session() as session:
        run = session.scalars(select(ReportRun).filter_by(period="2026-W47", channel="C1")).one()
        assert run.status == "posted" and run.posted_at is not None
    store.dispose()


def test_models_and_migrations_agree(db_url: str):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.store.models import Base

    store = Store(db_url)
    store.migrate()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    store.dispose()
    assert diff == []
