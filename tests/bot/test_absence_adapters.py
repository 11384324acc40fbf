"""Absence set and ended from Slack (`/lotse abwesend bis 18.12.`), Teams (the message text) and the terminal
(`lotse handoffs away` / `back`), German and English; an employee's question is never taken for a command."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from bot.handoff.absence_desk import parse, parse_day
from tests.bot.slack.conftest import CONTACT as SLACK_CONTACT
from tests.bot.slack.conftest import EMPLOYEE as SLACK_EMPLOYEE
from tests.bot.teams.conftest import CONTACT as TEAMS_CONTACT
from tests.bot.teams.conftest import chat_of

pytest_plugins = ["tests.bot.slack.conftest", "tests.bot.teams.conftest"]


def test_commands_and_dates_are_read_in_german_and_english():
    today = date(2026, 12, 4)
    assert parse("abwesend bis 18.12.").until == "18.12."  # type: ignore[union-attr]
    assert parse("away until 12/18").language == "en"  # type: ignore[union-attr]
    assert parse("zurück").action == "back" and parse("Back!").action == "back"  # type: ignore[union-attr]
    assert parse("Darf ich abwesend sein, wenn ich krank bin?") is None
    assert parse_day("18.12.", today, "de") == date(2026, 12, 18)
    assert parse_day("12/18", today, "en") == date(2026, 12, 18)
    assert parse_day("3.1.", today, "de") == date(2027, 1, 3)  # the next such day
    assert parse_day("31.02.", today, "de") is None


def test_slack_sets_and_ends_an_absence(slack, fake_slack, slack_lotse, clock):
    slack.command("/lotse", "abwesend bis 18.12.", user=SLACK_CONTACT, response="away")
    [said] = fake_slack.wait_for("response_url")
    assert "Du bist bis 18.12. abwesend" in said.body["text"] and "Dr. Jonas Albers" in said.body["text"]
    away = slack_lotse.handoffs.absences.current(SLACK_CONTACT)
    assert away is not None and away.until_day == date(2026, 12, 18)
    slack.command("/lotse", "back", user=SLACK_CONTACT, response="back")
    said = fake_slack.wait_for("response_url", 2)[-1]
    assert "Welcome back" in said.body["text"]
    assert slack_lotse.handoffs.absences.current(SLACK_CONTACT) is None


def test_slack_an_employee_saying_abwesend_is_asked_not_marked(slack, fake_slack, slack_lotse):
    slack.command("/lotse", "abwesend bis 18.12.", user=SLACK_EMPLOYEE, response="emp")
    fake_slack.wait_for("response_url")
    assert slack_lotse.handoffs.absences.current(SLACK_EMPLOYEE) is None


def test_teams_sets_and_ends_an_absence(teams, connector, teams_lotse):
    teams.message("away until 12/18", user=TEAMS_CONTACT, locale="en-US")
    [said] = connector.wait_for("send", where=lambda s: s.conversation_id == chat_of(TEAMS_CONTACT) and s.text)
    assert "you are away until 12/18" in said.text
    assert teams_lotse.handoffs.absences.current(TEAMS_CONTACT) is not None
    teams.message("zurück", user=TEAMS_CONTACT)
    said = connector.wait_for("send", 2, where=lambda s: s.conversation_id == chat_of(TEAMS_CONTACT) and s.text)[-1]
    assert "Willkommen zurück" in said.text
    assert teams_lotse.handoffs.absences.current(TEAMS_CONTACT) is None


def test_the_terminal_sets_and_ends_an_absence(settings, tmp_path):
    from bot.app import Lotse
    from bot.cli.handoffs_cmd import handoffs

    runner = CliRunner()
    away = runner.invoke(handoffs, ["--as", "ULEGAL1", "away", "--until", "2099-12-18"], obj=settings)
    assert away.exit_code == 0 and "Du bist bis 18.12. abwesend" in away.output
    assert "Miriam Sommer" in away.output  # legal's deputy in the sample company
    assert Lotse(settings).handoffs.absences.current("ULEGAL1") is not None
    back = runner.invoke(handoffs, ["--as", "ULEGAL1", "back"], obj=settings)
    assert back.exit_code == 0 and "Willkommen zurück" in back.output
    assert Lotse(settings).handoffs.absences.current("ULEGAL1") is None
    refused = runner.invoke(handoffs, ["--as", "UEMPLOYEE", "away"], obj=settings)
    assert refused.exit_code == 1
