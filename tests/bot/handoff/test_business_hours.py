"""Business hours for the SLA: weekends, public holidays (per state) and after-hours do not count."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.business_hours import WorkingTime, add_business_hours, business_hours_between, is_business_day

BERLIN = ZoneInfo("Europe/Berlin")
NRW = WorkingTime(start_hour=8, end_hour=17, region="NW")


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def test_same_day_within_hours():
    assert business_hours_between(berlin(2026, 11, 18, 9), berlin(2026, 11, 18, 12, 30), NRW) == 3.5


def test_across_a_weekend_only_friday_and_monday_count():
    friday_16 = berlin(2026, 11, 20, 16)
    assert business_hours_between(friday_16, berlin(2026, 11, 21, 12), NRW) == 1.0  # Saturday
    assert business_hours_between(friday_16, berlin(2026, 11, 23, 8), NRW) == 1.0
    assert business_hours_between(friday_16, berlin(2026, 11, 23, 15), NRW) == 8.0
    assert add_business_hours(friday_16, 8, NRW) == berlin(2026, 11, 23, 15).astimezone(UTC)


def test_after_hours_and_before_start_do_not_count():
    assert business_hours_between(berlin(2026, 11, 18, 18), berlin(2026, 11, 19, 7, 59), NRW) == 0.0
    assert business_hours_between(berlin(2026, 11, 18, 18), berlin(2026, 11, 19, 9), NRW) == 1.0
    assert add_business_hours(berlin(2026, 11, 18, 20), 2, NRW) == berlin(2026, 11, 19, 10).astimezone(UTC)


def test_easter_holidays_are_skipped():
    thursday_16 = berlin(2026, 4, 2, 16)  # Good Friday 3.4. and Easter Monday 6.4. are holidays
    assert not is_business_day(date(2026, 4, 3), NRW) and not is_business_day(date(2026, 4, 6), NRW)
    assert business_hours_between(thursday_16, berlin(2026, 4, 6, 16), NRW) == 1.0
    assert add_business_hours(thursday_16, 8, NRW) == berlin(2026, 4, 7, 15).astimezone(UTC)


def test_holidays_depend_on_the_state():
    corpus_christi = date(2026, 6, 4)
    assert not is_business_day(corpus_christi, NRW)
    assert is_business_day(corpus_christi, WorkingTime(region="BE"))


def test_input_timezone_does_not_matter_and_dst_change_is_handled():
    start_utc = datetime(2026, 3, 27, 15, 0, tzinfo=UTC)  # Friday 16:00 CET
    end = berlin(2026, 3, 30, 9)  # Monday 09:00 CEST (clocks moved on Sunday)
    assert business_hours_between(start_utc, end, NRW) == 2.0


def test_reverse_or_equal_interval_is_zero_and_naive_times_are_refused():
    moment = berlin(2026, 11, 18, 10)
    assert business_hours_between(moment, moment, NRW) == 0.0
    assert business_hours_between(moment, berlin(2026, 11, 18, 9), NRW) == 0.0
    with pytest.raises(ValueError):
        business_hours_between(datetime(2026, 1, 1), moment, NRW)


def test_invalid_working_hours_are_refused():
    with pytest.raises(ValueError, match="working hours"):
        WorkingTime(start_hour=17, end_hour=8)


def test_round_the_clock_day_end_24():
    all_day = WorkingTime(start_hour=0, end_hour=24)
    assert business_hours_between(berlin(2026, 11, 18, 0), berlin(2026, 11, 19, 0), all_day) == 24.0
