"""The weekly practice in Slack over signed HTTP against the local Slack API stand-in: opt in by DM, the weekly
DM with buttons (once, also with a second replica), one tap shows the right choice with its source, "Nicht mehr"
ends it."""

from __future__ import annotations

import time

from bot.app import Lotse
from bot.slack.practice import CHOICE, STOP
from bot.slack.scheduler import build_scheduler
from bot.store.models import PracticeAssignment
from tests.bot.slack.conftest import EMPLOYEE, EMPLOYEE_DM


def _run_weekly(lotse: Lotse) -> None:
    build_scheduler(lotse).get_job("practice_slack").func()


def _exercises(fake_slack) -> list:
    return [
        c
        for c in fake_slack.calls("chat.postMessage")
        if c.body.get("channel") == EMPLOYEE and "Übung der Woche" in str(c.body.get("text"))
    ]


def test_weekly_practice_in_slack(slack, fake_slack, slack_lotse, settings, clock):
    # the clock: Wednesday 10:30 in Berlin, after the Tuesday 10:00 slot, in working hours
    _run_weekly(slack_lotse)
    assert _exercises(fake_slack) == []  # nobody opted in: nothing is sent

    slack.dm("training an")
    [said] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM)
    assert "einmal pro Woche" in said.body["text"]

    clock.advance(minutes=30)  # the job's next run (one replica per 30-minute slot)
    _run_weekly(slack_lotse)
    [dm] = _exercises(fake_slack)
    blocks = dm.json_field("blocks")
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["A", "B", "C", "Nicht mehr"]
    assert "A) " in dm.body["text"] and "C) " in dm.body["text"]

    other = Lotse(slack_lotse.settings, clock=clock)  # a second replica on the same database
    clock.advance(minutes=31)  # the next slot: both run it
    _run_weekly(other)
    _run_weekly(slack_lotse)
    assert len(_exercises(fake_slack)) == 1  # one message per person per week

    with slack_lotse.store.session() as session:
        row = session.query(PracticeAssignment).one()
    scenario = slack_lotse.practice.catalog.get(row.scenario_id)
    assert scenario is not None
    wrong = "abc"[(scenario.right + 1) % 3]
    response = slack.click(f"{CHOICE}_{wrong}", f"{row.id}:{wrong.upper()}", user=EMPLOYEE, channel=EMPLOYEE_DM)
    assert response.status == 200
    [update] = fake_slack.wait_for("chat.update")
    shown = update.body["text"]
    assert f"gemeint ist: {'ABC'[scenario.right]}) {scenario.right_choice}" in shown
    assert f"Quelle: {scenario.source.document} › {scenario.source.section}" in shown
    assert "actions" not in str(update.json_field("blocks"))  # the buttons are gone: one tap

    slack.click(
        f"{CHOICE}_{'abc'[scenario.right]}", f"{row.id}:{'ABC'[scenario.right]}", user=EMPLOYEE, channel=EMPLOYEE_DM
    )
    fake_slack.wait_for("chat.update", 2)
    with slack_lotse.store.session() as session:
        assert session.get(PracticeAssignment, row.id).right is False  # the first choice counts

    slack.click(STOP, str(row.id), user=EMPLOYEE, channel=EMPLOYEE_DM)
    updates = fake_slack.wait_for("chat.update", 3)
    assert "keine Übungen mehr" in updates[-1].body["text"]
    deadline = time.time() + 5
    while slack_lotse.practice.takes_part("slack", EMPLOYEE) and time.time() < deadline:
        time.sleep(0.05)
    assert not slack_lotse.practice.takes_part("slack", EMPLOYEE)

    clock.advance(days=7)
    _run_weekly(slack_lotse)
    assert len(_exercises(fake_slack)) == 1  # opted out: nothing next week


def test_someone_else_cannot_answer_an_exercise(slack, fake_slack, slack_lotse):
    slack.dm("training an")
    fake_slack.wait_for("chat.postMessage")
    _run_weekly(slack_lotse)
    assert slack_lotse.practice.takes_part("slack", EMPLOYEE)
    with slack_lotse.store.session() as session:
        row = session.query(PracticeAssignment).one()
    slack.click(f"{CHOICE}_a", f"{row.id}:A", user="USTRANGER1", channel="DSTRANGER1")
    [note] = fake_slack.wait_for("response_url")
    assert "jemand anderem" in str(note.body)
    with slack_lotse.store.session() as session:
        assert session.get(PracticeAssignment, row.id).first_choice is None
