"""The weekly schedule: post the report every Monday 08:00 Europe/Berlin (settings.report_cron).

Two jobs on the Slack app's APScheduler (3.x):
- the weekly cron job at the configured time;
- a catch-up job every CATCH_UP_MINUTES that posts the last complete week if its slot has passed and it is not
  posted yet, so a report missed during a restart, or released after a failed post, goes out on the next run.
Both go through `post_report`, whose database claim makes the post happen once per week and channel, however
many instances run these jobs.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.report.period import Week

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)
JOB_ID = "lotse-weekly-report"
CATCH_UP_JOB_ID = "lotse-weekly-report-catch-up"
CATCH_UP_MINUTES = 30
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ALIASES = {"mo": "mon", "di": "tue", "mi": "wed", "do": "thu", "fr": "fri", "sa": "sat", "so": "sun"}
_CRON = re.compile(r"^\s*([a-zA-Z]{2,3})\w*\s+(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Slot:
    weekday: int  # 0 = Monday
    hour: int
    minute: int

    @classmethod
    def parse(cls, text: str) -> Slot:
        """'mon 08:00' (also 'Mo 08:00', 'monday 8:00')."""
        match = _CRON.match(text or "")
        if not match:
            raise ValueError(f"report_cron must look like 'mon 08:00', got {text!r}")
        day = match.group(1).lower()[:3]
        day = _ALIASES.get(day[:2], day) if day not in _DAYS else day
        hour, minute = int(match.group(2)), int(match.group(3))
        if day not in _DAYS or not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError(f"report_cron must look like 'mon 08:00', got {text!r}")
        return cls(_DAYS.index(day), hour, minute)

    @property
    def day_of_week(self) -> str:
        return _DAYS[self.weekday]

    def passed_this_week(self, now: datetime, tz: str) -> bool:
        local = now.astimezone(ZoneInfo(tz))
        monday = local.date() - timedelta(days=local.weekday())
        slot = datetime(monday.year, monday.month, monday.day, self.hour, self.minute, tzinfo=ZoneInfo(tz)) + timedelta(
            days=self.weekday
        )
        return local >= slot


def run_weekly_report(lotse: Lotse, client: Any) -> bool:
    """The job: post the last complete week (no-op if another run or instance already did)."""
    from bot.report.slack_post import post_report

    try:
        return post_report(lotse, client, Week.last_complete(lotse.clock.now(), lotse.settings.timezone))
    except Exception:  # never let a job exception kill the scheduler thread
        log.exception("weekly report job failed")
        return False


def catch_up(lotse: Lotse, client: Any) -> bool:
    """Post the last complete week if this week's slot has passed (restarts, failed earlier runs)."""
    slot = Slot.parse(lotse.settings.report_cron)
    if not slot.passed_this_week(lotse.clock.now(), lotse.settings.timezone):
        return False
    return run_weekly_report(lotse, client)


def register_report_job(scheduler: Any, lotse: Lotse, client: Any) -> list[Any]:
    """Add the weekly report (and its catch-up) to an APScheduler 3.x scheduler; returns the jobs."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    settings = lotse.settings
    if not settings.report_channel:
        log.info("weekly report not scheduled: no report channel (LOTSE_REPORT_CHANNEL)")
        return []
    slot = Slot.parse(settings.report_cron)
    zone = ZoneInfo(settings.timezone)
    for job_id in (JOB_ID, CATCH_UP_JOB_ID):  # registering again (not yet started) must not duplicate
        try:
            scheduler.remove_job(job_id)
        except Exception:  # JobLookupError: not registered yet
            pass
    weekly = scheduler.add_job(
        run_weekly_report,
        CronTrigger(day_of_week=slot.day_of_week, hour=slot.hour, minute=slot.minute, timezone=zone),
        args=[lotse, client],
        id=JOB_ID,
        name="Lotse weekly report",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=6 * 3600,
    )
    again = scheduler.add_job(
        catch_up,
        IntervalTrigger(minutes=CATCH_UP_MINUTES, timezone=zone),
        args=[lotse, client],
        id=CATCH_UP_JOB_ID,
        name="Lotse weekly report catch-up",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=datetime.now(zone) + timedelta(minutes=1),
    )
    return [weekly, again]
