"""CSV and JSON: the numbers for people who want to work with them.

CSV columns: section, key, label, value, previous, change. Sections: figure (every single number), topic
(most asked guideline sections), day (questions per day by outcome), gap (knowledge groups, no texts).
"""

from __future__ import annotations

import csv
import io
import json

from bot.report.build import Report
from bot.report.texts import label

COLUMNS = ("section", "key", "label", "value", "previous", "change")


def render_csv(report: Report) -> str:
    lang = report.language
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for key, value, previous, change in report.rows():
        writer.writerow(("figure", key, label(key, lang), _v(value), _v(previous), _v(change)))
    for topic in report.to_dict()["top_topics"]:
        writer.writerow(
            (
                "topic",
                topic["document"],
                topic["section"],
                topic["count"],
                topic["previous"],
                topic["count"] - topic["previous"],
            )
        )
    for day in report.current.per_day:
        for outcome in ("answered", "handoff", "out_of_scope"):
            writer.writerow(
                (
                    "day",
                    f"{day.day.isoformat()}.{outcome}",
                    label({"handoff": "handed_off"}.get(outcome, outcome), lang),
                    getattr(day, outcome),
                    "",
                    "",
                )
            )
    for index, gap in enumerate(report.gaps, 1):
        writer.writerow(("gap", f"gap-{index}", gap.section, gap.count, "", ""))
    return buffer.getvalue()


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _v(value: object) -> object:
    return "" if value is None else value
