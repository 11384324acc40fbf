"""Buttons and the answer modal: feedback, "talk to a person", claim / answer / resolve, send for approval.

Handoff buttons are for configured contact people only; anyone else gets an ephemeral refusal and nothing
changes (the core enforces the same rule; checking here first keeps the modal from even opening).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.handoff.errors import EmptyAnswer, HandoffNotFound, InvalidTransition, PermissionDenied
from bot.i18n import t
from bot.slack import blocks as kit
from bot.slack.app import SlackContext
from bot.slack.commands import _value, metadata
from bot.slack.drafts import ApprovalRefused, send_for_approval
from bot.slack.home import publish_home
from bot.slack.notifier import is_direct
from bot.slack.respond import respond
from bot.slack.texts import both
from bot.slack.threads import load_exchange
from bot.store.exchanges import ExchangeLog

log = logging.getLogger(__name__)


def _action_value(body: dict[str, Any]) -> str:
    return str((body.get("actions") or [{}])[0].get("value") or "")


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def tell(client: WebClient, body: dict[str, Any], text: str) -> None:
    """A private note to whoever clicked: ephemeral via response_url where possible, else a DM (App Home)."""
    user = body["user"]["id"]
    if body.get("response_url"):
        respond(body["response_url"], text)
        return
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    if channel:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    else:
        client.chat_postMessage(channel=user, text=text)


def register(app: App, ctx: SlackContext) -> None:
    lotse = ctx.lotse

    # --- the employee's buttons under an answer ------------------------------------------------------
    def feedback(helpful: bool):
        def listener(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
            ack()
            exchange_id = _int(_action_value(body))
            try:
                if exchange_id is None:
                    raise LookupError("no exchange")
                ExchangeLog(lotse.store, lotse.clock).set_feedback(exchange_id, body["user"]["id"], helpful)
            except PermissionError as exc:
                tell(client, body, str(exc))
                return
            except LookupError:
                tell(client, body, both("slack.feedback_failed"))
                return
            row = load_exchange(lotse.store, exchange_id)
            tell(client, body, t("slack.thanks_feedback", row.language if row else ctx.language))
        return listener

    app.action(kit.FEEDBACK_HELPFUL)(feedback(True))
    app.action(kit.FEEDBACK_UNHELPFUL)(feedback(False))

    @app.action(kit.ASK_HUMAN)
    def ask_human(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        exchange_id = _int(_action_value(body))
        row = load_exchange(lotse.store, exchange_id) if exchange_id is not None else None
        if row is None or not row.question:
            tell(client, body, both("slack.not_found"))
            return
        if row.asker_id != user:
            tell(client, body, both("slack.own_question_only"))
            return
        from bot.handoff.service import HandoffRequest

        request = HandoffRequest(
            platform="slack", source_message_id=f"human:{exchange_id}", asker_id=user,
            asker_channel=row.channel_id, asker_thread=row.thread_id, language=row.language,
            reason="requested", question=row.question, category=row.category,
            context=_passages(ctx, row.question, row.language), exchange_id=exchange_id)
        view, created = lotse.handoffs.open(request)
        key = "handoff_requested" if created else "handoff_existing"
        text = t(key, row.language, contact=view.contact_name, id=view.id)
        if is_direct(row.channel_id):
            client.chat_postMessage(channel=row.channel_id, thread_ts=row.thread_id, text=text)
        else:
            tell(client, body, text)

    # --- the contact person's buttons ----------------------------------------------------------------
    def contact_only(body: dict[str, Any], client: WebClient) -> bool:
        if lotse.contacts.is_contact(body["user"]["id"]):
            return True
        log.info("refused a handoff action by a non-contact")
        tell(client, body, both("slack.not_contact"))
        return False

    def after_change(body: dict[str, Any], client: WebClient, handoff_id: int) -> None:
        """Refresh where the button was: the DM message or the App Home."""
        user = body["user"]["id"]
        container = body.get("container") or {}
        try:
            if container.get("type") == "view" or (body.get("view") or {}).get("type") == "home":
                publish_home(ctx, client, user)
            elif container.get("message_ts") and container.get("channel_id"):
                view, language = lotse.handoffs.get(user, handoff_id), ctx.language_for(user)
                client.chat_update(channel=container["channel_id"], ts=container["message_ts"],
                                   text=kit.handoff_text(view, language), blocks=kit.handoff_blocks(view, language))
        except Exception:
            log.exception("refreshing handoff %s in Slack failed", handoff_id)

    def lifecycle(action: str):
        def listener(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
            ack()
            if not contact_only(body, client):
                return
            user, handoff_id = body["user"]["id"], _int(_action_value(body))
            try:
                if handoff_id is None:
                    raise HandoffNotFound(0)
                if action == "claim":
                    lotse.handoffs.claim(user, handoff_id)
                    done = "slack.claimed_done"
                else:
                    lotse.handoffs.resolve(user, handoff_id)
                    done = "slack.resolved_done"
            except (PermissionDenied, InvalidTransition, HandoffNotFound) as exc:
                tell(client, body, str(exc))
                return
            tell(client, body, t(done, ctx.language_for(user), id=handoff_id))
            after_change(body, client, handoff_id)
        return listener

    app.action(kit.CLAIM)(lifecycle("claim"))
    app.action(kit.RESOLVE)(lifecycle("resolve"))

    @app.action(kit.ANSWER)
    def open_answer(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        if not contact_only(body, client):
            return
        handoff_id = _int(_action_value(body))
        try:
            view = lotse.handoffs.get(body["user"]["id"], handoff_id or 0)
        except (HandoffNotFound, PermissionDenied) as exc:
            tell(client, body, str(exc))
            return
        modal = kit.answer_modal(view, ctx.language_for(body["user"]["id"]))
        container = body.get("container") or {}
        if container.get("message_ts"):
            import json

            meta = {"handoff_id": view.id, "channel_id": container.get("channel_id"),
                    "message_ts": container.get("message_ts")}
            modal["private_metadata"] = json.dumps(meta)
        client.views_open(trigger_id=body["trigger_id"], view=modal)

    @app.view(kit.ANSWER_MODAL)
    def answer_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        if not lotse.contacts.is_contact(user):
            ack(response_action="errors", errors={kit.ANSWER_INPUT[0]: both("slack.not_contact")})
            return
        text = (_value(view, *kit.ANSWER_INPUT) or "").strip()
        if not text:
            ack(response_action="errors", errors={kit.ANSWER_INPUT[0]: both("slack.empty_answer")})
            return
        ack()
        meta = metadata(view)
        handoff_id = int(meta.get("handoff_id") or 0)
        add_to_faq = "faq" in (_value(view, *kit.FAQ_INPUT) or [])
        try:
            lotse.handoffs.answer(user, handoff_id, text, add_to_faq=add_to_faq)
        except (PermissionDenied, InvalidTransition, HandoffNotFound, EmptyAnswer) as exc:
            client.chat_postMessage(channel=user, text=str(exc))
            return
        client.chat_postMessage(channel=user, text=t("slack.answered_done", ctx.language_for(user), id=handoff_id))
        if meta.get("message_ts"):
            body = {**body, "container": {"channel_id": meta["channel_id"], "message_ts": meta["message_ts"]}}
        after_change(body, client, handoff_id)

    # --- post check --------------------------------------------------------------------------------
    @app.action(kit.SEND_APPROVAL)
    def approval(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        check_id = _int(_action_value(body))
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        try:
            text = send_for_approval(ctx, body["user"]["id"], check_id or 0, channel)
        except ApprovalRefused as exc:
            tell(client, body, both(exc.key))
            return
        tell(client, body, text)


def _passages(ctx: SlackContext, question: str, language: str) -> list[dict[str, Any]]:
    """The bot's best passages for the contact person (what the core retrieves for the question)."""
    try:
        from bot.compose import to_source

        result = ctx.lotse.retriever.search(question, language, k=3)
        return [to_source(hit).to_json() for hit in result.hits[:3]]
    except Exception:
        log.exception("retrieving context for a handoff failed")
        return []
