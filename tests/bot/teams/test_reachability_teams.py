"""Through the Teams stand-in: while the communications people are away, a press enquiry goes to their deputy
(legal), and the employee is told plainly who has the question now, with the guideline's immediate step."""

from __future__ import annotations

from datetime import date

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
