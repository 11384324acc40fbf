"""Adaptive Card actions (Action.Execute): "Mit einer Person sprechen", claim / answer / resolve, send for approval.

Each action is answered with a card that replaces the clicked one (Universal Actions), and every other contact
person's copy of a handoff card is replaced too, so nobody answers twice. Only configured contact people may act
on a handoff (checked here first, and again by the core); anyone else is told and nothing changes. The core's
calls run in a worker thread; the invoke is answered as soon as the change is stored. Each action is stored in the
durable inbox before it is worked (bot/teams/stored.py `run_action`): if the process dies mid-way, an inbox worker
does it again after the restart and sends the outcome into the person's chat.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

from microsoft_teams.api import AdaptiveCardActionCardResponse, AdaptiveCardActionMessageResponse, InvokeResponse

from bot.errors import LotseError
from bot.handoff.errors import HandoffNotFound
from bot.i18n import t
from bot.teams import cards, examples, practice
from bot.teams.context import PLATFORM, Incoming, TeamsContext
from bot.teams.stored import run_action
from bot.teams.texts import both

log = logging.getLogger(__name__)


def register(app: Any, ctx: TeamsContext) -> None:
    @app.on_card_action
    async def on_card_action(turn: Any) -> Any:
        incoming = Incoming.read(turn.activity)
        action = turn.activity.value.action
        data = dict(action.data or {})
        verb = action.verb or data.get("verb")
        return await asyncio.to_thread(run_action, ctx, incoming, str(verb or ""), data)  # stored first


def dispatch(ctx: TeamsContext, incoming: Incoming, verb: str, data: dict[str, Any], *, rerun: bool = False) -> Any:
    """The action's outcome as an invoke response; `rerun`: taken up again after a crash (bot/teams/stored.py)."""
    ctx.remember(incoming)
    language = ctx.language_for(incoming.user_id, incoming.language)
    try:
        if verb == cards.ASK_HUMAN:
            return message(ask_human(ctx, incoming, data))
        if verb == cards.SEND_APPROVAL:
            return message(send_for_approval(ctx, incoming, data))
        if verb in (cards.CLAIM, cards.ANSWER, cards.RESOLVE):
            return handoff_action(ctx, incoming, verb, data, language, rerun=rerun)
        if verb in (cards.ABSENCE_AWAY, cards.ABSENCE_BACK, cards.ABSENCE_HAND_OVER):
            return absence_action(ctx, incoming, verb, data, language)
        if verb in examples.VERBS:
            return examples.handle_action(ctx, incoming, verb, data, language)
        if verb in practice.VERBS:
            return practice.handle_action(ctx, incoming, verb, data)
    except LotseError as refused:  # the core's refusals are keys, rendered in the reader's language
        log.info("Teams action %s refused (%s)", verb, refused.key)
        return message(refused.text(language))
    except Exception:
        log.exception("Teams action %s failed", verb)
        return message(both("teams.error"))
    return message(both("teams.error"))


def message(text: str) -> InvokeResponse[Any]:
    return InvokeResponse(status=200, body=AdaptiveCardActionMessageResponse(value=text))


# --- the employee ---------------------------------------------------------------------------------
def ask_human(ctx: TeamsContext, incoming: Incoming, data: dict[str, Any]) -> str:
    """The core's "talk to a person" for the exchange under which the button was; the asker only."""
    opened = ctx.lotse.handoff_requests.person_for_exchange(_int(data.get("exchange_id")), incoming.user_id)
    return opened.text()


def send_for_approval(ctx: TeamsContext, incoming: Incoming, data: dict[str, Any]) -> str:
    opened = ctx.lotse.post_checks.send_for_approval(
        incoming.user_id, _int(data.get("check_id")), PLATFORM, incoming.conversation_id
    )
    return opened.text()


# --- contact people ---------------------------------------------------------------------------------
def handoff_action(
    ctx: TeamsContext, incoming: Incoming, verb: str, data: dict[str, Any], language: str, *, rerun: bool = False
) -> Any:
    user, desk = incoming.user_id, ctx.lotse.handoff_desk
    desk.require_contact(user)  # only configured contact people; nothing changes for anyone else
    handoff_id = _int(data.get("handoff_id"))
    if handoff_id is None:
        raise HandoffNotFound(0)
    before = desk.view(user, handoff_id) if rerun else None
    if before is not None and _done_by(before, verb, user):  # the crashed attempt made the change already
        view = before
    elif verb == cards.CLAIM:
        view = desk.claim(user, handoff_id)
    elif verb == cards.RESOLVE:
        view = desk.resolve(user, handoff_id)
    else:
        view = desk.answer(
            user,
            handoff_id,
            str(data.get(cards.ANSWER_INPUT) or ""),
            add_to_faq=str(data.get(cards.FAQ_INPUT)) == "true",
        )
    ctx.workers.submit(_refresh_copies, ctx, view)
    card = cards.handoff_card(view, language, ctx.name_of)
    return InvokeResponse(status=200, body=AdaptiveCardActionCardResponse(value=card))


def _done_by(view: Any, verb: str, user: str) -> bool:
    status, actor = {
        cards.CLAIM: ("claimed", view.claimed_by),
        cards.ANSWER: ("answered", view.answered_by),
        cards.RESOLVE: ("resolved", view.resolved_by),
    }[verb]
    return bool(view.status == status and actor == user)


def absence_action(ctx: TeamsContext, incoming: Incoming, verb: str, data: dict[str, Any], language: str) -> Any:
    """Set away (with the card's last day and "hand over now"), back, or hand the open ones over; the card is
    replaced by the new state with what was done on top."""
    user, desk = incoming.user_id, ctx.lotse.absence_desk
    ctx.lotse.handoff_desk.require_contact(user)  # only contact people have absences
    written = str(data.get("language") or "")
    language = written if written in ("de", "en") else language
    if verb == cards.ABSENCE_AWAY:
        try:
            until = date.fromisoformat(str(data.get(cards.UNTIL_INPUT) or "")) if data.get(cards.UNTIL_INPUT) else None
        except ValueError:
            return message(t("absence.bad_date", language))
        now = str(data.get(cards.HAND_OVER_INPUT)) == "true"
        said = desk.away_until(user, until, PLATFORM, language, hand_over=now)
    elif verb == cards.ABSENCE_BACK:
        said = desk.back(user, language)
    else:
        said = desk.hand_over(user, language)
    status = desk.status(user, language)
    if status is None:
        return message(said)
    card = cards.availability_card(status, language, note=said)
    return InvokeResponse(status=200, body=AdaptiveCardActionCardResponse(value=card))


def _refresh_copies(ctx: TeamsContext, view: Any) -> None:
    notifier = ctx.lotse.notifier
    refresh = getattr(notifier, "refresh_cards", None)
    if refresh is not None:
        refresh(view)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
