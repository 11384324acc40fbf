"""What the contact people see when a notification or an answer has not reached its person: `lotse handoffs
list/show` name the pending or failed delivery, the weekly report counts it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.app import Lotse
from bot.cli.handoffs_cmd import handoffs
from bot.handoff.service import HandoffRequest
from bot.report.build import build_report
from bot.report.period import Week
from bot.report.render_text import render_text
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[3]


class PlatformDown:
    def notify_contact(self, user_id, handoff):
        raise ConnectionError("slack unreachable")

    def deliver_answer(self, handoff, answer):
        raise ConnectionError("slack unreachable")

    def remind(self, user_id, handoff, overdue_hours):
        raise ConnectionError("slack unreachable")


def test_undelivered_notifications_show_in_the_inbox_and_the_report(tmp_path, clock):
    settings = Settings(
        data_dir=tmp_path / "data", knowledge_dir=REPO / "knowledge", contact_ids={"communications": ["UCOMMS1"]}
    )
    lotse = Lotse(settings, clock=clock, notifier=PlatformDown())
    view, _ = lotse.handoffs.open(
        HandoffRequest(
            platform="slack",
            source_message_id="D1:1.0",
            asker_id="UEMP1",
            language="de",
            reason="sensitive",
            question="Ein Journalist fragt nach den Entlassungen",
            category="press",
        )
    )

    shown = CliRunner().invoke(handoffs, ["--as", "UCOMMS1", "show", str(view.id)], obj=settings)
    assert shown.exit_code == 0, shown.output
    assert "Zustellung / Delivery:" in shown.output
    assert "Benachrichtigung / notification → UCOMMS1: ausstehend / pending" in shown.output
    assert "slack unreachable" in shown.output

    listed = CliRunner().invoke(handoffs, ["--as", "UCOMMS1", "list"], obj=settings)
    assert f"#{view.id}" in listed.output and "!notify" in listed.output and "!pending" in listed.output

    report = build_report(lotse, Week.containing(clock.now(), settings.timezone), "de", gaps=False)
    assert report.current.deliveries_pending == 1 and report.current.deliveries_failed == 0
    assert "Zustellung ausstehend" in render_text(report)
