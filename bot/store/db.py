"""The database: engine, sessions, migrations, and two race-safe "do this once" claims.

SQLite (default, in the data dir) and PostgreSQL (`postgresql+psycopg://…`) are both supported. On SQLite
every transaction starts with BEGIN IMMEDIATE, so concurrent writers wait for each other (busy timeout)
instead of failing on a stale snapshot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import CursorResult, Engine, create_engine, delete, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock, SystemClock
from bot.store.models import JobRun, ProcessedEvent, ReportRun

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30


class Store:
    def __init__(self, url: str, clock: Clock | None = None) -> None:
        self.url = url
        self.clock: Clock = clock or SystemClock()
        self.engine = _create_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest revision; a no-op when it is already there."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back on an exception."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def claim_event(self, platform: str, key: str, owner: str | None = None) -> bool:
        """True only the first time (platform, key) is claimed, also across processes.

        With `owner` (an inbox item), a claim made earlier by the same owner counts as its own: the item is being
        worked again after a crash, and must not be dropped as its own duplicate."""
        row = ProcessedEvent(platform=platform, event_key=key, created_at=self.clock.now(), owner=owner)
        if self._insert_once(row):
            return True
        if owner is None:
            return False
        with self.session() as session:
            query = select(ProcessedEvent.owner).filter_by(platform=platform, event_key=key)
            return session.scalars(query).first() == owner

    def claim_job(self, name: str, slot: str, owner: str) -> bool:
        """True for the one replica that claims scheduled job `name` for time slot `slot` first."""
        return self._insert_once(JobRun(name=name, slot=slot, owner=owner, claimed_at=self.clock.now()))

    def forget_events(self, prefix: str, older_than: timedelta) -> int:
        """Delete processed-event claims whose key starts with `prefix`, older than `older_than`."""
        cutoff = self.clock.now() - older_than
        with self.session() as session:
            result = session.execute(
                delete(ProcessedEvent).where(
                    ProcessedEvent.event_key.startswith(prefix), ProcessedEvent.created_at < cutoff
                )
            )
            return int(cast(CursorResult[Any], result).rowcount or 0)  # a DELETE returns a cursor result

    def claim_report(self, period: str, channel: str, *, stale_after: timedelta | None = None) -> bool:
        """True only for the first caller that claims the weekly report of `period` for `channel`.

        With `stale_after`, a claim still unposted after that long (its run crashed) is taken over: one
        conditional UPDATE, so of several instances racing for it exactly one wins (and restarts the clock).
        """
        now = self.clock.now()
        if self._insert_once(ReportRun(period=period, channel=channel, status="claimed", created_at=now)):
            return True
        if stale_after is None:
            return False
        stale = update(ReportRun).where(
            ReportRun.period == period,
            ReportRun.channel == channel,
            ReportRun.status == "claimed",
            ReportRun.created_at < now - stale_after,
        )
        with self.engine.begin() as connection:
            taken = connection.execute(stale.values(created_at=now)).rowcount == 1
        if taken:
            log.warning(
                "weekly report %s for %s: taking over a claim unposted for over %s", period, channel, stale_after
            )
        return taken

    def mark_report_posted(self, period: str, channel: str) -> None:
        with self.session() as session:
            run = session.scalars(select(ReportRun).filter_by(period=period, channel=channel)).one()
            run.status, run.posted_at = "posted", self.clock.now()

    def release_report(self, period: str, channel: str) -> None:
        """Give a claimed but unposted report back (posting failed), so the next run retries it."""
        with self.session() as session:
            run = session.scalars(select(ReportRun).filter_by(period=period, channel=channel)).first()
            if run is not None and run.status != "posted":
                session.delete(run)

    def dispose(self) -> None:
        self.engine.dispose()

    def _insert_once(self, row: Any) -> bool:
        try:
            with self.session() as session:
                session.add(row)
        except IntegrityError:
            return False
        return True


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # hide_parameters: a database error's message (and so a logged traceback) never quotes question text
        return create_engine(url, pool_pre_ping=True, future=True, hide_parameters=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}, hide_parameters=True
    )
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
