"""Post the weekly report exactly once per week and channel, whatever the chat platform.

`post_once(lotse, channel, week, language, send)` claims (week, channel) in the store (`Store.claim_report`),
builds the report and hands it to `send`; only the instance that wins the claim posts. If `send` fails, the
claim is released so a later run retries; a claim left unposted by a crashed run is taken over once it is older
than `report_claim_timeout_minutes`. Slack (bot/report/slack_post.py) and Teams (bot/teams/report.py) both post
through here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.report.build import Report, build_report
from bot.report.period import Week

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)


def post_once(
    lotse: Lotse, channel: str, week: Week | None, language: str | None, send: Callable[[Report], Any]
) -> tuple[bool, Any]:
    """(True, what `send` returned) only if this call posted the report of `week` (default: last complete)."""
    settings = lotse.settings
    week = week or Week.last_complete(lotse.clock.now(), settings.timezone)
    stale_after = timedelta(minutes=settings.report_claim_timeout_minutes)
    if not lotse.store.claim_report(week.label, channel, stale_after=stale_after):
        log.info("weekly report %s for %s: already posted or being posted", week.label, channel)
        return False, None
    try:
        result = send(build_report(lotse, week, language))
    except Exception:
        log.exception("weekly report %s: posting failed; released for a later run", week.label)
        lotse.store.release_report(week.label, channel)
        return False, None
    lotse.store.mark_report_posted(week.label, channel)
    log.info("weekly report %s posted to %s", week.label, channel)
    return True, result
