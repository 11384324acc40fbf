"""Messages in the 1:1 chat → the core → the answer in the same chat.

The handler only reads the activity and stores it in the durable inbox (bot/teams/stored.py; Teams redelivers
an activity it got no answer to within ~15 s, with the same id, and a redelivery adds nothing), so the HTTP answer
goes back at once. An inbox worker shows the typing indicator, asks the core, and sends the answer with its
citations. "prüfen …" / "check …" is
the post check (bot/teams/postcheck.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.models import Asker, Conversation
from bot.practice import commands as practice_commands
from bot.teams import cards
from bot.teams.context import PLATFORM, Incoming, TeamsContext
from bot.teams.texts import both

log = logging.getLogger(__name__)


def register(app: Any, ctx: TeamsContext) -> None:
    @app.on_message
    async def on_message(turn: Any) -> None:
        incoming = Incoming.read(turn.activity)
        if incoming.conversation_type != "personal":
            return  # in channels and group chats Lotse stays quiet: questions may be private
        await asyncio.to_thread(ctx.store, incoming)  # durable before the HTTP answer; a redelivery adds nothing


def handle_message(ctx: TeamsContext, incoming: Incoming) -> None:
    """The slow part, in an inbox worker (bot/teams/stored.py): typing…, the core's answer, the reply."""
    ctx.remember(incoming)
    if ctx.answered(incoming):
        log.warning("Teams activity %s was answered before the crash; not answering twice", incoming.activity_id)
        return
    from bot.teams import postcheck

    draft = postcheck.command_draft(incoming.text)
    try:
        switch = practice_commands.status_language(incoming.text, incoming.language or ctx.default_language)
        if switch is not None:  # "training": the switch card (bot/teams/practice.py)
            from bot.teams.practice import send_switch

            send_switch(ctx, incoming, switch)
            return
        said = ctx.lotse.absence_desk.handle(incoming.user_id, incoming.text, PLATFORM)  # "abwesend bis 18.12."
        if said is None:  # "training an" / "training aus"
            said = practice_commands.handle(
                ctx.lotse.practice, PLATFORM, incoming.user_id, incoming.text, incoming.language or ctx.default_language
            )
        if said is not None:
            _say_availability(ctx, incoming, said)
        elif draft is not None:
            postcheck.check_in_chat(ctx, incoming, draft)
        else:
            answer(ctx, incoming)
    except Exception:
        log.exception("answering a Teams message failed")
        _say(ctx, incoming, both("teams.error"))


def history(ctx: TeamsContext, incoming: Incoming) -> tuple[str, ...]:
    """Earlier questions of this chat (the 1:1 chat is one thread), for short follow-ups."""
    return ctx.lotse.thread_history.earlier_questions(
        PLATFORM, incoming.conversation_id, incoming.conversation_id, exclude_message=incoming.message_id
    )


def answer(ctx: TeamsContext, incoming: Incoming) -> None:
    ctx.sender.typing(incoming.conversation_id, incoming.service_url)
    earlier = history(ctx, incoming)
    conversation = Conversation(
        platform=PLATFORM,
        channel_id=incoming.conversation_id,
        thread_id=incoming.conversation_id,
        message_id=incoming.message_id,
        history=earlier,
        language=incoming.language,
    )
    asker = Asker(user_id=incoming.user_id, platform=PLATFORM, display_name=incoming.user_name)
    reply = ctx.lotse.assistant.ask(incoming.text, asker, conversation)
    sent = ctx.sender.send(incoming.conversation_id, incoming.service_url, cards.answer_message(reply))
    ctx.mark_answered(incoming, sent)
    if sent and reply.exchange_id is not None:  # the built-in feedback names the answer's activity id
        ctx.refs.put("reply", f"{incoming.conversation_id}|{sent}", {"exchange_id": reply.exchange_id})


def _say_availability(ctx: TeamsContext, incoming: Incoming, said: str) -> None:
    """The reply to an absence command, with the availability card (back, hand over, set away) under it."""
    from microsoft_teams.api import MessageActivityInput

    from bot.handoff.absence_desk import language_of

    language = language_of(incoming.text)
    status = ctx.lotse.absence_desk.status(incoming.user_id, language)
    reply = MessageActivityInput(text=said)
    if status is not None:
        reply = reply.add_card(cards.availability_card(status, language))
    ctx.sender.send(incoming.conversation_id, incoming.service_url, reply)


def _say(ctx: TeamsContext, incoming: Incoming, text: str) -> None:
    from microsoft_teams.api import MessageActivityInput

    try:
        ctx.sender.send(incoming.conversation_id, incoming.service_url, MessageActivityInput(text=text))
    except Exception:
        log.exception("could not tell the user about an error")
