"""The post check from Teams: the bot command in the 1:1 chat and the compose-box message-extension action."""

from __future__ import annotations

from bot.teams import cards
from tests.bot.teams.conftest import EMPLOYEE, chat_of
from tests.bot.teams.test_teams_e2e import execute_actions

DRAFT = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal. #stolz"


def test_postcheck_command_shows_the_verdict_with_send_for_approval(teams, connector):
    teams.message(f"prüfen {DRAFT}")
    [verdict] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.cards)
    text = verdict.card_text()
    assert "Freigabe" in text and "Großkunden" in text and "20%" in text
    assert "Richtlinie" in text  # findings carry their guideline passage
    [button] = execute_actions(verdict)
    assert button["verb"] == cards.SEND_APPROVAL and button["title"] == "Zur Freigabe senden"
    assert isinstance(button["data"]["check_id"], int)


def test_postcheck_command_without_a_draft_explains_itself(teams, connector):
    teams.message("check", locale="en-GB")
    [usage] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.type == "message")
    assert usage.text.startswith("Usage")


def test_message_extension_action_returns_the_verdict_card(teams, connector, teams_lotse):
    response = teams.extension(DRAFT)
    assert response.status == 200
    task = response.json()["task"]
    assert task["type"] == "continue"
    card = task["value"]["card"]["content"]
    assert "Zur Freigabe senden" in str(card) and "Großkunden" in str(card)
    from bot.store.models import PostCheck

    with teams_lotse.store.session() as session:
        [check] = session.query(PostCheck).all()
        assert check.platform == "teams" and check.verdict == "approval"
    assert connector.sent("send") == []  # the dialog shows it; nothing posted into the chat
