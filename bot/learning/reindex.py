"""A background re-indexer: FAQ entries become searchable without holding up the request that added them.

    reindexer = Reindexer(lambda: ingest([knowledge_dir], index))
    reindexer.request()          # returns at once; the ingest runs on the worker thread
    reindexer.wait_idle(60)      # tests, the CLI and shutdown: block until every request is indexed

One worker thread at a time, started on demand and ending when there is nothing left to do. Requests coalesce:
however many arrive while an ingest runs, exactly one more ingest runs afterwards, and it picks up all of them
(ingest reads the knowledge folder as it is then). A failing ingest is logged (the exception type only, never
text) and kept in `failures` / `last_error`; the worker goes on serving later requests.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Reindexer:
    def __init__(self, ingest: Callable[[], object], *, name: str = "lotse-reindex") -> None:
        self._ingest = ingest
        self._name = name
        self._cond = threading.Condition()
        self._pending = False  # a request arrived that no ingest has started on yet
        self._busy = False  # the worker thread is alive
        self.runs = 0
        self.failures = 0
        self.last_error: BaseException | None = None

    def request(self) -> None:
        """Ask for an ingest; returns at once."""
        with self._cond:
            self._pending = True
            if self._busy:
                return  # the running worker sees the flag after its current ingest
            self._busy = True
            try:
                threading.Thread(target=self._work, name=self._name, daemon=True).start()
            except RuntimeError:
                self._busy = False
                raise

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no ingest is running or pending; False if `timeout` seconds passed first."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy, timeout)

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._busy

    def _work(self) -> None:
        while True:
            with self._cond:
                if not self._pending:
                    self._busy = False
                    self._cond.notify_all()
                    return
                self._pending = False
            try:
                self._ingest()
            except Exception as exc:  # noqa: BLE001 - kept and counted; the next request tries again
                with self._cond:
                    self.failures += 1
                    self.last_error = exc
                log.error(
                    "re-index failed (%s); the knowledge files are saved, the index is not updated "
                    "(%d failure(s) so far)",
                    type(exc).__name__,
                    self.failures,
                )
            finally:
                with self._cond:
                    self.runs += 1
