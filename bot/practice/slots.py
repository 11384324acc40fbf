"""When the weekly exercise goes out: the company's slot (LOTSE_PRACTICE_CRON, default Tuesday 10:00), moved to
the next working moment when it falls outside working hours, on a weekend or on a public holiday of
LOTSE_HOLIDAY_REGION (the calendar the SLAs use, bot/handoff/business_hours.py). A slot moved past the end of its
week (a Friday slot on Good Friday) is sent on the next working day under its own week's label."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.handoff.business_hours import WorkingTime, is_business_day
from bot.report.period import Week
from bot.report.schedule import Slot

_MAX_DAYS = 60


def within_working_time(now: datetime, working: WorkingTime) -> bool:
    local = now.astimezone(ZoneInfo(working.timezone))
    return is_business_day(local.date(), working) and working.start_hour <= local.hour < working.end_hour


def next_working_moment(moment: datetime, working: WorkingTime) -> datetime:
    """`moment` itself when it is working time, else the start of the next working day."""
    zone = ZoneInfo(working.timezone)
    local = moment.astimezone(zone)
    if within_working_time(moment, working):
        return moment
    day = local.date() if local.hour < working.start_hour else local.date() + timedelta(days=1)
    for _ in range(_MAX_DAYS):
        if is_business_day(day, working):
            return datetime.combine(day, time(working.start_hour), tzinfo=zone)
        day += timedelta(days=1)
    raise ValueError("no working day within 60 days")


def slot_of(week: Week, cron: str, working: WorkingTime) -> datetime:
    """The moment week `week`'s exercise is due: its slot, moved to the next working moment."""
    slot = Slot.parse(cron)
    zone = ZoneInfo(working.timezone)
    day = week.start.astimezone(zone).date() + timedelta(days=slot.weekday)
    for _ in range(_MAX_DAYS):  # a holiday or weekend: the next working day, at the slot's time
        if is_business_day(day, working):
            break
        day += timedelta(days=1)
    return next_working_moment(datetime.combine(day, time(slot.hour, slot.minute), tzinfo=zone), working)


def due_week(now: datetime, cron: str, working: WorkingTime) -> Week | None:
    """The week whose exercise is due at `now` (working time only): this week's once its slot has passed, else
    last week's if its slot was moved into this week and has passed; None otherwise."""
    if not within_working_time(now, working):
        return None
    this = Week.containing(now, working.timezone)
    if slot_of(this, cron, working) <= now:
        return this
    last = Week.containing(this.start - timedelta(days=1), working.timezone)
    moved = slot_of(last, cron, working)
    return last if this.start <= moved <= now else None
