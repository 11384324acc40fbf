"""`lotse serve` in Socket Mode as a real process: envelopes over a real WebSocket, answers via the fake Web API.

The fake Slack (tests/support/fake_slack.py) answers `apps.connections.open` with the URL of its local WebSocket
server, greets the app with `hello`, pushes `events_api` envelopes and records the app's acknowledgements.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.slack.conftest import EMPLOYEE, EMPLOYEE_DM
from tests.bot.slack.test_serve_process import KNOWLEDGE, QUESTION, STARTUP_TIMEOUT

APP_TOKEN = "xapp-1-A0LOTSE-1-test"
ANSWER_TIMEOUT = 120.0
PROXY_VARIABLES = ("http_proxy", "https_proxy")  # slack_sdk ignores NO_PROXY: never route 127.0.0.1 through one


def test_fake_socket_mode_greets_delivers_and_records_acks(fake_slack):
    """The fake itself, driven by a plain WebSocket client: hello, a pushed envelope, the ack recorded."""
    from slack_sdk import WebClient
    from websockets.sync.client import connect

    opened = WebClient(token=APP_TOKEN, base_url=fake_slack.api_url).apps_connections_open(app_token=APP_TOKEN)
    assert opened["ok"] and opened["url"].startswith("ws://127.0.0.1:")
    with connect(opened["url"], open_timeout=10) as ws:
        hello = json.loads(ws.recv(timeout=10))
        assert hello["type"] == "hello" and hello["connection_info"]["app_id"] == fake_slack.app_id
        fake_slack.wait_for_socket()
        envelope = fake_slack.push_event(
            {
                "type": "message",
                "channel_type": "im",
                "channel": EMPLOYEE_DM,
                "user": EMPLOYEE,
                "text": "Hallo",
                "ts": "1.1",
            }
        )
        received = json.loads(ws.recv(timeout=10))
        assert received == envelope and received["payload"]["type"] == "event_callback"
        ws.send(json.dumps({"envelope_id": envelope["envelope_id"]}))
        [ack] = fake_slack.wait_for_ack(envelope["envelope_id"])
    assert ack.data == {"envelope_id": envelope["envelope_id"]} and ack.connection == 1
    [call] = fake_slack.calls("apps.connections.open")
    assert call.headers["authorization"] == f"Bearer {APP_TOKEN}"


def _alive(process: subprocess.Popen[bytes], stderr: Path) -> None:
    if process.poll() is not None:
        pytest.fail(f"lotse serve exited with {process.returncode}:\n{stderr.read_text()}")


@pytest.fixture
def socket_served(
    knowledge_data_dir: Path, fake_slack: Any, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`lotse --data-dir <copy of the session index> serve` with SLACK_APP_TOKEN, connected to the fake."""
    data_dir = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", data_dir / "index")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "LOTSE_")) and k != "PORT" and k.lower() not in PROXY_VARIABLES
    }
    # no signing secret: Socket Mode needs only the bot token and the app-level token
    env.update(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=fake_slack.api_url,
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        TOKENIZERS_PARALLELISM="false",
    )
    stderr = tmp_path / "stderr.log"
    command = [
        sys.executable,
        "-m",
        "bot.cli.main",
        "--data-dir",
        str(data_dir),
        "--knowledge-dir",
        str(KNOWLEDGE),
        "serve",
    ]
    with open(stderr, "wb") as err:  # cwd=tmp_path: no stray .env or ./data is picked up
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        # loads the model and the index, then asks apps.connections.open and connects to the fake's WebSocket
        fake_slack.wait_for_socket(timeout=STARTUP_TIMEOUT, alive=lambda: _alive(process, stderr))
        yield process, stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_serve_in_socket_mode_acks_answers_once_and_stops_cleanly(socket_served, fake_slack):
    process, stderr = socket_served
    [opened] = fake_slack.calls("apps.connections.open")
    assert opened.headers["authorization"] == f"Bearer {APP_TOKEN}"  # the app-level token, via SLACK_API_URL

    # (a) a direct message arrives as an events_api envelope: acknowledged, answered in its thread with sources
    ts = f"{int(time.time())}.000300"
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": EMPLOYEE_DM,
        "user": EMPLOYEE,
        "text": QUESTION,
        "ts": ts,
        "event_ts": ts,
        "team": fake_slack.team_id,
        "client_msg_id": "5b1f0c1e-socket-mode",
    }
    envelope = fake_slack.push_event(event, event_id="EvSOCKET0001")
    [ack] = fake_slack.wait_for_ack(envelope["envelope_id"], timeout=ANSWER_TIMEOUT)
    assert ack.data == {"envelope_id": envelope["envelope_id"]}  # events_api: a bare ack, no response payload
    [post] = fake_slack.wait_for("chat.postMessage", timeout=ANSWER_TIMEOUT)
    assert post.body["channel"] == EMPLOYEE_DM and post.body["thread_ts"] == ts
    assert post.headers["authorization"] == "Bearer xoxb-test-token"  # answers go out with the bot token
    assert post.body["text"]
    [sources] = [
        e["text"]
        for b in post.json_field("blocks")
        if b["type"] == "context"
        for e in b["elements"]
        if "Quellen" in e["text"]
    ]
    assert "• Social-Media-Richtlinie › " in sources and "_(social-media-richtlinie-de)_" in sources, sources

    # (b) Slack redelivers the same envelope (late ack): acknowledged again, dropped as a duplicate
    fake_slack.push({**envelope, "retry_attempt": 1, "retry_reason": "timeout"})
    assert len(fake_slack.wait_for_ack(envelope["envelope_id"], count=2, timeout=ANSWER_TIMEOUT)) == 2
    assert "dropping duplicate Slack event EvSOCKET0001" in stderr.read_text()

    # (c) SIGTERM: the socket is closed, pending work finishes, exit code 0, no traceback
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=ANSWER_TIMEOUT) == 0
    log = stderr.read_text()
    assert "Traceback" not in log, log
    assert "Lotse: Slack Socket Mode." in log
    # the listener pool is drained before the process exits, so this is final: the redelivery was never answered
    assert len(fake_slack.calls("chat.postMessage")) == 1, [c.body for c in fake_slack.calls("chat.postMessage")]
    assert len(fake_slack.calls("apps.connections.open")) == 1  # one connection, no reconnect loop
