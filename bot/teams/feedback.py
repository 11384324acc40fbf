"""Teams' built-in feedback buttons (👍/👎 under an answer) → the core's feedback on that exchange.

The feedback invoke names the answer's activity id (`replyToId`); `messages.answer` stored which exchange that
answer belongs to. Only the person who asked may rate (the core's rule).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.teams.context import Incoming, TeamsContext

log = logging.getLogger(__name__)


def register(app: Any, ctx: TeamsContext) -> None:
    @app.on_message_submit_feedback
    async def on_feedback(turn: Any) -> None:
        incoming = Incoming.read(turn.activity)
        value = turn.activity.value
        reaction = getattr(getattr(value, "action_value", None), "reaction", None)
        await asyncio.to_thread(rate, ctx, incoming, str(turn.activity.reply_to_id or ""), reaction == "like")


def rate(ctx: TeamsContext, incoming: Incoming, answer_id: str, helpful: bool) -> bool:
    """Store the rating; False (logged, nothing stored) when the answer is unknown or not the rater's."""
    ref = ctx.refs.get("reply", f"{incoming.conversation_id}|{answer_id}")
    if ref is None:
        log.info("feedback on an unknown Teams answer")
        return False
    try:
        rate_exchange(ctx, int(ref["exchange_id"]), incoming.user_id, helpful)
    except Exception as refused:  # the core's refusal (not the asker, unknown exchange) or a database error
        log.info("feedback refused (%s)", type(refused).__name__)
        return False
    return True


def rate_exchange(ctx: TeamsContext, exchange_id: int, user_id: str, helpful: bool) -> None:
    feedback = getattr(ctx.lotse, "feedback", None)  # the core's feedback service (only the asker rates)
    if feedback is not None:
        feedback.rate(exchange_id, user_id, helpful)
        return
    from bot.store.exchanges import ExchangeLog  # pragma: no cover - a core without the feedback service

    ExchangeLog(ctx.lotse.store, ctx.lotse.clock).set_feedback(exchange_id, user_id, helpful)
