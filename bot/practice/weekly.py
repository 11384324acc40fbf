"""The weekly send: one exercise per person and week, at the company's slot (LOTSE_PRACTICE_CRON, default Tuesday
10:00) and within working hours, once across replicas.

Each platform adapter gives a `deliver(assignment)` (Slack: a DM with buttons, Teams: an Adaptive Card). The
exercise row is unique per person and week, so of two replicas running the job at once only the one that made the
row sends it; a send that fails gives the row back and the next run (the catch-up, every 30 minutes) tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.practice.service import Assignment, Practice

if TYPE_CHECKING:  # pragma: no cover
    from bot.settings import Settings

log = logging.getLogger(__name__)
CATCH_UP_MINUTES = 30
Deliver = Callable[[Assignment], None]


def within_hours(settings: Settings, now: datetime) -> bool:
    """A working day (Monday to Friday) between LOTSE_WORKDAY_START and LOTSE_WORKDAY_END, local time."""
    local = now.astimezone(ZoneInfo(settings.timezone))
    return local.weekday() < 5 and settings.workday_start <= local.hour < settings.workday_end


def due(settings: Settings, now: datetime) -> bool:
    from bot.report.schedule import Slot

    return Slot.parse(settings.practice_cron).passed_this_week(now, settings.timezone) and within_hours(settings, now)


def send_weekly(practice: Practice, platform: str, deliver: Deliver) -> int:
    """This week's exercise to everyone on `platform` who takes part and has none yet; returns how many were sent."""
    sent = 0
    for person in practice.recipients([platform]):
        try:
            assignment = practice.weekly(person)
        except Exception:
            log.exception("practice: choosing an exercise failed")
            continue
        if assignment is None or assignment.sent or not assignment.created:
            continue  # nothing left unseen, already sent, or another replica is sending it
        try:
            deliver(assignment)
        except Exception:
            log.exception("practice: sending an exercise on %s failed; the next run tries again", platform)
            practice.release(assignment.id)
            continue
        practice.mark_sent(assignment.id)
        sent += 1
    return sent


def run_if_due(practice: Practice, settings: Settings, now: datetime, platform: str, deliver: Deliver) -> int:
    if not due(settings, now):
        return 0
    try:
        return send_weekly(practice, platform, deliver)
    except Exception:  # never let a job exception kill the scheduler thread
        log.exception("practice: the weekly send failed")
        return 0


def add_practice_job(scheduler: Any, job_id: str, run: Callable[[], Any], timezone: str) -> None:
    """Every CATCH_UP_MINUTES: at the slot, and after it for whoever did not get this week's exercise yet
    (restarts, failed sends, people who opted in later); `run` checks `due` and sends at most one per week."""
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
