"""Working off a stored Slack event: the inbox worker runs the same Bolt listeners to completion.

The worker app is built without request verification (the signature was checked when the event was received,
and a retried item may be older than Slack's 5-minute window) and with `process_before_response=True`, so
`dispatch` returns only when the listener finished. Claims made while working carry the inbox item as owner
(bot/slack/dedupe.py), so a re-run after a crash is not dropped as its own duplicate.
"""

from __future__ import annotations

import logging

from slack_bolt import App, BoltRequest

from bot.inbox.inbox import StoredRequest
from bot.slack.dedupe import Deduper

log = logging.getLogger(__name__)


class ListenerFailed(RuntimeError):
    pass


class StoredEventHandler:
    def __init__(self, worker_app: App, dedupe: Deduper) -> None:
        self._app = worker_app
        self._dedupe = dedupe

    def __call__(self, item: StoredRequest) -> None:
        if item.attempts > 1:
            log.warning("inbox item %s: taking up interrupted work again (attempt %s)", item.id, item.attempts)
        request = BoltRequest(body=item.body, headers={"content-type": ["application/json"]})
        with self._dedupe.owned_by(f"inbox:{item.id}"):
            response = self._app.dispatch(request)
        if response.status >= 500:
            raise ListenerFailed(f"listener answered {response.status}")
