"""App Home: what Lotse can do, the employee's own open requests and the practice switch ("Training / Übung");
for contact people, their inbox."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import blocks as kit
from bot.slack.context import PLATFORM, SlackContext, slack_context
from bot.slack.practice import switch_blocks


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)


def home_for(ctx: SlackContext, user_id: str) -> dict[str, Any]:
    overview, language = ctx.core.handoff_desk.overview(user_id), ctx.language_for(user_id)
    availability = ctx.core.absence_desk.status(user_id, language) if overview.inbox is not None else None
    practice = switch_blocks(ctx.core.practice.switch_view(PLATFORM, user_id, language))
    return kit.home_view(language, mine=overview.mine, inbox=overview.inbox, availability=availability, extra=practice)


def publish_home(ctx: SlackContext, client: WebClient, user_id: str) -> None:
    client.views_publish(user_id=user_id, view=home_for(ctx, user_id))


def on_home_opened(event: dict[str, Any], client: WebClient, context: Any) -> None:
    if event.get("tab", "home") != "home":
        return
    publish_home(slack_context(context), client, event["user"])
