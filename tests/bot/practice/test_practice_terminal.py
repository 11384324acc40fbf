"""`lotse chat` /training: opt in, do an exercise now, a wrong first tap, the explanation with its source, opt out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.app import Lotse
from bot.clock import FixedClock
from bot.settings import Settings
from bot.store.models import PracticeAssignment
from bot.terminal.chat import TerminalChat
from bot.terminal.console import Console

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


class Typed(Console):
    """The terminal with lines typed in advance; what Lotse says is collected."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.shown: list[str] = []

    def say(self, text: str) -> None:
        self.shown.append(text)

    def ask(self, prompt: str = "›") -> str | None:
        self.shown.append(prompt)
        return self.lines.pop(0) if self.lines else None


def test_training_in_the_terminal(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE, database_url=f"sqlite:///{tmp_path / 'lotse.db'}"
    )
    lotse = Lotse(settings, clock=FixedClock(datetime(2026, 11, 17, 9, 0, tzinfo=UTC)))
    console = Typed([])
    chat = TerminalChat(lotse, "cli:anna", console)

    chat.handle("/training")
    assert "Wöchentliche Übung: aus" in console.shown[-1]
    chat.handle("/training an")
    assert "einmal pro Woche" in console.shown[-1]
    assert lotse.practice.takes_part("cli", "cli:anna")

    chat.handle("/hilfe")
    assert "/training" in console.shown[-1]

    chat.handle("/training jetzt")
    exercise = next(line for line in console.shown if "Deine Übung der Woche" in line)
    assert "A) " in exercise and "B) " in exercise and "C) " in exercise
    with lotse.store.session() as session:
        row = session.query(PracticeAssignment).one()
    scenario = lotse.practice.catalog.get(row.scenario_id)
    assert scenario is not None
    wrong = "ABC"[(scenario.right + 1) % 3]

    console.lines = ["x", wrong.lower()]
    chat.handle("/training jetzt")  # the same, still unanswered exercise
    text = "\n".join(console.shown)
    assert "Bitte A, B oder C." in text
    assert f"gemeint ist: {'ABC'[scenario.right]}) {scenario.right_choice}" in console.shown[-1]
    assert f"Warum: {scenario.reason}" in console.shown[-1]
    assert f"Quelle: {scenario.source.document} › {scenario.source.section}" in console.shown[-1]
    with lotse.store.session() as session:
        row = session.query(PracticeAssignment).one()
        assert row.first_choice == "ABC".index(wrong) and row.right is False

    chat.handle("/training aus")
    assert "keine Übungen mehr" in console.shown[-1]
    assert not lotse.practice.takes_part("cli", "cli:anna")
