"""Two `lotse serve` replicas sharing PostgreSQL and a Chroma server (`chroma run`), events delivered to either,
Slack's retries to the other, replicas killed (-9) at the points where work can be lost: every event answered once,
one notification, one delivered answer."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from bot.i18n import t
from bot.slack import blocks as kit
from bot.slack import texts as _texts  # noqa: F401 - registers the slack.* texts
from tests.bot.handoff.conftest import _drop_schema, _ensure_database, _fresh_schema, _pg_url, _unavailable
from tests.bot.slack.conftest import CONTACT, EMPLOYEE_DM, SIGNING_SECRET, SlackDriver
from tests.conftest import CONTACT_IDS
from tests.support.chroma_server import ChromaServer
from tests.support.serve_process import ServeProcess, base_env

PRESS_QUESTION = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
ANSWER = "Kein Statement bitte, ich übernehme das mit der Redaktion."
QUESTIONS = [
    "Darf ich ein Foto von meinen Kollegen posten?",
    "Darf ich Fotos aus der Montagehalle posten?",
    "Can I share our job postings on my private profile?",
]
LEASE_SECONDS = 8

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def database_url():
    url = _pg_url()
    try:
        _ensure_database(url)
    except Exception as exc:  # noqa: BLE001 - any connection problem means "not available"
        _unavailable(f"{type(exc).__name__}: {exc}")
    schema = f"lotse_replicas_{int(time.time())}"
    _fresh_schema(url, schema)
    yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    _drop_schema(url, schema)


@pytest.fixture
def chroma(knowledge_data_dir: Path, tmp_path: Path):
    server = ChromaServer(tmp_path / "chroma-server", tmp_path / "chroma.log").start()
    server.seed_from(knowledge_data_dir / "index")
    yield server
    server.stop()


@pytest.fixture
def replicas(knowledge_data_dir: Path, fake_slack, tmp_path: Path, database_url: str, chroma: ChromaServer):
    env = base_env(fake_slack.api_url, SIGNING_SECRET)
    env.update(
        DATABASE_URL=database_url,
        CHROMA_HOST="127.0.0.1",
        CHROMA_PORT=str(chroma.port),
        LOTSE_CONTACT_IDS=json.dumps(CONTACT_IDS),
        LOTSE_LEASE_SECONDS=str(LEASE_SECONDS),
        LOTSE_OUTBOX_BACKOFF_SECONDS="1",
    )
    made = []
    for name in ("a", "b"):
        data_dir = tmp_path / name
        (data_dir / "index").mkdir(parents=True)
        shutil.copy(knowledge_data_dir / "index" / "manifest.json", data_dir / "index" / "manifest.json")
        made.append(ServeProcess(data_dir, tmp_path / f"serve-{name}.log", env))
    yield made
    for process in made:
        process.ensure_dead()


def to_employee(call) -> bool:
    return call.body.get("channel") == EMPLOYEE_DM


def is_answer(call) -> bool:
    return to_employee(call) and ANSWER in json.dumps(call.json_field("blocks") or [], ensure_ascii=False)


def test_two_replicas_answer_every_event_once_and_take_over_from_a_killed_one(replicas, fake_slack):
    a, b = replicas
    to_a, to_b = SlackDriver(url=a.url, fake=fake_slack), SlackDriver(url=b.url, fake=fake_slack)

    # A takes the event and dies before working on it; Slack's retry reaches B, which dies while notifying
    a.start(block_at="inbox.work")
    response, ts = to_a.dm(PRESS_QUESTION, event_id="EvREPLICA1")
    assert response.status == 200
    a.wait_blocked("inbox.work")
    a.kill()
    b.start(block_at="outbox.send.notify_contact")
    assert to_b.dm(PRESS_QUESTION, event_id="EvREPLICA1", ts=ts, retry=1)[0].status == 200
    b.wait_blocked("outbox.send.notify_contact")
    b.kill()
    assert fake_slack.calls("chat.postMessage") == []

    # both up again (A stops while delivering an answer); the work is finished by whichever is free
    a.start(block_at="outbox.send.deliver_answer")
    b.start()
    assert to_a.dm(PRESS_QUESTION, event_id="EvREPLICA1", ts=ts, retry=2)[0].status == 200
    fake_slack.wait_for("chat.postMessage", where=to_employee, timeout=120)
    fake_slack.wait_for("chat.postMessage", where=lambda c: c.body.get("channel") == CONTACT, timeout=120)

    # the contact person answers through A, which is killed while delivering; B's sender takes it over
    to_a.click(kit.ANSWER, 1, user=CONTACT, channel="DCOMMS1")
    [modal] = fake_slack.wait_for("views.open", timeout=60)
    values = {kit.ANSWER_INPUT[0]: {kit.ANSWER_INPUT[1]: {"type": "plain_text_input", "value": ANSWER}}}
    assert (
        to_a.submit(
            kit.ANSWER_MODAL, values, user=CONTACT, private_metadata=modal.json_field("view")["private_metadata"]
        ).status
        == 200
    )
    a.wait_blocked("outbox.send.deliver_answer")
    a.kill()
    fake_slack.wait_for("chat.postMessage", where=is_answer, timeout=120)

    # many events, each to one replica and Slack's retry to the other: each answered once
    a.start()
    sent = []
    for n in range(12):
        first, second = (to_a, to_b) if n % 2 == 0 else (to_b, to_a)
        user, channel = f"UREPL{n:03d}", f"DREPL{n:03d}"
        response, ts_n = first.dm(QUESTIONS[n % len(QUESTIONS)], user=user, channel=channel, event_id=f"EvR{n}")
        assert response.status == 200
        assert (
            second.dm(QUESTIONS[n % len(QUESTIONS)], user=user, channel=channel, ts=ts_n, event_id=f"EvR{n}", retry=1)[
                0
            ].status
            == 200
        )
        sent.append((channel, ts_n))
    fake_slack.wait_for(
        "chat.postMessage", where=lambda c: c.body.get("channel", "").startswith("DREPL"), count=len(sent), timeout=300
    )
    time.sleep(2 * LEASE_SECONDS)  # anything sent twice would show by now

    posts = fake_slack.calls("chat.postMessage")
    assert len([c for c in posts if to_employee(c) and not is_answer(c)]) == 1, "one reply to the question"
    assert len([c for c in posts if is_answer(c)]) == 1, "one delivered answer"
    to_contact = [c.body.get("text", "") for c in posts if c.body.get("channel") == CONTACT]
    notifications = [text for text in to_contact if PRESS_QUESTION in text]
    assert len(notifications) == 1, "one notification"
    # the submitted answer is stored before its ack, so the confirmation A's kill interrupted comes once, after it
    assert [text for text in to_contact if text not in notifications] == [t("slack.answered_done", "de", id=1)], (
        "besides the notification, one confirmation of the answer to the contact person"
    )
    answered = sorted(
        (c.body["channel"], c.body.get("thread_ts")) for c in posts if c.body.get("channel", "").startswith("DREPL")
    )
    assert answered == sorted(sent), "every event answered once"
    assert a.stop() == 0 and b.stop() == 0
    assert "Traceback" not in a.output() + b.output()
