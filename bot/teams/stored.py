"""Teams message activities through the durable inbox (bot/inbox), like Slack's events.

After the SDK validated the token, `store` puts the part of the activity Lotse uses (`Incoming`: ids, names,
locale, serviceUrl, text; never the token) into the inbox under `activity:<conversation id>:<activity id>`
before the HTTP answer goes back; a redelivery (Teams sends an unanswered activity again, same id) finds the row
and adds nothing. An inbox worker runs `StoredActivityHandler`; if the process dies, the lease runs out and the
item is worked again. The core keeps that re-run from doubling anything it stores (exchanges per message id,
handoffs per source message, notifications in the outbox); the reply is skipped when it was sent already.

Card actions (Action.Execute) are stored too, under `action:<conversation id>:<activity id>`, but leased to the
process that received them, which works them within the invoke (the clicked card is replaced by the answer) and
then marks them done (`run_action`). Should that process die first, an inbox worker takes the action up again
and, the invoke being gone, shows its outcome as a message in the person's chat (`StoredActivityHandler`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bot.inbox.checkpoints import checkpoint
from bot.inbox.inbox import Inbox, StoredRequest
from bot.teams.context import PLATFORM, Incoming
from bot.teams.texts import both

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


def action_key(incoming: Incoming) -> str:
    return f"action:{incoming.conversation_id}:{incoming.activity_id}"


def action_body(incoming: Incoming, verb: str, data: dict[str, Any]) -> str:
    return json.dumps({"incoming": asdict(incoming), "verb": verb, "data": data}, ensure_ascii=False)


def run_action(ctx: TeamsContext, incoming: Incoming, verb: str, data: dict[str, Any]) -> Any:
    """A card action, stored (leased to this process) before it is worked within the invoke, done after."""
    from bot.teams.actions import dispatch, message

    inbox = ctx.pool.inbox
    item = inbox.put_held(PLATFORM, action_key(incoming), action_body(incoming, verb, data))
    if item is None:  # the same invoke again: its stored copy is being (or was) worked
        log.info("Teams action %s arrived again; the stored copy is worked once", incoming.activity_id)
        return message(both("teams.action_pending"))
    with inbox.heartbeat.holding(item.id, item.attempts):
        checkpoint("inbox.work")
        checkpoint("inbox.work.action")
        response = dispatch(ctx, incoming, verb, data)
    inbox.finish(item.id, attempts=item.attempts)
    return response


def redo_action(ctx: TeamsContext, body: dict[str, Any]) -> None:
    """An action whose process died before it finished: done again, its outcome sent into the person's chat."""
    from microsoft_teams.api import MessageActivityInput

    from bot.teams.actions import dispatch

    incoming = Incoming(**body["incoming"])
    response = dispatch(ctx, incoming, str(body.get("verb") or ""), dict(body.get("data") or {}), rerun=True)
    value = getattr(response.body, "value", None)
    outcome = MessageActivityInput(text=value) if isinstance(value, str) else MessageActivityInput().add_card(value)
    ctx.sender.send(incoming.conversation_id, incoming.service_url, outcome)


class StoredActivityHandler:
    """What the inbox worker pool runs for a stored Teams item: the message handler of bot/teams/messages.py."""

    def __init__(self, ctx: TeamsContext) -> None:
        self._ctx = ctx

    def __call__(self, item: StoredRequest) -> None:
        from bot.teams.messages import handle_message

        if item.attempts > 1:
            log.warning("inbox item %s: taking up interrupted Teams work again (attempt %s)", item.id, item.attempts)
        if item.key.startswith("action:"):
            redo_action(self._ctx, json.loads(item.body))
            return
        handle_message(self._ctx, read(item))
