"""The simulated weekend through the local Slack API with a controlled clock: a data leak on Saturday 23:00 is in
front of the data protection officer at once, with the immediate step quoted for the employee; unclaimed, it goes
to the deputy after 30 minutes and to the lead after 60 — each exactly once with two replicas on one database; a
press enquiry carries the guideline's step; a non-urgent question on Friday evening says "Montag"."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.app import Lotse
from bot.slack.app import make_client
from bot.slack.notifier import SlackNotifier
from bot.slack.scheduler import build_scheduler
from tests.bot.slack.conftest import EMPLOYEE_DM

SATURDAY_2300_BERLIN = datetime(2026, 11, 21, 22, 0, tzinfo=UTC)
FRIDAY_1930_BERLIN = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
LEAK = "Ich habe aus Versehen eine Kundenliste in den falschen Chat geschickt."
PRESS = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"


def text_of(call) -> str:
    return json.dumps(call.json_field("blocks") or [], ensure_ascii=False) + " " + str(call.body.get("text", ""))


def to(channel: str):
    return lambda call: call.body["channel"] == channel


def escalate(*replicas: Lotse) -> None:
    for lotse in replicas:
        build_scheduler(lotse).get_job("escalations").func()


def second_replica(slack_lotse: Lotse, clock) -> Lotse:
    other = Lotse(slack_lotse.settings, clock=clock)
    other.notifier = SlackNotifier(make_client(slack_lotse.settings), language_of=lambda uid: "de")
    return other


def test_a_data_leak_on_saturday_night_reaches_someone_at_once_and_escalates_once(
    slack, fake_slack, slack_lotse, clock
):
    slack_lotse.assistant.ask(LEAK, record=False)  # the model loaded before the clock matters (a cold start is slow)
    clock.set(SATURDAY_2300_BERLIN)
    slack.dm(LEAK)
    [to_employee] = fake_slack.wait_for("chat.postMessage", where=to(EMPLOYEE_DM))
    said = text_of(to_employee)
    assert "sofort benachrichtigt, auch außerhalb der Arbeitszeit" in said
    assert "Datenpannen melden" in said and "Verhaltenskodex" in said  # the step, with its source
    [to_dpo] = fake_slack.wait_for("chat.postMessage", where=to("UDPO1"))
    assert "Datenpannen melden" in text_of(to_dpo)  # the card shows what the employee was told
    other = second_replica(slack_lotse, clock)
    clock.advance(minutes=31)  # 23:31
    escalate(slack_lotse, other)
    [to_deputy] = fake_slack.wait_for("chat.postMessage", where=to("ULEGAL1"))  # the deputy
    assert "nicht übernommen: zum 1. Mal weitergeleitet" in text_of(to_deputy)
    clock.advance(minutes=31)  # 00:02
    escalate(other, slack_lotse)
    fake_slack.wait_for("chat.postMessage", where=to("UCOMMS1"))  # the lead
    escalate(slack_lotse, other)  # the same minute again: nothing
    posts = fake_slack.calls("chat.postMessage")
    assert [len([p for p in posts if to(uid)(p)]) for uid in ("UDPO1", "ULEGAL1", "UCOMMS1")] == [1, 1, 1]
    [handoff] = slack_lotse.handoffs.list_for("UCOMMS1")
    slack_lotse.handoffs.claim("UCOMMS1", handoff.id)
    clock.advance(hours=3)
    escalate(slack_lotse, other)
    assert len(fake_slack.calls("chat.postMessage")) == len(posts)  # claimed: no escalation after that


def test_a_press_enquiry_carries_the_immediate_step_with_its_source(slack, fake_slack, slack_lotse, clock):
    clock.set(datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
    slack.dm(PRESS)
    [to_employee] = fake_slack.wait_for("chat.postMessage", where=to(EMPLOYEE_DM))
    said = text_of(to_employee)
    assert "Presse- und Medienanfragen" in said and "Social-Media-Richtlinie" in said
    assert "Name, Medium und Frist" in said


def test_a_question_for_a_person_on_friday_evening_says_monday(slack, fake_slack, slack_lotse, clock):
    clock.set(FRIDAY_1930_BERLIN)
    slack.dm("Ich möchte bitte mit einem Menschen sprechen.")
    [to_employee] = fake_slack.wait_for("chat.postMessage", where=to(EMPLOYEE_DM))
    assert "ab Montag, 8 Uhr" in text_of(to_employee)
