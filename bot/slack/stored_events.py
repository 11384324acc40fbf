"""Working off a stored Slack event, command or click: the inbox worker runs the same Bolt listeners to completion.

The worker app is built without request verification (the signature was checked when the event was received,
and a retried item may be older than Slack's 5-minute window) and with `process_before_response=True`, so
`dispatch` returns only when the listener finished. Claims made while working carry the inbox item as owner
(bot/slack/dedupe.py), so a re-run after a crash is not dropped as its own duplicate.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.inbox.inbox import Inbox, StoredRequest
from bot.inbox.pool import WorkerPool
from bot.slack.dedupe import Deduper
from bot.slack.durable import storing, working

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
        with self._dedupe.owned_by(f"inbox:{item.id}"), working(item.attempts) as run:
            response = self._app.dispatch(request)
            refused = run.refused  # a refusal shown to the user is a finished request, not a failed one
        if response.status >= 500 and not refused:
            raise ListenerFailed(f"listener answered {response.status}")


def inbox_and_worker(app: App, pool: WorkerPool | None = None) -> tuple[Inbox, WorkerPool]:
    """The durable inbox of `app`'s Lotse and the worker pool (not started) that answers its events: `pool` when
    given (one pool for Slack and Teams in `lotse serve`), else a new one."""
    from bot.slack.app import build_worker_app

    ctx = app.lotse_context  # type: ignore[attr-defined]
    if pool is None:
        pool = WorkerPool.for_settings(ctx.dedupe.store, ctx.core.settings)
    pool.serve("slack", StoredEventHandler(build_worker_app(app), ctx.dedupe))
    ctx.defer = storing(pool.inbox.put, pool.wake, "slack")  # commands and clicks too (bot/slack/durable.py)
    return pool.inbox, pool


class InboxFirstApp:
    """For Socket Mode: what `SocketModeHandler` dispatches to. Events are stored in the durable inbox and then
    acknowledged (the workers answer them); everything else goes to the Bolt app as before."""

    def __init__(self, app: App, inbox: Inbox, stored: Any) -> None:
        self._app = app
        self._inbox = inbox
        self._stored = stored

    def dispatch(self, request: BoltRequest) -> BoltResponse:
        from bot.slack.front import store_event

        body = request.body
        if isinstance(body, dict) and body.get("type") == "event_callback":
            store_event(self._inbox, body, json.dumps(body, ensure_ascii=False))
            self._stored()
            return BoltResponse(status=200, body="")
        return self._app.dispatch(request)

    def __getattr__(self, name: str) -> Any:  # logger, client, ... of the Bolt app
        return getattr(self._app, name)
