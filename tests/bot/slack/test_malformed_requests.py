"""Malformed, oversized, forged and replayed requests at the Slack endpoint of the real server: each refused
with 400/401/413 (or acknowledged once, for a replay), before any work, without a traceback; the server goes on."""

from __future__ import annotations

import json
import logging
import time
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest

from tests.bot.slack.conftest import CONTACT, EMPLOYEE, EMPLOYEE_DM, sign
from tests.support.raw_http import raw_request

QUESTION = "Darf ich ein Foto von meinen Kollegen posten?"


def port_of(slack) -> int:
    return int(slack.url.rsplit(":", 1)[1])


def signed_head(
    body: bytes,
    *,
    timestamp: str | None = None,
    length: str | None = None,
    content_type: str = "application/json",
    signature: str | None = None,
) -> str:
    ts = timestamp if timestamp is not None else str(int(time.time()))
    sig = signature or sign(body.decode("utf-8", "replace"), int(ts) if ts.isdigit() else 0)
    return (
        f"POST /slack/events HTTP/1.1\r\nHost: lotse\r\nContent-Type: {content_type}\r\n"
        f"X-Slack-Request-Timestamp: {ts}\r\nX-Slack-Signature: {sig}\r\n"
        f"Content-Length: {length if length is not None else len(body)}"
    )


def event_body(text: str = QUESTION, event_id: str = "EvBAD1") -> bytes:
    return json.dumps(
        {
            "type": "event_callback",
            "event_id": event_id,
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": EMPLOYEE_DM,
                "user": EMPLOYEE,
                "text": text,
                "ts": "1763000000.000100",
            },
        }
    ).encode()


CASES = [
    ("invalid UTF-8 body", lambda: (signed_head(b"\xff\xfe{\x80}"), b"\xff\xfe{\x80}"), 400),
    ("timestamp abc", lambda: (signed_head(event_body(), timestamp="abc"), event_body()), 400),
    ("negative timestamp", lambda: (signed_head(event_body(), timestamp="-5"), event_body()), 400),
    ("Content-Length abc", lambda: (signed_head(event_body(), length="abc"), event_body()), 400),
    ("Content-Length -1", lambda: (signed_head(event_body(), length="-1"), event_body()), 400),
    ("Content-Length 2 MB", lambda: (signed_head(b"{}", length="2000000"), b"{}"), 413),
    ("3 MB body", lambda: (signed_head(event_body("x" * 3_000_000)), event_body("x" * 3_000_000)), 413),
    (
        "3 MB chunked, no length",
        lambda: (
            "POST /slack/events HTTP/1.1\r\nHost: lotse\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked",
            b"%x\r\n" % 3_000_000 + b"x" * 3_000_000 + b"\r\n0\r\n\r\n",
        ),
        413,
    ),
    ("signed, not JSON", lambda: (signed_head(b"{not json"), b"{not json"), 400),
    ("signed JSON array", lambda: (signed_head(b"[1, 2]"), b"[1, 2]"), 400),
    (
        "wrong secret",
        lambda: (
            signed_head(event_body(), signature=sign(event_body().decode(), int(time.time()), "wrong")),
            event_body(),
        ),
        401,
    ),
    ("no signature", lambda: (signed_head(event_body(), signature="v0="), event_body()), 401),
    ("stale timestamp", lambda: (signed_head(event_body(), timestamp=str(int(time.time()) - 600)), event_body()), 401),
]


@pytest.mark.parametrize("name, build, status", CASES, ids=[c[0] for c in CASES])
def test_a_malformed_request_is_refused_before_any_work(slack, slack_lotse, caplog, name, build, status):
    caplog.set_level(logging.DEBUG)
    head, body = build()
    answer_status, answer = raw_request(port_of(slack), head, body, timeout=30)
    assert answer_status == status, (name, answer[:300])
    assert stored_events(slack_lotse) == 0  # refused before it was stored: no work will follow
    with urllib.request.urlopen(slack.url + "/health", timeout=10) as health:
        assert health.status == 200
    assert "Traceback" not in caplog.text and "x" * 1000 not in caplog.text


def test_after_the_whole_battery_only_the_good_message_is_answered(slack, fake_slack, caplog):
    caplog.set_level(logging.DEBUG)
    for name, build, status in CASES:
        head, body = build()
        assert raw_request(port_of(slack), head, body, timeout=30)[0] == status, name
    response, _ = slack.dm(QUESTION)
    assert response.status == 200
    fake_slack.wait_for("chat.postMessage", timeout=60)
    time.sleep(1.0)
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert "Traceback" not in caplog.text


def stored_events(lotse) -> int:
    from bot.inbox.inbox import Inbox

    return sum(Inbox(lotse.store, owner="test", lease=timedelta(seconds=1)).counts().values())


def test_a_replayed_slash_command_is_answered_once(slack, fake_slack):
    fields = {
        "token": "legacy",
        "team_id": "T0LOTSE",
        "channel_id": "C0GENERAL",
        "user_id": EMPLOYEE,
        "command": "/lotse",
        "text": QUESTION,
        "response_url": fake_slack.response_url("cmd"),
        "trigger_id": "trigger.1",
    }
    body = urllib.parse.urlencode(fields)
    ts = int(time.time())
    statuses = [
        slack.post(body, "application/x-www-form-urlencoded", timestamp=ts, signature=sign(body, ts)).status
        for _ in range(10)
    ]
    assert statuses == [200] * 10
    fake_slack.wait_for("response_url", timeout=60)
    time.sleep(1.5)
    assert len(fake_slack.calls("response_url")) == 1
    # the same command typed again later is a new request, and answered
    later = ts + 1
    assert (
        slack.post(body, "application/x-www-form-urlencoded", timestamp=later, signature=sign(body, later)).status
        == 200
    )
    fake_slack.wait_for("response_url", count=2, timeout=60)


def test_a_replayed_button_click_acts_once(slack, fake_slack, slack_lotse):
    from bot.slack import blocks as kit
    from tests.bot.slack.test_slack_e2e import open_handoff

    view = open_handoff(slack_lotse)
    payload = {
        "type": "block_actions",
        "team": {"id": "T0LOTSE"},
        "api_app_id": "A0LOTSE",
        "user": {"id": CONTACT, "team_id": "T0LOTSE"},
        "trigger_id": "trigger.9",
        "container": {"type": "message", "message_ts": "1.0", "channel_id": "DCOMMS1"},
        "channel": {"id": "DCOMMS1"},
        "response_url": fake_slack.response_url("click"),
        "actions": [
            {"action_id": kit.CLAIM, "block_id": "b", "type": "button", "value": str(view.id), "action_ts": "1.0"}
        ],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    ts = int(time.time())
    for _ in range(5):
        assert (
            slack.post(body, "application/x-www-form-urlencoded", timestamp=ts, signature=sign(body, ts)).status == 200
        )
    time.sleep(2.0)
    claimed = [e for e in slack_lotse.handoffs.events(CONTACT, view.id) if e.action == "claimed"]
    assert len(claimed) == 1
