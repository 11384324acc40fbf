"""Thread history, exchange lookup and feedback: the core services behind follow-ups and rating buttons."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.conversation.feedback import FeedbackRefused
from bot.models import Asker, Conversation, Reply

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"


@pytest.fixture
def core(tmp_path):
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.settings import Settings

    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        contact_ids={"communications": ["UC1"]},
    )
    return Lotse(settings, clock=FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC)))


def say(
    core,
    question: str,
    message: str,
    *,
    thread: str = "1.0",
    channel: str = "D1",
    platform: str = "slack",
    user: str = "U1",
    language: str = "de",
) -> int:
    reply = Reply(question=question, language=language, outcome="answered", answer="…")
    conversation = Conversation(platform=platform, channel_id=channel, thread_id=thread, message_id=message)
    core.clock.advance(minutes=1)
    return core.exchange_log.record(reply, Asker(user_id=user, platform=platform), conversation)


def test_history_is_the_threads_last_questions_oldest_first_without_the_current_one(core):
    for number in range(7):
        say(core, f"Frage {number}", f"M{number}")
    say(core, "anderer Thread", "X1", thread="2.0")
    say(core, "andere Plattform", "T1", platform="teams")
    history = core.thread_history.earlier_questions("slack", "D1", "1.0", exclude_message="M6")
    assert history == ("Frage 1", "Frage 2", "Frage 3", "Frage 4", "Frage 5")
    assert core.thread_history.earlier_questions("teams", "D1", "1.0") == ("andere Plattform",)
    assert core.thread_history.lotse_in_thread("slack", "D1", "2.0")
    assert not core.thread_history.lotse_in_thread("slack", "D1", "3.0")


def test_lookup_returns_a_plain_record_or_none(core):
    exchange_id = say(core, "Darf ich das posten?", "M1", language="en")
    record = core.exchange_lookup.get(exchange_id)
    assert (record.asker_id, record.channel_id, record.thread_id, record.language) == ("U1", "D1", "1.0", "en")
    assert core.exchange_lookup.get(exchange_id + 1) is None and core.exchange_lookup.get(None) is None


def test_only_the_asker_rates_and_learns_the_language_to_be_thanked_in(core):
    exchange_id = say(core, "Darf ich das posten?", "M1", language="en")
    with pytest.raises(FeedbackRefused) as refused:
        core.feedback.rate(exchange_id, "U2", helpful=True)
    assert refused.value.key == "feedback.error.own_only"
    assert refused.value.text("en") == "Only the person who asked can rate the answer."
    assert core.exchange_lookup.get(exchange_id).feedback is None
    assert core.feedback.rate(exchange_id, "U1", helpful=False) == "en"
    assert core.exchange_lookup.get(exchange_id).feedback == "not_helpful"
    with pytest.raises(FeedbackRefused, match="Bewertung konnte ich nicht speichern"):
        core.feedback.rate(9999, "U1", helpful=True)
