"""Post the weekly report to Slack exactly once per week and channel, across restarts and instances.

The claim (`Store.claim_report`) is a unique row per (week, channel): only the instance that inserts it posts.
If the message cannot be posted, the claim is released so a later run retries; a claim left unposted by a crashed
run is taken over by a later run once it is older than `report_claim_timeout_minutes`. Once the message is out
the report counts as posted even if the chart upload fails (a second message would be worse than a missing chart).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.report.build import build_report
from bot.report.period import Week

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)


def post_report(lotse: "Lotse", client: Any, week: Week | None = None, *, channel: str | None = None,
                language: str | None = None) -> bool:
    """Post the report of `week` (default: the last complete week); True only if this call posted it."""
    from bot.report.chart import render_chart
    from bot.report.render_md import fallback_text, render_blocks

    settings = lotse.settings
    channel = channel or settings.report_channel
    if not channel:
        log.warning("weekly report: no report channel configured (LOTSE_REPORT_CHANNEL)")
        return False
    week = week or Week.last_complete(lotse.clock.now(), settings.timezone)
    store = lotse.store
    stale_after = timedelta(minutes=settings.report_claim_timeout_minutes)
    if not store.claim_report(week.label, channel, stale_after=stale_after):
        log.info("weekly report %s for %s: already posted or being posted", week.label, channel)
        return False
    try:
        report = build_report(lotse, week, language)
        chart = render_chart(report)
        response = client.chat_postMessage(channel=channel, text=fallback_text(report), blocks=render_blocks(report),
                                           unfurl_links=False, unfurl_media=False)
    except Exception:
        log.exception("weekly report %s: posting failed; released for a later run", week.label)
        store.release_report(week.label, channel)
        return False
    store.mark_report_posted(week.label, channel)
    thread = _get(response, "ts")
    try:
        client.files_upload_v2(channel=_get(response, "channel") or channel, thread_ts=thread,
                               file=chart, filename=f"lotse-report-{week.label}.png",
                               title=f"Lotse {week.label}")
    except Exception:
        log.exception("weekly report %s: the chart upload failed (the report itself was posted)", week.label)
    log.info("weekly report %s posted to %s", week.label, channel)
    return True


def _get(response: Any, key: str) -> Any:
    try:
        return response[key]
    except (KeyError, TypeError, IndexError):
        return getattr(response, "get", lambda _k: None)(key)
