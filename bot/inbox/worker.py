"""Worker threads that take stored requests from the inbox and hand each to a handler, then mark it finished.

A handler that raises marks the request failed (logged, never retried: it may have answered already). While a
request is worked its lease is renewed (the inbox's heartbeat); a process that dies mid-work leaves a lease that
runs out within `LOTSE_LEASE_SECONDS` (or is freed at once when the process restarts on the same host), and the
request is taken again (by this or another replica). Finishing is fenced by the attempt: a worker whose lease was
taken over (it stood still longer than the lease) does not record over the one that took it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection

from bot.inbox.checkpoints import checkpoint
from bot.inbox.delivery_key import delivering
from bot.inbox.heartbeat import LeaseLost
from bot.inbox.inbox import Inbox, StoredRequest

log = logging.getLogger(__name__)
Handler = Callable[[StoredRequest], None]


class InboxWorker:
    def __init__(
        self,
        inbox: Inbox,
        handle: Handler,
        *,
        threads: int = 4,
        poll_seconds: float = 1.0,
        platforms: Callable[[], Collection[str]] | None = None,
    ) -> None:
        self._inbox = inbox
        self._platforms = platforms  # the platforms to take items of (bot/inbox/pool.py); None: all
        self._handle = handle
        self._count = threads
        self._poll = poll_seconds
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._threads: list[threading.Thread] = []

    def start(self) -> InboxWorker:
        for n in range(self._count):
            thread = threading.Thread(target=self._run, name=f"lotse-inbox-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def wake(self) -> None:
        """A request was stored: let an idle worker look now rather than at its next poll."""
        with self._wake:
            self._wake.notify()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the requests in hand, take no new ones."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        for thread in self._threads:
            thread.join(timeout=timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                items = self._inbox.take(1, self._platforms() if self._platforms else None)
            except Exception:
                log.exception("inbox: taking a request failed (database unavailable?)")
                items = []
            if not items:
                with self._wake:
                    self._wake.wait(self._poll)
                continue
            self._work(items[0])

    def _work(self, item: StoredRequest) -> None:
        error = None
        resumed = item.attempts > 1  # an earlier attempt died: what it posted is looked up, not posted again
        with (
            self._inbox.heartbeat.holding(item.id, item.attempts),
            delivering(f"inbox:{item.id}", resumed=resumed, since=item.received_at),
        ):
            checkpoint("inbox.work")
            checkpoint(f"inbox.work.{item.key.split(':', 1)[0]}")  # e.g. inbox.work.command (crash tests)
            try:
                self._handle(item)
            except LeaseLost:
                log.warning("inbox item %s: lease lost mid-work; the worker that took it over finishes it", item.id)
                return
            except Exception as exc:
                log.exception("inbox item %s (%s) failed", item.id, item.key)
                error = f"{type(exc).__name__}"
        try:
            self._inbox.finish(item.id, error, attempts=item.attempts)
        except Exception:  # the lease runs out and the request is taken again
            log.exception("inbox item %s: could not be marked finished", item.id)
