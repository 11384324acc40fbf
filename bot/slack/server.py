"""`SlackHTTPServer`: the Slack app over HTTP in production form. uvicorn serves the Starlette app of
bot/server (health, Slack, and other platforms' routes); events go through the durable inbox (bot/inbox) and
are worked off by inbox worker threads; commands and interactions go to Bolt (bot/slack/front.py).

Tests start it on port 0 and stop it with `stop()`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from slack_bolt import App
from starlette.routing import BaseRoute

from bot.inbox.pool import WorkerPool
from bot.server.asgi import build_asgi_app
from bot.server.run import ServerThread
from bot.slack.app import SlackContext
from bot.slack.front import SlackFront
from bot.slack.stored_events import inbox_and_worker

log = logging.getLogger(__name__)


class SlackHTTPServer:
    def __init__(
        self,
        app: App,
        host: str = "0.0.0.0",
        port: int = 3000,
        *,
        routes: Sequence[BaseRoute] = (),
        mounts: Mapping[str, Any] | None = None,
        pool: WorkerPool | None = None,
    ) -> None:
        ctx: SlackContext = app.lotse_context  # type: ignore[attr-defined]
        settings = ctx.core.settings
        self.inbox, self.worker = inbox_and_worker(app, pool)  # `pool`: shared with Teams in lotse serve
        front = SlackFront(
            app,
            self.inbox,
            signing_secret=settings.slack_signing_secret,
            claim=ctx.dedupe.first,
            stored=self.worker.wake,
        )
        self.asgi = build_asgi_app(slack=front, max_body=settings.max_body_bytes, routes=routes, mounts=mounts)
        self._http = ServerThread(self.asgi, host, port)

    @property
    def port(self) -> int:
        return self._http.port

    @property
    def url(self) -> str:
        return self._http.url

    def start(self) -> SlackHTTPServer:
        self.worker.start()
        self._http.start()
        log.info("Lotse listens for Slack on port %s (POST /slack/events)", self.port)
        return self

    def stop(self) -> None:
        self._http.stop()
        self.worker.stop()
