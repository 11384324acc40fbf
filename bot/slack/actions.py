"""The employee's buttons: feedback under an answer, "talk to a person", "send for approval".

Each listener is stored in the durable inbox before it is acknowledged (bot/slack/durable.py); the inbox worker
then calls one core service and renders its result; a refusal (a keyed `LotseError`)
is raised on to the app's error handler, which tells the user (bot/slack/app.py `on_error`).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.i18n import t
from bot.slack import blocks as kit
from bot.slack.context import PLATFORM, slack_context
from bot.slack.durable import deferred
from bot.slack.notifier import is_direct
from bot.slack.replies import tell
from bot.slack.views import action_id_number, clicked_channel

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(kit.FEEDBACK_HELPFUL)(helpful)
    app.action(kit.FEEDBACK_UNHELPFUL)(not_helpful)
    app.action(kit.ASK_HUMAN)(ask_human)
    app.action(kit.SEND_APPROVAL)(send_for_approval)


def helpful(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    _feedback(ack, body, client, context, helpful=True)


def not_helpful(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    _feedback(ack, body, client, context, helpful=False)


def _feedback(ack: Ack, body: dict[str, Any], client: WebClient, context: Any, *, helpful: bool) -> None:
    if deferred(slack_context(context), ack, body):  # stored before the ack; an inbox worker answers
        return
    ack()
    language = slack_context(context).core.feedback.rate(action_id_number(body), body["user"]["id"], helpful)
    tell(client, body, t("slack.thanks_feedback", language))


def ask_human(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """ "Mit einem Menschen sprechen": the core opens (once) a handoff for the asker's own question."""
    if deferred(slack_context(context), ack, body):
        return
    ack()
    opened = slack_context(context).core.handoff_requests.person_for_exchange(
        action_id_number(body), body["user"]["id"]
    )
    view = opened.view
    if is_direct(view.asker_channel):
        client.chat_postMessage(channel=view.asker_channel, thread_ts=view.asker_thread, text=opened.text())
    else:
        tell(client, body, opened.text())


def send_for_approval(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    if deferred(slack_context(context), ack, body):
        return
    ack()
    opened = slack_context(context).core.post_checks.send_for_approval(
        body["user"]["id"], action_id_number(body), PLATFORM, clicked_channel(body)
    )
    tell(client, body, opened.text())
