"""Posting to Slack exactly once per week and channel; the schedule; the CLI; ISO weeks in Europe/Berlin."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.report.period import Week


class FakeClient:
    """Records WebClient calls (chat_postMessage, files_upload_v2); can fail on demand."""

    def __init__(self, fail_message: int = 0, fail_upload: int = 0) -> None:
        self.messages: list[dict] = []
        self.uploads: list[dict] = []
        self.fail_message, self.fail_upload = fail_message, fail_upload

    def chat_postMessage(self, **kwargs):  # noqa: N802
        if self.fail_message:
            self.fail_message -= 1
            raise RuntimeError("slack is down")
        self.messages.append(kwargs)
        return {"ok": True, "channel": kwargs["channel"], "ts": f"1.{len(self.messages)}"}

    def files_upload_v2(self, **kwargs):
        if self.fail_upload:
            self.fail_upload -= 1
            raise RuntimeError("upload failed")
        self.uploads.append(kwargs)
        return {"ok": True}


@pytest.fixture
def reporting(settings, clock):
    """A Lotse with a report channel and a second 'instance' over the same database."""
    from bot.app import Lotse

    settings.report_channel = "CREPORT"
    clock.set(datetime(2026, 11, 23, 7, 0, tzinfo=UTC))  # Monday 08:00 Berlin
    return Lotse(settings, clock=clock), Lotse(settings.model_copy(), clock=clock)


def _seed(lotse):
    from bot.models import Asker, Conversation, Reply
    from bot.store.exchanges import ExchangeLog

    log = ExchangeLog(lotse.store, lotse.clock)
    now = lotse.clock.now()
    lotse.clock.set(datetime(2026, 11, 18, 10, 0, tzinfo=UTC))
    log.record(
        Reply(question="Darf ich Fotos posten?", language="de", outcome="answered", answer="Ja."),
        Asker("U0EMP001", "slack"),
        Conversation("slack", "D1", None, "M1"),
    )
    lotse.clock.set(now)


def test_two_instances_post_one_message(reporting):
    from bot.report.slack_post import post_report

    first, second = reporting
    _seed(first)
    client_a, client_b = FakeClient(), FakeClient()
    assert post_report(first, client_a) is True
    assert post_report(second, client_b) is False
    assert post_report(first, client_a) is False
    assert len(client_a.messages) + len(client_b.messages) == 1
    message = client_a.messages[0]
    assert message["channel"] == "CREPORT" and message["blocks"][0]["text"]["text"] == "Lotse-Wochenbericht 2026-W47"
    assert "U0EMP001" not in json.dumps(message)
    upload = client_a.uploads[0]
    assert upload["file"][:4] == b"\x89PNG" and upload["thread_ts"] == "1.1" and upload["channel"] == "CREPORT"


def test_a_failed_post_is_retried_later(reporting):
    from bot.report.slack_post import post_report

    lotse, other = reporting
    client = FakeClient(fail_message=1)
    assert post_report(lotse, client) is False and client.messages == []
    assert post_report(other, client) is True and len(client.messages) == 1
    assert post_report(lotse, client) is False and len(client.messages) == 1


def test_a_failed_chart_upload_does_not_repost(reporting):
    from bot.report.slack_post import post_report

    lotse, _other = reporting
    client = FakeClient(fail_upload=1)
    assert post_report(lotse, client) is True
    assert post_report(lotse, client) is False
    assert len(client.messages) == 1 and client.uploads == []


def test_weeks_and_channels_are_separate(reporting):
    from bot.report.slack_post import post_report

    lotse, _other = reporting
    client = FakeClient()
    assert post_report(lotse, client, Week.parse("2026-W46"))
    assert post_report(lotse, client, Week.parse("2026-W45"))
    assert post_report(lotse, client, Week.parse("2026-W46"), channel="COTHER")
    assert not post_report(lotse, client, Week.parse("2026-W46"))
    assert len(client.messages) == 3


def test_no_channel_no_post(lotse):
    from bot.report.slack_post import post_report

    client = FakeClient()
    assert post_report(lotse, client) is False and client.messages == []


def test_register_report_job(reporting):
    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.report.schedule import CATCH_UP_JOB_ID, JOB_ID, register_report_job

    lotse, _other = reporting
    scheduler = BackgroundScheduler(timezone="Europe/Berlin")
    jobs = register_report_job(scheduler, lotse, FakeClient())
    assert {job.id for job in jobs} == {JOB_ID, CATCH_UP_JOB_ID}
    weekly = scheduler.get_job(JOB_ID)
    fields = {f.name: str(f) for f in weekly.trigger.fields}
    assert (fields["day_of_week"], fields["hour"], fields["minute"]) == ("mon", "8", "0")
    assert str(weekly.trigger.timezone) == "Europe/Berlin"
    register_report_job(scheduler, lotse, FakeClient())  # a restart registers again, replacing the jobs
    assert len(scheduler.get_jobs()) == 2
    first = weekly.trigger.get_next_fire_time(None, datetime(2026, 11, 18, 12, 0, tzinfo=UTC))
    assert first == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # Monday 08:00 CET


def test_catch_up_posts_once_after_the_slot(reporting):
    from bot.report.schedule import Slot, catch_up

    lotse, other = reporting
    client = FakeClient()
    lotse.clock.set(datetime(2026, 11, 23, 6, 30, tzinfo=UTC))  # Monday 07:30 Berlin: not yet
    assert catch_up(lotse, client) is False
    lotse.clock.set(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # restarted after the slot
    assert catch_up(lotse, client) is True
    assert catch_up(other, client) is False and len(client.messages) == 1
    assert Slot.parse("Mo 08:00") == Slot(0, 8, 0) and Slot.parse("friday 16:30") == Slot(4, 16, 30)
    with pytest.raises(ValueError):
        Slot.parse("someday")


def test_cli_report(settings, tmp_path):
    from click.testing import CliRunner

    from bot.cli.report_cmd import cli_command

    runner = CliRunner()
    result = runner.invoke(cli_command, ["--week", "2026-W47", "--format", "json", "--lang", "en"], obj=settings)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["week"] == "2026-W47"
    out = tmp_path / "r.md"
    result = runner.invoke(cli_command, ["--week", "2026-W47", "--out", str(out)], obj=settings)
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# Lotse-Wochenbericht 2026-W47") and out.with_suffix(".png").exists()
    result = runner.invoke(cli_command, ["--week", "2026-47x"], obj=settings)
    assert result.exit_code != 0 and "ISO week" in result.output
    result = runner.invoke(cli_command, ["--post"], obj=settings)
    assert result.exit_code != 0 and "LOTSE_REPORT_CHANNEL" in result.output


def test_iso_weeks_in_berlin():
    week = Week.parse("2026-W47")
    assert week.start == datetime(2026, 11, 15, 23, 0, tzinfo=UTC)  # Monday 00:00 CET
    assert week.end == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    dst = Week.parse("2026-W13")  # clocks go forward on Sunday 29 March
    assert dst.start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)
    assert dst.end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    assert Week.last_complete(datetime(2026, 11, 23, 7, 0, tzinfo=UTC)).label == "2026-W47"
    assert Week.last_complete(datetime(2026, 11, 22, 22, 59, tzinfo=UTC)).label == "2026-W46"
    assert Week.parse("2027-W01").previous().label == "2026-W53"
    assert Week.parse("2026w53").next().label == "2027-W01"
    with pytest.raises(ValueError):
        Week.parse("2027-W53")
    with pytest.raises(ValueError):
        Week.parse("last week")


def test_catch_up_posts_a_report_whose_run_crashed_after_claiming(reporting):
    from bot.report.schedule import catch_up

    lotse, other = reporting
    for instance in (lotse, other):
        instance.store.clock = instance.clock  # Lotse builds its Store on the system clock
    assert lotse.store.claim_report("2026-W47", "CREPORT") is True  # killed before posting
    client = FakeClient()
    lotse.clock.advance(minutes=lotse.settings.report_claim_timeout_minutes - 1)
    assert catch_up(other, client) is False and client.messages == []  # the first run may still be posting
    lotse.clock.advance(minutes=2)
    assert catch_up(other, client) is True
    assert catch_up(lotse, client) is False and catch_up(other, client) is False
    assert len(client.messages) == 1
    assert client.messages[0]["blocks"][0]["text"]["text"] == "Lotse-Wochenbericht 2026-W47"
