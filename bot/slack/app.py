"""`build_app(lotse)`: the slack-bolt App, a thin adapter over the core.

Every Slack call goes through a WebClient built by `make_client` (the configured `SLACK_API_URL` and
slack_sdk's rate-limit, server-error and connection-error retry handlers); replies to a `response_url` go
through `bot.slack.respond` with the same handlers. Listeners acknowledge first and do the slow work
afterwards in Bolt's thread pool (`process_before_response=False`).

Listeners are module-level functions that each module registers with `register(app)`; they reach the core
through `slack_context(context)` (bot/slack/context.py). A refusal from the core (a keyed `LotseError`) that a
listener does not handle itself is rendered for the user in one place: the app's error handler below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.errors import LotseError
from bot.settings import Settings
from bot.slack import texts  # noqa: F401  (registers the adapter's texts)
from bot.slack.context import SlackContext, provide, slack_context
from bot.slack.dedupe import Deduper
from bot.slack.notifier import SlackNotifier
from bot.slack.once import OnceClient
from bot.slack.told_app import ToldApp

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)
RETRIES = 3

__all__ = ["SlackContext", "build_app", "build_worker_app", "make_client", "retry_handlers"]


def retry_handlers() -> list[RetryHandler]:
    """Fresh handlers for one client (WebClient or the response_url WebhookClient): 429, 5xx, dropped connections."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=RETRIES),
        ServerErrorRetryHandler(max_retry_count=RETRIES),
        ConnectionErrorRetryHandler(max_retry_count=1),
    ]


def make_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient for `SLACK_API_URL` with slack_sdk's retry handlers installed; its chat.postMessage is posted once
    across a crash (bot/slack/once.py)."""
    return OnceClient(
        token=token if token is not None else settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=retry_handlers(),
        timeout=30,
    )


def build_app(lotse: Lotse, *, client: WebClient | None = None, token_verification: bool = True) -> App:
    settings = lotse.settings
    client = client or make_client(settings)
    lotse.notifier = SlackNotifier(
        client,
        language=settings.default_language,
        language_of=lambda user: lotse.contacts.language_of(user, settings.default_language),
    )
    app = ToldApp(
        on_refusal=on_error,
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        request_verification_enabled=bool(settings.slack_signing_secret),
        token_verification_enabled=token_verification,
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=8, thread_name_prefix="lotse-slack"),
    )
    ctx = SlackContext(core=lotse, dedupe=Deduper(lotse.store), client=client)
    app.use(provide(ctx))
    app.use(_dedupe_events(ctx))  # only direct dispatch; lotse serve stores events in the durable inbox first
    register(app)
    app.lotse_context = ctx  # type: ignore[attr-defined]  # for tests and the server
    return app


def build_worker_app(app: App) -> App:
    """The same listeners for events, commands and clicks worked off from the inbox (bot/slack/stored_events.py):
    run to completion (work after the ack runs inline), no signature check (it was checked on receipt; a re-run may
    be older than 5 minutes), no event-level dedupe (the inbox is that), nothing deferred again."""
    from dataclasses import replace

    from bot.slack.durable import InlineExecutor

    ctx: SlackContext = replace(app.lotse_context, defer=None, work=InlineExecutor())  # type: ignore[attr-defined]
    worker = ToldApp(
        on_refusal=on_error,
        client=ctx.client,
        signing_secret="unused",
        request_verification_enabled=False,
        token_verification_enabled=False,
        process_before_response=True,
    )
    worker.use(provide(ctx))
    register(worker)
    worker.lotse_context = ctx  # type: ignore[attr-defined]
    return worker


def register(app: App) -> None:
    """All of Lotse's listeners and the error handler."""
    from bot.slack import absence_actions, actions, commands, examples, handoff_actions, home, messages, practice

    for module in (messages, commands, actions, handoff_actions, examples, absence_actions, home, practice):
        module.register(app)
    app.error(on_error)


def on_error(error: Exception, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """The one place where a listener's error reaches the user: a core refusal in their language, else logged."""
    if isinstance(error, LotseError):
        from bot.slack.durable import refused
        from bot.slack.replies import refuse

        refused()
        refuse(slack_context(context), client, body, error)
        return
    log.error("Slack listener failed: %s", type(error).__name__, exc_info=error)


def _dedupe_events(ctx: SlackContext) -> Callable[..., Any]:
    """A retried or duplicated Events API delivery (same event_id) is acknowledged and dropped."""

    def middleware(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002
        if body.get("type") == "event_callback" and not ctx.dedupe.event(body.get("event_id")):
            log.info("dropping duplicate Slack event %s", body.get("event_id"))
            return BoltResponse(status=200, body="")
        next()
        return None

    return middleware
