"""Private notes to whoever clicked or typed, and the one place where core refusals become Slack text.

`tell` answers ephemerally through the response_url where there is one, else ephemerally in the channel, else
by DM (App Home, modals). `refuse` renders a keyed core error (`bot.errors.LotseError`) in the reader's
language: a contact person's from contacts.yaml, German / English for employees.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from bot.errors import LotseError
from bot.slack.context import SlackContext
from bot.slack.respond import respond

log = logging.getLogger(__name__)


def tell(client: WebClient, body: dict[str, Any], text: str) -> None:
    """A private note to whoever clicked: ephemeral via response_url where possible, else a DM (App Home)."""
    user = body["user"]["id"]
    if body.get("response_url"):
        respond(body["response_url"], text)
        return
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    if channel:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    else:
        client.chat_postMessage(channel=user, text=text)


def refusal_text(ctx: SlackContext, user_id: str | None, error: LotseError) -> str:
    return error.text(ctx.reader_language(user_id) if user_id else None)


def refuse(ctx: SlackContext, client: WebClient, body: dict[str, Any], error: LotseError) -> None:
    """Tell the user what the core refused (logged by key only: no user text in logs)."""
    user = (body.get("user") or {}).get("id") or body.get("user_id")
    log.info("refused in Slack: %s", error.key)
    if body.get("response_url") or body.get("user"):
        tell(client, {**body, "user": {"id": user}}, refusal_text(ctx, user, error))
