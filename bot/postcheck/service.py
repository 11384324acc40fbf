"""Post checks for chat adapters: check a draft and log it; send a logged draft for approval.

    checks = PostChecks(checker, ExchangeLog(store, clock), requests)
    checked = checks.check(user, "slack", draft)            # -> CheckedDraft(verdict, check_id)
    opened = checks.send_for_approval(user, check_id, "slack", channel)   # -> HandoffOpened
    say(opened.text())

The draft is kept in the post-check log, so a "Zur Freigabe senden" button only carries the check's id.
Refusals are `ApprovalRefused(key)`: approval.error.not_found, approval.error.own_only, approval.error.not_needed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.errors import LotseError
from bot.i18n import register
from bot.postcheck.verdict import Verdict
from bot.store.exchanges import ExchangeLog

if TYPE_CHECKING:  # pragma: no cover
    from bot.handoff.requests import HandoffOpened, HandoffRequests
    from bot.postcheck.checker import PostChecker

log = logging.getLogger(__name__)

register(
    {
        "approval.error.not_found": {
            "de": "Diese Anfrage gibt es nicht (mehr).",
            "en": "This request no longer exists.",
        },
        "approval.error.own_only": {
            "de": "Nur wer den Entwurf geprüft hat, kann ihn zur Freigabe senden.",
            "en": "Only the author of the check can send the draft for approval.",
        },
        "approval.error.not_needed": {
            "de": "Dieser Entwurf braucht keine Freigabe.",
            "en": "This draft doesn't need approval.",
        },
    }
)


class ApprovalRefused(LotseError):
    """This check cannot be sent for approval (see the keys above); nothing was opened."""


@dataclass(frozen=True)
class CheckedDraft:
    verdict: Verdict
    check_id: int | None  # None when the log could not be written (the verdict is shown anyway)


class PostChecks:
    def __init__(self, checker: PostChecker, log_: ExchangeLog, requests: HandoffRequests) -> None:
        self._checker = checker
        self._log = log_
        self._requests = requests

    def check(self, author_id: str, platform: str, draft: str) -> CheckedDraft:
        verdict = self._checker.check(draft)
        try:
            check_id: int | None = self._log.record_post_check(
                author_id, platform, verdict.language, verdict.verdict, len(verdict.findings), verdict.categories, draft
            )
        except Exception:
            log.exception("could not record the post check")
            check_id = None
        return CheckedDraft(verdict=verdict, check_id=check_id)

    def send_for_approval(
        self, author_id: str, check_id: int | None, platform: str, channel: str | None = None
    ) -> HandoffOpened:
        """Open (once per check) the post-approval handoff for a logged check of `author_id`."""
        found = self._log.find_post_check(check_id) if check_id else None
        if found is None or found.draft is None:
            raise ApprovalRefused("approval.error.not_found")
        if found.author_id != author_id:
            raise ApprovalRefused("approval.error.own_only")
        verdict = self._checker.check(found.draft, language=found.language)
        if verdict.verdict != "approval" and found.verdict != "approval":
            raise ApprovalRefused("approval.error.not_needed")
        opened = self._requests.post_approval(
            verdict, author_id, platform, message_id=f"postcheck:{found.id}", channel=channel
        )
        return opened
