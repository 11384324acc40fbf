"""TEST ONLY: named points at which a process can be made to stop, so crash tests kill it exactly there.

`LOTSE_TEST_BLOCK_AT=inbox.work` (comma-separated names) makes the process print
`LOTSE_TEST_BLOCKED <name>` to standard error and block forever when it reaches that point; the test then
kills it with SIGKILL. Unset (always, in production) a checkpoint costs one set lookup. Points:

- `inbox.work`                    a stored event was taken by a worker, before any work on it
- `inbox.work.<kind>`             the same, only for one kind of stored request: `event`, `command`, `interaction`
                                  (Slack), `activity`, `action` (Teams)
- `outbox.send.notify_contact`    a contact person's notification is about to be sent
- `outbox.send.deliver_answer`    the contact person's answer is about to be delivered to the employee
- `slack.posted.inbox`            Slack took a reply posted while working a stored request (chat.postMessage
                                  returned ok), before anything about it is recorded
- `slack.posted.outbox`           the same for an outbox message (a notification, an answer delivery)
"""

from __future__ import annotations

import sys
import threading

_armed: frozenset[str] = frozenset()


def arm(names: str) -> None:
    """Set the points from `Settings.test_block_at` (`lotse serve` calls this once at start)."""
    global _armed
    _armed = frozenset(n.strip() for n in (names or "").split(",") if n.strip())


def checkpoint(name: str) -> None:
    if name not in _armed:
        return
    sys.stderr.write(f"LOTSE_TEST_BLOCKED {name}\n")
    sys.stderr.flush()
    threading.Event().wait()  # until SIGKILL
