"""Slack fixtures: the real Bolt app behind a real HTTP server on port 0, talking to our FakeSlack.

`slack` drives it like Slack does: signed HTTP requests (X-Slack-Signature v0) for events, slash commands,
button clicks and modal submissions; response_url points at the fake, so every answer is recorded there.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.support.fake_slack import FakeSlack
from tests.support.local_http import Response

SIGNING_SECRET = "test-signing-secret-8f2a"
EMPLOYEE = "UEMPLOYEE1"
EMPLOYEE_DM = "DEMPLOYEE1"
CONTACT = "UCOMMS1"
CONTACT_DM = "DCOMMS1"
STRANGER = "USTRANGER1"


def sign(body: str, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class SlackDriver:
    """Sends what Slack would send to the app's request URL."""

    url: str
    fake: FakeSlack
    secret: str = SIGNING_SECRET
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    # --- transport ---------------------------------------------------------------------------------
    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
        path: str = "/slack/events",
    ) -> Response:
        ts = int(time.time()) if timestamp is None else timestamp
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature or sign(body, ts, self.secret),
            **(headers or {}),
        }
        request = urllib.request.Request(self.url + path, data=body.encode(), headers=all_headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Response(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode())

    def post_json(self, payload: dict[str, Any], **kw: Any) -> Response:
        return self.post(json.dumps(payload), "application/json", **kw)

    def post_form(self, fields: dict[str, str], **kw: Any) -> Response:
        return self.post(urllib.parse.urlencode(fields), "application/x-www-form-urlencoded", **kw)

    # --- Events API --------------------------------------------------------------------------------
    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None, **kw: Any
    ) -> Response:
        payload = {
            "token": "legacy",
            "team_id": "T0LOTSE",
            "api_app_id": "A0LOTSE",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0LOTSE", "user_id": "ULOTSE", "is_bot": True}],
            "event": event,
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return self.post_json(payload, headers=headers, **kw)

    def dm(
        self,
        text: str,
        *,
        user: str = EMPLOYEE,
        channel: str = EMPLOYEE_DM,
        ts: str | None = None,
        thread_ts: str | None = None,
        **kw: Any,
    ) -> tuple[Response, str]:
        ts = ts or f"17634{next(self._ids):05d}.000200"
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "team": "T0LOTSE",
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return self.event(event, **kw), ts

    # --- slash commands ----------------------------------------------------------------------------
    def command(
        self, command: str, text: str, *, user: str = EMPLOYEE, channel: str = "C0GENERAL", response: str = "cmd"
    ) -> Response:
        fields = {
            "token": "legacy",
            "team_id": "T0LOTSE",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "employee",
            "command": command,
            "text": text,
            "api_app_id": "A0LOTSE",
            "response_url": self.fake.response_url(response),
            "trigger_id": f"trigger.{next(self._ids)}",
        }
        return self.post_form(fields)

    # --- interactivity -----------------------------------------------------------------------------
    def interact(self, payload: dict[str, Any], **kw: Any) -> Response:
        return self.post_form({"payload": json.dumps(payload)}, **kw)

    def click(
        self,
        action_id: str,
        value: str | int,
        *,
        user: str,
        channel: str,
        message_ts: str = "1.0",
        response: str = "action",
    ) -> Response:
        payload = {
            "type": "block_actions",
            "team": {"id": "T0LOTSE"},
            "api_app_id": "A0LOTSE",
            "user": {"id": user, "team_id": "T0LOTSE"},
            "trigger_id": f"trigger.{next(self._ids)}",
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
            "channel": {"id": channel},
            "response_url": self.fake.response_url(response),
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b",
                    "type": "button",
                    "value": str(value),
                    "action_ts": str(time.time()),
                }
            ],
        }
        return self.interact(payload)

    def submit(
        self, callback_id: str, values: dict[str, dict[str, Any]], *, user: str, private_metadata: str = ""
    ) -> Response:
        payload = {
            "type": "view_submission",
            "team": {"id": "T0LOTSE"},
            "api_app_id": "A0LOTSE",
            "user": {"id": user, "team_id": "T0LOTSE"},
            "trigger_id": f"trigger.{next(self._ids)}",
            "view": {
                "id": "V1",
                "type": "modal",
                "callback_id": callback_id,
                "private_metadata": private_metadata,
                "state": {"values": values},
            },
        }
        return self.interact(payload)


@pytest.fixture
def fake_slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def slack_lotse(settings, clock, fake_slack):
    from bot.app import Lotse

    updated = settings.model_copy(
        update={
            "slack_bot_token": "xoxb-test-token",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake_slack.api_url,
        }
    )
    return Lotse(updated, clock=clock)


@pytest.fixture
def slack_app(slack_lotse):
    from bot.slack.app import build_app

    return build_app(slack_lotse)


@pytest.fixture
def slack(slack_app, fake_slack):
    """The app served over real HTTP on a free port, and a driver that talks to it like Slack."""
    from bot.slack.server import SlackHTTPServer

    server = SlackHTTPServer(slack_app, host="127.0.0.1", port=0).start()
    try:
        yield SlackDriver(url=server.url, fake=fake_slack)
    finally:
        server.stop()
