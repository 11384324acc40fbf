"""Markdown (for files, the CLI and docs) and Slack Block Kit (mrkdwn) renderings of a report."""

from __future__ import annotations

from typing import Any

from bot.i18n import t
from bot.report.build import Report
from bot.report.learned import lines as learned_lines
from bot.report.practice import markdown_lines as practice_markdown
from bot.report.practice import plain_lines as practice_plain
from bot.report.reachability import markdown_lines
from bot.report.texts import date_text, label, number, signed

SLACK_TEXT_LIMIT = 2900  # a section block's text may hold 3000 characters


def groups(report: Report) -> list[tuple[str, list[tuple[str, Any, Any, Any]]]]:
    """The figures in the order the report shows them: (heading key, rows)."""
    rows = {row[0]: row for row in report.rows()}

    def pick(*keys: str) -> list[tuple[str, Any, Any, Any]]:
        return [rows[k] for k in keys if k in rows]

    categories = [row for key, row in rows.items() if key.startswith("handoff_category.")]
    # notifications or answers that did not reach their person: shown only when there are any
    undelivered = [row for row in pick("deliveries_pending", "deliveries_failed") if row[1] or row[2]]
    return [
        ("report_questions", pick("questions", "answered", "handed_off", "out_of_scope")),
        ("report_reasons", [row for key, row in rows.items() if key.startswith("handoff_reason.")]),
        ("report_categories", categories),
        (
            "report_handoffs",
            pick(
                "handoffs_opened",
                "handoffs_claimed",
                "handoffs_answered",
                "handoffs_resolved",
                "handoffs_still_open",
                "sla_breaches",
            )
            + undelivered,
        ),
        (
            "report_response",
            pick("first_response_median_h", "first_response_p90_h", "resolution_median_h", "resolution_p90_h"),
        ),
        ("report_postchecks", pick("post_checks") + [row for key, row in rows.items() if key.startswith("verdict.")]),
        ("report_feedback", pick("helpful", "not_helpful")),
    ]


def one_line(text: str) -> str:
    return " ".join(text.split())


def period_text(report: Report) -> str:
    lang = report.language
    days = report.week.days()
    return t(
        "report_period",
        lang,
        start=date_text(days[0], lang),
        end=date_text(days[-1], lang),
        previous=report.previous.week,
    )


def gap_line(report: Report, gap: Any) -> str:
    lang = report.language
    section = gap.section or t("report_gap_no_section", lang)
    return t(
        "report_gap_line",
        lang,
        count=gap.count,
        low=gap.low_confidence,
        bad=gap.not_helpful,
        section=section,
        similarity=number(gap.similarity, lang),
    )


# --- Markdown ----------------------------------------------------------------------------------------
def render_markdown(report: Report, chart_name: str | None = None) -> str:
    lang = report.language
    out = [f"# {t('report_title', lang, week=report.week.label)}", "", period_text(report), ""]
    for heading, rows in groups(report):
        out += [f"## {t(heading, lang)}", ""]
        if not rows:
            out += [t("report_none", lang), ""]
            continue
        out += [
            f"| {t('report_figure', lang)} | {t('report_this_week', lang)} | "
            f"{t('report_previous_week', lang)} | {t('report_change', lang)} |",
            "|---|---:|---:|---:|",
        ]
        out += [
            f"| {_cell(label(k, lang))} | {number(v, lang)} | {number(p, lang)} | {signed(c, lang)} |"
            for k, v, p, c in rows
        ]
        if heading == "report_handoffs":
            out += ["", f"_{t('report_sla_note', lang, hours=number(_sla(report), lang))}_"]
        out.append("")
    out += [f"## {t('report_topics', lang)}", ""]
    topics = report.to_dict()["top_topics"]
    if topics:
        out += [
            f"| {t('report_section', lang)} | {t('report_this_week', lang)} | {t('report_previous_week', lang)} |",
            "|---|---:|---:|",
        ]
        out += [f"| {_cell(x['section'])} | {x['count']} | {x['previous']} |" for x in topics]
    else:
        out.append(t("report_none", lang))
    out += ["", f"## {t('report_gaps', lang)}", "", t("report_gaps_intro", lang), ""]
    if not report.gaps:
        out.append(t("report_gaps_none", lang))
    for number_, gap in enumerate(report.gaps, 1):
        out.append(f"{number_}. {gap_line(report, gap)}")
        for example in gap.examples:
            out.append(f"   > {one_line(example)}")
    if report.gaps and not report.examples:
        out += ["", f"_{t('report_examples_off', lang)}_"]
    out += [
        "",
        f"## {t('report_learned', lang)}",
        "",
        t("report_learned_intro", lang, n=report.learned.confirmations_needed),
        "",
    ]
    parts = learned_lines(report.learned, lang)
    if not parts:
        out.append(t("report_learned_none", lang))
    for heading, items in parts:
        out += [f"**{heading}**", ""] + [f"- {one_line(item)}" for item in items] + [""]
    out += markdown_lines(report.reachability, lang)  # bot/report/reachability.py
    out += practice_markdown(report.practice, lang)  # bot/report/practice.py
    if chart_name:
        out += ["", f"## {t('report_chart', lang)}", "", f"![{t('report_chart', lang)}]({chart_name})"]
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def _sla(report: Report) -> float:
    return float(report.sla_hours)


# --- Slack Block Kit ---------------------------------------------------------------------------------
def slack_escape(text: str) -> str:
    """Slack mrkdwn control characters: no mentions, links or channel pings can come from quoted text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_blocks(report: Report) -> list[dict[str, Any]]:
    lang = report.language
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": t("report_title", lang, week=report.week.label)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": slack_escape(period_text(report))}]},
    ]
    for heading, rows in groups(report):
        if not rows:
            continue
        lines = [f"*{t(heading, lang)}*"]
        lines += [f"• {slack_escape(label(k, lang))}: *{number(v, lang)}* ({signed(c, lang)})" for k, v, _p, c in rows]
        blocks.append(_section("\n".join(lines)))
    topics = report.current.top_topics
    if topics:
        lines = [f"*{t('report_topics', lang)}*"] + [f"• {slack_escape(x.section)}: *{x.count}*" for x in topics]
        blocks.append(_section("\n".join(lines)))
    blocks.append({"type": "divider"})
    lines = [f"*{t('report_gaps', lang)}*"]
    if not report.gaps:
        lines.append(t("report_gaps_none", lang))
    for index, gap in enumerate(report.gaps, 1):
        lines.append(f"{index}. {slack_escape(gap_line(report, gap))}")
        lines += [f"> _{slack_escape(one_line(e))}_" for e in gap.examples]
    if report.gaps and not report.examples:
        lines.append(f"_{t('report_examples_off', lang)}_")
    blocks.append(_section("\n".join(lines)))
    parts = learned_lines(report.learned, lang)
    if parts:
        lines = [f"*{t('report_learned', lang)}*"]
        for heading, items in parts:
            lines += [f"_{heading}_"] + [f"• {slack_escape(item)}" for item in items]
        blocks.append(_section("\n".join(lines)))
    practice = practice_plain(report.practice, lang)  # bot/report/practice.py
    if practice:
        lines = [f"*{slack_escape(practice[0])}*", *(slack_escape(line) for line in practice[1:])]
        blocks.append(_section("\n".join(lines)))
    return blocks


def fallback_text(report: Report) -> str:
    lang = report.language
    c = report.current
    return (
        f"{t('report_title', lang, week=report.week.label)}: {c.questions} {label('questions', lang)}, "
        f"{c.answered} {label('answered', lang)}, {c.handed_off} {label('handed_off', lang)}"
    )


def _section(text: str) -> dict[str, Any]:
    if len(text) > SLACK_TEXT_LIMIT:
        text = text[: SLACK_TEXT_LIMIT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
