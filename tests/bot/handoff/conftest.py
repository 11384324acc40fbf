"""Fixtures for database-backed tests: `db_url` runs each test on SQLite and on a real PostgreSQL.

PostgreSQL: $LOTSE_TEST_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/lotse_test). The
database is created if missing; every test gets its own freshly created schema (so parallel test runs of
other suites in the same database do not interfere). Unreachable server: skip locally, fail when CI=true.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bot.clock import FixedClock
from bot.settings import Settings

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/lotse_test"
FRIDAY_1600_BERLIN = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 16:00 CET


def _pg_url() -> URL:
    return make_url(os.environ.get("LOTSE_TEST_POSTGRES_URL", DEFAULT_PG_URL))


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL required in CI: {reason}")
    pytest.skip(f"PostgreSQL not reachable: {reason}")


def _ensure_database(url: URL) -> None:
    admin = create_engine(
        url.set(database="postgres"), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        admin.dispose()


def _fresh_schema(url: URL, schema: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))  # all tables + alembic_version
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()


def _drop_schema(url: URL, schema: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'lotse.db'}"
        return
    url = _pg_url()
    try:
        _ensure_database(url)
    except Exception as exc:  # noqa: BLE001 - any connection problem means "not available"
        _unavailable(f"{type(exc).__name__}: {exc}")
    schema = f"lotse_test_{os.getpid()}"
    _fresh_schema(url, schema)
    scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
    yield scoped.render_as_string(hide_password=False)
    _drop_schema(url, schema)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FRIDAY_1600_BERLIN)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=tmp_path / "knowledge",
        contact_ids={"communications": ["UCOMM1", "UCOMM2"], "legal": ["ULEGAL"]},
        sla_business_hours=8,
        workday_start=8,
        workday_end=17,
        holiday_region="NW",
        retention_days=180,
    )


CONTACTS_YAML = """\
fallback: communications
contacts:
  communications: {name: Katrin Vogt, role_de: Leitung Unternehmenskommunikation, role_en: Head of Communications, email: social@nordwerk.de, topics_de: "Social Media, Presse", topics_en: "social media, press", lead: true}
  legal: {name: Dr. Jonas Albers, role_de: Rechtsabteilung, role_en: Legal, email: recht@nordwerk.de}
  data_protection: {name: Miriam Sommer, role_de: Datenschutzbeauftragte, role_en: Data protection officer, email: datenschutz@nordwerk.de}
  hr: {name: Thomas Kluge, role_de: Personalabteilung, role_en: HR, email: personal@nordwerk.de}
  security: {name: Lena Petersen, role_de: IT-Sicherheit, role_en: IT security, email: it-sicherheit@nordwerk.de}
"""


class RecordingNotifier:
    """Remembers every notification; user ids in `fail_for` (or "*") raise like a broken platform."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, int]] = []
        self.answers: list[tuple[int, str]] = []
        self.told: list[tuple[int, str]] = []  # notes to the employee (who has the question now)
        self.fail_for: set[str] = set()

    def _maybe_fail(self, user_id: str) -> None:
        if "*" in self.fail_for or user_id in self.fail_for:
            raise RuntimeError("platform_unavailable")

    def notify_contact(self, user_id: str, handoff: object) -> None:
        self._maybe_fail(user_id)
        self.sent.append(("notify", user_id, handoff.id))  # type: ignore[attr-defined]

    def deliver_answer(self, handoff: object, answer: str) -> None:
        self._maybe_fail(handoff.asker_id)  # type: ignore[attr-defined]
        self.answers.append((handoff.id, answer))  # type: ignore[attr-defined]

    def remind(self, user_id: str, handoff: object, overdue_hours: float) -> None:
        self._maybe_fail(user_id)
        self.sent.append(("remind", user_id, handoff.id))  # type: ignore[attr-defined]

    def tell_asker(self, handoff: object, text: str) -> None:
        self._maybe_fail(handoff.asker_id)  # type: ignore[attr-defined]
        self.told.append((handoff.id, text))  # type: ignore[attr-defined]

    def kinds(self, kind: str) -> list[tuple[str, int]]:
        return [(uid, hid) for k, uid, hid in self.sent if k == kind]


@pytest.fixture
def knowledge_dir(settings: Settings) -> Path:
    settings.knowledge_dir.mkdir(parents=True, exist_ok=True)
    (settings.knowledge_dir / "contacts.yaml").write_text(CONTACTS_YAML, encoding="utf-8")
    return settings.knowledge_dir


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def make_service(
    db_url: str, settings: Settings, knowledge_dir: Path, clock: FixedClock, notifier: RecordingNotifier
) -> Iterator[object]:
    """Builds a fresh Store + HandoffService on the same database (call again to simulate a restart)."""
    from bot.contacts import ContactDirectory
    from bot.handoff.service import HandoffService
    from bot.store.db import Store

    stores: list[Store] = []

    def build(notifier_: object | None = None) -> HandoffService:
        store = Store(db_url, clock=clock)
        store.migrate()
        stores.append(store)
        contacts = ContactDirectory.load(knowledge_dir, settings.contact_ids)
        service = HandoffService(store, contacts, notifier_ or notifier, clock, settings)
        service.set_routing({"legal": "legal", "privacy": "data_protection", "crisis": "communications"})
        return service

    yield build
    for store in stores:
        store.dispose()
