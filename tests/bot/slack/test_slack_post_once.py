"""Slack messages keyed in their metadata and looked up only when work is resumed (bot/slack/once.py), against the
local Slack stand-in over real HTTP: a first attempt posts with its key and makes no extra call; a resumed one finds
what its predecessor posted (in a thread, at the top of a DM, in the DM a user id leads to) and posts the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.inbox.delivery_key import delivering
from bot.slack.once import EVENT_TYPE, OnceClient
from tests.bot.slack.conftest import EMPLOYEE_DM

LOOKUPS = ("conversations.history", "conversations.replies", "conversations.open")
THREAD = "1763400000.000100"


def client(fake_slack) -> OnceClient:
    return OnceClient(token="xoxb-test-token", base_url=fake_slack.api_url, timeout=5)


def keys(fake_slack, channel: str) -> list[str | None]:
    return [(m.get("metadata") or {}).get("event_payload", {}).get("key") for m in fake_slack.messages(channel)]


def lookups(fake_slack) -> list[str]:
    return [c.method for c in fake_slack.calls() if c.method in LOOKUPS]


def just_now() -> datetime:
    return datetime.now(UTC) - timedelta(seconds=1)


def test_outside_a_delivery_a_message_is_posted_as_before(fake_slack):
    client(fake_slack).chat_postMessage(channel=EMPLOYEE_DM, text="Hallo")
    assert keys(fake_slack, EMPLOYEE_DM) == [None] and lookups(fake_slack) == []


def test_a_first_attempt_keys_each_post_and_looks_nothing_up(fake_slack):
    slack = client(fake_slack)
    with delivering("inbox:7", resumed=False, since=just_now()):
        slack.chat_postMessage(channel=EMPLOYEE_DM, thread_ts=THREAD, text="eins")
        slack.chat_postMessage(channel=EMPLOYEE_DM, text="zwei")
    assert keys(fake_slack, EMPLOYEE_DM) == ["inbox:7#1", "inbox:7#2"]
    [post, _] = fake_slack.calls("chat.postMessage")
    assert post.body["metadata"] == {"event_type": EVENT_TYPE, "event_payload": {"key": "inbox:7#1"}}
    assert lookups(fake_slack) == []


def test_a_resumed_attempt_finds_its_posts_in_the_thread_and_at_the_top(fake_slack):
    slack = client(fake_slack)
    since = just_now()
    with delivering("inbox:7", resumed=False, since=since):  # the attempt that died after its two posts
        slack.chat_postMessage(channel=EMPLOYEE_DM, thread_ts=THREAD, text="eins")
        first = slack.chat_postMessage(channel=EMPLOYEE_DM, text="zwei")
    with delivering("inbox:7", resumed=True, since=since):
        slack.chat_postMessage(channel=EMPLOYEE_DM, thread_ts=THREAD, text="eins")
        again = slack.chat_postMessage(channel=EMPLOYEE_DM, text="zwei")
        slack.chat_postMessage(channel=EMPLOYEE_DM, text="drei")  # the part the dead attempt never reached
    assert keys(fake_slack, EMPLOYEE_DM) == ["inbox:7#1", "inbox:7#2", "inbox:7#3"]
    assert again["ts"] == first["ts"]
    assert lookups(fake_slack) == ["conversations.replies", "conversations.history"]  # once per place
    [replies] = fake_slack.calls("conversations.replies")
    assert replies.body["ts"] == THREAD and replies.body["include_all_metadata"] in (True, "1", "true")
    assert float(replies.body["oldest"]) < since.timestamp()


def test_a_resumed_notification_to_a_user_id_is_looked_up_in_the_dm(fake_slack):
    slack = client(fake_slack)
    since = just_now()
    with delivering("outbox:3", resumed=False, since=since):
        slack.chat_postMessage(channel="UCOMMS1", text="Neue Anfrage")
    with delivering("outbox:3", resumed=True, since=since):
        slack.chat_postMessage(channel="UCOMMS1", text="Neue Anfrage")
    assert keys(fake_slack, "UCOMMS1") == ["outbox:3#1"]
    assert lookups(fake_slack) == ["conversations.open", "conversations.history"]


def test_what_was_posted_before_the_request_arrived_does_not_count(fake_slack):
    slack = client(fake_slack)
    with delivering("outbox:3", resumed=False, since=just_now()):
        slack.chat_postMessage(channel=EMPLOYEE_DM, text="alt")
    with delivering("outbox:3", resumed=True, since=datetime.now(UTC) + timedelta(minutes=5)):
        slack.chat_postMessage(channel=EMPLOYEE_DM, text="neu")
    assert len(fake_slack.messages(EMPLOYEE_DM)) == 2


def test_a_failed_look_up_posts_anyway(fake_slack):
    slack = client(fake_slack)
    fake_slack.fail_next("conversations.history", 1, status=500)
    with delivering("outbox:3", resumed=True, since=just_now()):
        slack.chat_postMessage(channel=EMPLOYEE_DM, text="Neue Anfrage")
    assert keys(fake_slack, EMPLOYEE_DM) == ["outbox:3#1"]


def test_a_reply_worked_from_the_inbox_carries_its_key_and_costs_no_look_up(slack, fake_slack):
    response, ts = slack.dm("Darf ich ein Foto von meinen Kollegen posten?")
    assert response.status == 200
    [reply] = fake_slack.wait_for("chat.postMessage", where=lambda c: c.body.get("channel") == EMPLOYEE_DM)
    assert reply.body["thread_ts"] == ts
    assert reply.body["metadata"]["event_type"] == EVENT_TYPE
    assert reply.body["metadata"]["event_payload"]["key"].startswith("inbox:")
    assert lookups(fake_slack) == []
