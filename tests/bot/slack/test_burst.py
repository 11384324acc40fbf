"""50 employees writing at the same moment to a real `lotse serve`: every request accepted at the first try
(no reset, no refusal) and every message answered exactly once. The timing is a benchmark
(bench/bench_serve_burst.py), not asserted here."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.bot.slack.conftest import SIGNING_SECRET
from tests.support.burst import fire_burst
from tests.support.serve_process import ServeProcess, base_env

BURST = 50
QUESTIONS = [
    "Darf ich ein Foto von meinen Kollegen posten?",
    "Darf ich auf LinkedIn schreiben, dass ich bei Nordwerk arbeite?",
    "Can I share our job postings on my private profile?",
    "Darf ich Fotos aus der Montagehalle posten?",
]

pytestmark = pytest.mark.slow


@pytest.fixture
def server(knowledge_data_dir: Path, fake_slack, tmp_path: Path):
    data_dir = tmp_path / "data"
    shutil.copytree(knowledge_data_dir / "index", data_dir / "index")
    process = ServeProcess(data_dir, tmp_path / "serve.log", base_env(fake_slack.api_url, SIGNING_SECRET))
    yield process.start()
    process.ensure_dead()


def test_fifty_concurrent_dms_are_all_accepted_and_each_answered_once(server, fake_slack):
    sent = fire_burst(server.url, [QUESTIONS[n % len(QUESTIONS)] for n in range(BURST)], SIGNING_SECRET)
    assert len(sent) == BURST
    assert [s for s in sent if s.status != 200] == [], "every request accepted at the first try"
    replies = fake_slack.wait_for("chat.postMessage", count=BURST, timeout=600)
    time.sleep(2.0)
    replies = fake_slack.calls("chat.postMessage")
    threads = sorted((c.body["channel"], c.body.get("thread_ts")) for c in replies)
    assert threads == sorted(("D" + s.user[1:], s.ts) for s in sent), "one reply in each asker's thread"
    assert server.stop() == 0
    assert "Traceback" not in server.output()
