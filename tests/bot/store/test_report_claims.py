"""A weekly report claimed by a run that crashed before posting: a later run posts it after the timeout, once.

Runs on SQLite and on a real PostgreSQL (fixtures in tests/bot/handoff/conftest.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.settings import Settings
from bot.store.db import Store

STALE = timedelta(minutes=30)
MONDAY_0800_BERLIN = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


@pytest.fixture
def stores(db_url: str, clock: FixedClock) -> Iterator[Callable[[], Store]]:
    """Builds another Store on the same database: one per process or instance."""
    made: list[Store] = []

    def build() -> Store:
        store = Store(db_url, clock=clock)
        store.migrate()
        made.append(store)
        return store

    yield build
    for store in made:
        store.dispose()


class FakeClient:
    """Records chat_postMessage and files_upload_v2 calls like Slack's WebClient."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def chat_postMessage(self, **kwargs: Any) -> dict[str, Any]:  # noqa: N802
        self.messages.append(kwargs)
        return {"ok": True, "channel": kwargs["channel"], "ts": f"1.{len(self.messages)}"}

    def files_upload_v2(self, **kwargs: Any) -> dict[str, Any]:
        return {"ok": True}


def test_a_crashed_claim_is_taken_over_only_after_the_timeout(stores: Callable[[], Store], clock: FixedClock):
    crashed, later = stores(), stores()
    assert crashed.claim_report("2026-W47", "C1") is True  # ... and the process dies before posting
    clock.advance(minutes=29)
    assert later.claim_report("2026-W47", "C1", stale_after=STALE) is False  # it may still be posting
    assert later.claim_report("2026-W47", "C1") is False  # without a timeout: never taken over
    clock.advance(minutes=2)
    assert later.claim_report("2026-W47", "C1", stale_after=STALE) is True
    assert crashed.claim_report("2026-W47", "C1", stale_after=STALE) is False  # the takeover is a fresh claim
    assert later.claim_report("2026-W48", "C1", stale_after=STALE) is True  # other weeks are unaffected


def test_a_posted_report_is_never_taken_over(stores: Callable[[], Store], clock: FixedClock):
    store = stores()
    assert store.claim_report("2026-W47", "C1") is True
    store.mark_report_posted("2026-W47", "C1")
    clock.advance(days=60)
    assert stores().claim_report("2026-W47", "C1", stale_after=STALE) is False


def test_exactly_one_of_racing_instances_takes_over(
    stores: Callable[[], Store], clock: FixedClock, caplog: pytest.LogCaptureFixture
):
    assert stores().claim_report("2026-W47", "C1") is True
    clock.advance(minutes=31)
    instances = [stores() for _ in range(8)]
    barrier = threading.Barrier(len(instances))
    results: list[bool] = []

    def worker(store: Store) -> None:
        barrier.wait()
        results.append(store.claim_report("2026-W47", "C1", stale_after=STALE))

    caplog.set_level(logging.WARNING, logger="bot.store.db")
    threads = [threading.Thread(target=worker, args=(store,)) for store in instances]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    takeovers = [r for r in caplog.records if r.name == "bot.store.db" and r.levelno == logging.WARNING]
    assert len(takeovers) == 1


def test_the_report_of_a_crashed_run_is_posted_once_after_the_timeout(
    db_url: str, settings: Settings, clock: FixedClock
):
    from bot.app import Lotse
    from bot.report.slack_post import post_report

    settings = settings.model_copy(update={"database_url": db_url, "report_channel": "CREPORT"})
    clock.set(MONDAY_0800_BERLIN)
    crashed, later, other = (Lotse(settings.model_copy(), clock=clock) for _ in range(3))
    assert crashed.store.claim_report("2026-W47", "CREPORT") is True  # the run dies before posting
    client = FakeClient()
    clock.advance(minutes=10)
    assert post_report(later, client) is False and client.messages == []
    clock.advance(minutes=settings.report_claim_timeout_minutes)
    assert post_report(later, client) is True
    assert post_report(other, client) is False and post_report(crashed, client) is False
    clock.advance(hours=2)
    assert post_report(other, client) is False  # posted is final
    assert len(client.messages) == 1 and client.messages[0]["channel"] == "CREPORT"
    for lotse in (crashed, later, other):
        lotse.store.dispose()
