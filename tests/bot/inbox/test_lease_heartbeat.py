"""Short leases that a live worker renews: its item is not taken over while it works, a worker that stood still
past its lease neither renews nor finishes the item another took over, and what a dead process of this host held
is free at once."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest

from bot.inbox.heartbeat import LeaseLost
from bot.inbox.inbox import Inbox
from bot.inbox.lease import release_dead_owners
from bot.inbox.owner import IDENTITY, INSTANCE, ProcessIdentity, is_dead_here, start_time
from bot.store.db import Store
from bot.store.models import InboxItem

LEASE = timedelta(seconds=15)


def make(db_url: str, clock, owner: str = "A") -> Inbox:
    store = Store(db_url, clock=clock)
    store.migrate()
    return Inbox(store, owner=owner, lease=LEASE)


def finished_process() -> str:
    """The identity of a process of this host that ran and is gone."""
    child = subprocess.Popen(["sleep", "0.1"])
    identity = ProcessIdentity(IDENTITY.host, IDENTITY.boot, child.pid, start_time(child.pid) or "")
    child.wait()
    return str(identity)


def test_a_renewed_lease_is_not_taken_over_while_the_worker_works(db_url, clock):
    worker, other = make(db_url, clock, "A"), make(db_url, clock, "B")
    worker.put("slack", "event:Ev1", "{}")
    [item] = worker.take(1)
    with worker.heartbeat.holding(item.id, item.attempts) as held:
        for _ in range(4):  # a minute of slow work, one beat every ten seconds
            clock.advance(seconds=10)
            worker.heartbeat.beat()
            assert other.take(1) == []
        assert not held.lost
    assert worker.finish(item.id, attempts=item.attempts)
    assert worker.counts() == {"done": 1}


def test_a_worker_that_lost_its_lease_neither_renews_nor_finishes(db_url, clock):
    stalled, rescuer = make(db_url, clock, "A"), make(db_url, clock, "B")
    stalled.put("slack", "event:Ev1", "{}")
    [item] = stalled.take(1)
    with stalled.heartbeat.holding(item.id, item.attempts) as held:
        clock.advance(seconds=16)  # A stood still longer than its lease
        [again] = rescuer.take(1)
        assert again.attempts == 2
        stalled.heartbeat.beat()
        assert held.lost
        with pytest.raises(LeaseLost):
            held.confirm()
    assert not stalled.finish(item.id, "RuntimeError", attempts=item.attempts)
    assert rescuer.finish(again.id, attempts=again.attempts)
    assert rescuer.counts() == {"done": 1}


def test_the_leases_of_a_dead_process_of_this_host_are_freed_at_once(db_url, clock):
    inbox = make(db_url, clock, "A")
    for n in range(3):
        inbox.put("slack", f"event:Ev{n}", "{}")
    dead = finished_process()
    alive = INSTANCE  # this very process: never judged dead
    elsewhere = "other-host|0123456789abcdef|1|1"  # another machine: its lease must run out
    for owner in (dead, alive, elsewhere):
        Inbox(inbox.store, owner=owner, lease=LEASE).take(1)
    assert release_dead_owners(inbox.store, (InboxItem,)) == 1
    [freed] = make(db_url, clock, "B").take(5)
    assert freed.key == "event:Ev0" and freed.attempts == 2


def test_only_processes_of_this_host_and_boot_that_no_longer_run_are_dead():
    assert is_dead_here(finished_process())
    assert not is_dead_here(INSTANCE)
    parent = ProcessIdentity(IDENTITY.host, IDENTITY.boot, _parent_pid(), start_time(_parent_pid()) or "")
    assert not is_dead_here(str(parent))
    restarted = ProcessIdentity(IDENTITY.host, IDENTITY.boot, IDENTITY.pid, "1")  # same pid, another start
    assert is_dead_here(str(restarted))
    assert not is_dead_here("not an identity") and not is_dead_here("other|boot|1|1")


def _parent_pid() -> int:
    import os

    return os.getppid()
