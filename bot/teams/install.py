"""Installation: remember where Lotse was installed. In a team, its channel is where the weekly report goes
(TEAMS_REPORT_CONVERSATION overrides it); in a personal scope, Lotse says hello.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from microsoft_teams.api import MessageActivityInput

from bot.i18n import t
from bot.teams.context import Incoming, TeamsContext

log = logging.getLogger(__name__)
CHANNEL_KINDS = ("channel",)


def register(app: Any, ctx: TeamsContext) -> None:
    @app.on_install_add
    async def on_install(turn: Any) -> None:
        await asyncio.to_thread(installed, ctx, Incoming.read(turn.activity), _team_id(turn.activity))

    @app.on_conversation_update
    async def on_update(turn: Any) -> None:
        activity = turn.activity
        bot_id = getattr(activity.recipient, "id", None)
        added = [m for m in getattr(activity, "members_added", None) or [] if m.id == bot_id]
        if added:
            await asyncio.to_thread(installed, ctx, Incoming.read(activity), _team_id(activity))


def installed(ctx: TeamsContext, incoming: Incoming, team_id: str | None) -> None:
    if not ctx.lotse.store.claim_event("teams", f"installed:{incoming.conversation_id}"):
        return  # installationUpdate and conversationUpdate both say it: greet once
    ctx.remember(incoming)
    language = incoming.language or ctx.default_language
    if incoming.conversation_type in CHANNEL_KINDS:
        ctx.refs.put(
            "report_channel",
            team_id or incoming.conversation_id,
            {
                "conversation_id": incoming.conversation_id,
                "service_url": incoming.service_url,
                "tenant_id": incoming.tenant_id,
            },
        )
        log.info("Lotse installed in a team; its channel receives the weekly report")
        text = t("teams.installed_channel", language)
    elif incoming.conversation_type == "personal":
        text = t("teams.welcome", language)
    else:
        return
    ctx.sender.send(incoming.conversation_id, incoming.service_url, MessageActivityInput(text=text))


def _team_id(activity: Any) -> str | None:
    team = getattr(getattr(activity, "channel_data", None), "team", None)
    return getattr(team, "id", None)
