"""A bounded fault soak: two `lotse serve` replicas on one PostgreSQL database, mixed traffic, kill -9 and restart
of a random replica, DEFAULT lease settings; what was acknowledged but never answered (lost), answered twice
(duplicated), how long the requests a kill interrupted took, and each replica's memory (RSS) at start and end.

Shared by the short soak in the suite (tests/bot/inbox/test_soak_bounded.py) and the long one
(bench/bench_soak.py):

    with postgres_schema("lotse_soak") as database, Soak(work, index_dir, database, Plan(seconds=30, kills=2)) as soak:
        result = soak.run()
    print(summary(result))

Traffic: Slack through the local Slack stand-in (DMs, press questions that open a handoff and notify the contact
person, `/lotse`, `/postcheck`, feedback clicks, submitted post-check modals) and Teams through the replicas'
/api/messages (questions and press questions as activities with real RS256 tokens from the local JWKS stand-in;
the replies arrive at the local Bot Connector stand-in). Every request goes to a random live replica. A kill
follows KILL_BURST acknowledged requests to the victim after one of a few delays (KILL_DELAYS), so each kill
interrupts work; the victim is restarted at once. `Plan.max_in_flight` keeps the queue short where the figures
should show recovery rather than a backlog (the test); the benchmark leaves it open. All random choices come from `Plan.seed`, so a failure reproduces.
Loopback only; every loop and wait is bounded.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.slack import blocks as kit
from tests.bot.handoff.conftest import _drop_schema, _ensure_database, _fresh_schema, _pg_url
from tests.bot.slack.conftest import CONTACT, SIGNING_SECRET, SlackDriver
from tests.bot.teams.conftest import CLIENT_ID, TeamsDriver, chat_of
from tests.conftest import CONTACT_IDS
from tests.support.fake_connector import FakeConnector
from tests.support.fake_slack import FakeSlack
from tests.support.serve_process import ServeProcess, base_env
from tests.support.serve_with_teams import ENTRY, teams_env
from tests.support.teams_identity import TeamsIdentity

QUESTIONS = [
    "Darf ich ein Foto von meinen Kollegen posten?",
    "Darf ich Fotos aus der Montagehalle posten?",
    "Can I share our job postings on my private profile?",
]
PRESS = "Ein Journalist hat mich angerufen und will ein Statement zu den Entlassungen, Anfrage {n:04d}"
MARKER = re.compile(r"Anfrage (\d{4})")  # finds a press question's number in the contact person's notification
DRAFTS = ["Stolz auf unser Team beim Firmenlauf!", "Unser neues Produkt kommt im März, Details folgen."]
KINDS = ["dm", "dm", "press", "lotse", "postcheck", "click", "modal", "teams", "teams", "teams_press"]
PRESS_KINDS = ("press", "teams_press")
KILL_DELAYS = [0.0, 0.02, 0.05, 0.1, 0.2]  # seconds from the victim's last acknowledgement to the kill
KILL_BURST = 2  # requests sent to the victim right before it is killed
LEASE_SECONDS = 15  # the default LOTSE_LEASE_SECONDS
LEASE_SETTINGS = "defaults (LOTSE_LEASE_SECONDS=15, renewed every 5 s while working)"
Key = tuple[str, str]  # how an answer is found among what the stand-ins received


@dataclass(frozen=True)
class Plan:
    seconds: float  # traffic at least this long, longer only until `kills` kills happened
    kills: int
    seed: int = 22
    max_requests: int = 400
    first_kill: tuple[float, float] = (3.0, 8.0)  # seconds into the traffic
    kill_gap: tuple[float, float] = (2.0, 6.0)  # seconds after the previous victim listens again
    pause: tuple[float, float] = (0.2, 1.0)  # between two requests
    max_in_flight: int = 1_000  # no new request while this many are acknowledged and not yet answered
    drain: float = 300.0  # at most this long for the last answers after the traffic
    settle: float = 20.0  # then this long, so that anything sent twice shows
    settle_after_restart: float = 10.0  # and this long after the last restart (it frees its predecessor's leases)


@dataclass
class Item:
    """One acknowledged request: where its answer shows, and when it showed."""

    n: int
    kind: str
    replica: int
    sent_at: float
    key: Key
    answered_at: float | None = None
    seen: list[float] = field(default_factory=list)  # when each answer showed (a second one: duplicated)


@dataclass
class Replica:
    name: str
    process: ServeProcess
    restarts: int = 0
    rss_start_kb: int | None = None
    rss_end_kb: int | None = None
    exit_code: int | None = None
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


@contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """A fresh schema in the test PostgreSQL database, dropped afterwards; yields its DATABASE_URL."""
    url = _pg_url()
    _ensure_database(url)
    schema = f"{prefix}_{os.getpid()}_{int(time.time())}"
    _fresh_schema(url, schema)
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        _drop_schema(url, schema)


def migrate(database_url: str) -> None:
    """The schema, once, before the replicas start: two processes that start at the same moment on an empty
    database both create alembic's version table, and one of them exits (seen in this soak)."""
    from bot.store.db import Store

    store = Store(database_url)
    try:
        store.migrate()
    finally:
        store.engine.dispose()


def tally(slack: FakeSlack, connector: FakeConnector) -> Counter[Key]:
    """How often each answer showed: Slack posts per channel, response_url posts per name, Teams messages per
    conversation, the contact person's notifications per press question number."""
    counts: Counter[Key] = Counter()
    for call in slack.calls("chat.postMessage"):
        channel = str(call.body.get("channel"))
        if channel == CONTACT:
            for number in set(MARKER.findall(json.dumps(call.body, ensure_ascii=False))):
                counts["notify", number] += 1
        else:
            counts["post", channel] += 1
    for call in slack.calls("response_url"):
        counts["response_url", call.path.rsplit("/", 1)[-1]] += 1
    for sent in connector.delivered("send"):
        if sent.type == "message":
            counts["teams", str(sent.conversation_id)] += 1
    return counts


class Soak:
    """The stand-ins, two replicas over `database_url`, the traffic of `plan`; `run()` returns the figures."""

    def __init__(self, work: Path, index_dir: Path, database_url: str, plan: Plan) -> None:
        self.work, self.index_dir, self.database_url, self.plan = work, index_dir, database_url, plan
        self.rng = random.Random(plan.seed)
        self.items: list[Item] = []
        self.replicas: list[Replica] = []
        self.kill_log: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.refused = 0
        self.sent = 0
        self.started = 0.0  # when the traffic began
        self._at_kill: set[Key] = set()  # answers that showed in the moments before a kill (its burst and delay)
        self._lock = threading.Lock()
        self._stack = ExitStack()
        self._restarts: list[threading.Thread] = []

    # --- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> Soak:
        self.slack = self._stack.enter_context(FakeSlack())
        self.connector = self._stack.enter_context(FakeConnector())
        self.identity = self._stack.enter_context(TeamsIdentity(client_id=CLIENT_ID))
        env = base_env(self.slack.api_url, SIGNING_SECRET)  # no LOTSE_* from outside: default lease settings
        env.update(teams_env(self.identity), DATABASE_URL=self.database_url, LOTSE_CONTACT_IDS=json.dumps(CONTACT_IDS))
        for name in ("a", "b"):
            data_dir = self.work / name
            shutil.copytree(self.index_dir / "index", data_dir / "index")
            process = ServeProcess(data_dir, self.work / f"serve-{name}.log", env, entry=ENTRY)
            self.replicas.append(Replica(name, process))
            self._stack.callback(process.ensure_dead)
        self.slack_drivers = [SlackDriver(url=r.process.url, fake=self.slack) for r in self.replicas]
        self.teams_drivers = [
            TeamsDriver(url=r.process.url, identity=self.identity, connector=self.connector) for r in self.replicas
        ]
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def logs(self) -> dict[str, str]:
        return {r.name: r.process.output() for r in self.replicas}

    # --- the run ---------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        began = time.monotonic()
        migrate(self.database_url)
        self._on_all(self._start)
        stop = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(stop,), daemon=True)
        watcher.start()
        traffic_seconds = self._traffic()
        for thread in self._restarts:
            thread.join(timeout=600)
        drained = self._drain()
        settle_until = max(
            drained + self.plan.settle,
            self._last_listening() + self.plan.settle_after_restart,
            self._last_kill() + LEASE_SECONDS + 5,  # what the other replica takes over, it takes within the lease
        )
        time.sleep(max(0.0, settle_until - time.monotonic()))
        stop.set()
        watcher.join(timeout=10)
        self._on_all(self._finish)
        return self._report(traffic_seconds, time.monotonic() - began)

    def _on_all(self, action: Callable[[Replica], None]) -> None:
        with ThreadPoolExecutor(max_workers=len(self.replicas)) as pool:
            for future in [pool.submit(action, r) for r in self.replicas]:
                future.result()

    @staticmethod
    def _start(replica: Replica) -> None:
        replica.process.start()
        replica.up, replica.rss_start_kb = True, rss_kb(replica.process)

    @staticmethod
    def _finish(replica: Replica) -> None:
        replica.rss_end_kb = rss_kb(replica.process)
        if replica.up:
            replica.exit_code = replica.process.stop()

    def _traffic(self) -> float:
        plan, rng = self.plan, self.rng
        started = self.started = time.monotonic()
        next_kill = started + rng.uniform(*plan.first_kill)
        while self.sent < plan.max_requests and time.monotonic() - started < 3 * plan.seconds:
            now = time.monotonic()
            kills = len(self.kill_log)
            if now - started >= plan.seconds and kills >= plan.kills:
                break
            if kills < plan.kills and now >= next_kill and all(r.up for r in self.replicas):
                self._kill(started)
                next_kill = float("inf")  # set again once the victim listens
            elif next_kill == float("inf") and all(r.up for r in self.replicas):
                next_kill = self._last_listening() + rng.uniform(*plan.kill_gap)
            live = [i for i, r in enumerate(self.replicas) if r.up]
            if not live or self._in_flight() >= plan.max_in_flight:
                time.sleep(0.2)
                continue
            self._send(rng.choice(KINDS), rng.choice(live))
            time.sleep(rng.uniform(*plan.pause))
        return time.monotonic() - started

    def _in_flight(self) -> int:
        with self._lock:
            return sum(1 for i in self.items if i.answered_at is None)

    def _kill(self, started: float) -> None:
        """KILL_BURST requests to a random replica, one of KILL_DELAYS, SIGKILL, restart in the background."""
        victim = self.rng.randrange(len(self.replicas))
        delay = self.rng.choice(KILL_DELAYS)
        before, window_began = tally(self.slack, self.connector), time.monotonic()
        for _ in range(KILL_BURST):
            self._send(self.rng.choice(KINDS), victim)
        time.sleep(delay)
        replica = self.replicas[victim]
        replica.up = False
        replica.process.kill()
        killed = time.monotonic()
        time.sleep(0.05)  # what the dead process sent is recorded by now
        after = tally(self.slack, self.connector)
        self._at_kill.update(key for key in after if after[key] > before[key])
        self.kill_log.append(
            {
                "replica": replica.name,
                "seconds_into_traffic": round(killed - started, 1),
                "delay": delay,
                "window_seconds": round(killed - window_began, 2),
            }
        )

        def restart() -> None:
            try:
                replica.process.start()
            except AssertionError as exc:  # it did not listen again: reported, the soak goes on with one
                self.errors.append(f"restart of {replica.name}: {str(exc)[:300]}")
                return
            replica.restarts += 1
            replica.kills.append((killed, time.monotonic()))
            replica.up = True

        thread = threading.Thread(target=restart, daemon=True)
        thread.start()
        self._restarts.append(thread)

    def _last_listening(self) -> float:
        return max((listening for r in self.replicas for _killed, listening in r.kills), default=0.0)

    def _last_kill(self) -> float:
        return max((killed for r in self.replicas for killed, _listening in r.kills), default=0.0)

    # --- requests --------------------------------------------------------------------------------
    def _send(self, kind: str, target: int) -> None:
        self.sent += 1
        n = self.sent
        sent_at = time.monotonic()
        try:
            status, key = self._request(kind, n, target)
        except OSError:  # the replica died under this very request: no acknowledgement, nothing is owed
            self.refused += 1
            return
        if not 200 <= status < 300:
            self.refused += 1
            return
        with self._lock:
            self.items.append(Item(n, kind, target, sent_at, key))

    def _request(self, kind: str, n: int, target: int) -> tuple[int, Key]:
        """Send one request of `kind`: (HTTP status, where its answer shows)."""
        if kind.startswith("teams"):
            user = f"{n:08x}-50a4-4bbb-8ccc-00000000e001"  # an Entra object id of its own per request
            text = PRESS.format(n=n) if kind == "teams_press" else QUESTIONS[n % len(QUESTIONS)]
            response, _activity = self.teams_drivers[target].message(text, user=user, activity_id=f"soak{n}")
            return response.status, ("teams", chat_of(user))
        driver = self.slack_drivers[target]
        user, channel = f"USOAK{n:04d}", f"DSOAK{n:04d}"
        if kind in ("dm", "press"):
            text = PRESS.format(n=n) if kind == "press" else QUESTIONS[n % len(QUESTIONS)]
            response, _ts = driver.dm(text, user=user, channel=channel, event_id=f"EvSOAK{n}")
            return response.status, ("post", channel)
        name = f"{kind}{n}"
        if kind == "click":
            return driver.click(kit.FEEDBACK_HELPFUL, 1, user=user, channel=channel, response=name).status, (
                "response_url",
                name,
            )
        if kind in ("lotse", "postcheck"):
            text = QUESTIONS[n % len(QUESTIONS)] if kind == "lotse" else DRAFTS[n % len(DRAFTS)]
            response = driver.command(f"/{kind}", text, user=user, channel=channel, response=name)
            return response.status, ("response_url", name)
        values = {kit.DRAFT_INPUT[0]: {kit.DRAFT_INPUT[1]: {"type": "plain_text_input", "value": DRAFTS[n % 2]}}}
        return driver.submit(kit.POSTCHECK_MODAL, values, user=user).status, ("post", user)

    # --- watching and accounting -----------------------------------------------------------------
    def _detail(self, item: Item, count: int) -> dict[str, Any]:
        """A lost or duplicated request, in seconds into the traffic, beside its replica's kills and restarts."""
        replica = self.replicas[item.replica]
        return {
            "n": item.n,
            "kind": item.kind,
            "replica": replica.name,
            "answers": count,
            "sent": round(item.sent_at - self.started, 2),
            "answers_seen": _detail_times(item.seen, self.started),
            "first_answer_just_before_a_kill": item.key in self._at_kill,
            "replica_killed_restarted": [_detail_times(list(k), self.started) for k in replica.kills],
        }

    def _watch(self, stop: threading.Event) -> None:
        while not stop.wait(0.2):
            counts = tally(self.slack, self.connector)
            now = time.monotonic()
            with self._lock:
                for item in self.items:
                    item.seen.extend([now] * (counts[item.key] - len(item.seen)))
                    if item.answered_at is None and item.seen:
                        item.answered_at = item.seen[0]

    def _drain(self) -> float:
        until = time.monotonic() + self.plan.drain
        while time.monotonic() < until and any(i.answered_at is None for i in self.items):
            time.sleep(0.5)
        return time.monotonic()

    def _report(self, traffic_seconds: float, wall_seconds: float) -> dict[str, Any]:
        counts = tally(self.slack, self.connector)
        by_kind: dict[str, dict[str, Any]] = {}
        for item in self.items:
            row = by_kind.setdefault(item.kind, {"sent": 0, "lost": 0, "duplicated": 0, "repeated_at_a_kill": 0})
            row["sent"] += 1
            row["lost"] += counts[item.key] == 0
            row["duplicated"] += counts[item.key] > 1
            row["repeated_at_a_kill"] += counts[item.key] > 1 and item.key in self._at_kill
        for kind, row in by_kind.items():
            row["median_answer_seconds"] = _median(
                [i.answered_at - i.sent_at for i in self.items if i.kind == kind and i.answered_at is not None]
            )
        presses = [f"{i.n:04d}" for i in self.items if i.kind in PRESS_KINDS]
        recoveries = interrupted(self.items, self.replicas)
        answered = [i.answered_at - i.sent_at for i in self.items if i.answered_at is not None]
        logs = self.logs()
        return {
            "plan": {"seconds": self.plan.seconds, "kills": self.plan.kills, "seed": self.plan.seed},
            "traffic_seconds": round(traffic_seconds, 1),
            "wall_seconds": round(wall_seconds, 1),
            "requests_sent": self.sent,
            "not_acknowledged": self.refused,
            "requests_acknowledged": len(self.items),
            "lost": sum(row["lost"] for row in by_kind.values()),
            "duplicated": sum(row["duplicated"] for row in by_kind.values()),
            "duplicated_answered_just_before_a_kill": sum(row["repeated_at_a_kill"] for row in by_kind.values()),
            "by_kind": dict(sorted(by_kind.items())),
            "contact_notifications": {
                "expected": len(presses),
                "lost": sum(1 for p in presses if counts["notify", p] == 0),
                "duplicated": sum(1 for p in presses if counts["notify", p] > 1),
                "duplicated_sent_just_before_a_kill": sum(
                    1 for p in presses if counts["notify", p] > 1 and ("notify", p) in self._at_kill
                ),
            },
            "kills": self.kill_log,
            "lost_or_duplicated": [self._detail(i, counts[i.key]) for i in self.items if counts[i.key] != 1],
            "interrupted_by_a_kill": len(recoveries),
            "interrupted_unanswered": sum(1 for r in recoveries if r["after_kill"] is None),
            "slowest_recovery_seconds_after_kill": _slowest(recoveries, "after_kill"),
            "slowest_recovery_seconds_after_restart": _slowest(recoveries, "after_restart"),
            "median_answer_seconds": _median(answered),
            "slowest_answer_seconds": round(max(answered), 1) if answered else None,
            "replicas": [
                {
                    "name": r.name,
                    "restarts": r.restarts,
                    "rss_mb_start": _mb(r.rss_start_kb),
                    "rss_mb_end": _mb(r.rss_end_kb),
                    "exit_code": r.exit_code,
                }
                for r in self.replicas
            ],
            "errors": self.errors,
            "tracebacks_in_logs": sum(text.count("Traceback") for text in logs.values()),
            "lease_settings": LEASE_SETTINGS,
            "cpu_count": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2),
        }


def _detail_times(times: list[float], started: float) -> list[float]:
    return [round(t - started, 2) for t in times]


def interrupted(items: list[Item], replicas: list[Replica]) -> list[dict[str, float | None]]:
    """For every request sent to a replica before it was killed and not answered by then (what the kill
    interrupted): seconds from the kill and from the restart (listening again) to its answer; None: never."""
    found: list[dict[str, float | None]] = []
    for item in items:
        for killed, listening in replicas[item.replica].kills:
            if item.sent_at <= killed and (item.answered_at is None or item.answered_at > killed):
                done = item.answered_at
                found.append(
                    {
                        "after_kill": None if done is None else done - killed,
                        "after_restart": None if done is None else done - listening,
                    }
                )
                break
    return found


def _slowest(rows: list[dict[str, float | None]], key: str) -> float | None:
    values = [v for row in rows if (v := row[key]) is not None]
    return round(max(values), 1) if values else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _mb(kb: int | None) -> float | None:
    return None if kb is None else round(kb / 1024, 1)


def summary(result: dict[str, Any]) -> str:
    """One line: what a reader of the test output needs."""
    kinds = ", ".join(f"{kind} {row['sent']}" for kind, row in result["by_kind"].items())
    notes = result["contact_notifications"]
    memory = ", ".join(f"{r['name']} {r['rss_mb_start']}→{r['rss_mb_end']} MB" for r in result["replicas"])
    return (
        f"soak: {result['requests_acknowledged']} acknowledged ({kinds}); lost {result['lost']}, "
        f"duplicated {result['duplicated']} ({result['duplicated_answered_just_before_a_kill']} of them answered "
        f"just before a kill); notifications {notes['expected']} "
        f"(lost {notes['lost']}, twice {notes['duplicated']}); {len(result['kills'])} kills interrupted "
        f"{result['interrupted_by_a_kill']}, slowest recovery {result['slowest_recovery_seconds_after_restart']} s "
        f"after the restart ({result['slowest_recovery_seconds_after_kill']} s after the kill); RSS {memory}; "
        f"{result['wall_seconds']} s"
    )
