"""kill -9 of a real `lotse serve` at each point where work can be lost, then restart and Slack's retry: the
employee gets exactly one reply and one answer, the contact person exactly one notification.

The process is stopped at named checkpoints (LOTSE_TEST_BLOCK_AT, test only: bot/inbox/checkpoints.py), not by
timing: it prints that it reached the point and stands still until the test kills it.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from bot.slack import blocks as kit
from tests.bot.slack.conftest import CONTACT, EMPLOYEE_DM, SIGNING_SECRET, SlackDriver
from tests.conftest import CONTACT_IDS
from tests.support.serve_process import ServeProcess, base_env

PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
ANSWER = "Bitte kein Statement abgeben, ich rufe die Redaktion zurück."
LEASE_SECONDS = 8  # short, so a restarted process takes over the dead one's work soon

pytestmark = pytest.mark.slow


def to_employee(call) -> bool:
    return call.body.get("channel") == EMPLOYEE_DM


def to_contact(call) -> bool:
    return call.body.get("channel") == CONTACT


def is_answer(call) -> bool:
    return to_employee(call) and ANSWER in json.dumps(call.json_field("blocks") or [], ensure_ascii=False)


@pytest.fixture
def server(knowledge_data_dir: Path, fake_slack, tmp_path: Path):
    data_dir = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", data_dir / "index")
    env = base_env(fake_slack.api_url, SIGNING_SECRET)
    env.update(
        LOTSE_CONTACT_IDS=json.dumps(CONTACT_IDS),
        LOTSE_LEASE_SECONDS=str(LEASE_SECONDS),
        LOTSE_OUTBOX_BACKOFF_SECONDS="1",
    )
    process = ServeProcess(data_dir, tmp_path / "serve.log", env)
    yield process
    process.ensure_dead()


def test_killed_after_the_ack_while_notifying_and_while_delivering_nothing_is_lost_or_doubled(server, fake_slack):
    slack = SlackDriver(url=server.url, fake=fake_slack)

    # 1. killed after the ack, before any work on the stored event
    server.start(block_at="inbox.work")
    response, ts = slack.dm(PRESS_QUESTION, event_id="EvCRASH1")
    assert response.status == 200
    server.wait_blocked("inbox.work")
    server.kill()
    assert fake_slack.calls("chat.postMessage") == []

    # 2. restarted; Slack retries; killed while notifying the contact person
    server.start(block_at="outbox.send.notify_contact")
    assert slack.dm(PRESS_QUESTION, event_id="EvCRASH1", ts=ts, retry=1)[0].status == 200
    server.wait_blocked("outbox.send.notify_contact")
    server.kill()
    assert fake_slack.calls("chat.postMessage") == []

    # 3. restarted; Slack's last retry; the work is taken up again and the notification sent
    server.start(block_at="outbox.send.deliver_answer")
    assert slack.dm(PRESS_QUESTION, event_id="EvCRASH1", ts=ts, retry=2)[0].status == 200
    fake_slack.wait_for("chat.postMessage", where=to_employee, timeout=120)
    fake_slack.wait_for("chat.postMessage", where=to_contact, timeout=120)

    # the contact person answers from the modal; killed while delivering the answer to the employee
    slack.click(kit.ANSWER, 1, user=CONTACT, channel="DCOMMS1")
    [modal] = fake_slack.wait_for("views.open", timeout=60)
    values = {kit.ANSWER_INPUT[0]: {kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": ANSWER}}}
    submitted = slack.submit(
        kit.ANSWER_MODAL, values, user=CONTACT, private_metadata=modal.json_field("view")["private_metadata"]
    )
    assert submitted.status == 200
    server.wait_blocked("outbox.send.deliver_answer")
    server.kill()
    assert not [c for c in fake_slack.calls("chat.postMessage") if is_answer(c)]

    # 4. restarted without a checkpoint: the pending delivery goes out once
    server.start()
    fake_slack.wait_for("chat.postMessage", where=is_answer, timeout=120)
    time.sleep(3 * LEASE_SECONDS)  # anything sent twice would show by now
    posts = fake_slack.calls("chat.postMessage")
    assert len([c for c in posts if to_employee(c) and not is_answer(c)]) == 1, "one reply to the question"
    assert len([c for c in posts if is_answer(c)]) == 1, "one delivered answer"
    assert len([c for c in posts if to_contact(c)]) == 1, "one notification of the contact person"
    assert server.stop() == 0
    assert "Traceback" not in server.output()
