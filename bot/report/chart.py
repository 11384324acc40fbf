"""The report's chart (PNG, matplotlib Agg): questions per day by outcome, and handoff response times."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on servers; must come before pyplot
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from bot.i18n import t  # noqa: E402
from bot.report.build import Report  # noqa: E402
from bot.report.texts import DAY_NAMES, label  # noqa: E402

COLOURS = {"answered": "#2e7d32", "handoff": "#f9a825", "out_of_scope": "#9e9e9e"}
OUTCOME_LABELS = {"answered": "answered", "handoff": "handed_off", "out_of_scope": "out_of_scope"}


def render_chart(report: Report, path: Path | str | None = None) -> bytes:
    """The PNG as bytes; also written to `path` when given."""
    lang = report.language
    figure = Figure(figsize=(10, 4.2), dpi=110)
    days_ax, times_ax = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    per_day = report.current.per_day
    names = [
        f"{DAY_NAMES[lang if lang in DAY_NAMES else 'de'][d.day.weekday()]}\n{d.day.day:02d}.{d.day.month:02d}."
        for d in per_day
    ]
    bottom = [0] * len(per_day)
    for outcome, colour in COLOURS.items():
        values = [getattr(d, outcome) for d in per_day]
        days_ax.bar(names, values, bottom=bottom, color=colour, label=label(OUTCOME_LABELS[outcome], lang))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    days_ax.set_title(t("report_chart_days", lang), fontsize=10)
    days_ax.legend(fontsize=8, frameon=False)
    days_ax.spines[["top", "right"]].set_visible(False)

    series = [
        (t("report_chart_first", lang), report.current.first_response_hours),
        (t("report_chart_resolution", lang), report.current.resolution_hours),
    ]
    shown = [(name, values) for name, values in series if values]
    if shown:
        times_ax.boxplot([values for _n, values in shown], vert=False, widths=0.5)
        times_ax.set_yticks(range(1, len(shown) + 1), [name for name, _v in shown], fontsize=9)
        for row, (_name, values) in enumerate(shown, 1):
            times_ax.scatter(values, [row] * len(values), s=10, alpha=0.5, color="#1565c0", zorder=3)
        times_ax.set_xlabel("h", fontsize=9)
    else:
        times_ax.text(
            0.5, 0.5, t("report_chart_empty", lang), ha="center", va="center", transform=times_ax.transAxes, fontsize=9
        )
        times_ax.set_yticks([])
    times_ax.set_title(t("report_chart_times", lang), fontsize=10)
    times_ax.spines[["top", "right"]].set_visible(False)
    figure.suptitle(t("report_title", lang, week=report.week.label), fontsize=11)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    data = buffer.getvalue()
    plt.close("all")
    if path is not None:
        Path(path).write_bytes(data)
    return data
