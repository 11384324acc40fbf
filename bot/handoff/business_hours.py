"""Business-hours arithmetic for SLAs: Mon–Fri, working hours in local time, without public holidays.

Pure functions over timezone-aware datetimes; the result does not depend on the input's timezone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays

if TYPE_CHECKING:  # pragma: no cover
    from bot.settings import Settings

_MAX_DAYS = 3660  # safety bound for add_business_hours


@dataclass(frozen=True)
class WorkingTime:
    timezone: str = "Europe/Berlin"
    start_hour: int = 8
    end_hour: int = 17
    region: str = "NW"  # German state for public holidays
    country: str = "DE"

    def __post_init__(self) -> None:
        if not 0 <= self.start_hour < self.end_hour <= 24:
            raise ValueError(
                f"working hours must satisfy 0 <= start < end <= 24, got {self.start_hour}..{self.end_hour}"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkingTime:
        return cls(
            timezone=getattr(settings, "timezone", "Europe/Berlin"),
            start_hour=settings.workday_start,
            end_hour=settings.workday_end,
            region=settings.holiday_region,
        )

    @property
    def hours_per_day(self) -> int:
        return self.end_hour - self.start_hour


def is_business_day(day: date, working: WorkingTime) -> bool:
    return day.weekday() < 5 and day not in _holidays(working.country, working.region, day.year)


def business_hours_between(start: datetime, end: datetime, working: WorkingTime) -> float:
    """Working hours elapsed from `start` to `end` (0 when end <= start)."""
    _require_aware(start, end)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return 0.0
    zone = ZoneInfo(working.timezone)
    total = timedelta()
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    while day <= last:
        if is_business_day(day, working):
            open_at, close_at = _window(day, working, zone)
            overlap = min(end, close_at) - max(start, open_at)
            total += max(overlap, timedelta())
        day += timedelta(days=1)
    return total.total_seconds() / 3600


def add_business_hours(start: datetime, hours: float, working: WorkingTime) -> datetime:
    """The moment (UTC) when `hours` working hours have passed since `start`."""
    _require_aware(start)
    start = start.astimezone(UTC)
    zone = ZoneInfo(working.timezone)
    remaining = timedelta(hours=hours)
    day = start.astimezone(zone).date()
    for _ in range(_MAX_DAYS):
        if is_business_day(day, working):
            open_at, close_at = _window(day, working, zone)
            begin = max(start, open_at)
            if begin < close_at:
                if begin + remaining <= close_at:
                    return (begin + remaining).astimezone(UTC)
                remaining -= close_at - begin
        day += timedelta(days=1)
    raise ValueError("no business hours found within ten years")


def _window(day: date, working: WorkingTime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    open_at = datetime.combine(day, time(working.start_hour), tzinfo=zone)
    if working.end_hour == 24:
        close_at = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    else:
        close_at = datetime.combine(day, time(working.end_hour), tzinfo=zone)
    return open_at.astimezone(UTC), close_at.astimezone(UTC)


@lru_cache(maxsize=64)
def _holidays(country: str, region: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=region or None, years=year)


def _require_aware(*moments: datetime) -> None:
    if any(m.tzinfo is None for m in moments):
        raise ValueError("business hours need timezone-aware datetimes")
