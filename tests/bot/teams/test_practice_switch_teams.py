"""The practice switch in Teams through the local Bot Connector (signed tokens): "training" in the 1:1 chat
brings the card "Training / Übung" (what it is, the state, one button); a tap opts in and the card shows the new
state; "practice" brings it in English; a second tap opts out."""

from __future__ import annotations

import json

from bot.teams.practice import SWITCH
from tests.bot.teams.conftest import EMPLOYEE, chat_of


def _switch_cards(connector) -> list:
    return [
        s
        for s in connector.sent("send")
        if s.conversation_id == chat_of(EMPLOYEE) and any("practice_switch" in json.dumps(c) for c in s.cards)
    ]


def _button(card: dict) -> dict:
    [action] = [a for b in card["body"] if b.get("type") == "ActionSet" for a in b["actions"]]
    return action


def test_training_card_switches_in_teams(teams, connector, teams_bot, teams_lotse):
    teams.message("training")
    [sent] = connector.wait_for("send", where=lambda s: s in _switch_cards(connector))
    text = sent.card_text()
    assert "Training / Übung" in text and "Einmal pro Woche" in text and "nicht mit" in text
    button = _button(sent.cards[0])
    assert button["title"] == "Mitmachen" and button["verb"] == SWITCH and button["data"]["to"] == "on"

    response = teams.card_action(SWITCH, {"to": "on"}, user=EMPLOYEE).json()
    shown = json.dumps(response, ensure_ascii=False)
    assert "Du machst mit" in shown and "Nicht mehr" in shown
    assert teams_lotse.practice.takes_part("teams", EMPLOYEE)

    teams.message("practice")
    cards = connector.wait_for("send", 2, where=lambda s: s in _switch_cards(connector))
    english = cards[-1].card_text()
    assert "Training / practice" in english and "You're taking part" in english

    response = teams.card_action(SWITCH, {"to": "off"}, user=EMPLOYEE).json()
    assert "Mitmachen" in json.dumps(response, ensure_ascii=False)
    assert not teams_lotse.practice.takes_part("teams", EMPLOYEE)
