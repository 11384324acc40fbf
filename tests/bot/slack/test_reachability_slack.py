"""The simulated weekend through the local Slack API with a controlled clock: a data leak on Saturday 23:00 is in
front of the data protection officer at once, with the immediate step quoted for the employee; unclaimed, it goes
to the deputy after 30 minutes and to the lead after 60 — each exactly once with two replicas on one database; a
press enquiry carries the guideline's step; a non-urgent question on Friday evening says "Montag"."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.app import Lotse
from bot.slack import blocks as kit
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


def test_a_claim_within_the_30_minutes_stops_the_escalation(slack, fake_slack, slack_lotse, clock):
    slack_lotse.assistant.ask(LEAK, record=False)
    clock.set(SATURDAY_2300_BERLIN)
    slack.dm(LEAK)
    fake_slack.wait_for("chat.postMessage", where=to("UDPO1"))
    [handoff] = slack_lotse.handoffs.list_for("UDPO1")
    other = second_replica(slack_lotse, clock)
    clock.advance(minutes=20)  # 23:20: Miriam Sommer clicks "Übernehmen" on her card
    slack.click(kit.CLAIM, handoff.id, user="UDPO1", channel="DDPO1", response="claim")
    fake_slack.wait_for("response_url", where=lambda c: "claim" in c.path)
    assert slack_lotse.handoffs.get("UDPO1", handoff.id).claimed_by == "UDPO1"
    for _ in range(4):  # 23:31, 00:02, 00:33, 01:04
        clock.advance(minutes=31)
        escalate(slack_lotse, other)
    posts = fake_slack.calls("chat.postMessage")
    assert not [p for p in posts if to("ULEGAL1")(p) or to("UCOMMS1")(p)]  # nobody else was woken
    events = [e.action for e in slack_lotse.handoffs.events("UDPO1", handoff.id)]
    assert "escalated" not in events


def test_absence_from_app_home_with_one_click_hand_over_and_the_employee_told(slack, fake_slack, slack_lotse, clock):
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))  # Wednesday, 10:00 in Berlin
    slack.dm(LEAK)
    [thread] = fake_slack.wait_for("chat.postMessage", where=to(EMPLOYEE_DM))
    fake_slack.wait_for("chat.postMessage", where=to("UDPO1"))
    [handoff] = slack_lotse.handoffs.list_for("UDPO1")
    # App Home: Miriam Sommer is available; "Abwesend melden" opens the modal
    slack.event({"type": "app_home_opened", "user": "UDPO1", "channel": "DDPO1", "tab": "home"})
    [home] = fake_slack.wait_for("views.publish")
    assert "Du bist erreichbar" in text_of_view(home) and kit.ABSENCE_AWAY in text_of_view(home)
    slack.interact(home_click("UDPO1", kit.ABSENCE_AWAY))
    [modal] = fake_slack.wait_for("views.open")
    assert modal.json_field("view")["callback_id"] == kit.ABSENCE_MODAL
    values = {kit.UNTIL_INPUT[0]: {kit.UNTIL_INPUT[1]: {"type": "datepicker", "selected_date": "2026-12-18"}}}
    slack.submit(kit.ABSENCE_MODAL, values, user="UDPO1")
    [noted] = fake_slack.wait_for("chat.postMessage", where=lambda c: to("UDPO1")(c) and "abwesend" in text_of(c))
    assert "Du bist bis 18.12. abwesend" in text_of(noted) and "Dr. Jonas Albers" in text_of(noted)
    assert "1 offene Anfrage" in text_of(noted)
    home = fake_slack.wait_for("views.publish", 2)[-1]
    assert "bis 18.12. als abwesend eingetragen" in text_of_view(home)
    assert "1 offene an Dr. Jonas Albers übergeben" in text_of_view(home)
    # one click: the open question goes to the deputy, and the employee reads who has it now, in the thread
    slack.interact(home_click("UDPO1", kit.ABSENCE_HAND_OVER))
    [card] = fake_slack.wait_for("chat.postMessage", where=to("ULEGAL1"))
    assert "Kundenliste" in text_of(card)
    [note] = fake_slack.wait_for("chat.postMessage", where=lambda c: to(EMPLOYEE_DM)(c) and "Stand" in text_of(c))
    assert note.body.get("thread_ts") == thread.body.get("thread_ts")
    assert (
        f"Kurzer Stand zu deiner Frage (#{handoff.id}): Miriam Sommer ist bis 18.12. nicht da; "
        "deine Frage liegt bei Dr. Jonas Albers." in text_of(note)
    )
    assert slack_lotse.handoffs.get("ULEGAL1", handoff.id).contact_name == "Dr. Jonas Albers"
    home = fake_slack.wait_for("views.publish", 3)[-1]
    assert "übergeben" not in text_of_view(home)  # nothing left to hand over
    # back: "Ich bin zurück" ends it
    slack.interact(home_click("UDPO1", kit.ABSENCE_BACK))
    fake_slack.wait_for("views.publish", 4)
    assert slack_lotse.handoffs.absences.current("UDPO1") is None


def test_the_slash_command_reply_offers_the_hand_over_as_one_click(slack, fake_slack, slack_lotse, clock):
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    slack.dm(LEAK)
    fake_slack.wait_for("chat.postMessage", where=to("UDPO1"))
    slack.command("/lotse", "away until 12/18", user="UDPO1", response="away")
    [said] = fake_slack.wait_for("response_url", where=lambda c: "away" in c.path)
    assert "you are away until 12/18" in said.body["text"]
    [button] = [e for b in said.json_field("blocks") if b["type"] == "actions" for e in b["elements"]]
    assert button["text"]["text"] == "Hand 1 open to Dr. Jonas Albers"
    slack.click(kit.ABSENCE_HAND_OVER, button["value"], user="UDPO1", channel="C0GENERAL", response="over")
    [done] = fake_slack.wait_for("response_url", where=lambda c: "over" in c.path)
    assert "1 question(s) handed over to Dr. Jonas Albers" in done.body["text"]
    fake_slack.wait_for("chat.postMessage", where=to("ULEGAL1"))
    [note] = fake_slack.wait_for("chat.postMessage", where=lambda c: to(EMPLOYEE_DM)(c) and "Stand" in text_of(c))
    assert "Miriam Sommer ist bis 18.12. nicht da; deine Frage liegt bei Dr. Jonas Albers" in text_of(note)


def text_of_view(call) -> str:
    return json.dumps(call.json_field("view"), ensure_ascii=False)


def home_click(user: str, action_id: str) -> dict:
    return {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": "t.home",
        "team": {"id": "T0LOTSE"},
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [{"action_id": action_id, "value": action_id, "type": "button", "block_id": "absence"}],
    }
