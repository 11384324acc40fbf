"""`build_asgi_app(...)`: Lotse's one ASGI application. GET /health, the Slack endpoint, and whatever other
platforms bring (`routes=[Route("/api/messages", ...)]`, `mounts={"/teams": asgi_app}`).

A platform handler is a plain synchronous function `RawRequest -> RawResponse` (`platform_route`): the body is
read and checked here (bot/server/guard.py) and the handler runs in the thread pool, so the event loop keeps
accepting connections while the database or Bolt work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.server.guard import RawRequest, RawResponse, Refused, read_request

log = logging.getLogger(__name__)
PlatformHandler = Callable[[RawRequest], RawResponse]
DEFAULT_MAX_BODY = 1_000_000


def platform_route(
    path: str, handler: PlatformHandler, *, max_body: int = DEFAULT_MAX_BODY, methods: Sequence[str] = ("POST",)
) -> Route:
    """A route whose requests are size- and encoding-checked, then given to `handler` in a worker thread."""

    async def endpoint(request: Request) -> Response:
        try:
            raw = await read_request(request, max_body)
        except Refused as refused:
            log.info("refused a request to %s: %s (%s)", request.url.path, refused.status, refused.reason)
            return PlainTextResponse(refused.reason, status_code=refused.status)
        result = await run_in_threadpool(handler, raw)
        return _response(result)

    return Route(path, endpoint, methods=list(methods))


def build_asgi_app(
    *,
    slack: PlatformHandler | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    routes: Sequence[BaseRoute] = (),
    mounts: Mapping[str, Any] | None = None,
) -> Starlette:
    """Health, Slack (when given) and the extra `routes` / `mounts` (path -> ASGI app) of other platforms."""
    table: list[BaseRoute] = [Route("/health", _health, methods=["GET"]), Route("/healthz", _health, methods=["GET"])]
    if slack is not None:
        table.append(platform_route("/slack/{rest:path}", slack, max_body=max_body))
    table.extend(routes)
    table.extend(Mount(path, app=app) for path, app in (mounts or {}).items())
    return Starlette(routes=table)


async def _health(request: Request) -> Response:
    return PlainTextResponse("ok")


def _response(result: RawResponse) -> Response:
    headers = {
        k: (v[0] if isinstance(v, (list, tuple)) else str(v))
        for k, v in (result.headers or {}).items()
        if k.lower() != "content-length" and v
    }
    media = headers.pop("content-type", None) or headers.pop("Content-Type", None) or "text/plain; charset=utf-8"
    return Response(result.body or "", status_code=result.status, headers=headers, media_type=media)
