"""Installation in a team, the weekly report in its channel (once per week), and SLA reminders to contacts."""

from __future__ import annotations

from bot.teams.report import post_teams_report
from tests.bot.teams.conftest import CONTACT, TEAM_CHANNEL
from tests.bot.teams.test_teams_e2e import answers_to, sensitive_handoff

QUESTION = "Ist es okay, Bilder meiner Teamkollegen bei Instagram hochzuladen?"


def test_weekly_report_goes_to_the_channel_lotse_was_installed_in(teams, connector, teams_bot, teams_lotse, clock):
    assert teams.install_in_team().status == 200
    [hello] = connector.wait_for("send", where=lambda s: s.conversation_id == TEAM_CHANNEL)
    assert "Wochenbericht" in hello.text
    teams.message(QUESTION)
    answers_to(connector)
    clock.advance(days=7)  # the question's week is now the last complete one
    assert post_teams_report(teams_bot.ctx) is True
    assert post_teams_report(teams_bot.ctx) is False  # once per week, also across instances
    reports = [s for s in connector.sent("send") if s.conversation_id == TEAM_CHANNEL and s.cards]
    assert len(reports) == 1
    text = reports[0].card_text()
    assert "Fragen gestellt" in text and "Lotse-Wochenbericht" in text
    assert QUESTION not in text  # aggregated: topics are sections of the knowledge, never what people wrote


def test_no_report_without_a_channel(teams_bot, connector):
    assert post_teams_report(teams_bot.ctx) is False
    assert connector.sent() == []


def test_overdue_handoff_reminds_the_contact_people_in_teams(teams, connector, teams_lotse, clock):
    handoff, _ = sensitive_handoff(teams, connector, teams_lotse)
    connector.clear()
    clock.advance(days=3)
    assert teams_lotse.handoffs.send_reminders() == 1
    reminders = connector.wait_for("send", 2, where=lambda s: s.conversation_id.startswith("a:personal-"))
    assert all("Erinnerung" in r.text and f"#{handoff.id}" in r.text for r in reminders)
    assert {r.conversation_id for r in reminders} >= {f"a:personal-{CONTACT}"}
