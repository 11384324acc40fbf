"""A tentative answer in Slack says it is one and offers the person with one click."""

from __future__ import annotations

from bot.models import Reply, Source
from bot.slack.blocks import ASK_HUMAN, FEEDBACK_HELPFUL, reply_blocks


def _reply(tentative: bool, language: str = "de") -> Reply:
    source = Source(
        document="faq-de", title="Häufige Fragen", section="Häufige Fragen › Darf ich X?", text="Ja.", score=0.5
    )
    return Reply(
        question="Darf ich X?",
        language=language,
        outcome="answered",
        answer="Meinst du das?",
        sources=[source],
        tentative=tentative,
        exchange_id=7,
    )


def _buttons(reply: Reply) -> list[tuple[str, str]]:
    actions = [b for b in reply_blocks(reply) if b["type"] == "actions"]
    return [(e["text"]["text"], e["action_id"]) for a in actions for e in a["elements"]]


def test_tentative_answer_offers_yes_and_a_person() -> None:
    assert _buttons(_reply(True)) == [("Ja, danke", FEEDBACK_HELPFUL), ("Nein, bitte an eine Person", ASK_HUMAN)]
    assert _buttons(_reply(True, "en")) == [("Yes, thanks", FEEDBACK_HELPFUL), ("No, please pass it on", ASK_HUMAN)]


def test_confident_answer_keeps_feedback_and_person_buttons() -> None:
    labels = [label for label, _ in _buttons(_reply(False))]
    assert labels == ["Hilfreich", "Nicht hilfreich", "Mit einem Menschen sprechen"]
