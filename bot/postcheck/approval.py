"""Turning an `approval` verdict into a handoff (reason post_approval) and recording checks."""

from __future__ import annotations

import logging
from typing import Any

from bot.i18n import t
from bot.labels import category_label
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


def request_approval(lotse: Any, verdict: Verdict, author_id: str, platform: str = "cli",
                     message_id: str | None = None, channel: str | None = None,
                     thread: str | None = None) -> Any:
    """Open a post_approval handoff with the draft attached; returns the HandoffView.

    Raises ValueError if the verdict is not `approval` (nothing to clear).
    """
    if verdict.verdict != "approval":
        raise ValueError(t("postcheck.not_approval", verdict.language, verdict=verdict.verdict))
    from bot.handoff.service import HandoffRequest

    approvals = [f for f in verdict.findings if f.severity == "approval"]
    category = approvals[0].category if approvals else None
    context = []
    for finding in approvals:
        if finding.guideline is not None and finding.guideline.text:
            passage = {"document": finding.guideline.document, "section": finding.guideline.section,
                       "text": finding.guideline.text, "score": 1.0}
            if passage not in context:
                context.append(passage)
    request = HandoffRequest(
        platform=platform, source_message_id=message_id, asker_id=author_id, asker_channel=channel,
        asker_thread=thread, language=verdict.language, reason="post_approval", category=category,
        contact_role="communications", question=approval_summary(verdict), context=context[:5],
        draft=verdict.draft, exchange_id=None,
    )
    view, _created = lotse.handoffs.open(request)
    return view


def record_check(lotse: Any, verdict: Verdict, author_id: str, platform: str = "cli",
                 handoff_id: int | None = None) -> int | None:
    """Record the check in the exchange log (for the weekly report); never fails the check itself."""
    try:
        from bot.store.exchanges import ExchangeLog
    except ImportError:  # pragma: no cover - store not available
        return None
    try:
        return ExchangeLog(lotse.store, lotse.clock).record_post_check(
            author_id, platform, verdict.language, verdict.verdict, len(verdict.findings),
            verdict.categories, verdict.draft, handoff_id=handoff_id)
    except Exception as exc:  # noqa: BLE001 - logging must never break the answer
        log.warning("could not record post check: %s", exc)
        return None
