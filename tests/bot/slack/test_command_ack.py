"""Slash commands are acknowledged at once even while earlier answers are still being worked out: the answer runs
in a pool of its own, so Bolt's listener threads (which run ack()) never all wait behind slow answers. Found by
the hostile battery: 30 of 40 `/lotse` commands got Bolt's 404 ("ack() not called within 3 seconds")."""

from __future__ import annotations

import threading
import urllib.parse

from tests.bot.slack.conftest import EMPLOYEE

COMMANDS = 12  # more than Bolt's listener pool (8 threads)


def test_commands_are_acknowledged_while_earlier_answers_are_still_running(slack, slack_lotse, fake_slack, monkeypatch):
    release = threading.Event()
    real_ask = slack_lotse.assistant.ask

    def slow_ask(*args, **kwargs):
        release.wait(60)
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(slack_lotse.assistant, "ask", slow_ask)
    statuses = []
    for n in range(COMMANDS):
        fields = {
            "token": "legacy",
            "team_id": "T0LOTSE",
            "channel_id": "C0GENERAL",
            "user_id": EMPLOYEE,
            "command": "/lotse",
            "text": f"Darf ich Fotos aus der Halle posten? ({n})",
            "response_url": fake_slack.response_url(f"ack{n}"),
            "trigger_id": f"trigger.{n}",
        }
        statuses.append(slack.post(urllib.parse.urlencode(fields), "application/x-www-form-urlencoded").status)
    release.set()
    assert statuses == [200] * COMMANDS
    fake_slack.wait_for("response_url", count=COMMANDS, timeout=120)
    paths = sorted(call.path for call in fake_slack.calls("response_url"))
    assert paths == sorted(f"/response/ack{n}" for n in range(COMMANDS)), "each command answered once"
