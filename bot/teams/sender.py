"""Every call Lotse makes to Bot Connector, on one event loop of its own, callable from any thread.

The core is synchronous (it runs in worker threads); the SDK's API client is async and its HTTP client belongs to
the loop it first ran on. So all outgoing Teams traffic (answers, cards, proactive 1:1s, reminders, the weekly
report) goes through this one loop thread, whoever asks: a message handler's worker, the handoff core's notifier or
the scheduler. Each call goes through the SDK (`send_or_update_activity`, `conversations.create`) with the
retry middleware (bot/teams/retry.py) on its HTTP client.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine
from typing import Any

from microsoft_teams.api import (
    Account,
    ApiClient,
    ConversationAccount,
    ConversationReference,
    CreateConversationParams,
    MessageActivityInput,
    TypingActivityInput,
)
from microsoft_teams.common import Client, ClientOptions

from bot.teams.retry import RetryMiddleware

log = logging.getLogger(__name__)
CALL_TIMEOUT_S = 120.0


class Sender:
    def __init__(self, bot_id: str, token_provider: Any, cloud: Any, tenant_id: str | None = None) -> None:
        self.bot_id = bot_id  # "28:<client id>"
        self._token_provider = token_provider
        self._cloud = cloud
        self._tenant_id = tenant_id
        self.retry = RetryMiddleware()
        self._apis: dict[str, ApiClient] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="lotse-teams-send", daemon=True)
        self._thread.start()

    # --- the loop --------------------------------------------------------------------------------
    def run(self, coroutine: Coroutine[Any, Any, Any], timeout: float = CALL_TIMEOUT_S) -> Any:
        """Run `coroutine` on the sender's loop and wait for it (from any thread but that loop's own)."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("Sender.run called on the sender's own loop")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def _api(self, service_url: str) -> ApiClient:
        key = service_url.rstrip("/")
        api = self._apis.get(key)
        if api is None:
            client = Client(ClientOptions(headers={"User-Agent": "Lotse"}, timeout=30))
            client.use(self.retry)
            api = ApiClient(key, client, cloud=self._cloud, token_provider=self._token_provider)
            self._apis[key] = api
        return api

    def _reference(self, conversation_id: str, service_url: str) -> ConversationReference:
        return ConversationReference(
            channel_id="msteams",
            service_url=service_url,
            bot=Account(id=self.bot_id),
            conversation=ConversationAccount(id=conversation_id),
        )

    # --- calls (blocking, for worker threads) ----------------------------------------------------
    def send(self, conversation_id: str, service_url: str, activity: MessageActivityInput) -> str | None:
        """Post a message; returns the id Bot Connector gave it."""
        return self.run(self._send(conversation_id, service_url, activity))

    def update(self, conversation_id: str, activity_id: str, service_url: str, activity: MessageActivityInput) -> None:
        activity.id = activity_id
        self.run(self._send(conversation_id, service_url, activity))

    def typing(self, conversation_id: str, service_url: str) -> None:
        try:
            self.run(self._send(conversation_id, service_url, TypingActivityInput()), timeout=10)
        except Exception as exc:  # a missing typing indicator is no reason to stop the answer
            log.info("typing indicator failed (%s)", type(exc).__name__)

    def open_personal(self, user_id: str, service_url: str, tenant_id: str | None) -> str:
        """The 1:1 conversation with `user_id` (AAD object id); Teams returns the existing one if there is one."""
        return self.run(self._open_personal(user_id, service_url, tenant_id or self._tenant_id))

    # --- coroutines ------------------------------------------------------------------------------
    async def _send(self, conversation_id: str, service_url: str, activity: Any) -> str | None:
        from microsoft_teams.apps.activity_send import send_or_update_activity

        sent = await send_or_update_activity(
            self._api(service_url), activity, self._reference(conversation_id, service_url)
        )
        return sent.id

    async def _open_personal(self, user_id: str, service_url: str, tenant_id: str | None) -> str:
        params = CreateConversationParams(
            members=[Account(id=user_id)],
            tenant_id=tenant_id,
            channel_data={"tenant": {"id": tenant_id}} if tenant_id else None,
        )
        resource = await self._api(service_url).conversations.create(params)
        return resource.id
