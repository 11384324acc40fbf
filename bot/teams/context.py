"""What the Teams listeners share: the core, the sender, the stored references, and reading an activity.

`Incoming` is the part of a Teams activity Lotse uses (ids, names, locale, text), read once at the edge.
References (bot/store/references.py) remember where people and channels can be reached again: a person's 1:1
conversation and serviceUrl, each tenant's serviceUrl, the report channel, the cards Lotse sent.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.store.references import References
from bot.teams.sender import Sender

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse
    from bot.inbox.pool import WorkerPool

log = logging.getLogger(__name__)
PLATFORM = "teams"
_AT_MENTION = re.compile(r"<at>[^<]*</at>")


def language_of_locale(locale: str | None) -> str | None:
    """de-DE → de, en-US/en-GB → en; anything else: None (the question decides)."""
    prefix = (locale or "").split("-")[0].lower()
    return prefix if prefix in ("de", "en") else None


@dataclass(frozen=True)
class Incoming:
    activity_id: str
    conversation_id: str
    conversation_type: str
    user_id: str  # the AAD object id (what contact ids and handoffs use)
    user_name: str
    tenant_id: str | None
    service_url: str
    locale: str | None
    text: str

    @classmethod
    def read(cls, activity: Any) -> Incoming:
        sender = activity.from_
        conversation = activity.conversation
        tenant = getattr(conversation, "tenant_id", None) or _channel_tenant(activity)
        text = _AT_MENTION.sub("", getattr(activity, "text", None) or "").strip()
        return cls(
            activity_id=str(activity.id or ""),
            conversation_id=str(conversation.id),
            conversation_type=str(getattr(conversation, "conversation_type", None) or "personal"),
            user_id=str(getattr(sender, "aad_object_id", None) or sender.id),
            user_name=sender.name or "",
            tenant_id=tenant,
            service_url=str(activity.service_url or "").rstrip("/"),
            locale=getattr(activity, "locale", None),
            text=text,
        )

    @property
    def language(self) -> str | None:
        return language_of_locale(self.locale)

    @property
    def message_id(self) -> str:
        return f"{self.conversation_id}:{self.activity_id}"


def _channel_tenant(activity: Any) -> str | None:
    data = getattr(activity, "channel_data", None)
    tenant = getattr(data, "tenant", None) if data is not None else None
    return getattr(tenant, "id", None)


@dataclass
class TeamsContext:
    lotse: Lotse
    sender: Sender
    refs: References
    workers: ThreadPoolExecutor  # quick background jobs (refreshing cards); messages go through `pool`
    pool: WorkerPool  # the durable inbox and the workers that answer stored activities (bot/teams/stored.py)

    @property
    def default_language(self) -> str:
        return self.lotse.settings.default_language

    def language_for(self, user_id: str, spoken: str | None = None) -> str:
        """What `user_id` reads: what their Teams is set to, else contacts.yaml's `language:`, else the default."""
        stored = (self.refs.get("user", user_id) or {}).get("language")
        return spoken or stored or self.lotse.contacts.language_of(user_id, self.default_language)

    def name_of(self, user_id: str | None) -> str:
        if not user_id:
            return "–"
        return (self.refs.get("user", user_id) or {}).get("name") or user_id

    # --- remembering where people are --------------------------------------------------------------
    def remember(self, incoming: Incoming) -> None:
        """A person's 1:1 conversation (personal chats only) and their tenant's serviceUrl."""
        try:
            if incoming.tenant_id:
                self.refs.put("tenant", incoming.tenant_id, {"service_url": incoming.service_url})
            if incoming.conversation_type == "personal":
                self.refs.put(
                    "user",
                    incoming.user_id,
                    {
                        "conversation_id": incoming.conversation_id,
                        "service_url": incoming.service_url,
                        "tenant_id": incoming.tenant_id,
                        "name": incoming.user_name,
                        "language": incoming.language,
                    },
                )
        except Exception:
            log.exception("could not store a Teams reference")

    def service_url_for(self, tenant_id: str | None) -> str:
        stored = self.refs.get("tenant", tenant_id) if tenant_id else None
        if stored is None and not tenant_id:
            tenants = self.refs.all("tenant")
            stored = tenants[0][1] if tenants else None
        url = (stored or {}).get("service_url") or self.lotse.settings.teams_service_url
        if not url:
            raise LookupError("no serviceUrl known for the tenant yet (TEAMS_SERVICE_URL)")
        return url.rstrip("/")

    def personal(self, user_id: str) -> tuple[str, str]:
        """(conversation id, serviceUrl) of the 1:1 chat with `user_id`; opened proactively if Lotse has none."""
        known = self.refs.get("user", user_id) or {}
        if known.get("conversation_id") and known.get("service_url"):
            return known["conversation_id"], known["service_url"]
        tenant = known.get("tenant_id") or self.lotse.settings.teams_tenant_id or None
        service_url = self.service_url_for(tenant)
        conversation = self.sender.open_personal(user_id, service_url, tenant)
        self.refs.put(
            "user", user_id, {**known, "conversation_id": conversation, "service_url": service_url, "tenant_id": tenant}
        )
        return conversation, service_url

    def store(self, incoming: Incoming) -> bool:
        """Put a message activity into the durable inbox and wake a worker; False for a redelivery. A database
        error propagates: the SDK answers 500 and Teams delivers the activity again."""
        from bot.teams import stored

        first = stored.store(self.pool.inbox, incoming)
        self.pool.wake()  # also for a redelivery: its first copy may wait for a worker
        return first

    def answered(self, incoming: Incoming) -> bool:
        """True when the reply to this message went out already (a re-run after a crash must not repeat it)."""
        return self.refs.get("answered", incoming.message_id) is not None

    def mark_answered(self, incoming: Incoming, activity_id: str | None) -> None:
        self.refs.put("answered", incoming.message_id, {"activity_id": activity_id})
