"""End to end: signed HTTP requests → the real Bolt app on a real port → our FakeSlack Web API."""

from __future__ import annotations

import json
import time

from bot.handoff.service import HandoffRequest
from bot.slack import blocks as kit
from tests.bot.slack.conftest import CONTACT, EMPLOYEE, EMPLOYEE_DM, STRANGER, sign

PHOTO_QUESTION = "Darf ich ein Foto von meinen Kollegen posten?"
PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"


def blocks_text(call) -> str:
    return json.dumps(call.json_field("blocks") or [], ensure_ascii=False) + " " + str(call.body.get("text", ""))


def action_ids(call) -> list[str]:
    return [e["action_id"] for b in call.json_field("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def open_handoff(lotse, question: str = PRESS_QUESTION, source: str = f"{EMPLOYEE_DM}:1763400000.000100"):
    view, _ = lotse.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id=source,
            asker_id=EMPLOYEE,
            asker_channel=EMPLOYEE_DM,
            asker_thread=source.split(":")[1],
            language="de",
            reason="sensitive",
            question=question,
            category="press",
            context=[{"document": "faq-de", "section": "Presse", "text": "Gib kein Statement.", "score": 0.8}],
        )
    )
    return view


def test_dm_is_answered_in_the_thread_with_sources_and_buttons(slack, fake_slack):
    started = time.monotonic()
    response, ts = slack.dm(PHOTO_QUESTION)
    assert response.status == 200
    assert time.monotonic() - started < 3
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post.body["channel"] == EMPLOYEE_DM and post.body["thread_ts"] == ts
    text = blocks_text(post)
    assert "Foto von meinen Kollegen" in text and "Quellen" in text
    assert action_ids(post) == [kit.FEEDBACK_HELPFUL, kit.FEEDBACK_UNHELPFUL, kit.ASK_HUMAN]
    assert post.headers["authorization"] == "Bearer xoxb-test-token"


def test_feedback_button_is_stored(slack, fake_slack, slack_lotse):
    _, ts = slack.dm(PHOTO_QUESTION)
    [post] = fake_slack.wait_for("chat.postMessage")
    exchange_id = int(
        [e for b in post.json_field("blocks") if b["type"] == "actions" for e in b["elements"]][0]["value"]
    )
    assert slack.click(kit.FEEDBACK_HELPFUL, exchange_id, user=EMPLOYEE, channel=EMPLOYEE_DM).status == 200
    [note] = fake_slack.wait_for("response_url")
    assert note.body["response_type"] == "ephemeral" and "Danke" in note.body["text"]
    assert slack_lotse.exchange_lookup.get(exchange_id).feedback == "helpful"


def test_sensitive_dm_goes_privately_to_the_contact_person(slack, fake_slack, slack_lotse):
    _, ts = slack.dm(PRESS_QUESTION)
    posts = fake_slack.wait_for("chat.postMessage", 2)
    to_contact = [p for p in posts if p.body["channel"] == CONTACT]
    to_employee = [p for p in posts if p.body["channel"] == EMPLOYEE_DM]
    assert len(to_contact) == 1 and len(to_employee) == 1
    assert "Journalist" in blocks_text(to_contact[0])
    assert action_ids(to_contact[0]) == [kit.CLAIM, kit.ANSWER, kit.RESOLVE]
    assert to_employee[0].body["thread_ts"] == ts
    assert "Katrin Vogt" in blocks_text(to_employee[0]) or "weitergegeben" in blocks_text(to_employee[0])
    [handoff] = slack_lotse.handoffs.list_for(CONTACT)
    assert handoff.reason == "sensitive" and handoff.asker_channel == EMPLOYEE_DM
    assert not any(p.body["channel"].startswith("C") for p in fake_slack.calls("chat.postMessage"))


def test_contact_answers_via_the_modal_and_the_employee_gets_it_in_the_thread(slack, fake_slack, slack_lotse):
    view = open_handoff(slack_lotse)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == CONTACT)
    slack.click(kit.ANSWER, view.id, user=CONTACT, channel="DCOMMS1")
    [modal] = fake_slack.wait_for("views.open")
    opened = modal.json_field("view")
    assert opened["callback_id"] == kit.ANSWER_MODAL
    values = {
        kit.ANSWER_INPUT[0]: {
            kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": "Bitte kein Statement, ich melde mich."}
        }
    }
    response = slack.submit(kit.ANSWER_MODAL, values, user=CONTACT, private_metadata=opened["private_metadata"])
    assert response.status == 200 and response.body in ("", None)
    [delivered] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM)
    assert delivered.body["thread_ts"] == view.asker_thread
    assert "Bitte kein Statement" in blocks_text(delivered)
    assert slack_lotse.handoffs.get(CONTACT, view.id).status == "answered"


def test_answer_modal_refuses_a_non_contact(slack, fake_slack, slack_lotse):
    view = open_handoff(slack_lotse)
    values = {kit.ANSWER_INPUT[0]: {kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": "Hallo"}}}
    response = slack.submit(
        kit.ANSWER_MODAL, values, user=STRANGER, private_metadata=json.dumps({"handoff_id": view.id})
    )
    assert response.status == 200 and response.json()["response_action"] == "errors"
    assert slack_lotse.handoffs.get(CONTACT, view.id).status == "open"


def test_non_contact_clicking_done_is_refused_and_nothing_changes(slack, fake_slack, slack_lotse):
    view = open_handoff(slack_lotse)
    assert slack.click(kit.RESOLVE, view.id, user=STRANGER, channel="DSTRANGER1").status == 200
    [note] = fake_slack.wait_for("response_url")
    assert note.body["response_type"] == "ephemeral" and note.body["replace_original"] is False
    assert "Ansprechpersonen" in note.body["text"] and "contact people" in note.body["text"]
    assert slack_lotse.handoffs.get(CONTACT, view.id).status == "open"
    assert fake_slack.calls("chat.update") == []
    from datetime import timedelta

    from bot.inbox.inbox import Inbox

    assert "failed" not in Inbox(slack_lotse.store, owner="t", lease=timedelta(seconds=1)).counts()  # refused: done


def test_contact_claims_and_resolves(slack, fake_slack, slack_lotse):
    view = open_handoff(slack_lotse)
    slack.click(kit.CLAIM, view.id, user=CONTACT, channel="DCOMMS1", message_ts="5.0")
    [update] = fake_slack.wait_for("chat.update")
    assert update.body["ts"] == "5.0" and kit.CLAIM not in action_ids(update)
    assert slack_lotse.handoffs.get(CONTACT, view.id).claimed_by == CONTACT
    slack.click(kit.RESOLVE, view.id, user=CONTACT, channel="DCOMMS1", message_ts="5.0")
    fake_slack.wait_for("chat.update", 2)
    assert slack_lotse.handoffs.get(CONTACT, view.id).status == "resolved"


def test_retried_event_is_answered_once(slack, fake_slack, slack_lotse):
    to_employee = lambda c: c.body["channel"] == EMPLOYEE_DM  # noqa: E731
    response, ts = slack.dm(PRESS_QUESTION, event_id="EvRETRY1")
    assert response.status == 200
    again, _ = slack.dm(PRESS_QUESTION, event_id="EvRETRY1", ts=ts, retry=1)
    assert again.status == 200
    # the same message delivered under a new event id (e.g. as app_mention) is a duplicate too
    slack.event(
        {
            "type": "app_mention",
            "channel": EMPLOYEE_DM,
            "user": EMPLOYEE,
            "text": PRESS_QUESTION,
            "ts": ts,
            "event_ts": ts,
        }
    )
    fake_slack.wait_for("chat.postMessage", where=to_employee)
    time.sleep(1.0)
    assert len([c for c in fake_slack.calls("chat.postMessage") if to_employee(c)]) == 1
    assert len(slack_lotse.handoffs.list_for(CONTACT)) <= 1
    assert len([c for c in fake_slack.calls("chat.postMessage") if c.body["channel"] == CONTACT]) <= 1


def test_forged_and_stale_requests_get_401_and_change_nothing(slack, fake_slack, slack_lotse):
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvFORGED",
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": EMPLOYEE_DM,
                "user": EMPLOYEE,
                "text": PRESS_QUESTION,
                "ts": "1.1",
            },
        }
    )
    now = int(time.time())
    forged = slack.post(body, "application/json", signature=sign(body, now, "wrong-secret"))
    unsigned = slack.post(body, "application/json", signature="v0=")
    stale_ts = now - 6 * 60
    stale = slack.post(body, "application/json", timestamp=stale_ts, signature=sign(body, stale_ts))
    assert (forged.status, unsigned.status, stale.status) == (401, 401, 401)
    time.sleep(0.5)
    assert [c.method for c in fake_slack.calls() if c.method != "auth.test"] == []
    assert slack_lotse.handoffs.list_for(CONTACT) == []
    assert slack_lotse.store.claim_event("slack", "event:EvFORGED") is True  # not even recorded


def test_bot_messages_and_edits_are_ignored(slack, fake_slack):
    base = {"type": "message", "channel_type": "im", "channel": EMPLOYEE_DM, "text": PHOTO_QUESTION}
    slack.event({**base, "user": "ULOTSE", "bot_id": "BLOTSE", "ts": "10.1"})
    slack.event({**base, "subtype": "bot_message", "bot_id": "BOTHER", "ts": "10.2"})
    slack.event(
        {**base, "subtype": "message_changed", "ts": "10.3", "message": {"user": EMPLOYEE, "text": PHOTO_QUESTION}}
    )
    slack.event({**base, "user": "ULOTSE", "ts": "10.4"})
    time.sleep(1.5)
    assert fake_slack.calls("chat.postMessage") == []


def test_slash_lotse_answers_ephemerally(slack, fake_slack):
    response = slack.command("/lotse", "May I share our job ads on LinkedIn?")
    assert response.status == 200
    [answer] = fake_slack.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    text = blocks_text(answer)
    assert "job ads" in text and "Sources" in text
    assert "Helpful" in text or ("not sure" in text and "Yes, thanks" in text)  # sure, or honestly tentative
    assert fake_slack.calls("chat.postMessage") == []


def test_postcheck_shows_the_verdict_and_sends_for_approval(slack, fake_slack, slack_lotse):
    draft = "Wir haben einen neuen Großkunden gewonnen! Umsatz +20% im Quartal."
    assert slack.command("/postcheck", draft).status == 200
    [result] = fake_slack.wait_for("response_url")
    assert result.body["response_type"] == "ephemeral"
    text = blocks_text(result)
    assert "Freigabe" in text and "Großkunden" in text and "Vorschlag" in text
    assert "Unveröffentlichte Zahlen" in text  # the guideline section is quoted
    [check_id] = [
        e["value"]
        for b in result.json_field("blocks")
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == kit.SEND_APPROVAL
    ]
    # someone else can't send this draft
    slack.click(kit.SEND_APPROVAL, check_id, user=STRANGER, channel="C0GENERAL", response="stranger")
    fake_slack.wait_for("response_url", 2)
    assert slack_lotse.handoffs.list_for(CONTACT) == []
    slack.click(kit.SEND_APPROVAL, check_id, user=EMPLOYEE, channel="C0GENERAL", response="approval")
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == CONTACT)
    [handoff] = slack_lotse.handoffs.list_for(CONTACT)
    assert handoff.reason == "post_approval" and handoff.draft == draft
    notes = fake_slack.wait_for("response_url", 3)
    assert "Freigabe" in notes[-1].body["text"]
    # clicking again does not open a second handoff
    slack.click(kit.SEND_APPROVAL, check_id, user=EMPLOYEE, channel="C0GENERAL", response="again")
    fake_slack.wait_for("response_url", 4)
    assert len(slack_lotse.handoffs.list_for(CONTACT)) == 1
    # nothing about the handoff in the public channel
    assert not any(c.body.get("channel") == "C0GENERAL" for c in fake_slack.calls("chat.postMessage"))


def test_postcheck_without_text_opens_a_modal_and_answers_by_dm(slack, fake_slack):
    slack.command("/postcheck", "")
    [opened] = fake_slack.wait_for("views.open")
    view = opened.json_field("view")
    assert view["callback_id"] == kit.POSTCHECK_MODAL
    values = {
        kit.DRAFT_INPUT[0]: {
            kit.DRAFT_INPUT[1]: {"type": "plain_text_input", "value": "Schönes Sommerfest heute mit dem Team!"}
        }
    }
    assert slack.submit(kit.POSTCHECK_MODAL, values, user=EMPLOYEE).status == 200
    [dm] = fake_slack.wait_for("chat.postMessage")
    assert dm.body["channel"] == EMPLOYEE and "Post-Check" in blocks_text(dm)


def test_rate_limited_by_slack_is_retried_and_delivered(slack, fake_slack):
    fake_slack.fail_next("chat.postMessage", 1, status=429)
    _, ts = slack.dm(PHOTO_QUESTION)
    [post] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM, timeout=20)
    statuses = [c.status for c in fake_slack.attempts("chat.postMessage")]
    assert statuses[0] == 429 and statuses.count(429) == 1 and statuses[1] == 200
    assert post.body["thread_ts"] == ts


def test_server_errors_are_retried(slack, fake_slack):
    fake_slack.fail_next("chat.postMessage", 2, status=500)
    slack.dm(PHOTO_QUESTION)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM, timeout=20)
    assert [c.status for c in fake_slack.attempts("chat.postMessage")][:3] == [500, 500, 200]


def test_failing_contact_notification_keeps_the_handoff_open_and_in_the_inbox(slack, fake_slack, slack_lotse):
    fake_slack.fail_next("chat.postMessage", 10, status=500)
    view = open_handoff(slack_lotse)
    stored = slack_lotse.handoffs.get(CONTACT, view.id)
    assert stored.status == "open" and stored.notify_failed
    assert len(fake_slack.attempts("chat.postMessage")) == 4  # one try and three retries
    slack.event({"type": "app_home_opened", "user": CONTACT, "channel": "DCOMMS1", "tab": "home"})
    [home] = fake_slack.wait_for("views.publish")
    text = json.dumps(home.json_field("view"), ensure_ascii=False)
    assert f"#{view.id}" in text and "Benachrichtigung fehlgeschlagen" in text
