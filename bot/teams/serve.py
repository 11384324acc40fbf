"""Serving Teams from `lotse serve`: alone on its own uvicorn (TEAMS_PORT), or beside Slack in the same process
with one notifier for both (bot/handoff/routed_notifier.py). The production ASGI server can mount `bot.routes`
instead of starting `TeamsHTTPServer`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.teams.app import TeamsBot, build_teams
from bot.teams.http import TeamsHTTPServer

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)


def attach_teams(lotse: Lotse, scheduler: Any | None, *, token: Any = None, pool: Any = None) -> TeamsBot:
    """Build the Teams adapter over `lotse` (keeping a Slack notifier already set) and add its report job; the
    caller serves `bot.routes` (beside Slack in `lotse serve`'s one ASGI process, or alone via `start_teams`).
    `pool`: the inbox worker pool Slack's events use, so one pool answers both platforms."""
    from bot.handoff.routed_notifier import RoutedNotifier
    from bot.teams.report import add_report_jobs

    previous = lotse.notifier if lotse._notifier is not None else None  # noqa: SLF001 - Slack's, if built first
    bot = build_teams(lotse, token=token, pool=pool)
    if previous is not None and type(previous).__name__ == "SlackNotifier":
        lotse.notifier = RoutedNotifier({"slack": previous, "teams": lotse.notifier})
    if scheduler is not None:
        from bot.teams.practice import add_practice_jobs

        add_report_jobs(scheduler, bot.ctx)
        add_practice_jobs(scheduler, bot.ctx)
    return bot


def start_teams(
    lotse: Lotse, scheduler: Any | None, *, port: int | None = None, host: str = "0.0.0.0", token: Any = None
) -> tuple[TeamsBot, TeamsHTTPServer]:
    """Teams on its own uvicorn (TEAMS_PORT): Teams alone, or beside Slack in Socket Mode."""
    bot = attach_teams(lotse, scheduler, token=token)
    server = TeamsHTTPServer(bot.routes, host=host, port=port if port is not None else lotse.settings.teams_port)
    server.start()
    return bot, server
