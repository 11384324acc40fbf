"""Teams' built-in feedback buttons (👍/👎 under an answer) → the core's feedback on that exchange.

The feedback invoke names the answer's activity id (`replyToId`); `messages.answer` stored which exchange that
answer belongs to. Only the person who asked may rate (the core's rule).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from bot.errors import LotseError
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
    ref = _reference(ctx, f"{incoming.conversation_id}|{answer_id}")
    if ref is None:
        log.info("feedback on an unknown Teams answer")
        return False
    try:
        rate_exchange(ctx, int(ref["exchange_id"]), incoming.user_id, helpful)
    except LotseError as refused:  # not the asker, or the exchange is gone
        log.info("feedback refused (%s)", refused.key)
        return False
    return True


def _reference(ctx: TeamsContext, key: str, wait_seconds: float = 3.0) -> dict[str, Any] | None:
    """The answer's stored reference. It is written right after Teams accepted the answer, so a click that arrives
    in that moment waits for it briefly instead of being dropped."""
    deadline = time.monotonic() + wait_seconds
    while True:
        ref = ctx.refs.get("reply", key)
        if ref is not None or time.monotonic() >= deadline:
            return ref
        time.sleep(0.1)


def rate_exchange(ctx: TeamsContext, exchange_id: int, user_id: str, helpful: bool) -> None:
    ctx.lotse.feedback.rate(exchange_id, user_id, helpful)  # the core's feedback: only the asker rates
