"""The guard on the real question road: junk, floods and oversize input get a clear reply and cost nothing;
sensitive topics still reach a person whatever surrounds them."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from bot.models import Asker, Conversation
from bot.store.models import Exchange, Handoff

PRESS = "Ein Journalist der Neuen Westfälischen will ein Statement zu den Entlassungen"


def _count(lotse, table) -> int:
    with lotse.store.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)))


def _noise(seed: int, size: int = 300) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(size))


@pytest.mark.parametrize(
    "junk",
    [
        "\u200b\u200c\u200d\ufeff",
        "?!?!?!",
        "1=1; --",
        "SELECT * FROM users; DROP TABLE x",
        _noise(1),
        _noise(2),
        "\x00\x01\x02",
        "💩💩💩",
    ],
)
def test_junk_gets_a_friendly_not_understood_and_no_handoff(lotse, junk):
    reply = lotse.assistant.ask(junk, Asker(user_id="UJUNK", platform="slack"))
    assert reply.outcome == "out_of_scope" and reply.handoff is None
    assert "nicht verstanden" in reply.answer
    assert _count(lotse, Handoff) == 0 and _count(lotse, Exchange) == 0  # nothing stored, nobody messaged


def test_junk_is_answered_in_the_default_language(lotse):
    lotse.settings.default_language = "en"  # noise has no language of its own
    assert "didn't understand" in lotse.assistant.ask("\u200b?? ;-- 123", record=False).answer
    assert "didn't understand" in lotse.assistant.ask("SELECT * FROM users; DROP TABLE x", record=False).answer


@pytest.mark.parametrize(
    "wrapped",
    [
        _noise(3, 200) + PRESS.encode() + _noise(4, 200),
        "\u200b" * 50 + PRESS + "\x00\x07" * 40 + "\udcff" * 30,
        PRESS.replace("Journalist", "Journalist\ud800"),
    ],
)
def test_a_press_inquiry_inside_garbage_still_hands_off(lotse, wrapped):
    reply = lotse.assistant.ask(wrapped, Asker(user_id="UPRESS", platform="slack"))
    assert reply.outcome == "handoff" and reply.handoff is not None, reply.answer
    assert reply.handoff.reason == "sensitive"
    assert _count(lotse, Handoff) == 1


def test_input_over_the_limit_is_refused_unread(lotse):
    reply = lotse.assistant.ask("<http:" * 175_000, Asker(user_id="UBIG", platform="slack"))  # ~1 MB
    assert reply.outcome == "out_of_scope" and "zu lang" in reply.answer and "1.050.000" in reply.answer
    assert _count(lotse, Exchange) == 0


def test_question_rate_limit_and_its_end(lotse, clock):
    lotse.settings.rate_questions_per_minute = 3
    asker = Asker(user_id="UFAST", platform="slack")
    replies = [
        lotse.assistant.ask(
            f"Darf ich Fotos von der Messe posten? ({i})", asker, Conversation(platform="slack", message_id=f"M{i}")
        )
        for i in range(5)
    ]
    assert ["höchstens 3 pro Minute" in r.answer for r in replies] == [False, False, False, True, True]
    other = lotse.assistant.ask("Darf ich Fotos posten?", Asker(user_id="UOTHER", platform="slack"))
    assert "pro Minute" not in other.answer  # per user
    clock.advance(seconds=61)
    later = lotse.assistant.ask(
        "Darf ich Fotos von der Messe posten?", asker, Conversation(platform="slack", message_id="M-later")
    )
    assert "pro Minute" not in later.answer
    assert _count(lotse, Exchange) == 3 + 1 + 1  # refused questions are not recorded


def test_handoff_rate_limit_names_the_contact_address(lotse):
    lotse.settings.rate_handoffs_per_hour = 2
    asker = Asker(user_id="UHANDOFF", platform="slack")
    replies = [
        lotse.assistant.ask(f"{PRESS} ({i})", asker, Conversation(platform="slack", message_id=f"P{i}"))
        for i in range(3)
    ]
    assert [r.handoff is not None for r in replies] == [True, True, False]
    assert "2 Anfragen" in replies[2].answer and "@nordwerk.de" in replies[2].answer
    assert _count(lotse, Handoff) == 2


def test_rate_limits_hold_across_processes_sharing_the_database(settings, clock):
    """Two Lotse instances on one database (as two `lotse serve` processes): the limit is counted once."""
    from bot.app import Lotse

    settings = settings.model_copy(update={"rate_questions_per_minute": 2})
    first, second = Lotse(settings, clock=clock), Lotse(settings, clock=clock)
    asker = Asker(user_id="UTWO", platform="slack")
    first.assistant.ask("Darf ich Fotos posten?", asker, Conversation(platform="slack", message_id="A"))
    second.assistant.ask("Darf ich Videos posten?", asker, Conversation(platform="slack", message_id="B"))
    third = first.assistant.ask("Darf ich Bilder posten?", asker, Conversation(platform="slack", message_id="C"))
    assert "höchstens 2 pro Minute" in third.answer
