"""Post the weekly report to Slack exactly once per week and channel, across restarts and instances.

The claim (`Store.claim_report`) is a unique row per (week, channel): only the instance that inserts it posts.
If the message cannot be posted, the claim is released so a later run retries; a claim left unposted by a crashed
run is taken over by a later run once it is older than `report_claim_timeout_minutes`. Once the message is out
the report counts as posted even if the chart upload fails (a second message would be worse than a missing chart).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.report.period import Week

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)


def post_report(
    lotse: Lotse, client: Any, week: Week | None = None, *, channel: str | None = None, language: str | None = None
) -> bool:
    """Post the report of `week` (default: the last complete week); True only if this call posted it."""
    from bot.report.chart import render_chart
    from bot.report.posting import post_once
    from bot.report.render_md import fallback_text, render_blocks

    channel = channel or lotse.settings.report_channel
    if not channel:
        log.warning("weekly report: no report channel configured (LOTSE_REPORT_CHANNEL)")
        return False
    charts: list[bytes] = []

    def send(report: Any) -> Any:
        charts.append(render_chart(report))
        return client.chat_postMessage(
            channel=channel,
            text=fallback_text(report),
            blocks=render_blocks(report),
            unfurl_links=False,
            unfurl_media=False,
        )

    posted, response = post_once(lotse, channel, week, language, send)
    if not posted:
        return False
    label = (week or Week.last_complete(lotse.clock.now(), lotse.settings.timezone)).label
    try:
        client.files_upload_v2(
            channel=_get(response, "channel") or channel,
            thread_ts=_get(response, "ts"),
            file=charts[0],
            filename=f"lotse-report-{label}.png",
            title=f"Lotse {label}",
        )
    except Exception:
        log.exception("weekly report %s: the chart upload failed (the report itself was posted)", label)
    return True


def _get(response: Any, key: str) -> Any:
    try:
        return response[key]
    except (KeyError, TypeError, IndexError):
        return getattr(response, "get", lambda _k: None)(key)
