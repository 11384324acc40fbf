"""Where another platform adds its HTTP endpoint to `lotse serve` (e.g. Teams' POST /api/messages):

    from bot.server.platforms import register_routes

    @register_routes
    def teams_routes(lotse):
        return [platform_route("/api/messages", TeamsFront(lotse))]   # or Route(...) / Mount(...)

`lotse serve` collects them with `extra_routes(lotse)` and serves them beside Slack in the same uvicorn process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from starlette.routing import BaseRoute

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)
RouteHook = Callable[["Lotse"], Sequence[BaseRoute]]
ROUTE_HOOKS: list[RouteHook] = []


def register_routes(hook: RouteHook) -> RouteHook:
    if hook not in ROUTE_HOOKS:
        ROUTE_HOOKS.append(hook)
    return hook


def extra_routes(lotse: Lotse) -> list[BaseRoute]:
    routes: list[Any] = []
    for hook in list(ROUTE_HOOKS):
        routes.extend(hook(lotse))
    return routes
