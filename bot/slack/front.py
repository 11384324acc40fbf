"""What the HTTP server does with a Slack request, before any work: refuse, store, or hand to Bolt.

1. A malformed timestamp is refused with 400, a bad or stale signature with 401 (slack_sdk's verifier; the body
   is never logged).
2. Events API deliveries (`event_callback`) are stored in the durable inbox and acknowledged with 200; the
   inbox workers answer them (bot/slack/stored_events.py). A retry of a stored event adds nothing.
3. Slash commands and interactions go to the Bolt app, whose listeners store them in the same inbox before they
   acknowledge (bot/slack/durable.py; opening a modal stays live: Slack's trigger_id lasts 3 seconds); the same
   signed request replayed within Slack's 5-minute window is acknowledged and dropped, recorded in the database
   so it holds across restarts and replicas.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.inbox.inbox import Inbox
from bot.server.guard import RawRequest, RawResponse

log = logging.getLogger(__name__)
PLATFORM = "slack"
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_EMPTY = RawResponse(200, "")


class SlackFront:
    def __init__(
        self,
        app: App,
        inbox: Inbox,
        *,
        signing_secret: str,
        claim: Callable[[str], bool],
        stored: Callable[[], None] = lambda: None,
    ) -> None:
        self._app = app
        self._inbox = inbox
        self._verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self._claim = claim  # processed-event claim: True the first time a key is seen
        self._stored = stored  # wakes an inbox worker

    def __call__(self, request: RawRequest) -> RawResponse:
        timestamp = request.header("x-slack-request-timestamp")
        if timestamp is not None and not _TIMESTAMP.fullmatch(timestamp.strip()):
            return RawResponse(400, "bad X-Slack-Request-Timestamp")
        signature = request.header("x-slack-signature") or ""
        if self._verifier is not None and not self._verifier.is_valid(request.body, timestamp or "", signature):
            log.info("refused a Slack request: invalid or expired signature")
            return RawResponse(401, "invalid signature")
        if "json" in (request.header("content-type") or ""):
            return self._json(request)
        if not self._claim(f"request:{_digest(signature or request.body)}"):
            log.info("dropped a replayed Slack request (same signature within the 5-minute window)")
            return _EMPTY
        return self._bolt(request)

    def _json(self, request: RawRequest) -> RawResponse:
        try:
            payload = json.loads(request.body)
        except ValueError:
            return RawResponse(400, "body is not JSON")
        if not isinstance(payload, dict):
            return RawResponse(400, "body is not a JSON object")
        if payload.get("type") != "event_callback":
            return self._bolt(request)  # url_verification, app_rate_limited
        store_event(self._inbox, payload, request.body)
        self._stored()  # also for a retry: its first copy may wait for a worker
        return _EMPTY

    def _bolt(self, request: RawRequest) -> RawResponse:
        headers: dict[str, str | Sequence[str]] = dict(request.headers)
        response = self._app.dispatch(BoltRequest(body=request.body, query=request.query, headers=headers))
        return RawResponse(response.status, response.body or "", _headers(response.headers))


def store_event(inbox: Inbox, payload: dict[str, Any], body: str) -> bool:
    """Store an Events API delivery; a retry or duplicate of a stored one adds nothing (logged by id only)."""
    if inbox.put(PLATFORM, event_key(payload, body), body):
        return True
    log.info("dropping duplicate Slack event %s (the stored copy is answered once)", payload.get("event_id"))
    return False


def event_key(payload: dict[str, Any], body: str) -> str:
    event_id = payload.get("event_id")
    return f"event:{event_id}" if isinstance(event_id, str) and event_id else f"body:{_digest(body)}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _headers(headers: dict[str, Any]) -> dict[str, list[str]]:
    return {k: list(v) if isinstance(v, (list, tuple)) else [str(v)] for k, v in (headers or {}).items()}
