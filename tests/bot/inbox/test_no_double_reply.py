"""kill -9 of a real `lotse serve` right after Slack took a message (chat.postMessage answered ok) and before Lotse
recorded anything about it: after the restart the resumed work finds the message by the delivery key in its
metadata (conversations.history / .replies of the local Slack stand-in) and does not post it again. Exactly one
reply and one contact notification, however the kills fall (issue 22; bot/slack/once.py).

The process stops at the test-only checkpoints `slack.posted.outbox` / `slack.posted.inbox`
(bot/inbox/checkpoints.py), which come right after Slack's answer.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests.bot.slack.conftest import CONTACT, EMPLOYEE_DM, SIGNING_SECRET, SlackDriver
from tests.conftest import CONTACT_IDS
from tests.support.fake_slack import FakeSlack
from tests.support.serve_process import ServeProcess, base_env

PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
RECOVERY = 30.0
SETTLE = 5.0  # after the look-up: a second post would follow at once

pytestmark = pytest.mark.slow


@pytest.fixture
def fake_slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def server(knowledge_data_dir: Path, fake_slack: FakeSlack, tmp_path: Path):
    data_dir = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", data_dir / "index")
    env = base_env(fake_slack.api_url, SIGNING_SECRET)
    env.update(LOTSE_CONTACT_IDS=json.dumps(CONTACT_IDS))  # default lease settings
    process = ServeProcess(data_dir, tmp_path / "serve.log", env)
    yield process
    process.ensure_dead()


def keys(messages: list[dict]) -> list[str]:
    return [str(m.get("metadata", {}).get("event_payload", {}).get("key")) for m in messages]


def test_killed_right_after_slack_took_the_notification_and_the_reply_each_is_posted_once(server, fake_slack):
    slack = SlackDriver(url=server.url, fake=fake_slack)

    # 1. the contact person's notification is in Slack; killed before the outbox records it
    server.start(block_at="slack.posted.outbox")
    assert slack.dm(PRESS_QUESTION, event_id="EvONCE1")[0].status == 200
    server.wait_blocked("slack.posted.outbox")
    server.kill()
    assert len(fake_slack.messages(CONTACT)) == 1
    assert fake_slack.messages(EMPLOYEE_DM) == []

    # 2. restarted: the notification is found (not sent again); the reply goes out and the process is killed at once
    server.start(block_at="slack.posted.inbox")
    server.wait_blocked("slack.posted.inbox", timeout=RECOVERY)
    server.kill()
    assert len(fake_slack.messages(EMPLOYEE_DM)) == 1

    # 3. restarted without a checkpoint: the third attempt finds the reply as well
    server.start()
    fake_slack.wait_for(
        "conversations.replies", count=2, timeout=RECOVERY, where=lambda c: c.body.get("channel") == EMPLOYEE_DM
    )
    time.sleep(SETTLE)
    to_contact, to_employee = fake_slack.messages(CONTACT), fake_slack.messages(EMPLOYEE_DM)
    assert len(to_contact) == 1, "one notification of the contact person"
    assert len(to_employee) == 1, "one reply to the question"
    assert keys(to_employee) == ["inbox:1#1"] and keys(to_contact)[0].startswith("outbox:")
    assert fake_slack.calls("conversations.history"), "the taken-over notification was looked up in the DM"
    assert server.stop() == 0
    assert "Traceback" not in server.output()
