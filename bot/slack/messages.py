"""Direct messages, mentions and follow-ups in threads → `Assistant.ask` → the answer in the thread."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.models import Asker, Conversation
from bot.practice import commands as practice_commands
from bot.slack import blocks as kit
from bot.slack.context import PLATFORM, SlackContext, slack_context
from bot.slack.notifier import is_direct
from bot.slack.texts import both

log = logging.getLogger(__name__)
HANDLED_SUBTYPES = (None, "file_share", "thread_broadcast")
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(\|[^>]*)?>")


def register(app: App) -> None:
    app.event("message")(on_message)
    app.event("app_mention")(on_mention)


def is_from_a_person(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """Bots (Lotse included), edits, deletions and other system messages are ignored."""
    if event.get("bot_id") or event.get("bot_profile") or event.get("hidden"):
        return False
    if event.get("subtype") not in HANDLED_SUBTYPES:
        return False
    user = event.get("user")
    return bool(user) and user != bot_user_id


def on_message(event: dict[str, Any], client: WebClient, context: Any) -> None:
    if not is_from_a_person(event, context.get("bot_user_id")):
        return
    ctx = slack_context(context)
    channel, thread = event.get("channel"), event.get("thread_ts")
    if event.get("channel_type") != "im" and not is_direct(channel):
        # in channels Lotse only follows up in threads it already answered in
        if not channel or not thread or not ctx.core.thread_history.lotse_in_thread(PLATFORM, channel, thread):
            return
    handle_question(ctx, client, event)


def on_mention(event: dict[str, Any], client: WebClient, context: Any) -> None:
    if is_from_a_person(event, context.get("bot_user_id")):
        handle_question(slack_context(context), client, event)


def handle_question(ctx: SlackContext, client: WebClient, event: dict[str, Any]) -> None:
    channel, ts, user = event["channel"], event["ts"], event["user"]
    if not ctx.dedupe.message(channel, ts):  # the same message via message and app_mention, or a retry
        return
    thread = event.get("thread_ts") or ts
    message_id = f"{channel}:{ts}"
    text = _MENTION.sub("", event.get("text") or "").strip()
    history = (
        ctx.core.thread_history.earlier_questions(PLATFORM, channel, thread, exclude_message=message_id)
        if event.get("thread_ts")
        else ()
    )
    conversation = Conversation(
        platform=PLATFORM, channel_id=channel, thread_id=thread, message_id=message_id, history=history
    )
    if is_direct(channel):  # "training an" / "training aus" in the DM with Lotse
        said = practice_commands.handle(ctx.core.practice, PLATFORM, user, text, ctx.language)
        if said is not None:
            client.chat_postMessage(channel=channel, thread_ts=event.get("thread_ts"), text=said)
            return
    try:
        reply = ctx.core.assistant.ask(text, Asker(user_id=user, platform=PLATFORM), conversation)
    except Exception:
        log.exception("answering a Slack message failed")
        client.chat_postMessage(channel=channel, thread_ts=thread, text=both("slack.error"))
        return
    if reply.outcome == "handoff" and not is_direct(channel):
        # nothing about a handoff is shown in a channel: only the asker sees it
        client.chat_postEphemeral(
            channel=channel, user=user, text=kit.reply_text(reply), blocks=kit.reply_blocks(reply), thread_ts=thread
        )
        return
    client.chat_postMessage(
        channel=channel,
        thread_ts=thread,
        text=kit.reply_text(reply),
        blocks=kit.reply_blocks(reply),
        unfurl_links=False,
        unfurl_media=False,
    )
