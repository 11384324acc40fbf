"""kill -9 of a real `lotse serve` at each point where work can be lost, then restart and Slack's retry: the
employee gets exactly one reply and one answer, the contact person exactly one notification, each within 30 s of
the restart with the default lease settings (the restarted process frees what its dead predecessor held at once;
bench/bench_recovery.py measures how soon).

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
from tests.bot.slack.conftest import CONTACT, EMPLOYEE, EMPLOYEE_DM, SIGNING_SECRET, SlackDriver
from tests.conftest import CONTACT_IDS
from tests.support.serve_process import ServeProcess, base_env

PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
ANSWER = "Bitte kein Statement abgeben, ich rufe die Redaktion zurück."
RECOVERY = 30.0  # seconds after the restart within which interrupted work must have arrived
SETTLE = 20.0  # longer than the default lease (15 s): anything sent twice would show by then

pytestmark = pytest.mark.slow


def to_employee(call) -> bool:
    return call.body.get("channel") == EMPLOYEE_DM


def to_contact(call) -> bool:
    return call.body.get("channel") == CONTACT


def is_confirmation(call) -> bool:  # "Deine Antwort zu Anfrage #1 wurde zugestellt."
    return to_contact(call) and (
        "Deine Antwort" in call.body.get("text", "") or "Your answer" in call.body.get("text", "")
    )


def is_notification(call) -> bool:
    return to_contact(call) and not is_confirmation(call)


def is_answer(call) -> bool:
    return to_employee(call) and ANSWER in json.dumps(call.json_field("blocks") or [], ensure_ascii=False)


@pytest.fixture
def server(knowledge_data_dir: Path, fake_slack, tmp_path: Path):
    data_dir = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", data_dir / "index")
    env = base_env(fake_slack.api_url, SIGNING_SECRET)
    env.update(
        LOTSE_CONTACT_IDS=json.dumps(CONTACT_IDS),
    )  # default lease and backoff settings
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

    # 3. restarted, no retry from Slack: the work is taken up again at once and the notification sent
    server.start(block_at="outbox.send.deliver_answer")
    fake_slack.wait_for("chat.postMessage", where=to_employee, timeout=RECOVERY)
    fake_slack.wait_for("chat.postMessage", where=to_contact, timeout=RECOVERY)
    assert slack.dm(PRESS_QUESTION, event_id="EvCRASH1", ts=ts, retry=2)[0].status == 200  # a late retry: nothing

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
    fake_slack.wait_for("chat.postMessage", where=is_answer, timeout=RECOVERY)
    time.sleep(SETTLE)
    posts = fake_slack.calls("chat.postMessage")
    assert len([c for c in posts if to_employee(c) and not is_answer(c)]) == 1, "one reply to the question"
    assert len([c for c in posts if is_answer(c)]) == 1, "one delivered answer"
    assert len([c for c in posts if is_notification(c)]) == 1, "one notification of the contact person"
    assert len([c for c in posts if is_confirmation(c)]) == 1, "one confirmation of the submitted answer"
    assert server.stop() == 0
    assert "Traceback" not in server.output()


def replies_to(fake_slack, name: str) -> list:
    return [c for c in fake_slack.calls("response_url") if c.path.endswith(f"/{name}")]


def test_commands_and_clicks_acknowledged_before_a_kill_are_answered_once_after_the_restart(server, fake_slack):
    slack = SlackDriver(url=server.url, fake=fake_slack)
    server.start(block_at="inbox.work.command,inbox.work.interaction")  # events go on; commands and clicks stop
    assert slack.dm(PRESS_QUESTION, event_id="EvCMD1")[0].status == 200
    fake_slack.wait_for("chat.postMessage", where=to_contact, timeout=120)

    lotse = slack.command("/lotse", "Darf ich ein Foto von meinen Kollegen posten?", response="lotse")
    claim = slack.click(kit.CLAIM, 1, user=CONTACT, channel="DCOMMS1", response="claim")
    draft = {kit.DRAFT_INPUT[0]: {kit.DRAFT_INPUT[1]: {"type": "plain_text_input", "value": "Tolles Team heute!"}}}
    check = slack.submit(kit.POSTCHECK_MODAL, draft, user=EMPLOYEE)
    assert (lotse.status, lotse.body, claim.status, check.status) == (200, "", 200, 200)
    deadline = time.monotonic() + 120
    while server.output().count("LOTSE_TEST_BLOCKED inbox.work.") < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    server.kill()  # all three acknowledged, none answered
    assert replies_to(fake_slack, "lotse") == replies_to(fake_slack, "claim") == []
    assert not [c for c in fake_slack.calls("chat.postMessage") if c.body.get("channel") == EMPLOYEE]

    server.start()
    for name in ("lotse", "claim"):
        fake_slack.wait_for("response_url", where=lambda c, n=name: c.path.endswith(f"/{n}"), timeout=RECOVERY)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body.get("channel") == EMPLOYEE, timeout=RECOVERY)
    time.sleep(SETTLE)
    assert len(replies_to(fake_slack, "lotse")) == 1, "one answer to /lotse"
    [claimed] = replies_to(fake_slack, "claim")
    assert "#1" in claimed.body.get("text", ""), "the claim went through and was confirmed once"
    assert len([c for c in fake_slack.calls("chat.postMessage") if c.body.get("channel") == EMPLOYEE]) == 1
    assert server.stop() == 0
    assert "Traceback" not in server.output()
