"""Slash commands: `/lotse <Frage>` (ephemeral answer) and `/postcheck <Entwurf>` (verdict; modal without text)."""

from __future__ import annotations

import json
import logging
from typing import Any, Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.i18n import t
from bot.models import Asker, Conversation
from bot.slack import blocks as kit
from bot.slack.app import SlackContext
from bot.slack.drafts import run_check
from bot.slack.respond import respond
from bot.slack.texts import both

log = logging.getLogger(__name__)


def register(app: App, ctx: SlackContext) -> None:
    @app.command("/lotse")
    def lotse_command(ack: Ack, command: dict[str, Any]) -> None:
        ack()
        text = (command.get("text") or "").strip()
        if not text:
            respond(command["response_url"], both("slack.usage_lotse"))
            return
        conversation = Conversation(platform="slack", channel_id=command.get("channel_id"), thread_id=None,
                                    message_id=None)
        try:
            reply = ctx.lotse.assistant.ask(text, Asker(user_id=command["user_id"], platform="slack"),
                                            conversation)
        except Exception:
            log.exception("/lotse failed")
            respond(command["response_url"], both("slack.error"))
            return
        respond(command["response_url"], kit.reply_text(reply), kit.reply_blocks(reply))

    @app.command("/postcheck")
    def postcheck_command(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack()
        draft = command.get("text") or ""
        if not draft.strip():
            client.views_open(trigger_id=command["trigger_id"],
                              view=kit.postcheck_modal(command.get("channel_id")))
            return
        _check_and_show(ctx, command["user_id"], draft,
                        lambda text, blocks: respond(command["response_url"], text, blocks))

    @app.view(kit.POSTCHECK_MODAL)
    def postcheck_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        draft = (_value(view, *kit.DRAFT_INPUT) or "").strip()
        if not draft:
            ack(response_action="errors", errors={kit.DRAFT_INPUT[0]: both("slack.postcheck_label")})
            return
        ack()
        user = body["user"]["id"]
        _check_and_show(ctx, user, draft,
                        lambda text, blocks: client.chat_postMessage(channel=user, text=text, blocks=blocks))


def _check_and_show(ctx: SlackContext, user: str, draft: str, show: Callable[[str, list[Any]], Any]) -> None:
    try:
        data, check_id = run_check(ctx, user, draft)
    except Exception:
        log.exception("post check failed")
        show(both("slack.error"), kit.section(both("slack.error")))
        return
    show(kit.verdict_text(data), kit.verdict_blocks(data, check_id))


def _value(view: dict[str, Any], block_id: str, action_id: str) -> Any:
    state = (view.get("state") or {}).get("values") or {}
    element = (state.get(block_id) or {}).get(action_id) or {}
    if element.get("type") == "checkboxes":
        return [o.get("value") for o in element.get("selected_options") or []]
    return element.get("value")


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        return json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}


__all__ = ["register", "t"]
