"""`lotse serve` as a real process: signed events answered via the fake Slack, forgeries refused, SIGTERM clean."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.slack.conftest import EMPLOYEE, EMPLOYEE_DM, SIGNING_SECRET, SlackDriver, sign

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"
STARTUP_TIMEOUT = 300.0  # loads the embedding model and the index before it listens
QUESTION = "Darf ich ein Foto von meinem Arbeitsplatz mit der Maschine posten?"  # the guideline answers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_listening(process: subprocess.Popen[bytes], port: int, stderr: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"lotse serve exited with {process.returncode}:\n{stderr.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"lotse serve did not listen on port {port}:\n{stderr.read_text()}")


@pytest.fixture
def served(
    knowledge_data_dir: Path, fake_slack: Any, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], SlackDriver, Path]]:
    """`lotse --data-dir <copy of the session index> serve --port N` against the fake Slack API."""
    data_dir = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", data_dir / "index")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSE_")) and k != "PORT"}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
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
        "--port",
        str(port),
    ]
    with open(stderr, "wb") as err:  # cwd=tmp_path: no stray .env or ./data is picked up
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        wait_until_listening(process, port, stderr)
        yield process, SlackDriver(url=f"http://127.0.0.1:{port}", fake=fake_slack), stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_serve_answers_signed_dms_refuses_forgeries_and_stops_cleanly(served, fake_slack):
    process, slack, stderr = served

    response, ts = slack.dm(QUESTION)
    assert response.status == 200
    [post] = fake_slack.wait_for("chat.postMessage", timeout=120)
    assert post.body["channel"] == EMPLOYEE_DM and post.body["thread_ts"] == ts
    assert post.body["text"]
    [sources] = [
        e["text"]
        for b in post.json_field("blocks")
        if b["type"] == "context"
        for e in b["elements"]
        if "Quellen" in e["text"]
    ]
    assert "• Social-Media-Richtlinie › " in sources and "_(social-media-richtlinie-de)_" in sources, sources

    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvFORGED",
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": EMPLOYEE_DM,
                "user": EMPLOYEE,
                "text": "Hallo",
                "ts": "2.2",
            },
        }
    )
    forged = slack.post(body, "application/json", signature=sign(body, int(time.time()), "wrong-secret"))
    assert forged.status == 401

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    log = stderr.read_text()
    assert "Traceback" not in log, log
    assert len(fake_slack.calls("chat.postMessage")) == 1  # the forged event was never answered
