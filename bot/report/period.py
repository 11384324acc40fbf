"""ISO weeks in the company's time zone (Europe/Berlin): the report's periods."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Berlin"
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Week:
    year: int
    week: int
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        last = date(self.year, 12, 28).isocalendar().week  # Dec 28 is always in the last ISO week
        if not 1 <= self.week <= last:
            raise ValueError(f"{self.year} has ISO weeks 1..{last}, got {self.week}")

    @classmethod
    def parse(cls, text: str, tz: str = DEFAULT_TZ) -> Week:
        match = _WEEK.match(text or "")
        if not match:
            raise ValueError(f"expected an ISO week like 2026-W47, got {text!r}")
        return cls(int(match.group(1)), int(match.group(2)), tz)

    @classmethod
    def containing(cls, moment: datetime, tz: str = DEFAULT_TZ) -> Week:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        iso = moment.astimezone(ZoneInfo(tz)).isocalendar()
        return cls(iso.year, iso.week, tz)

    @classmethod
    def last_complete(cls, now: datetime, tz: str = DEFAULT_TZ) -> Week:
        """The latest week that has fully ended at `now` (local time)."""
        return cls.containing(now, tz).previous()

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    @property
    def start(self) -> datetime:
        """Monday 00:00 local time, as an aware UTC datetime (inclusive)."""
        return _local_midnight(self.monday, self.tz)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00 local time, in UTC (exclusive); DST changes are handled by the zone."""
        return _local_midnight(self.monday + timedelta(days=7), self.tz)

    def contains(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= _aware(moment) < self.end

    def previous(self) -> Week:
        iso = (self.monday - timedelta(days=7)).isocalendar()
        return Week(iso.year, iso.week, self.tz)

    def next(self) -> Week:
        iso = (self.monday + timedelta(days=7)).isocalendar()
        return Week(iso.year, iso.week, self.tz)

    def local_date(self, moment: datetime) -> date:
        return _aware(moment).astimezone(ZoneInfo(self.tz)).date()

    def __str__(self) -> str:
        return self.label


def _local_midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
