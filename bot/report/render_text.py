"""The week at a glance for a terminal: figures that moved, in aligned lines, words instead of ids."""

from __future__ import annotations

from bot.i18n import register, t
from bot.report.build import Report
from bot.report.learned import lines as learned_lines
from bot.report.practice import text_lines as practice_lines
from bot.report.reachability import text_lines
from bot.report.render_md import gap_line, groups, one_line, period_text
from bot.report.texts import label, number, signed

WIDTH = 46

register(
    {
        "report_text_quiet": {"de": "Diese Woche war noch nichts los.", "en": "Nothing happened this week yet."},
        "report_text_previous": {"de": "Vorwoche", "en": "previous week"},
    }
)


def render_text(report: Report) -> str:
    lang = report.language
    out = [t("report_title", lang, week=report.week.label), period_text(report), ""]
    shown = 0
    for heading, rows in groups(report):
        moved = [row for row in rows if _moved(row[1]) or _moved(row[2])]
        if not moved:
            continue
        out.append(t(heading, lang))
        out += [_row(label(key, lang), value, previous, change, lang) for key, value, previous, change in moved]
        out.append("")
        shown += len(moved)
    topics = report.current.top_topics
    if topics:
        out.append(t("report_topics", lang))
        out += [f"  {_fit(one_line(topic.section.split(' › ')[-1]))} {topic.count:>5}" for topic in topics[:5]]
        out.append("")
    if report.gaps:
        out.append(t("report_gaps", lang))
        out += [f"  {index}. {gap_line(report, gap)}" for index, gap in enumerate(report.gaps[:5], 1)]
        out.append("")
    for heading, items in learned_lines(report.learned, lang):
        out.append(f"{t('report_learned', lang)}: {heading}")
        out += [f"  {item}" for item in items[:5]]
        out.append("")
    if not shown and not topics:
        out += [t("report_text_quiet", lang), ""]
    out += text_lines(report.reachability, lang)  # bot/report/reachability.py
    out += practice_lines(report.practice, lang)  # bot/report/practice.py
    return "\n".join(out)


def _row(name: str, value: object, previous: object, change: object, lang: str) -> str:
    return (
        f"  {_fit(name)} {number(value, lang):>5}   "
        f"({t('report_text_previous', lang)} {number(previous, lang)}, {signed(change, lang)})"
    )


def _fit(text: str) -> str:
    return text[: WIDTH - 1] + "…" if len(text) > WIDTH else text.ljust(WIDTH, " ")


def _moved(value: object) -> bool:
    return value not in (None, 0, 0.0)
