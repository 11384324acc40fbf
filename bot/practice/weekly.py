"""The weekly send: one exercise per person and week, at the company's slot (LOTSE_PRACTICE_CRON, default Tuesday
10:00) on working days and hours with the public holidays of LOTSE_HOLIDAY_REGION (bot/practice/slots.py), once
across replicas, through the durable outbox (bot/practice/delivery.py).

Each platform adapter registers a `deliver(assignment)` (Slack: a DM with buttons, Teams: an Adaptive Card). The
exercise row is unique per person and week and its outbox message unique per person and week too, both written
in one transaction: of two replicas (or two runs after a restart) only one records it, and a message left unsent by
a crash is sent by the next outbox pass of any replica. The job runs every 30 minutes, so people who did not get
this week's exercise yet (a late opt-in) get it on the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.handoff.business_hours import WorkingTime
from bot.practice.service import Assignment, Practice

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session

    from bot.practice.delivery import PracticeDeliveries
    from bot.settings import Settings
    from bot.store.models import PracticeAssignment

log = logging.getLogger(__name__)
CATCH_UP_MINUTES = 30
Deliver = Callable[[Assignment], None]


def within_hours(settings: Settings, now: datetime) -> bool:
    """A working day (Monday to Friday, no public holiday) between LOTSE_WORKDAY_START and LOTSE_WORKDAY_END."""
    from bot.practice.slots import within_working_time

    return within_working_time(now, WorkingTime.from_settings(settings))


def due(settings: Settings, now: datetime) -> bool:
    return due_label(settings, now) is not None


def due_label(settings: Settings, now: datetime) -> str | None:
    from bot.practice.slots import due_week

    week = due_week(now, settings.practice_cron, WorkingTime.from_settings(settings))
    return week.label if week is not None else None


def send_weekly(practice: Practice, platform: str, outbox: PracticeDeliveries, week: str | None = None) -> int:
    """The exercise of `week` (default: this week) to everyone on `platform` who takes part and has none yet:
    recorded in the outbox, then sent at once by this process; returns how many reached their person."""
    from bot.report.period import Week

    week = week or practice.week_label()
    this_week = Week.containing(practice.clock.now(), practice.timezone).start
    recorded: list[int] = []
    for person in practice.recipients([platform]):
        if practice.got_one_since(person, this_week, other_than=week):
            continue  # at most one a week: a moved slot of last week already reached them this week
        made: list[int] = []

        def record(session: Session, row: PracticeAssignment, made: list[int] = made) -> None:
            made.append(outbox.record(session, row))

        try:
            assignment = practice.weekly(person, week, record=record)
        except Exception:
            log.exception("practice: choosing an exercise failed")
            continue
        if assignment is None or assignment.sent:
            continue  # nothing left unseen, or already sent
        if assignment.created:
            recorded.extend(made)
        else:  # made earlier (another replica, a crash): its message is in the outbox, or gets one now
            again = outbox.ensure(assignment)
            recorded.extend([again] if again is not None else [])
    return sum(1 for message_id in recorded if outbox.send(message_id))


def run_if_due(practice: Practice, settings: Settings, now: datetime, platform: str, outbox: PracticeDeliveries) -> int:
    week = due_label(settings, now)
    if week is None:
        return 0
    try:
        return send_weekly(practice, platform, outbox, week)
    except Exception:  # never let a job exception kill the scheduler thread
        log.exception("practice: the weekly send failed")
        return 0


def add_practice_job(scheduler: Any, job_id: str, run: Callable[[], Any], timezone: str) -> None:
    """Every CATCH_UP_MINUTES: at the slot, and after it for whoever did not get this week's exercise yet
    (restarts, people who opted in later); `run` checks `due` and records at most one per person and week."""
    scheduler.add_job(
        run,
        "interval",
        minutes=CATCH_UP_MINUTES,
        id=job_id,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        timezone=ZoneInfo(timezone),
    )
