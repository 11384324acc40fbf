"""A bounded fault soak: two `lotse serve` replicas on one PostgreSQL database, mixed Slack traffic through the
local Slack stand-in (DMs, press questions that open a handoff and notify the contact person, `/lotse`,
`/postcheck`, button clicks, submitted post-check modals), a replica killed with SIGKILL at random moments and
restarted, DEFAULT lease settings. Reports what was acknowledged but never answered (lost), answered twice
(duplicated), the slowest recovery of a request a kill interrupted, and each replica's memory (RSS) at the start
and the end.

Run: `.venv/bin/python bench/bench_soak.py --data-dir DIR [--seconds 300] [--kills 5] [--out bench/results/soak.json]`
(DIR: a data dir with an index of knowledge/; PostgreSQL at LOTSE_TEST_POSTGRES_URL or 127.0.0.1:5432). Loopback
only; the traffic loop is bounded by --seconds and --max-requests, each wait by a timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.slack import blocks as kit  # noqa: E402
from tests.bot.handoff.conftest import _drop_schema, _ensure_database, _fresh_schema, _pg_url  # noqa: E402
from tests.bot.slack.conftest import CONTACT, SIGNING_SECRET, SlackDriver  # noqa: E402
from tests.conftest import CONTACT_IDS  # noqa: E402
from tests.support.fake_slack import Call, FakeSlack  # noqa: E402
from tests.support.serve_process import ServeProcess, base_env  # noqa: E402

QUESTIONS = [
    "Darf ich ein Foto von meinen Kollegen posten?",
    "Darf ich Fotos aus der Montagehalle posten?",
    "Can I share our job postings on my private profile?",
]
PRESS = "Ein Journalist hat mich angerufen und will ein Statement zu den Entlassungen, Anfrage {n}"
DRAFTS = ["Stolz auf unser Team beim Firmenlauf!", "Unser neues Produkt kommt im März, Details folgen."]
KINDS = ["dm", "dm", "press", "lotse", "postcheck", "click", "modal"]
SETTLE = 20.0  # longer than the default lease: anything sent twice shows by then
DRAIN = 300.0  # at most this long for the last answers after the traffic ends


@dataclass
class Expected:
    """One acknowledged request and how its answer is recognised among the stand-in's calls."""

    kind: str
    replica: int
    sent_at: float
    method: str
    match: Any  # Call -> bool
    answered_at: float | None = None


@dataclass
class Replica:
    process: ServeProcess
    restarts: int = 0
    rss_start_kb: int | None = None
    kills: list[tuple[float, float]] = field(default_factory=list)  # (killed at, listening again at)
    up: bool = False


def rss_kb(process: ServeProcess) -> int | None:
    if process.process is None:
        return None
    try:
        for line in Path(f"/proc/{process.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def send(kind: str, n: int, driver: SlackDriver, fake: FakeSlack) -> tuple[int, str, Any]:
    """Send one request of `kind`; (HTTP status, the method its answer comes by, a matcher for that answer)."""
    user, channel = f"USOAK{n:04d}", f"DSOAK{n:04d}"
    if kind in ("dm", "press"):
        text = PRESS.format(n=n) if kind == "press" else QUESTIONS[n % len(QUESTIONS)]
        response, _ts = driver.dm(text, user=user, channel=channel, event_id=f"EvSOAK{n}")
        return response.status, "chat.postMessage", lambda c: c.body.get("channel") == channel
    if kind in ("lotse", "postcheck", "click"):
        name = f"{kind}{n}"
        if kind == "click":
            response = driver.click(kit.FEEDBACK_HELPFUL, 1, user=user, channel=channel, response=name)
        else:
            text = QUESTIONS[n % len(QUESTIONS)] if kind == "lotse" else DRAFTS[n % len(DRAFTS)]
            response = driver.command(f"/{kind}", text, user=user, channel=channel, response=name)
        return response.status, "response_url", lambda c: c.path.endswith(f"/{name}")
    values = {kit.DRAFT_INPUT[0]: {kit.DRAFT_INPUT[1]: {"type": "plain_text_input", "value": DRAFTS[n % 2]}}}
    response = driver.submit(kit.POSTCHECK_MODAL, values, user=user)
    return response.status, "chat.postMessage", lambda c: c.body.get("channel") == user


def answers(fake: FakeSlack, item: Expected) -> list[Call]:
    return [c for c in fake.calls(item.method) if item.match(c)]


def watch(fake: FakeSlack, expected: list[Expected], lock: threading.Lock, stop: threading.Event) -> None:
    while not stop.wait(0.2):
        with lock:
            waiting = [e for e in expected if e.answered_at is None]
        for item in waiting:
            if answers(fake, item):
                item.answered_at = time.monotonic()


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    url = _pg_url()
    _ensure_database(url)
    schema = f"lotse_soak_{int(time.time())}"
    _fresh_schema(url, schema)
    database = url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    rng = random.Random(args.seed)
    expected: list[Expected] = []
    lock = threading.Lock()
    stop = threading.Event()
    with FakeSlack() as fake:
        env = base_env(fake.api_url, SIGNING_SECRET)
        env.update(DATABASE_URL=database, LOTSE_CONTACT_IDS=json.dumps(CONTACT_IDS))  # default lease settings
        replicas = []
        for name in ("a", "b"):
            data_dir = work / name
            shutil.copytree(args.data_dir / "index", data_dir / "index")
            replicas.append(Replica(ServeProcess(data_dir, work / f"serve-{name}.log", env)))
        try:
            for replica in replicas:
                replica.process.start()
                replica.up, replica.rss_start_kb = True, rss_kb(replica.process)
            watcher = threading.Thread(target=watch, args=(fake, expected, lock, stop), daemon=True)
            watcher.start()
            result = traffic(args, rng, replicas, fake, expected, lock)
            drain_until = time.monotonic() + DRAIN
            while time.monotonic() < drain_until and any(e.answered_at is None for e in expected):
                time.sleep(0.5)
            time.sleep(SETTLE)
            stop.set()
            rss_end = [rss_kb(r.process) for r in replicas]
            for replica in replicas:
                replica.process.stop()
        finally:
            for replica in replicas:
                replica.process.ensure_dead()
            _drop_schema(url, schema)
        counts = [len(answers(fake, e)) for e in expected]
        notifications = [
            c.body.get("text", "") for c in fake.calls("chat.postMessage") if c.body.get("channel") == CONTACT
        ]
    traceback_count = sum((work / f"serve-{n}.log").read_text(errors="replace").count("Traceback") for n in "ab")
    if args.logs is not None:  # the replicas' logs, to read what the tracebacks were
        args.logs.mkdir(parents=True, exist_ok=True)
        for n in "ab":
            shutil.copy(work / f"serve-{n}.log", args.logs / f"serve-{n}.log")
    recoveries = interrupted(expected, replicas)
    by_kind: dict[str, dict[str, int]] = {}
    for item, count in zip(expected, counts, strict=True):
        row = by_kind.setdefault(item.kind, {"sent": 0, "lost": 0, "duplicated": 0})
        row["sent"] += 1
        row["lost"] += count == 0
        row["duplicated"] += count > 1
    presses = by_kind.get("press", {}).get("sent", 0)
    return {
        **result,
        "requests_acknowledged": len(expected),
        "lost": sum(1 for c in counts if c == 0),
        "duplicated": sum(1 for c in counts if c > 1),
        "by_kind": by_kind,
        "contact_notifications": len(notifications),
        "contact_notifications_expected": presses,
        "contact_notifications_duplicated": len(notifications) - len(set(notifications)),
        "interrupted_by_a_kill": len(recoveries),
        "slowest_recovery_seconds_after_kill": round(max(recoveries), 1) if recoveries else None,
        "slowest_answer_seconds": round(max((e.answered_at or 0) - e.sent_at for e in expected), 1)
        if expected
        else None,
        "replicas": [
            {
                "name": name,
                "restarts": r.restarts,
                "rss_mb_start": round((r.rss_start_kb or 0) / 1024, 1),
                "rss_mb_end": round((end or 0) / 1024, 1),
            }
            for name, r, end in zip("ab", replicas, rss_end, strict=True)
        ],
        "tracebacks_in_logs": traceback_count,
        "lease_settings": "defaults (LOTSE_LEASE_SECONDS=15, renewed every 5 s while working)",
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def traffic(
    args: argparse.Namespace,
    rng: random.Random,
    replicas: list[Replica],
    fake: FakeSlack,
    expected: list[Expected],
    lock: threading.Lock,
) -> dict[str, Any]:
    drivers = [SlackDriver(url=r.process.url, fake=fake) for r in replicas]
    started = time.monotonic()
    next_kill = started + rng.uniform(10, 25)
    kills = 0
    restarting: list[threading.Thread] = []
    refused = 0
    n = 0
    while time.monotonic() - started < args.seconds and n < args.max_requests:
        now = time.monotonic()
        if kills < args.kills and now >= next_kill and all(r.up for r in replicas):
            victim = rng.randrange(len(replicas))
            restarting.append(kill_and_restart(replicas[victim]))
            kills += 1
            next_kill = now + rng.uniform(20, 45)
        live = [i for i, r in enumerate(replicas) if r.up]
        if not live:
            time.sleep(0.5)
            continue
        target = rng.choice(live)
        kind = rng.choice(KINDS)
        n += 1
        sent_at = time.monotonic()
        try:
            status, method, match = send(kind, n, drivers[target], fake)
        except OSError:  # the replica died under this very request: Slack got no ack, nothing is owed
            refused += 1
            continue
        if status == 200:
            with lock:
                expected.append(Expected(kind, target, sent_at, method, match))
        else:
            refused += 1
        time.sleep(rng.uniform(0.2, 1.0))
    for thread in restarting:
        thread.join(timeout=600)
    return {"seconds": args.seconds, "requests_sent": n, "not_acknowledged": refused, "kills": kills}


def kill_and_restart(replica: Replica) -> threading.Thread:
    replica.up = False
    replica.process.kill()
    killed = time.monotonic()

    def restart() -> None:
        replica.process.start()
        replica.restarts += 1
        replica.kills.append((killed, time.monotonic()))
        replica.up = True

    thread = threading.Thread(target=restart, daemon=True)
    thread.start()
    return thread


def interrupted(expected: list[Expected], replicas: list[Replica]) -> list[float]:
    """Seconds from the kill to the answer, for every answered request sent to a replica before it was killed and
    not answered by then (what the kill interrupted)."""
    found = []
    for item in expected:
        for killed, _listening in replicas[item.replica].kills:
            if item.sent_at <= killed and item.answered_at is not None and item.answered_at > killed:
                found.append(item.answered_at - killed)  # a request never answered counts as lost instead
                break
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="a data dir with an index of knowledge/")
    parser.add_argument("--seconds", type=float, default=300.0, help="how long traffic is sent")
    parser.add_argument("--max-requests", type=int, default=400)
    parser.add_argument("--kills", type=int, default=5, help="at most this many kill -9")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--logs", type=Path, default=None, help="copy the replicas' logs into this folder")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "soak.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        result = run(args, Path(work))
    text = json.dumps(result, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
