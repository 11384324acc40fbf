"""The contact person's buttons and the answer modal: claim, answer (+ "für die FAQ vormerken"), resolve.

Only configured contact people may act (the core's `HandoffDesk` refuses anyone else before anything changes,
before a modal even opens). After a change the message or App Home the button was in is refreshed. Claim, resolve
and the submitted answer are stored in the durable inbox before the ack and worked from there
(bot/slack/durable.py); opening the answer modal stays live (Slack's trigger_id lasts 3 seconds).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import LotseError
from bot.i18n import t
from bot.slack import blocks as kit
from bot.slack.context import SlackContext, slack_context
from bot.slack.durable import deferred, is_rerun
from bot.slack.home import publish_home
from bot.slack.replies import refusal_text, tell
from bot.slack.views import action_id_number, input_value, metadata

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(kit.CLAIM)(claim)
    app.action(kit.RESOLVE)(resolve)
    app.action(kit.ANSWER)(open_answer)
    app.view(kit.ANSWER_MODAL)(answer_submitted)


def claim(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    if deferred(slack_context(context), ack, body):  # stored before the ack; an inbox worker answers
        return
    ack()
    ctx, user, handoff_id = slack_context(context), body["user"]["id"], action_id_number(body) or 0
    if not done_before(ctx, user, handoff_id, "claimed"):
        ctx.core.handoff_desk.claim(user, handoff_id)
    tell(client, body, t("slack.claimed_done", ctx.language_for(user), id=handoff_id))
    refresh(ctx, client, body, handoff_id)


def resolve(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    if deferred(slack_context(context), ack, body):
        return
    ack()
    ctx, user, handoff_id = slack_context(context), body["user"]["id"], action_id_number(body) or 0
    if not done_before(ctx, user, handoff_id, "resolved"):
        ctx.core.handoff_desk.resolve(user, handoff_id)
    tell(client, body, t("slack.resolved_done", ctx.language_for(user), id=handoff_id))
    refresh(ctx, client, body, handoff_id)


def open_answer(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """Live, never stored: the modal needs the click's trigger_id within 3 seconds (nothing changes yet)."""
    ack()
    ctx, user = slack_context(context), body["user"]["id"]
    form = ctx.core.handoff_desk.open_answer(user, action_id_number(body) or 0)
    modal = kit.answer_modal(form.view, ctx.language_for(user))
    container = body.get("container") or {}
    if container.get("message_ts"):
        modal["private_metadata"] = json.dumps(
            {
                "handoff_id": form.view.id,
                "channel_id": container.get("channel_id"),
                "message_ts": container.get("message_ts"),
            }
        )
    client.views_open(trigger_id=body["trigger_id"], view=modal)


def answer_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any) -> None:
    ctx, user = slack_context(context), body["user"]["id"]
    try:  # fast checks while the modal waits for its acknowledgement (3 s)
        text = ctx.core.handoff_desk.check_answer(user, input_value(view, *kit.ANSWER_INPUT))
    except LotseError as refused:
        ack(response_action="errors", errors={kit.ANSWER_INPUT[0]: refusal_text(ctx, user, refused)})
        return
    if deferred(ctx, ack, body):  # validated live, answered from the inbox
        return
    ack()
    meta = metadata(view)
    handoff_id = int(meta.get("handoff_id") or 0)
    add_to_faq = "faq" in (input_value(view, *kit.FAQ_INPUT) or [])
    if not done_before(ctx, user, handoff_id, "answered"):
        ctx.core.handoff_desk.answer(user, handoff_id, text, add_to_faq=add_to_faq)
    client.chat_postMessage(channel=user, text=t("slack.answered_done", ctx.language_for(user), id=handoff_id))
    if meta.get("message_ts"):
        body = {**body, "container": {"channel_id": meta["channel_id"], "message_ts": meta["message_ts"]}}
    refresh(ctx, client, body, handoff_id)


def done_before(ctx: SlackContext, user: str, handoff_id: int, status: str) -> bool:
    """True when this is a re-run after a crash and the interrupted attempt already made the change: the re-run
    then only shows the outcome (instead of the core's "already claimed/answered" refusal)."""
    if not is_rerun():
        return False
    try:
        view = ctx.core.handoff_desk.view(user, handoff_id)
    except LotseError:
        return False
    actor = {"claimed": view.claimed_by, "answered": view.answered_by, "resolved": view.resolved_by}.get(status)
    return view.status == status and actor == user


def refresh(ctx: SlackContext, client: WebClient, body: dict[str, Any], handoff_id: int) -> None:
    """Redraw where the button was: the DM message or the App Home."""
    user = body["user"]["id"]
    container = body.get("container") or {}
    try:
        if container.get("type") == "view" or (body.get("view") or {}).get("type") == "home":
            publish_home(ctx, client, user)
        elif container.get("message_ts") and container.get("channel_id"):
            view, language = ctx.core.handoff_desk.view(user, handoff_id), ctx.language_for(user)
            client.chat_update(
                channel=container["channel_id"],
                ts=container["message_ts"],
                text=kit.handoff_text(view, language),
                blocks=kit.handoff_blocks(view, language),
            )
    except Exception:
        log.exception("refreshing handoff %s in Slack failed", handoff_id)
