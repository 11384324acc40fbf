"""Fast tests of the module-level Slack listeners: no embedding model, no HTTP server in front of the app.

Each test uses real parts: a Lotse over a fresh SQLite database and the sample knowledge folder, a real
WebClient talking to the recording FakeSlack, Bolt's own `Ack` and `BoltContext`, and for the error road the
real App's `dispatch`. What needs the model (answering, retrieval) is covered by the end-to-end suite.
"""

from __future__ import annotations

import json
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import Ack, BoltContext, BoltRequest

from bot.handoff.errors import InvalidTransition, PermissionDenied
from bot.slack import blocks as kit

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
EMPLOYEE, EMPLOYEE_DM, CONTACT, STRANGER = "UEMPLOYEE1", "DEMPLOYEE1", "UCOMMS1", "USTRANGER1"
CONTACT_IDS = {"communications": [CONTACT], "legal": ["ULEGAL1"]}


@pytest.fixture
def fake():
    from tests.support.fake_slack import FakeSlack

    with FakeSlack() as fake_slack:
        yield fake_slack


@pytest.fixture
def core(tmp_path, fake):
    from bot.app import Lotse
    from bot.clock import FixedClock
    from bot.settings import Settings

    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=KNOWLEDGE,
        contact_ids=CONTACT_IDS,
        database_url=f"sqlite:///{tmp_path / 'lotse.db'}",
        slack_bot_token="xoxb-test",
        slack_signing_secret="",
        slack_api_url=fake.api_url,
    )
    return Lotse(settings, clock=FixedClock(datetime(2026, 11, 18, 9, 30, tzinfo=UTC)))


@pytest.fixture
def app(core):
    from bot.slack.app import build_app

    return build_app(core, token_verification=False)


@pytest.fixture
def context(app) -> BoltContext:
    from bot.slack.context import CONTEXT_KEY

    return BoltContext({CONTEXT_KEY: app.lotse_context})


@pytest.fixture
def client(app):
    return app.lotse_context.client


def exchange(core, user: str = EMPLOYEE, language: str = "de", message: str = "M1") -> int:
    from bot.models import Asker, Conversation, Reply

    reply = Reply(question="Darf ich Fotos aus der Halle posten?", language=language, outcome="answered", answer="…")
    conversation = Conversation(platform="slack", channel_id=EMPLOYEE_DM, thread_id="1.0", message_id=message)
    return core.exchange_log.record(reply, Asker(user_id=user, platform="slack"), conversation)


def handoff(core, source: str = "S1") -> int:
    from bot.handoff.service import HandoffRequest

    view, _ = core.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id=source,
            asker_id=EMPLOYEE,
            asker_channel=EMPLOYEE_DM,
            asker_thread="1.0",
            language="de",
            reason="sensitive",
            question="Eine Journalistin hat angerufen.",
            category="press",
        )
    )
    return view.id


def click(action_id: str, value: Any, user: str, fake, channel: str = EMPLOYEE_DM) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": "t.1",
        "team": {"id": "T0LOTSE"},
        "container": {"type": "message", "message_ts": "1.0", "channel_id": channel},
        "channel": {"id": channel},
        "response_url": fake.response_url("note"),
        "actions": [{"action_id": action_id, "value": str(value), "type": "button", "block_id": "b"}],
    }


def notes(fake) -> list[str]:
    return [call.body["text"] for call in fake.calls("response_url")]


# --- the employee's buttons ------------------------------------------------------------------------------
def test_feedback_is_stored_and_thanked_in_the_language_of_the_question(core, fake, context, client):
    from bot.slack.actions import helpful

    exchange_id = exchange(core, language="en")
    ack = Ack()
    helpful(ack, click(kit.FEEDBACK_HELPFUL, exchange_id, EMPLOYEE, fake), client, context)
    assert ack.response is not None and ack.response.status == 200
    assert notes(fake) == ["Thanks for your feedback!"]
    assert core.exchange_lookup.get(exchange_id).feedback == "helpful"


def test_rating_someone_elses_answer_is_refused_through_the_apps_error_handler(core, app, fake):
    exchange_id = exchange(core)
    payload = click(kit.FEEDBACK_UNHELPFUL, exchange_id, STRANGER, fake)
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    response = app.dispatch(BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]}))
    assert response.status == 200  # acknowledged at once
    [note] = fake.wait_for("response_url")
    assert note.body["text"] == (
        "Nur die fragende Person kann die Antwort bewerten. / Only the person who asked can rate the answer."
    )  # an employee: both languages
    assert core.exchange_lookup.get(exchange_id).feedback is None


def test_passing_on_someone_elses_question_is_refused_before_anything_is_opened(core, fake, context, client):
    from bot.slack.actions import ask_human

    exchange_id = exchange(core)
    with pytest.raises(PermissionDenied) as refused:
        ask_human(Ack(), click(kit.ASK_HUMAN, exchange_id, STRANGER, fake), client, context)
    assert refused.value.key == "handoff.error.own_question_only"
    assert core.handoffs.list_for(CONTACT) == []


def test_send_for_approval_of_an_unknown_check_is_refused(core, fake, context, client):
    from bot.postcheck.service import ApprovalRefused
    from bot.slack.actions import send_for_approval

    with pytest.raises(ApprovalRefused) as refused:
        send_for_approval(Ack(), click(kit.SEND_APPROVAL, "999", EMPLOYEE, fake), client, context)
    assert refused.value.key == "approval.error.not_found"


# --- the contact person's buttons ------------------------------------------------------------------------
def test_claim_by_a_contact_updates_the_message_and_says_so(core, fake, context, client):
    from bot.slack.handoff_actions import claim

    handoff_id = handoff(core)
    claim(Ack(), click(kit.CLAIM, handoff_id, CONTACT, fake, channel="DCOMMS1"), client, context)
    assert notes(fake) == [f"Du hast Anfrage #{handoff_id} übernommen."]
    [update] = fake.calls("chat.update")
    assert update.body["channel"] == "DCOMMS1" and kit.CLAIM not in json.dumps(update.json_field("blocks"))
    assert core.handoffs.get(CONTACT, handoff_id).claimed_by == CONTACT


def test_a_second_claim_is_refused_in_the_contacts_language_and_changes_nothing(core, app, fake, context, client):
    from bot.slack.app import on_error
    from bot.slack.handoff_actions import claim

    handoff_id = handoff(core)
    claim(Ack(), click(kit.CLAIM, handoff_id, CONTACT, fake), client, context)
    before = core.handoffs.get(CONTACT, handoff_id)
    body = click(kit.CLAIM, handoff_id, CONTACT, fake)
    with pytest.raises(InvalidTransition) as refused:
        claim(Ack(), body, client, context)
    on_error(refused.value, body, client, context)  # what Bolt does with a listener's error
    assert notes(fake)[-1] == f"Anfrage {handoff_id} ist bereits von dir übernommen."  # German only: a contact
    assert core.handoffs.get(CONTACT, handoff_id) == before


def test_non_contacts_cannot_claim_resolve_or_open_the_answer_dialog(core, fake, context, client):
    from bot.slack.handoff_actions import claim, open_answer, resolve

    handoff_id = handoff(core)
    for listener, action in ((claim, kit.CLAIM), (resolve, kit.RESOLVE), (open_answer, kit.ANSWER)):
        with pytest.raises(PermissionDenied) as refused:
            listener(Ack(), click(action, handoff_id, EMPLOYEE, fake), client, context)
        assert refused.value.key == "handoff.error.contacts_only"
    assert fake.calls("views.open") == [] and core.handoffs.get(CONTACT, handoff_id).status == "open"


def test_the_answer_dialog_refuses_an_empty_answer_inline_and_delivers_a_real_one(core, fake, context, client):
    from bot.slack.handoff_actions import answer_submitted

    handoff_id = handoff(core)
    fake.clear()

    def submission(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
        view = {
            "id": "V1",
            "type": "modal",
            "callback_id": kit.ANSWER_MODAL,
            "private_metadata": json.dumps({"handoff_id": handoff_id}),
            "state": {
                "values": {kit.ANSWER_INPUT[0]: {kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": text}}}
            },
        }
        return {"type": "view_submission", "user": {"id": CONTACT}, "view": view}, view

    ack = Ack()
    answer_submitted(ack, *submission("   "), client, context)
    errors = json.loads(ack.response.body)["errors"]
    assert errors == {kit.ANSWER_INPUT[0]: "Die Antwort ist leer. Bitte schreib eine Antwort."}
    assert core.handoffs.get(CONTACT, handoff_id).status == "open"
    ack = Ack()
    answer_submitted(ack, *submission("Bitte nichts sagen, ich rufe zurück."), client, context)
    assert not ack.response.body  # accepted
    to_employee = [c for c in fake.calls("chat.postMessage") if c.body["channel"] == EMPLOYEE_DM]
    assert len(to_employee) == 1 and to_employee[0].body["thread_ts"] == "1.0"
    assert core.handoffs.get(CONTACT, handoff_id).status == "answered"


def test_app_home_shows_a_contact_the_inbox_and_an_employee_only_their_requests(core, fake, context, client):
    from bot.slack.home import on_home_opened

    handoff_id = handoff(core)
    for user in (CONTACT, EMPLOYEE):
        on_home_opened({"type": "app_home_opened", "user": user, "tab": "home"}, client, context)
    contact_home, employee_home = (
        json.dumps(c.json_field("view"), ensure_ascii=False) for c in fake.calls("views.publish")
    )
    assert kit.ANSWER in contact_home and f"#{handoff_id}" in contact_home
    assert kit.ANSWER not in employee_home and f"#{handoff_id}" in employee_home


# --- messages --------------------------------------------------------------------------------------------
def test_in_a_channel_lotse_stays_out_of_threads_it_never_answered(core, fake, context, client):
    from bot.slack.messages import on_message

    event = {
        "type": "message",
        "channel": "C0GENERAL",
        "channel_type": "channel",
        "user": EMPLOYEE,
        "text": "Darf ich das posten?",
        "ts": "2.0",
        "thread_ts": "1.0",
    }
    on_message(event, client, context)  # no model is loaded: nothing is asked
    assert fake.calls() == [] and "assistant" not in core.__dict__


def test_bots_and_edits_are_ignored():
    from bot.slack.messages import is_from_a_person

    assert not is_from_a_person({"user": "U1", "bot_id": "B1"}, None)
    assert not is_from_a_person({"user": "U1", "subtype": "message_changed"}, None)
    assert not is_from_a_person({"user": "ULOTSE"}, "ULOTSE")
    assert is_from_a_person({"user": "U1", "subtype": "file_share"}, "ULOTSE")
