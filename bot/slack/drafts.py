"""Post checks from Slack: run the core's checker, log the check, send a draft for approval.

The draft is kept in the post-check log, so "Zur Freigabe senden" only carries the check's id.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from bot.i18n import t
from bot.slack.app import SlackContext
from bot.store.exchanges import ExchangeLog
from bot.store.models import PostCheck

log = logging.getLogger(__name__)


class ApprovalRefused(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def run_check(ctx: SlackContext, user_id: str, draft: str) -> tuple[dict[str, Any], int | None]:
    verdict = ctx.lotse.postchecker.check(draft)
    data = verdict.to_json()
    categories = sorted({f["category"] for f in data["findings"] if f.get("severity") != "info"})
    try:
        check_id = ExchangeLog(ctx.lotse.store, ctx.lotse.clock).record_post_check(
            user_id, "slack", data["language"], data["verdict"], len(data["findings"]), categories, draft)
    except Exception:
        log.exception("could not record the post check")
        check_id = None
    return data, check_id


def send_for_approval(ctx: SlackContext, user_id: str, check_id: int, channel_id: str | None) -> str:
    """Open (once) the post-approval handoff for a logged check; returns the text for the author."""
    with ctx.lotse.store.session() as session:
        row = session.scalars(select(PostCheck).where(PostCheck.id == check_id)).first()
        found = None if row is None else (row.author_id, row.verdict, row.draft, row.language)
    if found is None or found[2] is None:
        raise ApprovalRefused("slack.not_found")
    author, verdict_kind, draft, language = found
    if author != user_id:
        raise ApprovalRefused("slack.approval_own_only")
    verdict = ctx.lotse.postchecker.check(draft, language=language)
    if verdict.verdict != "approval" and verdict_kind != "approval":
        raise ApprovalRefused("slack.approval_not_needed")
    source = f"postcheck:{check_id}"
    created = not _handoff_exists(ctx, source)
    view = _open_handoff(ctx, user_id, source, verdict, channel_id)
    key = "handoff_post_approval" if created else "handoff_existing"
    return t(key, language, contact=view.contact_name, id=view.id)


def _handoff_exists(ctx: SlackContext, source: str) -> bool:
    from bot.store.models import Handoff

    with ctx.lotse.store.session() as session:
        query = select(Handoff.id).where(Handoff.platform == "slack", Handoff.source_message_id == source)
        return session.scalars(query).first() is not None


def _open_handoff(ctx: SlackContext, user_id: str, source: str, verdict: Any, channel_id: str | None) -> Any:
    """The post-check module's own approval road; the handoff is opened once per check (source id)."""
    try:
        from bot.postcheck.approval import request_approval
    except ImportError:  # pragma: no cover - older core without the approval module
        request_approval = None
    if request_approval is not None:
        return request_approval(ctx.lotse, verdict, user_id, "slack", message_id=source, channel=channel_id)
    from bot.handoff.service import HandoffRequest

    data = verdict.to_json()
    passages = [{"document": f["guideline"]["document"], "section": f["guideline"]["section"],
                 "text": f["guideline"].get("text", ""), "score": 1.0}
                for f in data["findings"] if f.get("guideline")]
    categories = [f["category"] for f in data["findings"] if f.get("severity") == "approval"]
    summary = "; ".join(f"{f['excerpt'].strip()}: {f['message']}" for f in data["findings"])
    request = HandoffRequest(
        platform="slack", source_message_id=source, asker_id=user_id, asker_channel=channel_id,
        asker_thread=None, language=data["language"], reason="post_approval",
        question=(t("slack.approval_request", data["language"]) + " " + summary)[:2000],
        category=categories[0] if categories else None, context=passages[:3], draft=verdict.draft or None)
    return ctx.lotse.handoffs.open(request)[0]
