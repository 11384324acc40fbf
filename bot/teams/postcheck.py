"""The post check from Teams: the bot command "prüfen <Entwurf>" / "check <draft>" in the 1:1 chat (declared in
the manifest's commandLists) and the message-extension action "Post-Check" from the compose box.

Both run the core's check (which also logs it for the weekly report) and show the verdict card with its findings
and, when approval is needed, "Zur Freigabe senden" (bot/teams/actions.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from microsoft_teams.api import InvokeResponse, MessageActivityInput

from bot.i18n import t
from bot.teams import cards
from bot.teams.context import PLATFORM, Incoming, TeamsContext

log = logging.getLogger(__name__)
COMMAND_ID = "postcheck"
DRAFT_PARAMETER = "draft"
_COMMAND = re.compile(r"^\s*/?(prüfen|pruefen|check|postcheck)\b[:\s]*", re.IGNORECASE)


def command_draft(text: str) -> str | None:
    """The draft after the command word, "" for the bare command, None when the message is no command."""
    match = _COMMAND.match(text or "")
    return text[match.end() :].strip() if match else None


def run_check(ctx: TeamsContext, user_id: str, draft: str) -> tuple[dict[str, Any], int | None]:
    """The core's check, logged; returns the verdict as data and the check's id (for "Zur Freigabe senden")."""
    checked = ctx.lotse.post_checks.check(user_id, PLATFORM, draft)
    return checked.verdict.to_json(), checked.check_id


def check_in_chat(ctx: TeamsContext, incoming: Incoming, draft: str) -> None:
    language = ctx.language_for(incoming.user_id, incoming.language)
    if not draft:
        message = MessageActivityInput(text=t("teams.postcheck_usage", language))
    else:
        ctx.sender.typing(incoming.conversation_id, incoming.service_url)
        data, check_id = run_check(ctx, incoming.user_id, draft)
        message = MessageActivityInput().add_card(cards.verdict_card(data, check_id))
    ctx.mark_answered(incoming, ctx.sender.send(incoming.conversation_id, incoming.service_url, message))


def register(app: Any, ctx: TeamsContext) -> None:
    @app.on_message_ext_submit
    async def on_extension(turn: Any) -> Any:
        incoming = Incoming.read(turn.activity)
        value = turn.activity.value
        data = value.data if isinstance(value.data, dict) else {}
        draft = str(data.get(DRAFT_PARAMETER) or "").strip()
        if value.command_id != COMMAND_ID:
            return InvokeResponse(status=200, body={})
        return await asyncio.to_thread(extension_result, ctx, incoming, draft)


def extension_result(ctx: TeamsContext, incoming: Incoming, draft: str) -> InvokeResponse[Any]:
    """The verdict card in the dialog the compose-box action opened."""
    ctx.remember(incoming)
    language = ctx.language_for(incoming.user_id, incoming.language)
    if not draft:
        card = cards.note_card(t("teams.postcheck_usage", language))
    else:
        data, check_id = run_check(ctx, incoming.user_id, draft)
        card = cards.verdict_card(data, check_id)
    attachment = {
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": card.model_dump(by_alias=True, exclude_none=True),
    }
    task = {"type": "continue", "value": {"title": t("teams.postcheck_title", language), "card": attachment}}
    return InvokeResponse(status=200, body={"task": task})
