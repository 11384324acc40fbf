"""One report: the week's figures, the previous week's for comparison, and the knowledge gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.report.figures import Figures, change, compute_figures
from bot.report.gaps import Gap, find_gaps
from bot.report.learned import Learned, collect
from bot.report.period import Week
from bot.report.practice import practice_section
from bot.report.reachability import Reachability, reachability_section

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse
    from bot.practice.service import PracticeSummary


@dataclass
class Report:
    week: Week
    language: str
    generated_at: datetime
    current: Figures
    previous: Figures
    gaps: list[Gap] = field(default_factory=list)
    examples: bool = True
    sla_hours: float = 8.0
    learned: Learned = field(default_factory=Learned)
    reachability: Reachability | None = None  # bot/report/reachability.py
    practice: PracticeSummary | None = None  # bot/report/practice.py (None: nobody practises)

    def rows(self) -> list[tuple[str, Any, Any, Any]]:
        """(key, this week, previous week, change) for every single-number figure."""
        now, before = self.current.scalars(), self.previous.scalars()
        keys = list(now) + [k for k in before if k not in now]
        return [
            (
                k,
                now.get(k, 0 if "." in k else None),
                before.get(k, 0 if "." in k else None),
                change(now.get(k, 0 if "." in k else None), before.get(k, 0 if "." in k else None)),
            )
            for k in keys
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week.label,
            "previous_week": self.previous.week,
            "period": {
                "start": self.week.start.isoformat(),
                "end": self.week.end.isoformat(),
                "timezone": self.week.tz,
            },
            "language": self.language,
            "generated_at": self.generated_at.isoformat(),
            "figures": [{"key": k, "value": v, "previous": p, "change": c} for k, v, p, c in self.rows()],
            "top_topics": [
                {
                    "document": t.document,
                    "section": t.section,
                    "count": t.count,
                    "previous": _topic_count(self.previous, t.document, t.section),
                }
                for t in self.current.top_topics
            ],
            "per_day": self.current.to_dict()["per_day"],
            "first_response_hours": [round(h, 2) for h in self.current.first_response_hours],
            "resolution_hours": [round(h, 2) for h in self.current.resolution_hours],
            "knowledge_gaps": [g.to_dict() for g in self.gaps],
            "learned_views": self.learned.to_dict(),
            "examples_shown": self.examples,
            "sla_business_hours": self.sla_hours,
            "reachability": self.reachability.to_dict() if self.reachability else None,
            "practice": self.practice.to_dict() if self.practice else None,
        }


def _topic_count(figures: Figures, document: str, section: str) -> int:
    return next((t.count for t in figures.top_topics if t.document == document and t.section == section), 0)


def build_report(lotse: Lotse, week: Week | None = None, language: str | None = None, *, gaps: bool = True) -> Report:
    settings = lotse.settings
    now = lotse.clock.now()
    week = week or Week.last_complete(now, settings.timezone)
    language = language or getattr(settings, "report_language", None) or settings.default_language
    current = compute_figures(lotse.store, settings, week, now)
    previous = compute_figures(lotse.store, settings, week.previous(), now)
    found = find_gaps(lotse, week) if gaps else []
    learned = collect(lotse.view_learning.summaries(), week.start, week.end, settings.learn_confirmations)
    return Report(
        week=week,
        language=language,
        generated_at=now,
        current=current,
        previous=previous,
        gaps=found,
        examples=settings.report_examples,
        sla_hours=settings.sla_business_hours,
        learned=learned,
        reachability=reachability_section(lotse, week, language),
        practice=practice_section(lotse, week),
    )
