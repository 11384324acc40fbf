"""The practice switch "Training / Übung" in Slack's App Home, over signed HTTP against the local Slack API
stand-in: the section says what it is and shows the state; one tap opts in (the core switches, the home is
published again), another opts out; the weekly DM then comes or stays away."""

from __future__ import annotations

import json
import time

from bot.slack.practice import SWITCH
from bot.slack.scheduler import build_scheduler
from tests.bot.slack.conftest import EMPLOYEE, EMPLOYEE_DM


def _home_click(value: str) -> dict:
    return {
        "type": "block_actions",
        "user": {"id": EMPLOYEE},
        "trigger_id": "t.home",
        "team": {"id": "T0LOTSE"},
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [{"action_id": SWITCH, "value": value, "type": "button", "block_id": "practice_switch"}],
    }


def _switch_section(call) -> dict:
    [block] = [b for b in call.json_field("view")["blocks"] if b.get("block_id") == "practice_switch"]
    return block


def _wait(condition, seconds: float = 5.0) -> None:
    deadline = time.time() + seconds
    while not condition() and time.time() < deadline:
        time.sleep(0.05)


def test_opt_in_and_out_from_app_home(slack, fake_slack, slack_lotse):
    slack.event({"type": "app_home_opened", "user": EMPLOYEE, "channel": EMPLOYEE_DM, "tab": "home"})
    [home] = fake_slack.wait_for("views.publish")
    text = json.dumps(home.json_field("view"), ensure_ascii=False)
    assert "Training / Übung" in text and "Einmal pro Woche eine kurze Übung" in text
    block = _switch_section(home)
    assert "nicht mit" in block["text"]["text"]
    assert block["accessory"]["text"]["text"] == "Mitmachen" and block["accessory"]["value"] == "on"

    assert slack.interact(_home_click("on")).status == 200
    home = fake_slack.wait_for("views.publish", 2)[-1]
    block = _switch_section(home)
    assert "Du machst mit" in block["text"]["text"]
    assert block["accessory"]["text"]["text"] == "Nicht mehr" and block["accessory"]["value"] == "off"
    assert slack_lotse.practice.takes_part("slack", EMPLOYEE)

    build_scheduler(slack_lotse).get_job("practice_slack").func()  # Wednesday 10:30: the week's exercise
    exercises = [c for c in fake_slack.calls("chat.postMessage") if "Übung der Woche" in str(c.body.get("text"))]
    assert [c.body["channel"] for c in exercises] == [EMPLOYEE]

    slack.interact(_home_click("off"))
    home = fake_slack.wait_for("views.publish", 3)[-1]
    assert _switch_section(home)["accessory"]["value"] == "on"
    _wait(lambda: not slack_lotse.practice.takes_part("slack", EMPLOYEE))
    assert not slack_lotse.practice.takes_part("slack", EMPLOYEE)


def test_the_switch_speaks_english_to_an_english_reader(slack_lotse):
    switch = slack_lotse.practice.switch_view("slack", "UENGLISH1", "en")
    assert switch.title == "Training / practice" and switch.button == "Take part" and switch.to == "on"
    assert "No points, no ranking" in switch.what
