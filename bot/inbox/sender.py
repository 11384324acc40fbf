"""The background outbox sender of `lotse serve`: retries failed messages when due and takes over messages whose
sending process died (their lease ran out). Every replica runs one; leases keep them from sending twice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class OutboxSender:
    def __init__(self, send_due: Callable[[], int], *, poll_seconds: float = 1.0) -> None:
        self._send_due = send_due
        self._poll = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> OutboxSender:
        self._thread = threading.Thread(target=self._run, name="lotse-outbox", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self._send_due() > 0
            except Exception:
                log.exception("outbox: sending due messages failed (database unavailable?)")
                busy = False
            if not busy:
                self._stop.wait(self._poll)
