"""Slash commands: `/lotse <Frage>` (ephemeral answer) and `/postcheck <Entwurf>` (verdict; modal without text)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.handoff.absence_desk import language_of as absence_language
from bot.models import Asker, Conversation
from bot.practice import commands as practice_commands
from bot.slack import blocks as kit
from bot.slack.context import PLATFORM, SlackContext, slack_context
from bot.slack.durable import deferred
from bot.slack.respond import respond
from bot.slack.texts import both
from bot.slack.views import input_value

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.command("/lotse")(lotse_command)
    app.command("/postcheck")(postcheck_command)
    app.view(kit.POSTCHECK_MODAL)(postcheck_submitted)


def lotse_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    ctx = slack_context(context)
    if deferred(ctx, ack, command):  # stored before the ack; an inbox worker answers (bot/slack/durable.py)
        return
    ack()
    ctx.work.submit(_logged, answer_command, ctx, command)  # the listener thread is free for the next ack


def answer_command(ctx: SlackContext, command: dict[str, Any]) -> None:
    text = (command.get("text") or "").strip()
    if not text:
        respond(command["response_url"], both("slack.usage_lotse"))
        return
    said = ctx.core.absence_desk.handle(command["user_id"], text, PLATFORM)  # "abwesend bis 18.12.", "zurück"
    if said is not None:  # with the hand-over as one click while open questions are still with them
        language = absence_language(text)
        status = ctx.core.absence_desk.status(command["user_id"], language)
        respond(command["response_url"], said, kit.absence_reply_blocks(said, status, language))
        return
    said = practice_commands.handle(ctx.core.practice, PLATFORM, command["user_id"], text, ctx.language)
    if said is not None:
        respond(command["response_url"], said)
        return
    conversation = Conversation(
        platform=PLATFORM, channel_id=command.get("channel_id"), thread_id=None, message_id=None
    )
    try:
        reply = ctx.core.assistant.ask(text, Asker(user_id=command["user_id"], platform=PLATFORM), conversation)
    except Exception:
        log.exception("/lotse failed")
        respond(command["response_url"], both("slack.error"))
        return
    respond(command["response_url"], kit.reply_text(reply), kit.reply_blocks(reply))


def _logged(work: Callable[..., Any], *args: Any) -> None:
    """Run `work` in the work pool; an error there is logged (a future nobody reads would swallow it)."""
    try:
        work(*args)
    except Exception:
        log.exception("Slack command work failed")


def postcheck_command(ack: Ack, command: dict[str, Any], client: WebClient, context: Any) -> None:
    draft = command.get("text") or ""
    if not draft.strip():  # the modal needs the trigger_id within 3 seconds: opened live, never stored
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=kit.postcheck_modal(command.get("channel_id")))
        return
    ctx = slack_context(context)
    if deferred(ctx, ack, command):
        return
    ack()
    ctx.work.submit(
        _logged,
        check_and_show,
        ctx,
        command["user_id"],
        draft,
        lambda text, blocks: respond(command["response_url"], text, blocks),
    )


def postcheck_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any) -> None:
    draft = (input_value(view, *kit.DRAFT_INPUT) or "").strip()
    if not draft:
        ack(response_action="errors", errors={kit.DRAFT_INPUT[0]: both("slack.postcheck_label")})
        return
    ctx = slack_context(context)
    if deferred(ctx, ack, body):  # validated live (the errors go back in the ack), worked from the inbox
        return
    ack()
    user = body["user"]["id"]
    check_and_show(
        ctx,
        user,
        draft,
        lambda text, blocks: client.chat_postMessage(channel=user, text=text, blocks=blocks),
    )


def check_and_show(ctx: SlackContext, user: str, draft: str, show: Callable[[str, list[Any]], Any]) -> None:
    try:
        checked = ctx.core.post_checks.check(user, PLATFORM, draft)
    except Exception:
        log.exception("post check failed")
        show(both("slack.error"), kit.section(both("slack.error")))
        return
    data = checked.verdict.to_json()
    show(kit.verdict_text(data), kit.verdict_blocks(data, checked.check_id))
