"""SLA reminders in business hours (Europe/Berlin, Mon–Fri, NRW holidays), at most once per interval."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.errors import PermissionDenied
from bot.handoff.service import HandoffRequest

BERLIN = ZoneInfo("Europe/Berlin")


def request(message_id: str = "M1") -> HandoffRequest:
    return HandoffRequest(
        platform="slack",
        source_message_id=message_id,
        asker_id="UEMP",
        language="de",
        reason="low_confidence",
        question="Darf ich Fotos aus der Halle posten?",
    )


def at(clock, *args: int) -> None:
    clock.set(datetime(*args, tzinfo=BERLIN))


def test_friday_question_is_reminded_monday_after_eight_business_hours(make_service, notifier, clock):
    service = make_service()  # clock: Friday 2026-11-20 16:00 Berlin
    view, _ = service.open(request())
    at(clock, 2026, 11, 21, 12)  # Saturday noon: 20 calendar hours, 1 business hour
    assert service.overdue() == [] and service.send_reminders() == 0
    at(clock, 2026, 11, 23, 14, 59)
    assert service.send_reminders() == 0
    at(clock, 2026, 11, 23, 15)
    assert [v.id for v in service.overdue()] == [view.id]
    assert service.send_reminders() == 1
    assert notifier.kinds("remind") == [("UCOMM1", view.id), ("UCOMM2", view.id)]
    reminded = service.get("UCOMM1", view.id)
    assert reminded.overdue and reminded.last_reminder_at == clock.now()
    assert ("lotse", "reminded") in [(e.actor, e.action) for e in service.events("UCOMM1", view.id)]


def test_reminder_only_once_per_sla_interval(make_service, notifier, clock):
    service = make_service()
    service.open(request())
    at(clock, 2026, 11, 23, 15)
    assert service.send_reminders() == 1
    at(clock, 2026, 11, 23, 16, 59)
    assert service.send_reminders() == 0
    at(clock, 2026, 11, 24, 13, 59)  # 7:59 business hours after the reminder (Mon 2h + Tue 5:59)
    assert service.send_reminders() == 0
    at(clock, 2026, 11, 24, 14)
    assert service.send_reminders() == 1
    assert len(notifier.kinds("remind")) == 4


def test_holidays_do_not_count(make_service, clock):
    at(clock, 2026, 4, 2, 16)  # Thursday before Good Friday; Easter Monday follows
    service = make_service()
    view, _ = service.open(request())
    at(clock, 2026, 4, 6, 16)
    assert service.send_reminders() == 0
    at(clock, 2026, 4, 7, 14, 59)
    assert service.overdue() == []
    at(clock, 2026, 4, 7, 15)
    assert [v.id for v in service.overdue()] == [view.id]


def test_answered_handoffs_are_not_reminded_but_claimed_ones_are(make_service, notifier, clock):
    service = make_service()
    answered, _ = service.open(request("A"))
    claimed, _ = service.open(request("B"))
    service.answer("UCOMM1", answered.id, "Ja.")
    with pytest.raises(PermissionDenied):  # need-to-know: a contact of another role may not take it over
        service.claim("ULEGAL", claimed.id)
    service.claim("UCOMM2", claimed.id)
    at(clock, 2026, 11, 24, 12)
    assert service.send_reminders() == 1
    assert {uid for uid, hid in notifier.kinds("remind") if hid == claimed.id} == {"UCOMM1", "UCOMM2"}
    assert all(hid != answered.id for _, hid in notifier.kinds("remind"))


def test_reopened_handoff_waits_a_new_interval(make_service, clock):
    service = make_service()
    view, _ = service.open(request())
    service.answer("UCOMM1", view.id, "Ja.")
    at(clock, 2026, 11, 25, 9)
    service.reopen("UEMP", view.id)
    at(clock, 2026, 11, 25, 16)
    assert service.overdue() == []
    at(clock, 2026, 11, 26, 9)
    assert [v.id for v in service.overdue()] == [view.id]


def test_failed_reminders_are_retried_next_run(make_service, notifier, clock):
    service = make_service()
    view, _ = service.open(request())
    notifier.fail_for = {"*"}
    at(clock, 2026, 11, 23, 15)
    assert service.send_reminders() == 0
    assert service.get("UCOMM1", view.id).last_reminder_at is None
    notifier.fail_for = set()
    at(clock, 2026, 11, 23, 15, 15)
    assert service.send_reminders() == 1
