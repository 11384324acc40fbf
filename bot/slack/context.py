"""What Slack listeners get from the core: `SlackContext`, put into Bolt's `context` by one middleware.

Listeners are module-level functions (`register(app)` in each module, as in Slack's bolt-python starter
template); they take Bolt's `context` argument and call `slack_context(context)` for the core services they
use (the `SlackCore` protocol below: nothing else of the composition root).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from slack_sdk import WebClient

from bot.slack.dedupe import Deduper

if TYPE_CHECKING:  # pragma: no cover
    from bot.assistant import Assistant
    from bot.contacts import ContactDirectory
    from bot.conversation.feedback import Feedback
    from bot.conversation.history import ThreadHistory
    from bot.handoff.absence_desk import AbsenceDesk
    from bot.handoff.desk import HandoffDesk
    from bot.handoff.requests import HandoffRequests
    from bot.learning.case_examples import CaseExamples
    from bot.postcheck.service import PostChecks
    from bot.practice.service import Practice
    from bot.settings import Settings

CONTEXT_KEY = "lotse_slack"
PLATFORM = "slack"


class SlackCore(Protocol):
    """The core services the Slack adapter uses (bot.app.Lotse provides them)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def assistant(self) -> Assistant: ...
    @property
    def thread_history(self) -> ThreadHistory: ...
    @property
    def feedback(self) -> Feedback: ...
    @property
    def handoff_requests(self) -> HandoffRequests: ...
    @property
    def handoff_desk(self) -> HandoffDesk: ...
    @property
    def post_checks(self) -> PostChecks: ...
    @property
    def contacts(self) -> ContactDirectory: ...
    @property
    def absence_desk(self) -> AbsenceDesk: ...
    @property
    def practice(self) -> Practice: ...
    @property
    def case_examples(self) -> CaseExamples: ...


@dataclass
class SlackContext:
    """The core, durable dedupe and the Web API client, shared by all listeners."""

    core: SlackCore
    dedupe: Deduper
    client: WebClient
    # slow work after an ack (answering a slash command): Bolt runs listeners, ack() included, in its own bounded
    # pool; answers holding those threads made new commands wait there past Slack's 3 seconds (Bolt then says 404)
    work: Executor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="lotse-slack-work")
    )
    # `lotse serve`'s front app: stores a command or click in the durable inbox (bot/slack/durable.py); None in
    # the worker app and without an inbox, where listeners work at once
    defer: Callable[[str, str], bool] | None = None

    @property
    def language(self) -> str:
        return self.core.settings.default_language

    def language_for(self, user_id: str) -> str:
        """What `user_id` reads: a contact person's `language:` from contacts.yaml, else the default."""
        return self.core.contacts.language_of(user_id, self.language)

    def reader_language(self, user_id: str) -> str | None:
        """A contact person's language; None (German / English) for employees, whose language Slack doesn't say."""
        return self.language_for(user_id) if self.core.contacts.is_contact(user_id) else None


def slack_context(context: Mapping[str, Any]) -> SlackContext:
    """The SlackContext of this request (set by `provide`)."""
    return context[CONTEXT_KEY]


def provide(ctx: SlackContext) -> Callable[..., Any]:
    """Bolt middleware: puts `ctx` into every request's context, and Lotse's own client in place of the plain
    WebClient Bolt makes per request (same token and URL): its posts are keyed against a crash (bot/slack/once.py)."""

    def middleware(context: Any, next: Callable[[], None]) -> None:  # noqa: A002 - Bolt's argument name
        context[CONTEXT_KEY] = ctx
        context["client"] = ctx.client
        next()

    return middleware
