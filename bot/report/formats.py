"""Render a report in one of the formats the CLI offers; write it (and the chart beside Markdown) to a file."""

from __future__ import annotations

from pathlib import Path

from bot.report.build import Report

FORMATS = ("text", "md", "html", "csv", "json")


def render(report: Report, fmt: str, *, chart_name: str | None = None) -> str:
    if fmt == "text":
        from bot.report.render_text import render_text

        return render_text(report)
    if fmt == "md":
        from bot.report.render_md import render_markdown

        return render_markdown(report, chart_name)
    if fmt == "html":
        from bot.report.chart import render_chart
        from bot.report.render_html import render_html

        return render_html(report, render_chart(report))
    if fmt == "csv":
        from bot.report.render_csv import render_csv

        return render_csv(report)
    if fmt == "json":
        from bot.report.render_csv import render_json

        return render_json(report)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write(report: Report, fmt: str, out: Path) -> list[Path]:
    """Write the report to `out`; Markdown gets its chart as `<name>.png` next to it. Returns the files."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = []
    chart_name = None
    if fmt == "md":
        from bot.report.chart import render_chart

        chart = out.with_suffix(".png")
        render_chart(report, chart)
        chart_name = chart.name
        written.append(chart)
    out.write_text(render(report, fmt, chart_name=chart_name), encoding="utf-8")
    return [out, *written]
