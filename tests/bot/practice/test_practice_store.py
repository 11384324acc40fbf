"""Taking part, the weekly exercise, first choices and the team's figures, over a real SQLite store."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import Lotse
from bot.clock import FixedClock
from bot.errors import LotseError
from bot.practice.service import Person
from bot.report.period import Week
from bot.settings import Settings
from bot.store.models import Exchange, PracticeAssignment

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


@pytest.fixture
def practice_clock():
    return FixedClock(datetime(2026, 11, 17, 9, 0, tzinfo=UTC))  # a Tuesday


def _lotse(tmp_path: Path, clock: FixedClock, **overrides: object) -> Lotse:
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        **overrides,  # type: ignore[arg-type]
    )
    return Lotse(settings, clock=clock)


def _asked(lotse: Lotse, user: str, category: str | None = None, language: str = "de", platform: str = "slack"):
    with lotse.store.session() as session:
        session.add(
            Exchange(
                created_at=lotse.clock.now(),
                platform=platform,
                asker_id=user,
                language=language,
                question="…",
                outcome="answered",
                category=category,
            )
        )


def test_practice_is_off_until_someone_opts_in_and_ends_at_once(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock)
    practice = lotse.practice
    _asked(lotse, "U1")
    assert not practice.takes_part("slack", "U1")
    assert practice.recipients(["slack"]) == []

    said = practice.opt_in("slack", "U1", "de")
    assert "einmal pro Woche" in said and "ohne Rangliste" in said
    assert practice.recipients(["slack"]) == [Person("slack", "U1", "de")]

    said = practice.opt_out("slack", "U1")
    assert "keine Übungen mehr" in said
    assert practice.recipients(["slack"]) == []


def test_company_switch_includes_everyone_lotse_knows_and_an_opt_out_still_counts(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock, practice_for_everyone=True)
    _asked(lotse, "U1")
    _asked(lotse, "U2", language="en")
    _asked(lotse, "T9", platform="teams")
    practice = lotse.practice
    assert practice.takes_part("slack", "U2")
    practice.opt_out("slack", "U1")
    assert practice.recipients(["slack"]) == [Person("slack", "U2", "en")]
    assert {p.user_id for p in practice.recipients(["slack", "teams"])} == {"U2", "T9"}


def test_one_exercise_per_person_and_week_even_with_two_replicas(tmp_path, practice_clock):
    first, second = _lotse(tmp_path, practice_clock), _lotse(tmp_path, practice_clock)
    person = Person("slack", "U1", "de")
    mine = first.practice.weekly(person)
    theirs = second.practice.weekly(person)
    assert mine is not None and theirs is not None
    assert mine.created and not theirs.created
    assert mine.id == theirs.id and mine.scenario.id == theirs.scenario.id
    assert mine.scenario.language == "de"
    with first.store.session() as session:
        assert session.query(PracticeAssignment).count() == 1


def test_nobody_sees_the_same_scenario_twice_in_a_quarter(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock)
    practice = lotse.practice
    person = Person("slack", "U1", "en")
    seen = []
    for _week in range(13):
        assignment = practice.weekly(person)
        assert assignment is not None
        practice.mark_sent(assignment.id)
        practice.answer(assignment.id, "U1", 0)
        seen.append(assignment.scenario.id)
        practice_clock.advance(days=7)
    assert len(set(seen)) == 13
    assert all(s.startswith(("faq:faq-en", "rule:", "guideline:social", "guideline:code")) for s in seen)


def test_topics_people_ask_about_come_up_more_often(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock)
    for number in range(30):
        _asked(lotse, f"Q{number}", category="figures")
    practice = lotse.practice
    topics = Counter(
        practice.weekly(Person("slack", f"U{n}", "de")).scenario.topic  # type: ignore[union-attr]
        for n in range(200)
    )
    figures_share = topics["figures"] / 200
    catalog_share = sum(1 for s in practice.catalog.for_language("de") if s.topic == "figures") / len(
        practice.catalog.for_language("de")
    )
    assert figures_share > 2 * catalog_share


def test_the_first_tap_counts_and_only_the_person_may_answer(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock)
    practice = lotse.practice
    assignment = practice.weekly(Person("slack", "U1", "de"))
    assert assignment is not None
    wrong = (assignment.scenario.right + 1) % 3
    with pytest.raises(LotseError) as refused:
        practice.answer(assignment.id, "U2", wrong)
    assert "jemand anderem" in refused.value.text("de")
    outcome = practice.answer(assignment.id, "U1", wrong)
    assert outcome.first and not outcome.right
    again = practice.answer(assignment.id, "U1", assignment.scenario.right)
    assert not again.first and again.right
    with lotse.store.session() as session:
        row = session.get(PracticeAssignment, assignment.id)
        assert row is not None and row.first_choice == wrong and row.right is False


def test_a_person_who_leaves_three_exercises_unanswered_gets_a_pause(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock)
    practice = lotse.practice
    practice.opt_in("slack", "U1", "de")
    for _week in range(3):
        assert practice.recipients(["slack"])
        assignment = practice.weekly(Person("slack", "U1", "de"))
        assert assignment is not None
        practice.mark_sent(assignment.id)
        practice_clock.advance(days=7)
    assert practice.recipients(["slack"]) == []
    extra = practice.now(Person("slack", "U1", "de"))  # asking for one ends the pause
    assert extra is not None
    practice.answer(extra.id, "U1", 0)
    assert practice.recipients(["slack"]) == [Person("slack", "U1", "de")]


def test_the_summary_counts_per_topic_with_a_minimum_and_never_names_anyone(tmp_path, practice_clock):
    lotse = _lotse(tmp_path, practice_clock)
    practice = lotse.practice
    catalog = practice.catalog
    figures = next(s for s in catalog.scenarios if s.topic == "figures" and s.language == "de")
    press = next(s for s in catalog.scenarios if s.topic == "Presse" and s.language == "de")
    now = practice_clock.now()
    with lotse.store.session() as session:
        for n in range(6):  # figures: 6 answers, 2 right
            session.add(_row(f"U{n}", figures.id, "figures", now, right=n < 2))
        for n in range(4):  # press: 4 answers only
            session.add(_row(f"P{n}", press.id, "Presse", now, right=False))
        session.add(_row("X1", press.id, "Presse", now, right=None))  # got it, did not answer
    summary = practice.summary(Week.containing(now), min_answers=5)
    assert summary.participants == 11 and summary.answered == 10
    assert [(f.topic, f.answers, f.right) for f in summary.topics] == [("figures", 6, 2)]
    assert summary.hidden_topics == 1
    assert "U1" not in str(summary.to_dict())


def _row(user: str, scenario_id: str, topic: str, now: datetime, right: bool | None) -> PracticeAssignment:
    return PracticeAssignment(
        platform="slack",
        user_id=user,
        week="2026-W47",
        scenario_id=scenario_id,
        topic=topic,
        language="de",
        created_at=now,
        sent_at=now,
        first_choice=None if right is None else (0 if right else 1),
        right=right,
        answered_at=None if right is None else now,
    )
