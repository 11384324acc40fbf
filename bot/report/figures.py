"""The report's numbers for one ISO week, read from the exchange log, the handoffs and their audit events.

Every figure is defined so it does not change when the report is generated again later (a Monday report and a
re-run on Wednesday agree): lifecycle counts come from the audit events inside the week, response times from
responses that happened inside the week, SLA breaches from response deadlines that fell inside the week.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, select

from bot.handoff.business_hours import WorkingTime, add_business_hours
from bot.report.period import Week
from bot.settings import Settings
from bot.store.db import Store
from bot.store.models import (
    FEEDBACK,
    HANDOFF_REASONS,
    OUTCOMES,
    VERDICTS,
    Exchange,
    Handoff,
    HandoffEvent,
    OutboxMessage,
    PostCheck,
)

LIFECYCLE = ("opened", "claimed", "answered", "resolved", "reopened")
WAITING = ("opened", "claimed", "reopened")  # last lifecycle event → the handoff still waits for an answer
TOP_TOPICS = 5
SLA_LOOKBACK = timedelta(days=31)  # a deadline of a few business hours never lies further back than this


@dataclass
class Topic:
    document: str
    section: str
    count: int


@dataclass
class DayCount:
    day: date
    answered: int = 0
    handoff: int = 0
    out_of_scope: int = 0

    @property
    def total(self) -> int:
        return self.answered + self.handoff + self.out_of_scope


@dataclass
class Figures:
    week: str
    questions: int = 0
    answered: int = 0
    handed_off: int = 0
    out_of_scope: int = 0
    handoff_reasons: dict[str, int] = field(default_factory=dict)
    handoff_categories: dict[str, int] = field(default_factory=dict)
    handoffs_opened: int = 0
    handoffs_claimed: int = 0
    handoffs_answered: int = 0
    handoffs_resolved: int = 0
    handoffs_still_open: int = 0
    first_response_median_h: float | None = None
    first_response_p90_h: float | None = None
    resolution_median_h: float | None = None
    resolution_p90_h: float | None = None
    sla_breaches: int = 0
    deliveries_pending: int = 0  # outbox: notifications / answers of the week not delivered (yet)
    deliveries_failed: int = 0
    post_checks: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    helpful: int = 0
    not_helpful: int = 0
    top_topics: list[Topic] = field(default_factory=list)
    per_day: list[DayCount] = field(default_factory=list)
    first_response_hours: list[float] = field(default_factory=list)
    resolution_hours: list[float] = field(default_factory=list)

    def scalars(self) -> dict[str, float | int | None]:
        """Every single-number figure by a stable key (dict figures flattened as `group.key`)."""
        out: dict[str, float | int | None] = {key: getattr(self, key) for key in SCALAR_KEYS}
        for reason in HANDOFF_REASONS:
            out[f"handoff_reason.{reason}"] = self.handoff_reasons.get(reason, 0)
        for category, count in sorted(self.handoff_categories.items()):
            out[f"handoff_category.{category}"] = count
        for verdict in VERDICTS:
            out[f"verdict.{verdict}"] = self.verdicts.get(verdict, 0)
        return out

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["per_day"] = [
            {"day": d.day.isoformat(), "answered": d.answered, "handoff": d.handoff, "out_of_scope": d.out_of_scope}
            for d in self.per_day
        ]
        return data


SCALAR_KEYS = (
    "questions",
    "answered",
    "handed_off",
    "out_of_scope",
    "handoffs_opened",
    "handoffs_claimed",
    "handoffs_answered",
    "handoffs_resolved",
    "handoffs_still_open",
    "first_response_median_h",
    "first_response_p90_h",
    "resolution_median_h",
    "resolution_p90_h",
    "sla_breaches",
    "deliveries_pending",
    "deliveries_failed",
    "post_checks",
    "helpful",
    "not_helpful",
)


def compute_figures(store: Store, settings: Settings, week: Week, now: datetime) -> Figures:
    figures = Figures(week=week.label)
    with store.session() as session:
        _exchanges(session, week, figures)
        _handoffs(session, settings, week, now, figures)
        _post_checks(session, week, figures)
    return figures


# --- exchanges ---------------------------------------------------------------------------------------
def _exchanges(session: Any, week: Week, figures: Figures) -> None:
    in_week = (Exchange.created_at >= week.start, Exchange.created_at < week.end)
    rows = session.execute(
        select(
            Exchange.created_at,
            Exchange.outcome,
            Exchange.reason,
            Exchange.category,
            Exchange.top_document,
            Exchange.top_section,
        ).where(*in_week)
    ).all()
    days = {day: DayCount(day) for day in week.days()}
    reasons: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    topics: Counter[tuple[str, str]] = Counter()
    for created_at, outcome, reason, category, document, section in rows:
        figures.questions += 1
        if outcome not in OUTCOMES:
            continue
        bucket = days.get(week.local_date(created_at))
        if bucket is not None:
            setattr(bucket, outcome, getattr(bucket, outcome) + 1)
        if outcome == "answered":
            figures.answered += 1
        elif outcome == "out_of_scope":
            figures.out_of_scope += 1
        else:
            figures.handed_off += 1
            reasons[reason or "low_confidence"] += 1
            categories[category or "none"] += 1
        if section:
            topics[(document or "", section)] += 1
    figures.handoff_reasons = {r: reasons.get(r, 0) for r in HANDOFF_REASONS} | dict(reasons)
    figures.handoff_categories = dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])))
    figures.per_day = list(days.values())
    ranked = sorted(topics.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0]))[:TOP_TOPICS]
    figures.top_topics = [Topic(document=d, section=s, count=c) for (d, s), c in ranked]

    feedback = (
        session.execute(
            select(Exchange.feedback).where(Exchange.feedback_at >= week.start, Exchange.feedback_at < week.end)
        )
        .scalars()
        .all()
    )
    counts = Counter(feedback)
    figures.helpful, figures.not_helpful = counts.get(FEEDBACK[0], 0), counts.get(FEEDBACK[1], 0)


# --- handoffs ----------------------------------------------------------------------------------------
def _handoffs(session: Any, settings: Settings, week: Week, now: datetime, figures: Figures) -> None:
    events = session.execute(
        select(HandoffEvent.handoff_id, HandoffEvent.at, HandoffEvent.action)
        .where(HandoffEvent.at < week.end, HandoffEvent.action.in_(LIFECYCLE))
        .order_by(HandoffEvent.at, HandoffEvent.id)
    ).all()
    created: dict[int, datetime] = dict(
        session.execute(select(Handoff.id, Handoff.created_at).where(Handoff.created_at < week.end)).all()
    )
    acted: dict[str, set[int]] = defaultdict(set)
    last_action: dict[int, str] = {}
    resolved_at: dict[int, datetime] = {}
    for handoff_id, at, action in events:
        last_action[handoff_id] = action
        if week.contains(at):
            acted[action].add(handoff_id)
            if action == "resolved":
                resolved_at[handoff_id] = at  # the latest resolution inside the week
    figures.handoffs_opened = sum(1 for at in created.values() if week.contains(at))
    figures.handoffs_claimed = len(acted["claimed"])
    figures.handoffs_answered = len(acted["answered"])
    figures.handoffs_resolved = len(acted["resolved"])
    figures.handoffs_still_open = sum(1 for action in last_action.values() if action in WAITING)

    responses = session.execute(
        select(Handoff.created_at, Handoff.first_response_at).where(
            Handoff.first_response_at >= week.start, Handoff.first_response_at < week.end
        )
    ).all()
    figures.first_response_hours = sorted(_hours(a, b) for a, b in responses)
    figures.resolution_hours = sorted(_hours(created[h], at) for h, at in resolved_at.items() if h in created)
    figures.first_response_median_h, figures.first_response_p90_h = _median_p90(figures.first_response_hours)
    figures.resolution_median_h, figures.resolution_p90_h = _median_p90(figures.resolution_hours)
    figures.sla_breaches = _sla_breaches(session, settings, week, now)
    _deliveries(session, week, figures)


def _deliveries(session: Any, week: Week, figures: Figures) -> None:
    """Notifications and answer deliveries of the week that have not reached their person: pending or failed."""
    counts = dict(
        session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.created_at >= week.start, OutboxMessage.created_at < week.end)
            .where(OutboxMessage.handoff_id.is_not(None))  # handoff messages only, not practice exercises
            .group_by(OutboxMessage.status)
        ).all()
    )
    figures.deliveries_pending = counts.get("pending", 0)
    figures.deliveries_failed = counts.get("failed", 0)


def _sla_breaches(session: Any, settings: Settings, week: Week, now: datetime) -> int:
    """Handoffs whose response deadline (SLA in business hours after opening) fell in the week and passed
    without a first response by then. Each handoff is counted in exactly one week: the week of its deadline."""
    working = WorkingTime.from_settings(settings)
    rows = session.execute(
        select(Handoff.created_at, Handoff.first_response_at).where(
            Handoff.created_at >= week.start - SLA_LOOKBACK, Handoff.created_at < week.end
        )
    ).all()
    breaches = 0
    for created_at, first_response in rows:
        deadline = add_business_hours(created_at, settings.sla_business_hours, working)
        if not week.contains(deadline) or deadline > now:
            continue
        if first_response is None or first_response > deadline:
            breaches += 1
    return breaches


def _post_checks(session: Any, week: Week, figures: Figures) -> None:
    verdicts = (
        session.execute(
            select(PostCheck.verdict).where(PostCheck.created_at >= week.start, PostCheck.created_at < week.end)
        )
        .scalars()
        .all()
    )
    counts = Counter(verdicts)
    figures.post_checks = len(verdicts)
    figures.verdicts = {v: counts.get(v, 0) for v in VERDICTS} | dict(counts)


# --- helpers -----------------------------------------------------------------------------------------
def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def _median_p90(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    median, p90 = np.percentile(np.asarray(values, dtype=float), [50, 90])  # linear interpolation
    return round(float(median), 2), round(float(p90), 2)


def change(current: float | int | None, previous: float | int | None) -> float | int | None:
    """The change against the previous week (None when either side has no value)."""
    if current is None or previous is None:
        return None
    diff = current - previous
    return round(diff, 2) if isinstance(diff, float) else diff
