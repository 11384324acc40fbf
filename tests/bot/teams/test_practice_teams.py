"""The weekly practice in Teams through the local Bot Connector: opt in in the 1:1 chat, the weekly card (once),
one tap shows the right choice with its source, a stranger's tap changes nothing, "Nicht mehr" ends it."""

from __future__ import annotations

import json

from apscheduler.schedulers.background import BackgroundScheduler

from bot.store.models import PracticeAssignment
from bot.teams.practice import CHOICE, JOB_ID, STOP, add_practice_jobs
from tests.bot.teams.conftest import EMPLOYEE, STRANGER, chat_of


def _run_weekly(bot) -> None:
    scheduler = BackgroundScheduler()
    add_practice_jobs(scheduler, bot.ctx)
    scheduler.get_job(JOB_ID).func()


def _exercise_cards(connector) -> list:
    return [
        s
        for s in connector.sent("send")
        if s.conversation_id == chat_of(EMPLOYEE) and "Übung der Woche" in s.card_text()
    ]


def test_weekly_practice_in_teams(teams, connector, teams_bot, teams_lotse, clock):
    teams.message("training an")
    [said] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(EMPLOYEE) and s.type == "message")
    assert "einmal pro Woche" in said.text + said.card_text()

    _run_weekly(teams_bot)  # Wednesday 10:30 in Berlin: after the Tuesday slot, in working hours
    [sent] = _exercise_cards(connector)
    actions = [a for c in sent.cards for b in c["body"] if b.get("type") == "ActionSet" for a in b["actions"]]
    assert [a["title"] for a in actions] == ["A", "B", "C", "Nicht mehr"]

    clock.advance(minutes=31)
    _run_weekly(teams_bot)
    assert len(_exercise_cards(connector)) == 1  # one per person per week

    with teams_lotse.store.session() as session:
        row = session.query(PracticeAssignment).one()
    scenario = teams_lotse.practice.catalog.get(row.scenario_id)
    assert scenario is not None

    refused = teams.card_action(CHOICE, {"assignment_id": row.id, "choice": "A"}, user=STRANGER).json()
    assert "jemand anderem" in json.dumps(refused, ensure_ascii=False)

    right = "ABC"[scenario.right]
    answered = json.dumps(
        teams.card_action(CHOICE, {"assignment_id": row.id, "choice": right}, user=EMPLOYEE).json(),
        ensure_ascii=False,
    )
    assert f"Richtig: {right}) {scenario.right_choice}" in answered
    assert f"Quelle: {scenario.source.document} › {scenario.source.section}" in answered
    assert "Action.Execute" not in answered  # the buttons are gone
    with teams_lotse.store.session() as session:
        stored = session.get(PracticeAssignment, row.id)
        assert stored is not None and stored.right is True

    stopped = json.dumps(teams.card_action(STOP, {"assignment_id": row.id}, user=EMPLOYEE).json(), ensure_ascii=False)
    assert "keine Übungen mehr" in stopped
    assert not teams_lotse.practice.takes_part("teams", EMPLOYEE)
