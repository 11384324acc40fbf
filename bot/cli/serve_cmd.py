"""`lotse serve`: the Slack app. Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on --port."""

from __future__ import annotations

import logging
import signal
import threading
from typing import TYPE_CHECKING, Any, cast

import click

from bot.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from slack_bolt import App

    from bot.app import Lotse
    from bot.teams.app import TeamsBot
    from bot.teams.http import TeamsHTTPServer

log = logging.getLogger(__name__)


def missing_tokens(settings: Settings) -> list[str]:
    missing = [] if settings.slack_bot_token else ["SLACK_BOT_TOKEN"]
    if not (settings.slack_app_token or settings.slack_signing_secret):
        missing.append("SLACK_SIGNING_SECRET (HTTP) oder/or SLACK_APP_TOKEN (Socket Mode)")
    return missing


@click.command("serve")
@click.option("--port", type=int, default=None, help="HTTP port (default: $PORT / $LOTSE_PORT or 3000).")
@click.pass_context
def cli_command(ctx: click.Context, port: int | None) -> None:
    """Start the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP with signed requests) and/or Teams."""
    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    if settings.teams_enabled and not settings.slack_enabled:
        return _serve_teams_only(settings, port)
    missing = missing_tokens(settings)
    if missing:
        raise click.ClickException(
            "Slack ist nicht konfiguriert, es fehlt / Slack is not configured, missing: "
            + ", ".join(missing)
            + ". Siehe/see docs/slack.md."
        )
    from bot.app import Lotse
    from bot.logging_setup import log_to_console
    from bot.slack.app import build_app, make_client

    log_to_console(settings)  # a server's log belongs on its standard error
    from bot.inbox import checkpoints
    from bot.inbox.sender import OutboxSender
    from bot.learning import watch  # noqa: F401  (registers the knowledge-folder watch job)
    from bot.slack.scheduler import build_scheduler

    checkpoints.arm(settings.test_block_at)  # test only: crash tests stop the process at a named point
    stop = _stop_on_signals()  # a SIGTERM during the warm-up still shuts down cleanly
    lotse = Lotse(settings)
    app = build_app(lotse)
    _warm_up(lotse)
    scheduler = build_scheduler(lotse)
    from bot.inbox.pool import WorkerPool

    pool = WorkerPool.for_settings(lotse.store, settings)  # one inbox worker pool answers Slack and Teams
    teams_bot = _teams_bot(lotse, scheduler, pool)  # before the sender: the notifier then reaches both platforms
    teams_server = None
    scheduler.start()
    sender = OutboxSender(lotse.handoffs.deliveries.send_due).start()  # retries, and what a crash left unsent
    try:
        if settings.slack_app_token:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            from bot.slack.stored_events import InboxFirstApp, inbox_and_worker

            inbox, worker = inbox_and_worker(app, pool)
            handler = SocketModeHandler(
                cast("App", InboxFirstApp(app, inbox, worker.wake)),  # duck-typed: dispatch(), the rest delegated
                settings.slack_app_token,
                web_client=make_client(settings, token=settings.slack_app_token),
            )
            worker.start()
            click.echo("Lotse: Slack Socket Mode.", err=True)
            teams_server = _teams_own_server(teams_bot, settings)
            handler.connect()
            _wait(stop)
            handler.close()
            worker.stop()
        else:
            from bot.server.platforms import extra_routes
            from bot.slack.server import SlackHTTPServer

            routes = extra_routes(lotse) + (list(teams_bot.routes) if teams_bot is not None else [])
            server = SlackHTTPServer(
                app, host=settings.host, port=port if port is not None else settings.port, routes=routes, pool=pool
            )  # Teams beside Slack: one ASGI process, one pool
            server.start()
            click.echo(f"Lotse: Slack HTTP auf/on port {server.port} (POST /slack/events).", err=True)
            if teams_bot is not None:
                click.echo(f"Lotse: Teams auf/on port {server.port} (POST /api/messages).", err=True)
            _wait(stop)
            server.stop()
    finally:
        sender.stop()
        scheduler.shutdown(wait=False)
        if teams_server is not None:
            teams_server.stop()
        if teams_bot is not None:
            teams_bot.close()
        _finish_reindex(lotse)


def _teams_bot(lotse: Lotse, scheduler: Any, pool: Any) -> TeamsBot | None:
    """Teams beside Slack in the same process, one notifier and one inbox worker pool for both; None when Teams
    is not configured."""
    if not lotse.settings.teams_enabled:
        return None
    from bot.teams.serve import attach_teams

    return attach_teams(lotse, scheduler, pool=pool)


def _teams_own_server(bot: TeamsBot | None, settings: Settings) -> TeamsHTTPServer | None:
    """In Socket Mode there is no HTTP server of Slack's to share: Teams gets its own on TEAMS_PORT."""
    if bot is None:
        return None
    from bot.teams.http import TeamsHTTPServer

    server = TeamsHTTPServer(bot.routes, host=settings.host, port=settings.teams_port).start()
    click.echo(f"Lotse: Teams auf/on port {server.port} (POST /api/messages).", err=True)
    return server


def _serve_teams_only(settings: Settings, port: int | None) -> None:
    from bot.app import Lotse
    from bot.learning import watch  # noqa: F401  (registers the knowledge-folder watch job)
    from bot.logging_setup import log_to_console
    from bot.slack.scheduler import build_scheduler
    from bot.teams.serve import start_teams

    log_to_console(settings)
    stop = _stop_on_signals()
    lotse = Lotse(settings)
    _warm_up(lotse)
    scheduler = build_scheduler(lotse)  # SLA reminders and retention (Slack's report job needs a Slack channel)
    from bot.inbox.sender import OutboxSender

    bot, server = start_teams(lotse, scheduler, port=port if port is not None else settings.teams_port)
    scheduler.start()
    sender = OutboxSender(lotse.handoffs.deliveries.send_due).start()  # retries, and what a crash left unsent
    click.echo(f"Lotse: Teams auf/on port {server.port} (POST /api/messages).", err=True)
    try:
        _wait(stop)
    finally:
        sender.stop()
        server.stop()
        bot.close()
        scheduler.shutdown(wait=False)
        _finish_reindex(lotse)


def _finish_reindex(lotse: object, timeout: float = 120.0) -> None:
    """Let a running FAQ re-index finish, so a learned entry is searchable after the restart too."""
    from bot.learning.loop import wait_for_reindex

    if "handoffs" in vars(lotse) and not wait_for_reindex(lotse.handoffs, timeout):  # type: ignore[attr-defined]
        log.warning("shutdown: the FAQ re-index did not finish within %.0f s; the next ingest picks it up", timeout)


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return stop


def _wait(stop: threading.Event) -> None:
    while not stop.wait(0.5):
        pass


def _warm_up(lotse: Lotse) -> None:
    """Load the model and index before the first message, so the first answer is fast; the post checker warms in
    the background (seconds), so that a first approval click meets Slack's 3 seconds for its modal."""
    try:
        lotse.assistant  # noqa: B018
        lotse.retriever  # noqa: B018
        lotse.triage  # noqa: B018
    except Exception:
        log.exception("warming up failed; the first answer will be slower")
    threading.Thread(target=_warm_post_checker, args=(lotse,), name="lotse-warm-postcheck", daemon=True).start()


def _warm_post_checker(lotse: Lotse) -> None:
    try:
        lotse.postchecker.warm_up()
    except Exception:
        log.exception("warming up the post checker failed; the first post check will be slower")
