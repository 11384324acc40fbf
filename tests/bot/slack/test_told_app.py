"""A refusal raised right after a click was acknowledged: Slack still gets its 200 (not Bolt's 404 after 3 s,
which Slack shows as an error on the button), and the user is told once."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient

from bot.handoff.errors import PermissionDenied
from bot.slack.told_app import ToldApp

CLICK = {
    "type": "block_actions",
    "team": {"id": "T0LOTSE"},
    "user": {"id": "USTRANGER1"},
    "trigger_id": "trigger.1",
    "response_url": "http://127.0.0.1:9/response",
    "actions": [{"action_id": "lotse_answer", "value": "7", "type": "button"}],
}


def app_with_refusing_listener(app_class: type[App], told: list[str], fake_slack) -> App:
    options = {
        "client": WebClient(token="xoxb-test", base_url=fake_slack.api_url),
        "signing_secret": "unused",
        "request_verification_enabled": False,
        "token_verification_enabled": False,
        "process_before_response": False,
        "listener_executor": ThreadPoolExecutor(max_workers=2),
    }
    if app_class is ToldApp:
        options["on_refusal"] = lambda error, body, client, context: told.append(error.key)
    else:
        options["raise_error_for_unhandled_request"] = False
    app = app_class(**options)
    if app_class is not ToldApp:
        app.error(lambda error: told.append(error.key))  # the same quick refusal, through Bolt's error handler

    @app.action("lotse_answer")
    def refuse_after_ack(ack, body, client, context):  # what a live listener does for a non-contact
        ack()
        raise PermissionDenied("handoff.error.contacts_only")

    return app


def click(app: App) -> tuple[int | None, float]:
    started = time.monotonic()
    response = app.dispatch(BoltRequest(body=urlencode({"payload": json.dumps(CLICK)})))
    return response.status if response else None, time.monotonic() - started


def test_a_refusal_after_the_ack_keeps_the_ack_and_is_told_once(fake_slack):
    told: list[str] = []
    status, took = click(app_with_refusing_listener(ToldApp, told, fake_slack))
    assert status == 200 and took < 1.0
    time.sleep(0.2)  # the listener runs in Bolt's thread pool
    assert told == ["handoff.error.contacts_only"]


@pytest.mark.parametrize("app_class", [App])
def test_without_it_bolt_answers_the_same_click_with_404_after_three_seconds(app_class, fake_slack):
    """Why `ToldApp` exists (slack_bolt's thread runner drops an ack when the listener raises afterwards)."""
    status, took = click(app_with_refusing_listener(app_class, [], fake_slack))
    assert status == 404 and took >= 2.9
