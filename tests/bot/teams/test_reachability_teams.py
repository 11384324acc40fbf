"""Through the Teams stand-in: while the communications people are away, a press enquiry goes to their deputy
(legal), and the employee is told plainly who has the question now, with the guideline's immediate step."""

from __future__ import annotations

import json
from datetime import date

from bot.teams import cards
from tests.bot.teams.conftest import CONTACT, CONTACT2, EMPLOYEE, TEAMS_CONTACT_IDS, chat_of

PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
LEGAL = TEAMS_CONTACT_IDS["legal"][0]


def test_an_absent_contacts_handoff_reaches_the_deputy_and_the_employee_is_told(teams, connector, teams_lotse):
    for person in (CONTACT, CONTACT2):
        teams_lotse.handoffs.absences.set_away(person, until=date(2026, 12, 18))
    teams.message(PRESS_QUESTION)
    [told] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.type == "message")
    assert "Katrin Vogt ist bis 18.12. nicht da; deine Frage liegt bei Dr. Jonas Albers" in told.text
    assert "Presse- und Medienanfragen" in told.text  # not alone while waiting: the step, with its source
    [handoff] = teams_lotse.handoffs.list_for(LEGAL)
    assert handoff.holders == (LEGAL,) and handoff.contact_name == "Dr. Jonas Albers"
    assert teams_lotse.handoffs.list_for(CONTACT)  # the lead still sees it (need-to-know unchanged)
    routed = [e for e in teams_lotse.handoffs.events(LEGAL, handoff.id) if e.action == "routed"]
    assert routed[0].detail["stage"] == "deputy" and routed[0].detail["to"] == [LEGAL]


LEAK = "Ich habe aus Versehen eine Kundenliste in den falschen Chat geschickt."
DPO = TEAMS_CONTACT_IDS["data_protection"][0]


def card_of(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def test_absence_from_a_teams_card_with_one_click_hand_over_and_the_employee_told(teams, connector, teams_lotse):
    teams.message(LEAK)
    connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.type == "message")
    [handoff] = teams_lotse.handoffs.list_for(DPO)
    assert handoff.holders == (DPO,)
    # "Erreichbarkeit": where she stands, with the card to set herself away
    teams.message("Erreichbarkeit", user=DPO)
    [panel] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(DPO) and "erreichbar" in s.text)
    assert "Du bist erreichbar" in panel.text and "1 offene Anfrage" in panel.text
    assert cards.ABSENCE_AWAY in json.dumps(panel.body, ensure_ascii=False)
    away = teams.card_action(
        cards.ABSENCE_AWAY, {cards.UNTIL_INPUT: "2026-12-18", cards.HAND_OVER_INPUT: "false"}, user=DPO
    )
    assert "Du bist bis 18.12. abwesend" in card_of(away) and "1 offene an Dr. Jonas Albers übergeben" in card_of(away)
    assert teams_lotse.handoffs.absences.current(DPO).until_day == date(2026, 12, 18)
    # one click: to the deputy, and the employee reads who has the question now
    over = teams.card_action(cards.ABSENCE_HAND_OVER, {"language": "de"}, user=DPO)
    assert "1 Anfrage(n) an Dr. Jonas Albers übergeben" in card_of(over)
    [note] = connector.wait_for(
        "send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and "Kurzer Stand" in s.text
    )
    assert (
        f"Kurzer Stand zu deiner Frage (#{handoff.id}): Miriam Sommer ist bis 18.12. nicht da; "
        "deine Frage liegt bei Dr. Jonas Albers." in note.text
    )
    assert LEGAL in teams_lotse.handoffs.get(LEGAL, handoff.id).holders
    back = teams.card_action(cards.ABSENCE_BACK, {"language": "en"}, user=DPO)
    assert "Welcome back" in card_of(back) and teams_lotse.handoffs.absences.current(DPO) is None


def test_a_card_absence_action_by_an_employee_changes_nothing(teams, connector, teams_lotse):
    refused = teams.card_action(cards.ABSENCE_AWAY, {cards.UNTIL_INPUT: "2026-12-18"}, user=EMPLOYEE)
    assert refused.json()["type"] == "application/vnd.microsoft.activity.message"
    assert teams_lotse.handoffs.absences.current(EMPLOYEE) is None
