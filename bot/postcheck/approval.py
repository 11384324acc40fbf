"""Turning an `approval` verdict into a handoff (reason post_approval) and recording checks."""

from __future__ import annotations

import logging
from typing import Any

from bot.i18n import t
from bot.labels import category_label
from bot.models import Passage
from bot.postcheck.verdict import Verdict

log = logging.getLogger(__name__)

# category of the first approval finding → handoff category (routing to a contact role via triage config)
CONTACT_ROLES = {"legal": "legal", "personal_data": "data_protection"}


def approval_summary(verdict: Verdict) -> str:
    reasons = []
    for finding in verdict.findings:
        if finding.severity == "approval":
            item = f"{category_label(finding.category, verdict.language)}: „{finding.excerpt.strip()[:60]}“"
            if item not in reasons:
                reasons.append(item)
    return t("postcheck.approval_question", verdict.language, reasons="; ".join(reasons[:5]) or "-")


def approval_passages(verdict: Verdict) -> list[Passage]:
    """The guideline passages behind the approval findings (each once), as the contact person's context."""
    passages: list[Passage] = []
    for finding in verdict.findings:
        quote = finding.guideline
        if finding.severity == "approval" and quote is not None and quote.text:
            passage = Passage(
                document=quote.document, title=quote.title, section=quote.section, text=quote.text, score=1.0
            )
            if all(p.to_json() != passage.to_json() for p in passages):
                passages.append(passage)
    return passages


def request_approval(
    lotse: Any,
    verdict: Verdict,
    author_id: str,
    platform: str = "cli",
    message_id: str | None = None,
    channel: str | None = None,
    thread: str | None = None,
) -> Any:
    """Open a post_approval handoff with the draft attached; returns the HandoffView.

    For callers holding the composition root (CLI, terminal); the work is `HandoffRequests.post_approval`.
    Raises ValueError if the verdict is not `approval` (nothing to clear).
    """
    return lotse.handoff_requests.post_approval(verdict, author_id, platform, message_id, channel, thread).view


def record_check(
    lotse: Any, verdict: Verdict, author_id: str, platform: str = "cli", handoff_id: int | None = None
) -> int | None:
    """Record the check in the exchange log (for the weekly report); never fails the check itself."""
    try:
        from bot.store.exchanges import ExchangeLog
    except ImportError:  # pragma: no cover - store not available
        return None
    try:
        return ExchangeLog(lotse.store, lotse.clock).record_post_check(
            author_id,
            platform,
            verdict.language,
            verdict.verdict,
            len(verdict.findings),
            verdict.categories,
            verdict.draft,
            handoff_id=handoff_id,
        )
    except Exception as exc:  # noqa: BLE001 - logging must never break the answer
        log.warning("could not record post check: %s", exc)
        return None
