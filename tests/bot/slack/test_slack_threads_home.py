"""Follow-ups in a thread (durable history), App Home, the SLA scheduler, the notifier, `lotse serve`."""

from __future__ import annotations

import json
from datetime import timedelta

from click.testing import CliRunner

from bot.slack import blocks as kit
from tests.bot.slack.conftest import CONTACT, EMPLOYEE, EMPLOYEE_DM
from tests.bot.slack.test_slack_e2e import PHOTO_QUESTION, open_handoff


def test_follow_up_in_the_thread_keeps_the_context_across_a_restart(slack, fake_slack, slack_lotse, clock):
    from bot.app import Lotse

    _, ts = slack.dm(PHOTO_QUESTION)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body["channel"] == EMPLOYEE_DM)
    seen = []
    original = slack_lotse.assistant.ask

    def spy(question, asker=None, conversation=None, **kw):
        seen.append(conversation)
        return original(question, asker, conversation, **kw)

    slack_lotse.assistant.ask = spy
    clock.advance(minutes=1)
    _, follow_up = slack.dm("Und im Labor?", thread_ts=ts)
    posts = fake_slack.wait_for("chat.postMessage", 2, where=lambda c: c.body["channel"] == EMPLOYEE_DM)
    assert posts[-1].body["thread_ts"] == ts
    assert seen[0].thread_id == ts and seen[0].history == (PHOTO_QUESTION,)
    # a fresh process (new Lotse over the same database) still knows the thread
    restarted = Lotse(slack_lotse.settings, clock=clock)
    assert restarted.thread_history.earlier_questions("slack", EMPLOYEE_DM, ts) == (PHOTO_QUESTION, "Und im Labor?")


def test_app_home_for_an_employee_lists_their_open_requests(slack, fake_slack, slack_lotse):
    view = open_handoff(slack_lotse)
    slack.event({"type": "app_home_opened", "user": EMPLOYEE, "channel": EMPLOYEE_DM, "tab": "home"})
    [home] = fake_slack.wait_for("views.publish")
    assert home.body["user_id"] == EMPLOYEE
    published = home.json_field("view")
    text = json.dumps(published, ensure_ascii=False)
    assert "/postcheck" in text and f"#{view.id}" in text and "Katrin Vogt" in text
    assert kit.ANSWER not in text  # employees get no handoff buttons


def test_app_home_for_a_contact_is_an_inbox_oldest_first_with_sla_marks(slack, fake_slack, slack_lotse, clock):
    first = open_handoff(slack_lotse, "Erste Frage zur Presse", source=f"{EMPLOYEE_DM}:1.1")
    clock.advance(days=3)
    second = open_handoff(slack_lotse, "Zweite Frage zur Presse", source=f"{EMPLOYEE_DM}:2.2")
    slack.event({"type": "app_home_opened", "user": CONTACT, "channel": "DCOMMS1", "tab": "home"})
    [home] = fake_slack.wait_for("views.publish")
    text = json.dumps(home.json_field("view"), ensure_ascii=False)
    assert text.index("Erste Frage") < text.index("Zweite Frage")
    assert text.count("SLA überschritten") == 1  # only the old one
    assert text.count(kit.ANSWER) == 2 and text.count(kit.RESOLVE) == 2
    # a button in App Home works the same and refreshes the home view
    body = {
        "type": "block_actions",
        "user": {"id": CONTACT},
        "trigger_id": "t.1",
        "team": {"id": "T0LOTSE"},
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [{"action_id": kit.CLAIM, "value": str(first.id), "type": "button", "block_id": "b"}],
    }
    slack.interact(body)
    fake_slack.wait_for("views.publish", 2)
    assert slack_lotse.handoffs.get(CONTACT, first.id).claimed_by == CONTACT
    assert slack_lotse.handoffs.get(CONTACT, second.id).status == "open"


def test_scheduler_runs_sla_reminders_every_15_minutes_and_accepts_more_jobs(slack_app, slack_lotse, fake_slack, clock):
    from bot.slack.scheduler import JOB_HOOKS, build_scheduler, register_job

    added = []

    def weekly(scheduler, lotse):
        added.append(lotse)
        scheduler.add_job(lambda: None, "interval", days=7, id="weekly_report")

    register_job(weekly)
    try:
        scheduler = build_scheduler(slack_lotse)
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert jobs["sla_reminders"].trigger.interval == timedelta(minutes=15)
        assert "weekly_report" in jobs and added == [slack_lotse]
    finally:
        JOB_HOOKS.remove(weekly)
    view = open_handoff(slack_lotse)
    clock.advance(days=3)
    jobs["sla_reminders"].func()
    jobs["sla_reminders"].func()  # idempotent: one reminder per SLA interval
    reminders = [c for c in fake_slack.calls("chat.postMessage") if "Erinnerung" in str(c.body.get("text"))]
    assert len(reminders) == 1 and reminders[0].body["channel"] == CONTACT
    assert f"#{view.id}" in reminders[0].body["text"]


def test_answers_to_handoffs_from_channels_are_delivered_privately(slack_lotse, fake_slack):
    from bot.slack.app import make_client
    from bot.slack.notifier import SlackNotifier

    view = open_handoff(slack_lotse)
    notifier = SlackNotifier(make_client(slack_lotse.settings))
    from dataclasses import replace

    notifier.deliver_answer(replace(view, asker_channel="C0GENERAL", asker_thread="9.9"), "Antwort")
    [post] = fake_slack.calls("chat.postMessage")[-1:]
    assert post.body["channel"] == EMPLOYEE and "thread_ts" not in post.body


def test_every_web_client_uses_the_configured_api_url_and_retry_handlers(slack_app, fake_slack):
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

    client = slack_app.client
    assert client.base_url == fake_slack.api_url
    kinds = {type(h) for h in client.retry_handlers}
    assert {RateLimitErrorRetryHandler, ServerErrorRetryHandler} <= kinds
    assert fake_slack.calls("auth.test")  # Bolt verified the token against our stand-in


def test_serve_refuses_without_tokens(settings):
    from bot.cli.serve_cmd import cli_command

    bare = settings.model_copy(update={"slack_bot_token": "", "slack_signing_secret": "", "slack_app_token": ""})
    result = CliRunner().invoke(cli_command, [], obj=bare)
    assert result.exit_code != 0
    assert "SLACK_BOT_TOKEN" in result.output and "nicht konfiguriert" in result.output
