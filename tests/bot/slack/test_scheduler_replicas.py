"""Scheduled jobs with several replicas: every replica's scheduler fires, the job runs once per time slot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.app import Lotse
from bot.clock import FixedClock
from bot.handoff.service import HandoffRequest
from bot.settings import Settings
from bot.slack.scheduler import build_scheduler

REPO = Path(__file__).resolve().parents[3]


class Recording:
    def __init__(self) -> None:
        self.reminders: list[tuple[str, int]] = []

    def notify_contact(self, user_id, handoff) -> None:
        pass

    def deliver_answer(self, handoff, answer) -> None:
        pass

    def remind(self, user_id, handoff, overdue_hours) -> None:
        self.reminders.append((user_id, handoff.id))


def replica(tmp_path: Path, name: str, clock: FixedClock, notifier: Recording) -> Lotse:
    settings = Settings(
        data_dir=tmp_path / name,
        knowledge_dir=REPO / "knowledge",
        database_url=f"sqlite:///{tmp_path / 'shared.db'}",
        contact_ids={"communications": ["UC1"]},
    )
    return Lotse(settings, clock=clock, notifier=notifier)


def run_job(lotse: Lotse, job_id: str) -> None:
    scheduler = build_scheduler(lotse)
    scheduler.get_job(job_id).func()


def test_reminders_and_retention_run_once_per_slot_across_replicas(tmp_path):
    clock = FixedClock(datetime(2026, 11, 16, 8, 0, tzinfo=UTC))  # Monday
    notifier = Recording()
    a, b = replica(tmp_path, "a", clock, notifier), replica(tmp_path, "b", clock, notifier)
    view, _ = a.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id="D1:1.0",
            asker_id="UE1",
            language="de",
            reason="sensitive",
            question="Presse?",
            category="press",
        )
    )
    clock.advance(hours=30)  # well past the 8 business-hour SLA
    run_job(a, "sla_reminders")
    run_job(b, "sla_reminders")  # the other replica, same 15-minute slot
    assert notifier.reminders == [("UC1", view.id)]
    clock.advance(hours=48)  # SLA again elapsed, a new slot: one more reminder, again from one replica only
    run_job(b, "sla_reminders")
    run_job(a, "sla_reminders")
    assert notifier.reminders == [("UC1", view.id)] * 2
    assert a.store.claim_job("retention", "probe", "x")  # the claim table is shared and writable
    run_job(a, "retention")
    assert not b.store.claim_job(
        "retention", clock.now().replace(hour=0, minute=0, second=0, microsecond=0).isoformat(), "b"
    )
