"""The weekly report over a generated week: every figure against the generator's own bookkeeping."""

from __future__ import annotations

import base64
import csv
import io
import json
import statistics
from datetime import timedelta

import pytest

from bot.handoff.business_hours import WorkingTime, add_business_hours
from bot.report.period import Week

WEEK = Week.parse("2026-W46")


@pytest.fixture(scope="module")
def generated(knowledge_data_dir, tmp_path_factory):
    """One generated fortnight (W45 smaller, W46) shared by this module; the clock ends Monday W47 08:00."""
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.report.sample_week import generate
    from bot.settings import Settings
    from tests.conftest import CONTACT_IDS, KNOWLEDGE

    db = tmp_path_factory.mktemp("report") / "lotse.db"
    settings = Settings(
        data_dir=knowledge_data_dir,
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{db}",
        contact_ids=CONTACT_IDS,
        report_channel="CREPORT",
    )
    clock = FixedClock(WEEK.start)
    lotse = Lotse(settings, clock=clock)
    book = generate(lotse, clock, WEEK)
    clock.set(max(clock.now(), WEEK.end + timedelta(hours=7)))
    return lotse, book


@pytest.fixture(scope="module")
def report(generated):
    from bot.report.build import build_report

    lotse, _book = generated
    return build_report(lotse, WEEK, "de")


# --- the independent count ---------------------------------------------------------------------------
def expected(book, week: Week, now, settings) -> dict:
    inside = week.contains
    xs = [x for x in book.exchanges if inside(x.at)]
    handed = [x for x in xs if x.outcome == "handoff"]
    out = {
        "questions": len(xs),
        "answered": sum(x.outcome == "answered" for x in xs),
        "handed_off": len(handed),
        "out_of_scope": sum(x.outcome == "out_of_scope" for x in xs),
        "helpful": sum(x.feedback == "helpful" and inside(x.feedback_at) for x in book.exchanges),
        "not_helpful": sum(x.feedback == "not_helpful" and inside(x.feedback_at) for x in book.exchanges),
        "post_checks": sum(inside(at) for at, _v in book.post_checks),
    }
    for reason in ("sensitive", "low_confidence", "requested", "post_approval"):
        out[f"handoff_reason.{reason}"] = sum(x.reason == reason for x in handed)
    for category in {x.category or "none" for x in handed}:
        out[f"handoff_category.{category}"] = sum((x.category or "none") == category for x in handed)
    for verdict in ("ok", "revise", "approval"):
        out[f"verdict.{verdict}"] = sum(inside(at) and v == verdict for at, v in book.post_checks)
    hs = book.handoffs
    out["handoffs_opened"] = sum(inside(h.created_at) for h in hs)
    for action in ("claimed", "answered", "resolved"):
        out[f"handoffs_{action}"] = sum(any(a == action and inside(at) for at, a in h.actions) for h in hs)
    still = 0
    for h in hs:
        before = [a for at, a in h.actions if at < week.end]
        still += bool(before) and before[-1] in ("opened", "claimed", "reopened")
    out["handoffs_still_open"] = still
    first = [
        (h.first_response_at - h.created_at).total_seconds() / 3600
        for h in hs
        if h.first_response_at and inside(h.first_response_at)
    ]
    resolution = []
    for h in hs:
        resolved = [at for at, a in h.actions if a == "resolved" and inside(at)]
        if resolved:
            resolution.append((resolved[-1] - h.created_at).total_seconds() / 3600)
    out["first_response_median_h"], out["first_response_p90_h"] = _median_p90(first)
    out["resolution_median_h"], out["resolution_p90_h"] = _median_p90(resolution)
    working = WorkingTime.from_settings(settings)
    breaches = 0
    for h in hs:
        deadline = add_business_hours(h.created_at, settings.sla_business_hours, working)
        if inside(deadline) and deadline <= now and (h.first_response_at is None or h.first_response_at > deadline):
            breaches += 1
    out["sla_breaches"] = breaches
    return out


def _median_p90(values):
    if not values:
        return None, None
    if len(values) == 1:
        return round(values[0], 2), round(values[0], 2)
    return round(statistics.median(values), 2), round(statistics.quantiles(values, n=10, method="inclusive")[8], 2)


def test_the_generated_week_is_big_enough(generated):
    _lotse, book = generated
    xs = [x for x in book.exchanges if WEEK.contains(x.at)]
    hs = [h for h in book.handoffs if WEEK.contains(h.created_at)]
    assert len(xs) >= 200
    assert len(hs) >= 30
    states = {h.actions[-1][1] for h in hs}
    assert {"opened", "claimed", "answered", "resolved"} <= states
    assert sum(WEEK.contains(at) for at, _ in book.post_checks) >= 20
    assert any(x.feedback == "helpful" for x in xs) and any(x.feedback == "not_helpful" for x in xs)


@pytest.mark.parametrize("which", ["current", "previous"])
def test_every_figure_matches_the_bookkeeping(generated, report, which):
    lotse, book = generated
    week = WEEK if which == "current" else WEEK.previous()
    want = expected(book, week, lotse.clock.now(), lotse.settings)
    got = getattr(report, which).scalars()
    for key, value in want.items():
        assert got.get(key) == pytest.approx(value, abs=0.011), key
    assert {k for k, v in got.items() if v} <= set(want) | {k for k, v in want.items()}
    assert sum(v for k, v in got.items() if k.startswith("handoff_category.")) == want["handed_off"]


def test_changes_against_the_previous_week(generated, report):
    lotse, book = generated
    now, settings = lotse.clock.now(), lotse.settings
    this, before = expected(book, WEEK, now, settings), expected(book, WEEK.previous(), now, settings)
    rows = {key: (value, previous, change) for key, value, previous, change in report.rows()}
    for key in this:
        if this[key] is None or before.get(key) is None:
            continue
        assert rows[key][2] == pytest.approx(this[key] - before[key], abs=0.02), key


def test_top_topics_and_days(generated, report):
    _lotse, book = generated
    xs = [x for x in book.exchanges if WEEK.contains(x.at)]
    counts: dict = {}
    for x in xs:
        if x.section:
            counts[x.section] = counts.get(x.section, 0) + 1
    top = report.current.top_topics
    assert [t.count for t in top] == sorted(counts.values(), reverse=True)[:5]
    assert all(counts[t.section] == t.count for t in top)
    assert len(report.current.per_day) == 7
    for day in report.current.per_day:
        on_day = [x for x in xs if WEEK.local_date(x.at) == day.day]
        assert (day.answered, day.handoff, day.out_of_scope) == (
            sum(x.outcome == "answered" for x in on_day),
            sum(x.outcome == "handoff" for x in on_day),
            sum(x.outcome == "out_of_scope" for x in on_day),
        )


def test_knowledge_gaps_group_by_meaning(generated, report):
    from bot.report.gaps import find_gaps
    from bot.report.sample_week import GAP_TOPICS

    lotse, book = generated
    gap_texts = {
        x.question
        for x in book.exchanges
        if WEEK.contains(x.at)
        and x.reason != "sensitive"
        and (x.reason == "low_confidence" or x.feedback == "not_helpful")
    }
    every = find_gaps(lotse, WEEK, limit=1000)
    assert sum(g.count for g in every) == sum(
        1
        for x in book.exchanges
        if WEEK.contains(x.at)
        and x.question in gap_texts
        and x.reason != "sensitive"
        and (x.reason == "low_confidence" or x.feedback == "not_helpful")
    )
    assert report.gaps and len(report.gaps) <= 10
    for gap in report.gaps:
        assert 1 <= len(gap.examples) <= 2 and set(gap.examples) <= gap_texts
        assert gap.section and gap.document
        assert gap.count == gap.low_confidence + gap.not_helpful
    livestream = {q for q, lang in GAP_TOPICS[1][2] if lang == "de"}
    grouped = [g for g in report.gaps if set(g.examples) & livestream]
    assert grouped and set(grouped[0].examples) <= livestream and grouped[0].count >= 3


def test_cluster_threshold():
    import numpy as np

    from bot.report.gaps import cluster

    vectors = np.array([[1, 0, 0], [0.95, 0.05, 0], [0, 1, 0], [0, 0.9, 0.1], [0, 0, 1]], dtype=float)
    assert cluster(vectors, 0.8) == [[0, 1], [2, 3], [4]]
    assert cluster(vectors, 0.999) == [[0], [1], [2], [3], [4]]
    assert cluster(np.zeros((0, 3))) == []


# --- formats -----------------------------------------------------------------------------------------
def test_chart_png(report, tmp_path):
    from bot.report.chart import render_chart

    path = tmp_path / "chart.png"
    data = render_chart(report, path)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert path.read_bytes() == data


def test_markdown_file_and_chart(report, tmp_path):
    from bot.report.formats import write

    files = write(report, "md", tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text()
    assert (tmp_path / "r.png").read_bytes()[:4] == b"\x89PNG" and len(files) == 2
    assert "# Lotse-Wochenbericht 2026-W46" in text and "![Diagramm](r.png)" in text
    assert f"| Fragen gestellt | {report.current.questions} | {report.previous.questions} |" in text
    assert "Wissenslücken" in text


def test_html_embeds_the_chart(report):
    from bot.report.formats import render

    html = render(report, "html")
    assert html.startswith("<!DOCTYPE html>") and "<h1>Lotse-Wochenbericht 2026-W46</h1>" in html
    data = html.split('src="data:image/png;base64,', 1)[1].split('"', 1)[0]
    assert base64.b64decode(data)[:4] == b"\x89PNG"


def test_csv_and_json_carry_every_figure(report):
    from bot.report.formats import render

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    figures = {r["key"]: r for r in rows if r["section"] == "figure"}
    data = json.loads(render(report, "json"))
    by_key = {f["key"]: f for f in data["figures"]}
    for key, value, previous, change in report.rows():
        assert figures[key]["value"] == ("" if value is None else str(value))
        assert figures[key]["previous"] == ("" if previous is None else str(previous))
        assert by_key[key] == {"key": key, "value": value, "previous": previous, "change": change}
    assert data["week"] == "2026-W46" and data["previous_week"] == "2026-W45"
    assert sum(d["answered"] + d["handoff"] + d["out_of_scope"] for d in data["per_day"]) == report.current.questions


def test_english(generated):
    from bot.report.build import build_report
    from bot.report.formats import render
    from bot.report.render_md import render_blocks

    lotse, _book = generated
    english = build_report(lotse, WEEK, "en", gaps=False)
    text = render(english, "md")
    assert "# Lotse weekly report 2026-W46" in text and "| Questions asked |" in text and "Fragen" not in text
    assert render_blocks(english)[0]["text"]["text"] == "Lotse weekly report 2026-W46"


# --- privacy -----------------------------------------------------------------------------------------
def _all_outputs(report) -> dict[str, str]:
    from bot.report.formats import render
    from bot.report.render_md import fallback_text, render_blocks

    out = {fmt: render(report, fmt) for fmt in ("md", "html", "csv", "json")}
    out["blocks"] = json.dumps(render_blocks(report), ensure_ascii=False) + fallback_text(report)
    return out


def test_no_ids_and_no_sensitive_text(generated, report):
    _lotse, book = generated
    assert book.sensitive_texts and book.user_ids
    for fmt, text in _all_outputs(report).items():
        for user_id in book.user_ids:
            assert user_id not in text, (fmt, user_id)
        for question in book.sensitive_texts:
            assert question not in text and question[:30] not in text, fmt
        assert "Westfalen-Blatt" not in text and "Hartmann" not in text
    quoted = {e for g in report.gaps for e in g.examples}
    assert quoted and all(e in _all_outputs(report)["md"] for e in quoted)


def test_examples_can_be_turned_off(generated):
    from bot.report.build import build_report

    lotse, book = generated
    original = lotse.settings.report_examples
    lotse.settings.report_examples = False
    try:
        quiet = build_report(lotse, WEEK, "de")
    finally:
        lotse.settings.report_examples = original
    assert quiet.gaps and all(g.examples == [] for g in quiet.gaps)
    questions = {x.question for x in book.exchanges}
    for fmt, text in _all_outputs(quiet).items():
        for question in questions:
            assert question not in text, (fmt, question)
    assert "Beispielfragen sind ausgeschaltet" in _all_outputs(quiet)["md"]


# --- words, not ids ----------------------------------------------------------------------------------
def test_categories_read_as_words_in_german_and_english(generated, report):
    from bot.report.build import build_report
    from bot.report.formats import render

    lotse, _book = generated
    categories = [key.split(".", 1)[1] for key, *_ in report.rows() if key.startswith("handoff_category.")]
    assert "data_leak" in categories and "none" in categories
    german = render(report, "md") + render(report, "text")
    assert "| Kategorie: Datenpanne |" in german and "| ohne Kategorie |" in german
    assert "Kategorie: Datenpanne" in render(report, "text")  # the terminal's week at a glance
    english = render(build_report(lotse, WEEK, "en", gaps=False), "md")
    assert "| category: data leak |" in english and "| no category |" in english
    for text in (german, english):
        assert "data_leak" not in text and "Kategorie: ohne |" not in text and "category: none" not in text
