"""The durable inbox as the HTTP side and the workers use it: stored once, taken once, taken over after a crash."""

from __future__ import annotations

import threading
from datetime import timedelta

from bot.inbox.inbox import Inbox
from bot.store.db import Store

LEASE = timedelta(seconds=60)


def make(db_url: str, clock, owner: str = "A", max_attempts: int = 3) -> Inbox:
    store = Store(db_url, clock=clock)
    store.migrate()
    return Inbox(store, owner=owner, lease=LEASE, max_attempts=max_attempts)


def test_a_retry_is_not_stored_twice_whether_waiting_or_done(db_url, clock):
    inbox = make(db_url, clock)
    assert inbox.put("slack", "event:Ev1", '{"text": "Frage"}')
    assert not inbox.put("slack", "event:Ev1", '{"text": "Frage"}')  # Slack's retry while it waits
    [item] = inbox.take(5)
    assert (item.key, item.body, item.attempts) == ("event:Ev1", '{"text": "Frage"}', 1)
    assert inbox.take(5) == []  # leased: nobody else works on it
    inbox.finish(item.id)
    assert not inbox.put("slack", "event:Ev1", '{"text": "Frage"}')  # a late retry of a done event
    assert inbox.take(5) == [] and inbox.counts() == {"done": 1}


def test_the_body_is_cleared_when_done(db_url, clock):
    inbox = make(db_url, clock)
    inbox.put("slack", "event:Ev1", "vertraulicher Text")
    inbox.finish(inbox.take(1)[0].id)
    from sqlalchemy import select

    from bot.store.models import InboxItem

    with inbox._store.session() as session:  # noqa: SLF001
        assert session.scalars(select(InboxItem.body)).all() == [None]


def test_work_a_crashed_worker_left_is_taken_over_after_the_lease(db_url, clock):
    first = make(db_url, clock, owner="A")
    first.put("slack", "event:Ev1", "{}")
    assert first.take(1)  # A takes it ... and dies
    other = make(db_url, clock, owner="B")
    assert other.take(1) == []
    clock.advance(seconds=61)
    [again] = other.take(1)
    assert again.key == "event:Ev1" and again.attempts == 2


def test_an_item_that_kills_its_worker_every_time_is_given_up(db_url, clock):
    inbox = make(db_url, clock, max_attempts=2)
    inbox.put("slack", "event:poison", "{}")
    for _ in range(2):
        assert inbox.take(1)
        clock.advance(seconds=61)
    assert inbox.take(1) == [] and inbox.counts() == {"failed": 1}


def test_concurrent_workers_take_each_item_exactly_once(db_url, clock):
    writer = make(db_url, clock)
    for n in range(40):
        writer.put("slack", f"event:Ev{n}", "{}")
    taken: list[str] = []
    lock = threading.Lock()

    def work(owner: str) -> None:  # one engine per worker, like one per replica (migrated by the writer)
        inbox = Inbox(Store(db_url, clock=clock), owner=owner, lease=LEASE)
        while items := inbox.take(3):
            with lock:
                taken.extend(i.key for i in items)
            for item in items:
                inbox.finish(item.id)

    threads = [threading.Thread(target=work, args=(f"W{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(taken) == sorted(f"event:Ev{n}" for n in range(40))


def test_a_claim_made_by_an_inbox_item_is_its_own_on_a_rerun(db_url, clock):
    store = Store(db_url, clock=clock)
    store.migrate()
    assert store.claim_event("slack", "message:D1:1.0", owner="inbox:7")
    assert store.claim_event("slack", "message:D1:1.0", owner="inbox:7")  # the same item after a crash
    assert not store.claim_event("slack", "message:D1:1.0", owner="inbox:8")  # another delivery of it
    assert not store.claim_event("slack", "message:D1:1.0")


def test_a_scheduled_job_slot_is_claimed_once(db_url, clock):
    store = Store(db_url, clock=clock)
    store.migrate()
    results = []
    threads = [
        threading.Thread(target=lambda o=o: results.append(store.claim_job("retention", "2026-11-18", o)))
        for o in ("A", "B", "C")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [False, False, True]
    assert store.claim_job("retention", "2026-11-19", "B")
