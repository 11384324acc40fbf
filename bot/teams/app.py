"""`build_teams(lotse)`: the Teams SDK's App over the core, its /api/messages routes and its sender.

    bot = build_teams(lotse)                       # TEAMS_CLIENT_ID / TEAMS_CLIENT_SECRET / TEAMS_TENANT_ID
    routes = bot.routes                            # Starlette routes: mount them in any ASGI app
    server = TeamsHTTPServer(bot.routes, port=3978).start()   # or serve them on their own uvicorn

The SDK validates every inbound token (bot/teams/auth.py keeps the key fetch off the event loop and insists on
a serviceUrl); listeners live in messages, actions, feedback, postcheck and install, each with `register(app, ctx)`.
Tests pass `token=` (a token provider callable instead of Entra) and point TEAMS_OPENID_METADATA_URL at a local
JWKS.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microsoft_teams.apps import App
from starlette.routing import BaseRoute

from bot.inbox.pool import WorkerPool
from bot.store.references import References
from bot.teams.auth import cloud_for, secure
from bot.teams.context import PLATFORM, TeamsContext
from bot.teams.http import RouteCollector
from bot.teams.sender import Sender
from bot.teams.stored import StoredActivityHandler

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)
WORKERS = 8


@dataclass
class TeamsBot:
    app: App
    ctx: TeamsContext
    routes: list[BaseRoute]

    own_pool: bool = True  # False when the pool is shared (with Slack in `lotse serve`): its owner stops it

    def close(self) -> None:
        if self.own_pool:
            self.ctx.pool.stop()
        self.ctx.workers.shutdown(wait=True, cancel_futures=False)
        self.ctx.sender.close()


def missing_settings(settings: Any, *, token: Any = None) -> list[str]:
    missing = [] if settings.teams_client_id else ["TEAMS_CLIENT_ID"]
    if token is None and not settings.teams_client_secret:
        missing.append("TEAMS_CLIENT_SECRET")
    return missing


def build_teams(lotse: Lotse, *, token: Any = None, pool: WorkerPool | None = None) -> TeamsBot:
    """The Teams adapter over `lotse`; `token` replaces the client secret by a token provider (tests). Stored
    activities are answered by `pool` (shared with Slack; its owner starts it), else by a pool of its own,
    started here."""
    settings = lotse.settings
    missing = missing_settings(settings, token=token)
    if missing:
        raise ValueError("Teams is not configured, missing: " + ", ".join(missing))
    cloud = cloud_for(settings)
    collector = RouteCollector()
    credentials: dict[str, Any] = (
        {"token": token} if token is not None else {"client_secret": settings.teams_client_secret}
    )
    app = App(
        client_id=settings.teams_client_id,
        tenant_id=settings.teams_tenant_id or None,
        cloud=cloud,
        http_server_adapter=collector,
        dangerously_allow_unauthenticated_requests=False,
        **credentials,
    )
    _run(app.initialize())
    secure(app.server)
    sender = Sender(f"28:{settings.teams_client_id}", app.token_provider, cloud, settings.teams_tenant_id or None)
    own_pool = pool is None
    pool = pool or WorkerPool.for_settings(lotse.store, settings)
    ctx = TeamsContext(
        lotse=lotse,
        sender=sender,
        refs=References(lotse.store, lotse.clock, PLATFORM),
        workers=ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="lotse-teams"),
        pool=pool,
    )
    pool.serve(PLATFORM, StoredActivityHandler(ctx))
    from bot.teams.notifier import TeamsNotifier

    lotse.notifier = TeamsNotifier(ctx)
    from bot.teams import actions, feedback, install, messages, postcheck

    for module in (messages, actions, feedback, postcheck, install):
        module.register(app, ctx)

    @app.event("error")
    async def on_error(event: Any) -> None:
        log.error("Teams listener failed: %s", type(event.error).__name__, exc_info=event.error)

    if own_pool:
        pool.start()
    return TeamsBot(app=app, ctx=ctx, routes=list(collector.routes), own_pool=own_pool)


def _run(coroutine: Any) -> Any:
    """Run a setup coroutine to completion, also when the caller is inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    thread.start()
    thread.join()
    return result[0] if result else None
