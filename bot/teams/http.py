"""/api/messages as Starlette routes, so any ASGI server can carry them (the production server mounts them beside
Slack's; tests and a Teams-only `lotse serve` run them on their own uvicorn).

The SDK's `HttpServer` registers its handler through an `HttpServerAdapter`; `RouteCollector` is that adapter for
Starlette: it keeps the handler as a `Route` instead of starting FastAPI. A body that is not a JSON object, or
larger than MAX_BODY, is refused before the SDK sees it (400 / 413).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000


class RouteCollector:
    """An SDK `HttpServerAdapter` that only collects routes (no server of its own)."""

    def __init__(self) -> None:
        self.routes: list[BaseRoute] = []

    def register_route(self, method: str, path: str, handler: Any) -> None:
        if method != "POST":
            raise ValueError(f"unsupported method {method}")

        async def endpoint(request: Request) -> Response:
            body = await request.body()
            if len(body) > MAX_BODY:
                return PlainTextResponse("too large", status_code=413)
            try:
                payload = json.loads(body or b"null")
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                return JSONResponse({"error": "expected a JSON activity"}, status_code=400)
            result = await handler({"body": payload, "headers": dict(request.headers)})
            if result.get("body") is not None:
                return JSONResponse(result["body"], status_code=result["status"])
            return Response(status_code=result["status"])

        self.routes.append(Route(path, endpoint, methods=["POST"]))

    def serve_static(self, path: str, directory: str) -> None:  # the SDK's optional hook; Lotse serves no files
        return None

    async def start(self, port: int) -> None:
        raise NotImplementedError("serve the routes with an ASGI server (bot.teams.http.TeamsHTTPServer)")

    async def stop(self) -> None:
        return None


def health(_request: Request) -> Response:
    return PlainTextResponse("ok")


def asgi_app(routes: list[BaseRoute]) -> Starlette:
    return Starlette(routes=[*routes, Route("/health", health, methods=["GET"])])


class TeamsHTTPServer:
    """uvicorn serving the Teams routes in a thread with its own event loop; port 0 picks a free port."""

    def __init__(self, routes: list[BaseRoute], host: str = "0.0.0.0", port: int = 3978) -> None:
        config = uvicorn.Config(
            asgi_app(routes), host=host, port=port, log_level="warning", lifespan="off", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self._host = host

    @property
    def port(self) -> int:
        return int(self._server.servers[0].sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self._host in ("0.0.0.0", "") else self._host
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 10.0) -> TeamsHTTPServer:
        self._thread = threading.Thread(target=self._server.run, name="lotse-teams-http", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the Teams HTTP server did not start")
            time.sleep(0.02)
        log.info("Lotse listens for Teams on port %s (POST /api/messages)", self.port)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
