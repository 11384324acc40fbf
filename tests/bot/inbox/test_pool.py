"""One worker pool for every platform of a process: each stored request reaches its platform's handler once, and
a pool takes only requests of the platforms it serves (a Teams-only process leaves Slack's items alone)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from bot.inbox.inbox import Inbox
from bot.inbox.pool import WorkerPool
from bot.store.db import Store


def make(db_url: str, clock, owner: str = "A") -> Inbox:
    store = Store(db_url, clock=clock)
    store.migrate()
    return Inbox(store, owner=owner, lease=timedelta(seconds=60))


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_each_item_reaches_its_platforms_handler_once(db_url, clock):
    inbox = make(db_url, clock)
    seen: dict[str, list[str]] = {"slack": [], "teams": []}
    lock = threading.Lock()

    def recorder(platform):
        def handle(item):
            with lock:
                seen[platform].append(item.body)

        return handle

    pool = WorkerPool(inbox, threads=2, poll_seconds=0.1).serve("slack", recorder("slack"))
    pool.serve("teams", recorder("teams")).start()
    try:
        for n in range(3):
            inbox.put("slack", f"event:Ev{n}", f"s{n}")
            inbox.put("teams", f"activity:a:chat:{n}", f"t{n}")
            pool.wake()
        assert wait_until(lambda: inbox.counts() == {"done": 6})
    finally:
        pool.stop()
    assert sorted(seen["slack"]) == ["s0", "s1", "s2"] and sorted(seen["teams"]) == ["t0", "t1", "t2"]


def test_a_pool_takes_only_the_platforms_it_serves(db_url, clock):
    inbox = make(db_url, clock)
    inbox.put("slack", "event:Ev1", "s")
    inbox.put("teams", "activity:a:chat:1", "t")
    handled: list[str] = []
    pool = WorkerPool(inbox, threads=1, poll_seconds=0.1).serve("teams", lambda item: handled.append(item.body))
    pool.start()
    try:
        assert wait_until(lambda: handled == ["t"])
        time.sleep(0.5)
    finally:
        pool.stop()
    assert inbox.counts() == {"done": 1, "pending": 1}  # Slack's item waits for a process that serves Slack
    assert [item.key for item in inbox.take(5)] == ["event:Ev1"]
