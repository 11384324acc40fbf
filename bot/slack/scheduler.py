"""The in-process scheduler of `lotse serve` (APScheduler): SLA reminders now, the weekly report later.

Other modules add their jobs with the `register_job` hook:

    from bot.slack.scheduler import register_job

    @register_job
    def weekly_report(scheduler, lotse):
        scheduler.add_job(..., id="weekly_report", replace_existing=True)

Every job must be idempotent per run (reminders: `last_reminder_at`; report: `store.claim_report`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from apscheduler.schedulers.background import BackgroundScheduler

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

log = logging.getLogger(__name__)
JobHook = Callable[[Any, "Lotse"], None]
JOB_HOOKS: list[JobHook] = []
REMINDER_MINUTES = 15
ESCALATION_CHECK_MINUTES = 1


def register_job(hook: JobHook) -> JobHook:
    """Add a function `hook(scheduler, lotse)` that adds its job(s) when the scheduler is built."""
    if hook not in JOB_HOOKS:
        JOB_HOOKS.append(hook)
    return hook


def first_in_slot(lotse: Lotse, name: str, slot_minutes: int) -> bool:
    """True for the one replica that claims job `name` for the current time slot (a DB row, see Store.claim_job);
    every replica's scheduler fires, only the first one per slot runs the job."""
    from bot.inbox.owner import INSTANCE

    now = lotse.clock.now()
    slot = (
        now.replace(minute=now.minute - now.minute % slot_minutes, second=0, microsecond=0)
        if slot_minutes < 60
        else now.replace(minute=0, second=0, microsecond=0)
    )
    if slot_minutes >= 24 * 60:
        slot = slot.replace(hour=0)
    try:
        return lotse.store.claim_job(name, slot.isoformat(), INSTANCE)
    except Exception:
        log.exception("could not claim the %s job", name)
        return False


@register_job
def sla_reminders(scheduler: Any, lotse: Lotse) -> None:
    def run() -> None:
        if not first_in_slot(lotse, "sla_reminders", REMINDER_MINUTES):
            return
        try:
            sent = lotse.handoffs.send_reminders()
            if sent:
                log.info("sent %s SLA reminder(s)", sent)
        except Exception:
            log.exception("SLA reminders failed")

    scheduler.add_job(
        run,
        "interval",
        minutes=REMINDER_MINUTES,
        id="sla_reminders",
        replace_existing=True,
        max_instances=1,
        coalesce=True,
    )


@register_job
def escalations(scheduler: Any, lotse: Lotse) -> None:
    """Urgent handoffs nobody claimed within LOTSE_ESCALATION_MINUTES go on to the next person, every minute, at
    any hour; once per slot across replicas, and each step is a locked conditional change (bot/handoff/service.py)."""

    def run() -> None:
        if not first_in_slot(lotse, "escalations", ESCALATION_CHECK_MINUTES):
            return
        try:
            escalated = lotse.handoffs.escalate_due(lotse.settings.escalation_minutes)
            if escalated:
                log.info("escalated %s urgent handoff(s)", escalated)
        except Exception:
            log.exception("escalating urgent handoffs failed")

    scheduler.add_job(
        run,
        "interval",
        minutes=ESCALATION_CHECK_MINUTES,
        id="escalations",
        replace_existing=True,
        max_instances=1,
        coalesce=True,
    )


def build_scheduler(lotse: Lotse) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone=lotse.settings.timezone)
    for hook in list(JOB_HOOKS):
        hook(scheduler, lotse)
    return scheduler


@register_job
def weekly_report(scheduler: Any, lotse: Lotse) -> None:
    """Monday's report to LOTSE_REPORT_CHANNEL (once per week: `store.claim_report`)."""
    from bot.report.schedule import register_report_job
    from bot.slack.app import make_client

    register_report_job(scheduler, lotse, make_client(lotse.settings))


@register_job
def weekly_practice(scheduler: Any, lotse: Lotse) -> None:
    """The weekly practice DM to everyone in Slack who takes part (bot/practice/weekly.py): at most one per person
    and week (a unique row and outbox message per person and week), sent through the durable outbox."""
    if not lotse.settings.slack_enabled:
        return
    from bot.practice.weekly import add_practice_job, run_if_due
    from bot.slack.app import make_client
    from bot.slack.practice import deliver

    outbox = lotse.practice_deliveries
    outbox.register("slack", deliver(make_client(lotse.settings)))

    def run() -> None:
        if not first_in_slot(lotse, "practice_slack", 30):
            return
        sent = run_if_due(lotse.practice, lotse.settings, lotse.clock.now(), "slack", outbox)
        if sent:
            log.info("sent %s weekly practice exercise(s) in Slack", sent)

    add_practice_job(scheduler, "practice_slack", run, lotse.settings.timezone)


@register_job
def retention(scheduler: Any, lotse: Lotse) -> None:
    """Delete question and answer texts past LOTSE_RETENTION_DAYS, nightly (counts stay)."""

    def run() -> None:
        if not first_in_slot(lotse, "retention", 24 * 60):
            return
        try:
            purged = lotse.handoffs.purge_expired()
            if purged:
                log.info("retention: purged the texts of %s record(s)", purged)
            _forget_old_deliveries(lotse)
        except Exception:
            log.exception("retention purge failed")

    scheduler.add_job(
        run, "cron", hour=3, minute=17, id="retention", replace_existing=True, max_instances=1, coalesce=True
    )


def _forget_old_deliveries(lotse: Lotse) -> None:
    """Finished inbox items after a week, replay claims of commands after a day (Slack retries for hours)."""
    from datetime import timedelta

    from bot.inbox.inbox import Inbox
    from bot.inbox.owner import INSTANCE

    inbox = Inbox(lotse.store, owner=INSTANCE, lease=timedelta(seconds=lotse.settings.lease_seconds))
    inbox.prune(timedelta(days=7))
    lotse.store.forget_events("request:", timedelta(days=1))
