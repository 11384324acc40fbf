"""Teams message activities through the durable inbox (bot/inbox), like Slack's events.

After the SDK validated the token, `store` puts the part of the activity Lotse uses (`Incoming`: ids, names,
locale, serviceUrl, text; never the token) into the inbox under `activity:<conversation id>:<activity id>`
before the HTTP answer goes back; a redelivery (Teams sends an unanswered activity again, same id) finds the row
and adds nothing. An inbox worker runs `StoredActivityHandler`; if the process dies, the lease runs out and the
item is worked again. The core keeps that re-run from doubling anything it stores (exchanges per message id,
handoffs per source message, notifications in the outbox); the reply is skipped when it was sent already.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from typing import TYPE_CHECKING

from bot.inbox.inbox import Inbox, StoredRequest
from bot.teams.context import PLATFORM, Incoming

if TYPE_CHECKING:  # pragma: no cover
    from bot.teams.context import TeamsContext

log = logging.getLogger(__name__)


def key_of(incoming: Incoming) -> str:
    return f"activity:{incoming.conversation_id}:{incoming.activity_id}"


def store(inbox: Inbox, incoming: Incoming) -> bool:
    """Store a verified activity; False for a redelivery of a stored one (logged by id only, no text)."""
    if inbox.put(PLATFORM, key_of(incoming), json.dumps(asdict(incoming), ensure_ascii=False)):
        return True
    log.info("dropping a redelivered Teams activity %s (the stored copy is answered once)", incoming.activity_id)
    return False


def read(item: StoredRequest) -> Incoming:
    return Incoming(**json.loads(item.body))


class StoredActivityHandler:
    """What the inbox worker pool runs for a stored Teams item: the message handler of bot/teams/messages.py."""

    def __init__(self, ctx: TeamsContext) -> None:
        self._ctx = ctx

    def __call__(self, item: StoredRequest) -> None:
        from bot.teams.messages import handle_message

        if item.attempts > 1:
            log.warning("inbox item %s: taking up interrupted Teams work again (attempt %s)", item.id, item.attempts)
        handle_message(self._ctx, read(item))
