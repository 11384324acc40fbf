"""`build_app(lotse)`: the slack-bolt App, a thin adapter over the core.

Every Slack call goes through a WebClient built by `make_client` (the configured `SLACK_API_URL` and
slack_sdk's rate-limit, server-error and connection-error retry handlers); replies to a `response_url` go
through `bot.slack.respond` with the same handlers. Listeners acknowledge first and do the slow work
afterwards in Bolt's thread pool (`process_before_response=False`).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (ConnectionErrorRetryHandler, RateLimitErrorRetryHandler,
                                                   ServerErrorRetryHandler)

from bot.settings import Settings
from bot.slack import texts  # noqa: F401  (registers the adapter's texts)
from bot.slack.dedupe import Deduper
from bot.slack.notifier import SlackNotifier

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)
RETRIES = 3


def retry_handlers() -> list[RetryHandler]:
    """Fresh handlers for one client (WebClient or the response_url WebhookClient): 429, 5xx, dropped connections."""
    return [RateLimitErrorRetryHandler(max_retry_count=RETRIES), ServerErrorRetryHandler(max_retry_count=RETRIES),
            ConnectionErrorRetryHandler(max_retry_count=1)]


def make_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient for `SLACK_API_URL` with slack_sdk's retry handlers installed."""
    return WebClient(token=token if token is not None else settings.slack_bot_token,
                     base_url=settings.slack_api_url, retry_handlers=retry_handlers(), timeout=30)


@dataclass
class SlackContext:
    """What the listeners share: the core, durable dedupe and the default language."""

    lotse: "Lotse"
    dedupe: Deduper
    client: WebClient

    @property
    def language(self) -> str:
        return self.lotse.settings.default_language

    def language_for(self, user_id: str) -> str:
        """What `user_id` reads: a contact person's `language:` from contacts.yaml, else the default."""
        return self.lotse.contacts.language_of(user_id, self.language)


def build_app(lotse: "Lotse", *, client: WebClient | None = None, token_verification: bool = True) -> App:
    settings = lotse.settings
    client = client or make_client(settings)
    lotse.notifier = SlackNotifier(client, language=settings.default_language,
                                   language_of=lambda user: lotse.contacts.language_of(user, settings.default_language))
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        request_verification_enabled=bool(settings.slack_signing_secret),
        token_verification_enabled=token_verification,
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=8, thread_name_prefix="lotse-slack"),
    )
    ctx = SlackContext(lotse=lotse, dedupe=Deduper(lotse.store), client=client)
    app.use(_dedupe_events(ctx))  # Socket Mode; over HTTP events go through the durable inbox instead
    _register_listeners(app, ctx)
    app.lotse_context = ctx  # type: ignore[attr-defined]  # for tests and the server
    return app


def build_worker_app(app: App) -> App:
    """The same listeners for events worked off from the inbox: run to completion, no signature check (it was
    checked on receipt; a re-run may be older than 5 minutes), no event-level dedupe (the inbox is that)."""
    ctx: SlackContext = app.lotse_context  # type: ignore[attr-defined]
    worker = App(client=ctx.client, signing_secret="unused", request_verification_enabled=False,
                 token_verification_enabled=False, process_before_response=True)
    _register_listeners(worker, ctx)
    worker.lotse_context = ctx  # type: ignore[attr-defined]
    return worker


def _register_listeners(app: App, ctx: SlackContext) -> None:
    from bot.slack import actions, commands, home, messages

    for module in (messages, commands, actions, home):
        module.register(app, ctx)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
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
