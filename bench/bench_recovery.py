"""Recovery of `lotse serve` after kill -9, with the DEFAULT lease settings: how many seconds after the restarted
process listens again the employee's reply and the contact person's notification of a press question arrive,
and whether anything arrived twice.

Kill points: 0.0 / 0.05 / 0.2 s after Slack's acknowledgement (the measurement of issue 22, which gave 301 s with
the former fixed 300-s lease), and at the checkpoints `inbox.work` (a worker took the event) and
`outbox.send.notify_contact` (the notification was about to go out). Each round uses a fresh database.

Run: `.venv/bin/python bench/bench_recovery.py --data-dir DIR [--out bench/results/recovery.json]`
(DIR: a data dir with an index of knowledge/, e.g. the tests' session index; without it one is built first).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_serve_burst import index_or_build  # noqa: E402
from tests.bot.slack.conftest import CONTACT, EMPLOYEE_DM, SIGNING_SECRET, SlackDriver  # noqa: E402
from tests.conftest import CONTACT_IDS  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.serve_process import ServeProcess, base_env  # noqa: E402

PRESS = "Ein Journalist der Neuen Westfälischen hat mich angerufen und will ein Statement zu den Entlassungen"
KILL_POINTS = ["after-ack:0.0", "after-ack:0.05", "after-ack:0.2", "inbox.work", "outbox.send.notify_contact"]
SETTLE = 20.0  # longer than the default lease: a duplicate would show by then
WAIT = 120.0


def one_round(point: str, index: Path, work: Path) -> dict[str, Any]:
    data_dir = work / point.replace(":", "-")
    shutil.copytree(index / "index", data_dir / "index")
    with FakeSlack() as fake:
        env = base_env(fake.api_url, SIGNING_SECRET)
        env["LOTSE_CONTACT_IDS"] = json.dumps(CONTACT_IDS)
        server = ServeProcess(data_dir, work / f"{data_dir.name}.log", env)
        slack = SlackDriver(url=server.url, fake=fake)
        try:
            checkpoint = "" if point.startswith("after-ack") else point
            server.start(block_at=checkpoint)
            response, _ts = slack.dm(PRESS, event_id="EvBENCH1")
            if checkpoint:
                server.wait_blocked(checkpoint)
            else:
                time.sleep(float(point.split(":")[1]))
            server.kill()
            before = len(fake.calls("chat.postMessage"))
            server.start()
            restarted = time.monotonic()
            reply = notification = None
            deadline = restarted + WAIT
            while (reply is None or notification is None) and time.monotonic() < deadline:
                posts = fake.calls("chat.postMessage")
                if reply is None and any(c.body.get("channel") == EMPLOYEE_DM for c in posts):
                    reply = round(time.monotonic() - restarted, 2)
                if notification is None and any(c.body.get("channel") == CONTACT for c in posts):
                    notification = round(time.monotonic() - restarted, 2)
                time.sleep(0.05)
            time.sleep(SETTLE)
            posts = fake.calls("chat.postMessage")
            server.stop()
        finally:
            server.ensure_dead()
    return {
        "kill_point": point,
        "ack_status": response.status,
        "sent_before_kill": before,
        "reply_seconds_after_restart": reply,
        "notification_seconds_after_restart": notification,
        "replies": sum(1 for c in posts if c.body.get("channel") == EMPLOYEE_DM),
        "notifications": sum(1 for c in posts if c.body.get("channel") == CONTACT),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="a data dir with an index of knowledge/")
    parser.add_argument("--points", default=",".join(KILL_POINTS))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "recovery.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        index = index_or_build(args.data_dir, work)
        rounds = [one_round(point, index, work) for point in args.points.split(",")]
    result = {
        "lease_settings": "defaults (LOTSE_LEASE_SECONDS=15, renewed every 5 s while working)",
        "rounds": rounds,
        "slowest_reply_seconds": max((r["reply_seconds_after_restart"] for r in rounds if r["replies"]), default=None),
        "lost": sum(1 for r in rounds if not r["replies"] or not r["notifications"]),
        "duplicated": sum(1 for r in rounds if r["replies"] > 1 or r["notifications"] > 1),
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    text = json.dumps(result, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
