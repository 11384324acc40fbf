"""The report's practice part: how many took part, and per topic the share of right first choices, the topics
people get wrong most first. Never per person; a topic with fewer answers than LOTSE_PRACTICE_MIN_ANSWERS
(default 5) shows nothing. Shares are over the last four weeks, participation over the report's week.

    section = practice_section(lotse, week)     # -> PracticeSummary | None (None: nobody practises)
    lines = markdown_lines(section, "de")       # "## Übung" … for render_md
    lines = text_lines(section, "en")           # for the terminal
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import register, t
from bot.labels import CATEGORIES, category_label
from bot.practice.service import PracticeSummary
from bot.report.period import Week

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

register(
    {
        "report_practice": {"de": "Übung der Woche", "en": "Practice of the week"},
        "report_practice_people": {
            "de": "Teilgenommen: {people} (davon {answered} geantwortet)",
            "en": "Took part: {people} ({answered} of them answered)",
        },
        "report_practice_topics": {
            "de": "Richtige erste Wahl je Thema (letzte {weeks} Wochen; am häufigsten daneben zuerst):",
            "en": "Right first choice per topic (last {weeks} weeks; most often wrong first):",
        },
        "report_practice_line": {
            "de": "{topic}: {percent} % richtig ({answers} Antworten)",
            "en": "{topic}: {percent}% right ({answers} answers)",
        },
        "report_practice_hidden": {
            "de": "{count} Thema/Themen mit weniger als {min} Antworten: ohne Angabe, damit niemand erkennbar ist.",
            "en": "{count} topic(s) with fewer than {min} answers: not shown, so nobody can be recognised.",
        },
        "report_practice_none": {
            "de": "Noch kein Thema mit {min} oder mehr Antworten.",
            "en": "No topic with {min} or more answers yet.",
        },
    }
)


def practice_section(lotse: Lotse, week: Week) -> PracticeSummary | None:
    summary = lotse.practice.summary(week, min_answers=lotse.settings.practice_min_answers)
    if not summary.participants and not summary.topics and not summary.hidden_topics:
        return None
    return summary


def topic_label(topic: str, language: str) -> str:
    return category_label(topic, language) if topic in CATEGORIES else topic


def _lines(section: PracticeSummary, language: str, bullet: str) -> list[str]:
    out = [t("report_practice_people", language, people=section.participants, answered=section.answered)]
    if section.topics:
        out.append(t("report_practice_topics", language, weeks=section.window_weeks))
        for figure in section.topics:
            line = t(
                "report_practice_line",
                language,
                topic=topic_label(figure.topic, language),
                percent=round(100 * figure.share),
                answers=figure.answers,
            )
            out.append(bullet + line)
    else:
        out.append(t("report_practice_none", language, min=section.min_answers))
    if section.hidden_topics:
        out.append(t("report_practice_hidden", language, count=section.hidden_topics, min=section.min_answers))
    return out


def markdown_lines(section: PracticeSummary | None, language: str) -> list[str]:
    if section is None:
        return []
    return ["", f"## {t('report_practice', language)}", "", *_lines(section, language, "- ")]


def text_lines(section: PracticeSummary | None, language: str) -> list[str]:
    if section is None:
        return []
    return [t("report_practice", language), *_lines(section, language, "  "), ""]


def plain_lines(section: PracticeSummary | None, language: str) -> list[str]:
    """For Slack and Teams: the heading first, then the lines with bullets."""
    if section is None:
        return []
    return [t("report_practice", language), *_lines(section, language, "• ")]
