"""A simulated month of practice with the company switch on: the weekly report shows how many took part and per
topic the share of right first choices, topics people get wrong first; topics under 5 answers show nothing and
nobody's answers are visible anywhere."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.app import Lotse
from bot.clock import FixedClock
from bot.labels import CATEGORIES, category_label
from bot.practice.weekly import send_weekly
from bot.report.build import build_report
from bot.report.period import Week
from bot.report.render_md import render_blocks, render_markdown
from bot.report.render_text import render_text
from bot.settings import Settings
from bot.store.models import Exchange

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
PEOPLE = [f"UPERSON{n:02d}" for n in range(30)]


def test_a_month_of_practice_in_the_report(tmp_path):
    clock = FixedClock(datetime(2026, 11, 3, 9, 30, tzinfo=UTC))  # Tuesday 10:30 in Berlin
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        practice_for_everyone=True,  # one setting: everyone takes part, with an easy opt-out
    )
    lotse = Lotse(settings, clock=clock)
    with lotse.store.session() as session:
        for user in PEOPLE:  # everyone asked Lotse something about figures once
            session.add(
                Exchange(
                    created_at=clock.now(),
                    platform="slack",
                    asker_id=user,
                    language="de",
                    outcome="answered",
                    category="figures",
                )
            )
    lotse.practice.opt_out("slack", PEOPLE[-1])
    practice = lotse.practice
    delivered: list[str] = []

    def answer(assignment) -> None:  # the DM arrives; people get the drafts (post-check examples) wrong
        delivered.append(assignment.person.user_id)
        scenario = assignment.scenario
        choice = (scenario.right + 1) % 3 if scenario.origin == "rule" else scenario.right
        practice.answer(assignment.id, assignment.person.user_id, choice)

    outbox = lotse.practice_deliveries
    outbox.register("slack", answer)
    for _week in range(4):
        assert send_weekly(practice, "slack", outbox) == len(PEOPLE) - 1
        assert send_weekly(practice, "slack", outbox) == 0  # at most one a week
        clock.advance(days=7)
    assert PEOPLE[-1] not in delivered

    week = Week.containing(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    report = build_report(lotse, week, "de", gaps=False)
    section = report.practice
    assert section is not None
    assert section.participants == len(PEOPLE) - 1 and section.answered == len(PEOPLE) - 1
    assert section.topics, "some topic should have 5 or more answers in a month"
    assert all(f.answers >= 5 for f in section.topics)
    shares = [f.share for f in section.topics]
    assert shares == sorted(shares)  # the topics people get wrong most come first
    for figure in section.topics:
        assert figure.share == (0.0 if figure.topic in CATEGORIES else 1.0)
    worst = section.topics[0]
    assert worst.topic in CATEGORIES

    text = render_text(report)
    assert "Übung der Woche" in text
    assert f"Teilgenommen: {len(PEOPLE) - 1} (davon {len(PEOPLE) - 1} geantwortet)" in text
    assert f"{category_label(worst.topic, 'de')}: 0 % richtig ({worst.answers} Antworten)" in text
    if section.hidden_topics:
        assert "weniger als 5 Antworten: ohne Angabe" in text
    markdown = render_markdown(report)
    assert "## Übung der Woche" in markdown
    blocks = json.dumps(render_blocks(report), ensure_ascii=False)
    assert "Übung der Woche" in blocks
    english = render_text(build_report(lotse, week, "en", gaps=False))
    assert "Practice of the week" in english and "% right" in english

    everything = text + markdown + blocks + json.dumps(report.to_dict(), ensure_ascii=False)
    assert not any(person in everything for person in PEOPLE)  # never per person


def test_no_practice_no_part_in_the_report(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE, database_url=f"sqlite:///{tmp_path / 'lotse.db'}"
    )
    lotse = Lotse(settings, clock=FixedClock(datetime(2026, 11, 3, 9, 30, tzinfo=UTC)))
    report = build_report(lotse, Week.containing(datetime(2026, 11, 3, tzinfo=UTC)), "de", gaps=False)
    assert report.practice is None
    assert "Übung" not in render_text(report)
