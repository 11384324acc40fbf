"""The weekly report in a Teams channel: the channel captured when Lotse was installed in a team (or
TEAMS_REPORT_CONVERSATION), once per week through the core's claim (bot/report/posting.py), as an Adaptive Card.
`add_report_jobs` puts it on the scheduler of `lotse serve` (Monday 08:00 and a catch-up, like Slack's).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from microsoft_teams.api import MessageActivityInput
from microsoft_teams.cards import AdaptiveCard, Fact, FactSet, TextBlock

from bot.i18n import t
from bot.report.build import Report
from bot.report.period import Week
from bot.report.practice import plain_lines
from bot.report.render_md import gap_line, groups, one_line, period_text
from bot.report.texts import label, number, signed
from bot.teams.cards import CARD_VERSION
from bot.teams.context import TeamsContext

log = logging.getLogger(__name__)
JOB_ID, CATCH_UP_JOB_ID = "lotse-teams-weekly-report", "lotse-teams-weekly-report-catch-up"
CATCH_UP_MINUTES = 30


def report_target(ctx: TeamsContext) -> tuple[str, str] | None:
    """(conversation id, serviceUrl) of the report channel, or None when Lotse was not installed in a team."""
    configured = ctx.lotse.settings.teams_report_conversation
    channels = ctx.refs.all("report_channel")
    for _team, ref in channels:
        if not configured or ref.get("conversation_id") == configured:
            return ref["conversation_id"], ref.get("service_url") or ctx.service_url_for(ref.get("tenant_id"))
    if configured:
        return configured, ctx.service_url_for(ctx.lotse.settings.teams_tenant_id or None)
    return None


def report_card(report: Report) -> AdaptiveCard:
    lang = report.language
    body: list[Any] = [
        TextBlock(text=t("report_title", lang, week=report.week.label), weight="Bolder", size="Large"),
        TextBlock(text=period_text(report), wrap=True, is_subtle=True),
    ]
    for heading, rows in groups(report):
        if not rows:
            continue
        body.append(TextBlock(text=t(heading, lang), weight="Bolder", spacing="Medium"))
        body.append(
            FactSet(
                facts=[
                    Fact(
                        title=label(key, lang),
                        value=f"{number(value, lang)} ({number(previous, lang)}, {signed(change, lang)})",
                    )
                    for key, value, previous, change in rows
                ]
            )
        )
    topics = report.current.top_topics
    if topics:
        body.append(TextBlock(text=t("report_topics", lang), weight="Bolder", spacing="Medium"))
        body += [
            TextBlock(text=f"{one_line(topic.section.split(' › ')[-1])}: {topic.count}", wrap=True)
            for topic in topics[:5]
        ]
    if report.gaps:
        body.append(TextBlock(text=t("report_gaps", lang), weight="Bolder", spacing="Medium"))
        body += [TextBlock(text=f"{i}. {gap_line(report, gap)}", wrap=True) for i, gap in enumerate(report.gaps[:5], 1)]
    practice = plain_lines(report.practice, lang)  # bot/report/practice.py
    if practice:
        body.append(TextBlock(text=practice[0], weight="Bolder", spacing="Medium"))
        body += [TextBlock(text=line, wrap=True) for line in practice[1:]]
    return AdaptiveCard(version=CARD_VERSION, body=body)


def post_teams_report(ctx: TeamsContext, week: Week | None = None, language: str | None = None) -> bool:
    """Post the report of `week` (default: the last complete one) to the report channel; True if this call did."""
    from bot.report.posting import post_once

    target = report_target(ctx)
    if target is None:
        log.warning("weekly report: Lotse is not installed in a Teams team yet (or set TEAMS_REPORT_CONVERSATION)")
        return False
    conversation, service_url = target

    def send(report: Report) -> Any:
        return ctx.sender.send(conversation, service_url, MessageActivityInput().add_card(report_card(report)))

    posted, _ = post_once(ctx.lotse, f"teams:{conversation}"[:128], week, language, send)
    return posted


def _job(ctx: TeamsContext) -> bool:
    try:
        return post_teams_report(ctx)
    except Exception:  # never let a job exception kill the scheduler thread
        log.exception("Teams weekly report job failed")
        return False


def _catch_up(ctx: TeamsContext) -> bool:
    from bot.report.schedule import Slot

    settings = ctx.lotse.settings
    if not Slot.parse(settings.report_cron).passed_this_week(ctx.lotse.clock.now(), settings.timezone):
        return False
    return _job(ctx)


def add_report_jobs(scheduler: Any, ctx: TeamsContext) -> None:
    """The weekly cron job and its catch-up (a report missed during a restart goes out on the next run)."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from bot.report.schedule import Slot

    settings = ctx.lotse.settings
    slot, zone = Slot.parse(settings.report_cron), ZoneInfo(settings.timezone)
    scheduler.add_job(
        _job,
        CronTrigger(day_of_week=slot.day_of_week, hour=slot.hour, minute=slot.minute, timezone=zone),
        args=[ctx],
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=6 * 3600,
    )
    scheduler.add_job(
        _catch_up,
        IntervalTrigger(minutes=CATCH_UP_MINUTES, timezone=zone),
        args=[ctx],
        id=CATCH_UP_JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=datetime.now(zone) + timedelta(minutes=1),
    )
