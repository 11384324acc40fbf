"""Slash commands and clicks through the durable inbox, like events: stored before the acknowledgement, answered
by an inbox worker, taken up again after a crash (Slack does not resend a command or a click).

In `lotse serve` the front app's listeners call `deferred(ctx, ack, body)` first: it stores the request (Bolt's
parsed body, as JSON) under `command:<trigger_id>:<nonce>` / `interaction:…`, wakes a worker and acknowledges,
in this order, so the acknowledgement leaves only once the request is in the database. The worker app runs the
same listener (its context has no `defer`): `deferred` is then False and the listener does the work, replying to
the stored `response_url` (valid 30 minutes) or by DM.

What cannot wait for a worker stays live: opening a modal (`/postcheck` without text, "Antworten") needs Slack's
`trigger_id` within 3 seconds, and a modal's input errors must come back in the acknowledgement itself; a
submitted modal is validated live and then stored like a command.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import Any

from slack_bolt import Ack

from bot.slack.context import SlackContext

log = logging.getLogger(__name__)
Defer = Callable[[str, str], bool]


def request_key(body: dict[str, Any]) -> str:
    """The inbox key of a command or an interaction: unique per request. Slack never resends a command or a click,
    and a replayed signed request is dropped before this (bot/slack/front.py), so the key need not recognise a
    copy; the trigger_id in it only makes it readable."""
    kind = "command" if body.get("command") else "interaction"
    trigger = body.get("trigger_id")
    return f"{kind}:{str(trigger)[:120] if trigger else '-'}:{uuid.uuid4().hex[:16]}"


def deferred(ctx: SlackContext, ack: Ack, body: dict[str, Any]) -> bool:
    """In the front app: store the request, then acknowledge it; True (an inbox worker answers it). In the worker
    app, or without an inbox: False, and the listener works now."""
    if ctx.defer is None:
        return False
    ctx.defer(request_key(body), json.dumps(body, ensure_ascii=False))
    ack()
    return True


def storing(put: Callable[[str, str, str], bool], wake: Callable[[], None], platform: str) -> Defer:
    """A `defer` that puts the request into the inbox and wakes a worker (a duplicate is stored once)."""

    def defer(key: str, body: str) -> bool:
        stored = put(platform, key, body)
        if not stored:
            log.info("dropping a duplicate Slack request %s (the stored copy is answered once)", key.split(":")[0])
        wake()
        return stored

    return defer


class InlineExecutor(Executor):
    """Runs submitted work at once in the caller's thread: an inbox worker finishes a request before it is done."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the future, as an executor does
            future.set_exception(exc)
        return future


class _Run(threading.local):
    attempt: int = 0
    refused: bool = False


_run = _Run()


@contextmanager
def working(attempt: int) -> Iterator[_Run]:
    """Around one stored request's listener in the worker: which attempt it is, whether a refusal was shown."""
    _run.attempt, _run.refused = attempt, False
    try:
        yield _run
    finally:
        _run.attempt, _run.refused = 0, False


def is_rerun() -> bool:
    """True while an inbox worker takes up a request an earlier attempt (a crashed process) left unfinished."""
    return _run.attempt > 1


def refused() -> None:
    """The app's error handler showed the user a core refusal: the request is finished, not failed."""
    _run.refused = True
