"""App Home: what Lotse can do and the employee's own open requests; for contact people, their inbox."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import blocks as kit
from bot.slack.app import SlackContext

log = logging.getLogger(__name__)
ACTIVE = ("open", "claimed")


def home_for(ctx: SlackContext, user_id: str) -> dict[str, Any]:
    handoffs = ctx.lotse.handoffs
    is_contact = ctx.lotse.contacts.is_contact(user_id)
    visible = handoffs.list_for(user_id, statuses=ACTIVE)  # oldest first
    mine = [view for view in visible if view.asker_id == user_id]
    inbox = visible if is_contact else None
    return kit.home_view(ctx.language_for(user_id), mine=mine, inbox=inbox)


def publish_home(ctx: SlackContext, client: WebClient, user_id: str) -> None:
    client.views_publish(user_id=user_id, view=home_for(ctx, user_id))


def register(app: App, ctx: SlackContext) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        publish_home(ctx, client, event["user"])
