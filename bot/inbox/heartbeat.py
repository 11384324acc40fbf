"""Keeping leases alive while the work runs, so a lease can be short and a dead worker's items are taken over soon.

    heartbeat = Heartbeat(inbox.renew, every=lease / 3, max_hold=timedelta(minutes=5))
    with heartbeat.holding(item.id, item.attempts) as held:
        ...                    # the slow work; every `every` seconds one thread renews all leases held
        held.confirm()         # optional, before a visible step: renew now, LeaseLost if another worker has it

One daemon thread per `Heartbeat`, started when the first item is held and ending when none is. `renew` gets the
items held (`{id: attempts}`) and returns those whose lease it extended; an item missing there was taken over by
another worker (this process stood still longer than the lease) and is marked `lost`. The attempt number is the
fence: a row taken again has a higher one, so neither renewal nor `finish` of the old holder touches it. An item
held longer than `max_hold` is no longer renewed, so a worker stuck for good still loses it (the former fixed lease).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

log = logging.getLogger(__name__)
Renew = Callable[[Mapping[int, int]], set[int]]
_current = threading.local()


class LeaseLost(RuntimeError):
    """Another worker took this item over; the work must not show anything more."""


@dataclass
class Held:
    item_id: int
    attempts: int
    renew: Renew
    since: float = field(default_factory=time.monotonic)
    lost: bool = False

    def confirm(self) -> None:
        """Renew the lease now; LeaseLost when another worker holds the item."""
        if self.lost or self.item_id not in self.renew({self.item_id: self.attempts}):
            self.lost = True
            raise LeaseLost(f"item {self.item_id} (attempt {self.attempts}) was taken over")


def confirm_current() -> None:
    """Before a visible step of stored work (a reply): confirm the lease this thread holds; nothing outside it."""
    held: Held | None = getattr(_current, "held", None)
    if held is not None:
        held.confirm()


class Heartbeat:
    def __init__(self, renew: Renew, *, every: float, max_hold: timedelta, name: str = "lotse-lease") -> None:
        self._renew = renew
        self._every = max(every, 0.05)
        self._max_hold = max_hold.total_seconds()
        self._name = name
        self._held: dict[int, Held] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @contextmanager
    def holding(self, item_id: int, attempts: int) -> Iterator[Held]:
        held = Held(item_id, attempts, self._renew)
        with self._lock:
            self._held[item_id] = held
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
        previous = getattr(_current, "held", None)
        _current.held = held
        try:
            yield held
        finally:
            _current.held = previous
            with self._lock:
                if self._held.get(item_id) is held:
                    del self._held[item_id]

    def held(self) -> list[int]:
        with self._lock:
            return sorted(self._held)

    def beat(self) -> None:
        """Renew every lease held now (the thread calls this every `every` seconds)."""
        now = time.monotonic()
        with self._lock:
            due = {i: h for i, h in self._held.items() if not h.lost and now - h.since < self._max_hold}
        if not due:
            return
        try:
            kept = self._renew({i: h.attempts for i, h in due.items()})
        except Exception:  # the database is away: try again at the next beat, the lease still runs a while
            log.warning("lease heartbeat: renewing %s lease(s) failed", len(due), exc_info=True)
            return
        with self._lock:
            still = {i for i, h in due.items() if self._held.get(i) is h}  # not those finished meanwhile
        for item_id in still - kept:
            held = due[item_id]
            held.lost = True
            log.warning("lease of item %s (attempt %s) was taken over by another worker", item_id, held.attempts)

    def _run(self) -> None:
        while True:
            time.sleep(self._every)
            with self._lock:
                if not self._held:
                    self._thread = None
                    return
            self.beat()
