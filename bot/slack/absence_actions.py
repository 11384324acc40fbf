"""A contact person's availability from App Home: "Abwesend melden" (a modal: last day, hand over now?), "Ich bin
zurück", and handing the open questions they hold to whoever stands in — one click each. The same button follows
the reply to `/lotse abwesend bis 18.12.`. All decisions and texts are the core's (bot/handoff/absence_desk.py).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.i18n import t
from bot.slack import blocks as kit
from bot.slack.context import PLATFORM, SlackContext, slack_context
from bot.slack.home import publish_home
from bot.slack.replies import tell
from bot.slack.views import action_value, input_value

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(kit.ABSENCE_AWAY)(open_away)
    app.action(kit.ABSENCE_BACK)(back)
    app.action(kit.ABSENCE_HAND_OVER)(hand_over)
    app.view(kit.ABSENCE_MODAL)(away_submitted)


def open_away(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    ctx, user = slack_context(context), body["user"]["id"]
    ctx.core.handoff_desk.require_contact(user)  # only contact people have absences
    client.views_open(trigger_id=body["trigger_id"], view=kit.absence_modal(ctx.language_for(user)))


def away_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any) -> None:
    ctx, user = slack_context(context), body["user"]["id"]
    language = ctx.language_for(user)
    picked = input_value(view, *kit.UNTIL_INPUT)
    try:
        until = date.fromisoformat(picked) if picked else None
    except ValueError:
        until = None
    if until is not None and until < ctx.core.absence_desk.today():
        ack(response_action="errors", errors={kit.UNTIL_INPUT[0]: t("absence.bad_date", language)})
        return
    ack()
    ctx.core.handoff_desk.require_contact(user)
    hand_over_now = "hand_over" in (input_value(view, *kit.HAND_OVER_INPUT) or [])
    said = ctx.core.absence_desk.away_until(user, until, PLATFORM, language, hand_over=hand_over_now)
    client.chat_postMessage(channel=user, text=said)
    _refresh_home(ctx, client, user)


def back(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    ctx, user = slack_context(context), body["user"]["id"]
    ctx.core.handoff_desk.require_contact(user)
    tell(client, body, ctx.core.absence_desk.back(user, ctx.language_for(user)))
    _refresh_home(ctx, client, user)


def hand_over(ack: Ack, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    ctx, user = slack_context(context), body["user"]["id"]
    ctx.core.handoff_desk.require_contact(user)
    _, _, written = action_value(body).partition(":")  # the reply to "/lotse away …" keeps its language
    language = written if written in ("de", "en") else ctx.language_for(user)
    tell(client, body, ctx.core.absence_desk.hand_over(user, language))
    _refresh_home(ctx, client, user)


def _refresh_home(ctx: SlackContext, client: WebClient, user: str) -> None:
    try:
        publish_home(ctx, client, user)
    except Exception:
        log.exception("refreshing App Home after an absence change failed")
