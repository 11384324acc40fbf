"""The report's "learned from askers" section: passages askers confirmed, awaiting approval or promoted this week.

Aggregated only: the passage, how many different people said yes and no, how many of their questions are (or
would be) views. No question text and no asker is named; the candidate id lets a contact person approve with
`lotse views approve ID`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from bot.i18n import register, t
from bot.learning.views import CandidateSummary

register(
    {
        "report_learned": {"de": "Von Fragenden gelernt", "en": "Learned from askers"},
        "report_learned_intro": {
            "de": "Abschnitte, die Fragende bei einer unsicheren Antwort mit „Ja, danke“ bestätigt haben. Ihre Fragen werden zu Suchwegen in den Abschnitt (knowledge/questions/learned.*.yaml), sobald {n} verschiedene Personen bestätigt haben oder eine Ansprechperson freigibt (`lotse views approve ID`). Nur Zahlen, keine Fragen, keine Namen.",
            "en": "Sections askers confirmed with “Yes, thanks” on a tentative answer. Their questions become ways into the section (knowledge/questions/learned.*.yaml) once {n} different people confirmed or a contact person approves (`lotse views approve ID`). Counts only, no questions, no names.",
        },
        "report_learned_promoted": {"de": "Diese Woche gelernt", "en": "Learned this week"},
        "report_learned_waiting": {
            "de": "Wartet auf Bestätigung oder Freigabe",
            "en": "Awaiting confirmation or approval",
        },
        "report_learned_line": {
            "de": "#{id} {section} ({document}): {yes}× ja, {no}× nein, {questions} Frage(n){extra}",
            "en": "#{id} {section} ({document}): {yes}× yes, {no}× no, {questions} question(s){extra}",
        },
        "report_learned_written": {"de": ", {written} als Suchweg gespeichert", "en": ", {written} saved as views"},
        "report_learned_approved": {"de": ", freigegeben", "en": ", approved"},
        "report_learned_blocked": {"de": ", mehr Nein als Ja", "en": ", more no than yes"},
        "report_learned_none": {"de": "Nichts Neues.", "en": "Nothing new."},
    }
)


@dataclass
class Learned:
    confirmations_needed: int = 2
    promoted: list[CandidateSummary] = field(default_factory=list)  # promoted inside the week
    waiting: list[CandidateSummary] = field(default_factory=list)  # still open, with at least one "yes"

    @property
    def empty(self) -> bool:
        return not self.promoted and not self.waiting

    def to_dict(self) -> dict[str, Any]:
        def plain(c: CandidateSummary) -> dict[str, Any]:
            out = asdict(c)
            out["promoted_at"] = c.promoted_at.isoformat() if c.promoted_at else None
            return out

        return {
            "confirmations_needed": self.confirmations_needed,
            "promoted": [plain(c) for c in self.promoted],
            "waiting": [plain(c) for c in self.waiting],
        }


def collect(summaries: list[CandidateSummary], start: datetime, end: datetime, needed: int) -> Learned:
    promoted = [c for c in summaries if c.status == "promoted" and c.promoted_at and start <= c.promoted_at < end]
    waiting = [c for c in summaries if c.status == "open" and c.confirmations > 0]
    return Learned(needed, promoted, sorted(waiting, key=lambda c: (-c.confirmations, c.rejections)))


def line(candidate: CandidateSummary, language: str) -> str:
    extra = ""
    if candidate.written:
        extra += t("report_learned_written", language, written=candidate.written)
    if candidate.approved:
        extra += t("report_learned_approved", language)
    if candidate.rejections >= candidate.confirmations:
        extra += t("report_learned_blocked", language)
    return t(
        "report_learned_line",
        language,
        id=candidate.id,
        section=candidate.section.split(" › ")[-1],
        document=candidate.document,
        yes=candidate.confirmations,
        no=candidate.rejections,
        questions=candidate.questions,
        extra=extra,
    )


def lines(learned: Learned, language: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each non-empty part: promoted this week, then waiting."""
    parts = [("report_learned_promoted", learned.promoted), ("report_learned_waiting", learned.waiting)]
    return [(t(key, language), [line(c, language) for c in items]) for key, items in parts if items]
