"""The weekly exercise through the durable outbox, quiet and respectful: one message per person and week across
two replicas; a message a crash left unsent is sent by the next outbox pass (and only in working time); a slot on
a public holiday (LOTSE_HOLIDAY_REGION) moves to the next working day; at most one a week; a pause after three
unanswered ones that ends when the person is in touch again. All on a controlled clock (bot/clock.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.app import Lotse
from bot.clock import FixedClock
from bot.practice.delivery import PRACTICE
from bot.practice.service import Assignment, Person
from bot.practice.weekly import due_label, run_if_due
from bot.settings import Settings
from bot.store.models import Exchange, OutboxMessage, PracticeAssignment

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
PEOPLE = ["UANNA", "UBEN", "UCEM"]


def _berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=1)  # CET (winter) → UTC


def _replica(tmp_path: Path, clock: FixedClock, sent: list[str], **overrides: object) -> Lotse:
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        lease_seconds=30,
        **overrides,  # type: ignore[arg-type]
    )
    lotse = Lotse(settings, clock=clock)

    def deliver(assignment: Assignment) -> None:
        sent.append(f"{assignment.person.user_id}@{assignment.week}")

    lotse.practice_deliveries.register("slack", deliver)
    return lotse


def _run(lotse: Lotse) -> int:
    return run_if_due(lotse.practice, lotse.settings, lotse.clock.now(), "slack", lotse.practice_deliveries)


def _opt_in(lotse: Lotse, people: list[str] = PEOPLE) -> None:
    for user in people:
        lotse.practice.opt_in("slack", user, "de")


def test_two_replicas_running_the_same_week_send_one_message_per_person(tmp_path):
    clock = FixedClock(_berlin(2026, 11, 17, 10, 30))  # Tuesday after the 10:00 slot
    sent: list[str] = []
    first, second = _replica(tmp_path, clock, sent), _replica(tmp_path, clock, sent)
    _opt_in(first)
    assert _run(first) == len(PEOPLE)
    assert _run(second) == 0
    clock.advance(minutes=30)  # the next slot, both replicas again
    assert _run(second) + _run(first) == 0
    assert sorted(sent) == sorted(f"{u}@2026-W47" for u in PEOPLE)
    with first.store.session() as session:
        messages = session.scalars(select(OutboxMessage).filter_by(kind=PRACTICE)).all()
        assert sorted(m.dedupe_key for m in messages) == sorted(f"practice:slack:{u}:2026-W47" for u in PEOPLE)
        assert {m.status for m in messages} == {"delivered"}
        assert all(m.handoff_id is None for m in messages)


def test_a_message_a_crash_left_unsent_is_sent_by_the_next_outbox_pass(tmp_path):
    clock = FixedClock(_berlin(2026, 11, 17, 10, 30))
    sent: list[str] = []
    crashed, survivor = _replica(tmp_path, clock, sent), _replica(tmp_path, clock, sent)
    _opt_in(crashed, ["UANNA"])
    outbox = crashed.practice_deliveries
    made = crashed.practice.weekly(Person("slack", "UANNA", "de"), record=outbox.record)  # recorded, then "crash"
    assert made is not None and made.created and sent == []
    assert survivor.handoffs.deliveries.send_due() == 0  # the dead process's lease still holds
    clock.advance(seconds=31)
    assert survivor.handoffs.deliveries.send_due() == 1
    assert sent == ["UANNA@2026-W47"]
    clock.advance(seconds=31)
    assert survivor.handoffs.deliveries.send_due() == 0
    assert _run(survivor) == 0  # the job does not send it again either
    assert sent == ["UANNA@2026-W47"]
    with survivor.store.session() as session:
        assert session.get(PracticeAssignment, made.id).sent_at == clock.now() - timedelta(seconds=31)


def test_a_retry_outside_working_time_waits_for_the_next_working_morning(tmp_path):
    clock = FixedClock(_berlin(2026, 11, 20, 16, 59))  # Friday, a minute before the end of the working day
    sent: list[str] = []
    lotse = _replica(tmp_path, clock, sent)
    _opt_in(lotse, ["UANNA"])
    lotse.practice.weekly(Person("slack", "UANNA", "de"), record=lotse.practice_deliveries.record)  # then a crash
    clock.set(_berlin(2026, 11, 20, 18, 0))
    assert lotse.handoffs.deliveries.send_due() == 1  # taken, but it is evening: given back untried
    assert sent == []
    clock.set(_berlin(2026, 11, 22, 12, 0))  # Sunday
    assert lotse.handoffs.deliveries.send_due() == 0
    clock.set(_berlin(2026, 11, 23, 8, 1))  # Monday morning
    assert lotse.handoffs.deliveries.send_due() == 1
    assert sent == ["UANNA@2026-W47"]


def test_a_slot_on_a_public_holiday_moves_to_the_next_working_day(tmp_path):
    # Ascension Day, Thursday 14 May 2026, is a public holiday in NRW (CEST: UTC+2)
    clock = FixedClock(datetime(2026, 5, 14, 8, 30, tzinfo=UTC))
    sent: list[str] = []
    lotse = _replica(tmp_path, clock, sent, practice_cron="thu 10:00", holiday_region="NW")
    _opt_in(lotse, ["UANNA"])
    assert due_label(lotse.settings, clock.now()) is None
    assert _run(lotse) == 0
    clock.set(datetime(2026, 5, 15, 7, 30, tzinfo=UTC))  # Friday 09:30: before the moved slot
    assert _run(lotse) == 0
    clock.set(datetime(2026, 5, 15, 8, 0, tzinfo=UTC))  # Friday 10:00
    assert _run(lotse) == 1
    assert sent == ["UANNA@2026-W20"]


def test_a_slot_moved_into_the_next_week_still_means_one_a_week(tmp_path):
    # Good Friday (3 April 2026) and Easter Monday are holidays: the Friday slot moves to Tuesday 7 April
    clock = FixedClock(datetime(2026, 4, 3, 8, 30, tzinfo=UTC))
    sent: list[str] = []
    lotse = _replica(tmp_path, clock, sent, practice_cron="fri 10:00")
    _opt_in(lotse, ["UANNA"])
    for moment in (datetime(2026, 4, 3, 8, 30, tzinfo=UTC), datetime(2026, 4, 6, 8, 30, tzinfo=UTC)):
        clock.set(moment)
        assert _run(lotse) == 0
    clock.set(datetime(2026, 4, 7, 8, 30, tzinfo=UTC))  # Tuesday 10:30
    assert due_label(lotse.settings, clock.now()) == "2026-W14"
    assert _run(lotse) == 1
    clock.set(datetime(2026, 4, 10, 8, 30, tzinfo=UTC))  # Friday of the same week: its own slot
    assert _run(lotse) == 0  # at most one practice message a week
    clock.set(datetime(2026, 4, 17, 8, 30, tzinfo=UTC))
    assert _run(lotse) == 1
    assert sent == ["UANNA@2026-W14", "UANNA@2026-W16"]


def test_three_unanswered_make_a_pause_until_the_person_is_in_touch_again(tmp_path):
    clock = FixedClock(_berlin(2026, 11, 17, 10, 30))
    sent: list[str] = []
    lotse = _replica(tmp_path, clock, sent)
    _opt_in(lotse, ["UANNA"])
    for _week in range(3):
        assert _run(lotse) == 1
        clock.advance(days=7)
    assert _run(lotse) == 0 and len(sent) == 3  # on leave: no fourth one
    clock.advance(days=7)
    assert _run(lotse) == 0
    with lotse.store.session() as session:  # back: asks Lotse something
        session.add(
            Exchange(created_at=clock.now(), platform="slack", asker_id="UANNA", language="de", outcome="answered")
        )
    clock.advance(minutes=30)
    assert _run(lotse) == 1
    assert len(sent) == 4


def test_nicht_mehr_ends_it_at_once_even_with_a_message_waiting_in_the_outbox(tmp_path):
    clock = FixedClock(_berlin(2026, 11, 17, 10, 30))
    sent: list[str] = []
    lotse = _replica(tmp_path, clock, sent)
    _opt_in(lotse, ["UANNA"])
    assert _run(lotse) == 1
    assert lotse.practice.opt_out("slack", "UANNA").startswith("In Ordnung")
    assert lotse.practice.opt_out("slack", "UANNA", "en").startswith("All right")
    for _week in range(3):
        clock.advance(days=7)
        assert _run(lotse) == 0
    assert sent == ["UANNA@2026-W47"]
    clock.advance(days=7)
    lotse.practice.opt_in("slack", "UANNA", "de")
    made = lotse.practice.weekly(Person("slack", "UANNA", "de"), record=lotse.practice_deliveries.record)
    assert made is not None  # recorded, then the process died before sending; meanwhile: „Nicht mehr“
    lotse.practice.opt_out("slack", "UANNA")
    clock.advance(minutes=1)
    assert lotse.handoffs.deliveries.send_due() == 1
    assert sent == ["UANNA@2026-W47"]
    with lotse.store.session() as session:
        assert session.scalars(select(OutboxMessage.status).filter_by(practice_assignment_id=made.id)).one() == (
            "cancelled"
        )
