"""`ToldApp`: Bolt's App, except that a core refusal raised after the listener acknowledged is told, not re-raised.

Why a subclass: with `process_before_response=False`, Bolt runs a listener in its thread pool and waits for the
ack. When the listener calls `ack()` and then raises, Bolt's runner replaces the acknowledgement it already had
with None (slack_bolt/listener/thread_runner.py), so the HTTP request waits out the 3 seconds and Slack gets a
404 ("This app responded with status code 404"), although the refusal itself reached the user through the error
handler. Catching the refusal inside the listener keeps the acknowledgement. Every listener is wrapped at
registration, so no listener has to remember it; refusals before the ack still take Bolt's normal road (the
error handler, then Bolt's own response).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import App

from bot.errors import LotseError

Refuse = Callable[[Exception, dict[str, Any], Any, Any], None]


class ToldApp(App):
    """An App whose listeners tell a refusal raised after `ack()` through `on_refusal` and keep the ack."""

    def __init__(self, *args: Any, on_refusal: Refuse, **kwargs: Any) -> None:
        self._on_refusal = on_refusal
        super().__init__(*args, **kwargs)

    def _register_listener(self, functions: Sequence[Callable[..., Any]], *args: Any, **kwargs: Any) -> Any:
        wrapped = [told_after_ack(function, self._on_refusal) for function in functions]
        return super()._register_listener(wrapped, *args, **kwargs)


def told_after_ack(listener: Callable[..., Any], on_refusal: Refuse) -> Callable[..., Any]:
    """The listener, except that a `LotseError` after its ack goes to `on_refusal` instead of back to Bolt."""

    @functools.wraps(listener)  # Bolt injects arguments by the names of the unwrapped function
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return listener(*args, **kwargs)
        except LotseError as refusal:
            ack, body, client, context = (kwargs.get(name) for name in ("ack", "body", "client", "context"))
            if getattr(ack, "response", None) is None or body is None or client is None or context is None:
                raise  # not acknowledged yet (or not told here): Bolt's error handler and its own response
            on_refusal(refusal, body, client, context)
            return None

    return wrapper
