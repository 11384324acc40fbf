"""HTML rendering: one self-contained page, the chart embedded as a base64 data URI. Every text is escaped."""

from __future__ import annotations

import base64
from html import escape

from bot.i18n import t
from bot.report.build import Report
from bot.report.learned import lines as learned_lines
from bot.report.render_md import gap_line, groups, one_line, period_text
from bot.report.texts import label, number, signed

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.25rem .75rem}
td.n,th.n{text-align:right}blockquote{margin:.25rem 0 .25rem 1.5rem;color:#555}img{max-width:100%}"""


def render_html(report: Report, chart_png: bytes | None = None) -> str:
    lang = report.language
    title = escape(t("report_title", lang, week=report.week.label))
    out = [
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{title}</title>',
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{escape(period_text(report))}</p>",
    ]
    head = (
        f"<tr><th>{escape(t('report_figure', lang))}</th><th class=n>{escape(t('report_this_week', lang))}</th>"
        f"<th class=n>{escape(t('report_previous_week', lang))}</th><th class=n>{escape(t('report_change', lang))}</th></tr>"
    )
    for heading, rows in groups(report):
        out.append(f"<h2>{escape(t(heading, lang))}</h2>")
        if not rows:
            out.append(f"<p>{escape(t('report_none', lang))}</p>")
            continue
        out.append(
            "<table>"
            + head
            + "".join(
                f"<tr><td>{escape(label(k, lang))}</td><td class=n>{escape(number(v, lang))}</td>"
                f"<td class=n>{escape(number(p, lang))}</td><td class=n>{escape(signed(c, lang))}</td></tr>"
                for k, v, p, c in rows
            )
            + "</table>"
        )
        if heading == "report_handoffs":
            out.append(f"<p><em>{escape(t('report_sla_note', lang, hours=number(report.sla_hours, lang)))}</em></p>")
    out.append(f"<h2>{escape(t('report_topics', lang))}</h2>")
    topics = report.to_dict()["top_topics"]
    if topics:
        out.append(
            f"<table><tr><th>{escape(t('report_section', lang))}</th><th class=n>"
            f"{escape(t('report_this_week', lang))}</th><th class=n>{escape(t('report_previous_week', lang))}</th></tr>"
            + "".join(
                f"<tr><td>{escape(x['section'])}</td><td class=n>{x['count']}</td><td class=n>{x['previous']}</td></tr>"
                for x in topics
            )
            + "</table>"
        )
    else:
        out.append(f"<p>{escape(t('report_none', lang))}</p>")
    out += [f"<h2>{escape(t('report_gaps', lang))}</h2>", f"<p>{escape(t('report_gaps_intro', lang))}</p>"]
    if report.gaps:
        out.append("<ol>")
        for gap in report.gaps:
            quotes = "".join(f"<blockquote>{escape(one_line(e))}</blockquote>" for e in gap.examples)
            out.append(f"<li>{escape(gap_line(report, gap))}{quotes}</li>")
        out.append("</ol>")
        if not report.examples:
            out.append(f"<p><em>{escape(t('report_examples_off', lang))}</em></p>")
    else:
        out.append(f"<p>{escape(t('report_gaps_none', lang))}</p>")
    out += [
        f"<h2>{escape(t('report_learned', lang))}</h2>",
        f"<p>{escape(t('report_learned_intro', lang, n=report.learned.confirmations_needed))}</p>",
    ]
    parts = learned_lines(report.learned, lang)
    if not parts:
        out.append(f"<p>{escape(t('report_learned_none', lang))}</p>")
    for heading, items in parts:
        out.append(f"<h3>{escape(heading)}</h3><ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    if chart_png:
        data = base64.b64encode(chart_png).decode("ascii")
        out += [
            f"<h2>{escape(t('report_chart', lang))}</h2>",
            f'<img alt="{escape(t("report_chart", lang))}" src="data:image/png;base64,{data}">',
        ]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
