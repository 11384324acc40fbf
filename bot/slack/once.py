"""Slack replies posted once across a crash. Slack has no idempotency key for chat.postMessage, so the key travels in
the message itself: inside a delivery (bot/inbox/delivery_key.py) every chat.postMessage carries message metadata
`{"event_type": "lotse_delivery", "event_payload": {"key": "inbox:42#1"}}`. Only a resumed attempt (its item or
outbox message was taken over from a dead process, or retried) first reads the place it posts to —
conversations.replies for a thread, conversations.history otherwise, with `include_all_metadata` and `oldest` at
the request's arrival — and takes a message with its key as sent. A first attempt posts at once: no extra call.

A failed look-up (a missing scope, Slack down) posts anyway: better twice than never.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.inbox.checkpoints import checkpoint
from bot.inbox.delivery_key import Delivery, current

log = logging.getLogger(__name__)
EVENT_TYPE = "lotse_delivery"
CLOCK_MARGIN = timedelta(minutes=2)  # our clock against Slack's: look a little further back than the arrival
PAGE, MAX_PAGES = 200, 5


class OnceClient(WebClient):
    """A WebClient whose chat.postMessage is keyed inside a delivery and looked up first when it is resumed."""

    def chat_postMessage(self, *, channel: str, **kwargs: Any) -> SlackResponse:
        delivery = current()
        if delivery is None or kwargs.get("metadata") is not None:
            return super().chat_postMessage(channel=channel, **kwargs)
        key = delivery.next_key()
        if delivery.resumed:
            found = self._posted_before(delivery, channel, kwargs.get("thread_ts"), key)
            if found is not None:
                log.info("Slack message %s was posted before the crash; not posted again", key)
                return found
        metadata = {"event_type": EVENT_TYPE, "event_payload": {"key": key}}
        response = super().chat_postMessage(channel=channel, metadata=metadata, **kwargs)
        checkpoint(f"slack.posted.{delivery.base.split(':', 1)[0]}")  # crash tests: Slack took it, nothing recorded
        return response

    def _posted_before(self, delivery: Delivery, channel: str, thread: str | None, key: str) -> SlackResponse | None:
        place = (channel, thread)
        try:
            if place not in delivery.seen:
                delivery.seen[place] = self._keys_in(channel, thread, _oldest(delivery))
        except SlackApiError as exc:
            log.warning("looking up earlier Slack posts failed (%s); posting again", exc.response.get("error"))
            return None
        ts = delivery.seen[place].get(key)
        if ts is None:
            return None
        return SlackResponse(
            client=self,
            http_verb="POST",
            api_url="chat.postMessage",
            req_args={},
            data={"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts}},
            headers={},
            status_code=200,
        )

    def _keys_in(self, channel: str, thread: str | None, oldest: str | None) -> dict[str, str]:
        """{delivery key: ts} of Lotse's messages in the thread (or the channel) since `oldest`."""
        if not channel.startswith(("C", "D", "G")):  # a user id: the app's DM with them
            channel = self.conversations_open(users=channel)["channel"]["id"]
        found: dict[str, str] = {}
        cursor = None
        for _ in range(MAX_PAGES):
            args: dict[str, Any] = dict(channel=channel, include_all_metadata=True, limit=PAGE, oldest=oldest)
            if cursor:
                args["cursor"] = cursor
            page = self.conversations_replies(ts=thread, **args) if thread else self.conversations_history(**args)
            for message in page.get("messages") or []:
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == EVENT_TYPE:
                    found[str((metadata.get("event_payload") or {}).get("key"))] = str(message.get("ts"))
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return found


def _oldest(delivery: Delivery) -> str | None:
    since = delivery.since
    if since is None:
        return None
    if since.tzinfo is None:  # SQLite gives the stored UTC time back without its zone
        since = since.replace(tzinfo=UTC)
    return f"{(since - CLOCK_MARGIN).timestamp():.6f}"
