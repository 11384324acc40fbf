"""A burst of signed Slack DMs sent at the same moment, one connection each, like many employees writing at once."""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlparse

from tests.bot.slack.conftest import sign


@dataclass
class Sent:
    user: str
    ts: str
    status: int | None  # None: no HTTP answer (connection refused or reset)
    error: str | None
    seconds: float  # from sending to the complete acknowledgement


def dm_body(user: str, ts: str, text: str, event_id: str) -> str:
    channel = "D" + user[1:]
    return json.dumps(
        {
            "token": "legacy",
            "team_id": "T0LOTSE",
            "api_app_id": "A0LOTSE",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": channel,
                "user": user,
                "text": text,
                "ts": ts,
                "event_ts": ts,
            },
        }
    )


def fire_burst(url: str, texts: list[str], secret: str, *, timeout: float = 30.0) -> list[Sent]:
    """POST one signed DM per text, all threads released together; each result says how it was acknowledged."""
    target = urlparse(url)
    barrier = threading.Barrier(len(texts))
    results: list[Sent | None] = [None] * len(texts)

    def send(n: int, text: str) -> None:
        user, ts = f"UBURST{n:04d}", f"1764000000.{n:06d}"
        body = dm_body(user, ts, text, f"EvBURST{n:04d}")
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": sign(body, stamp, secret),
        }
        barrier.wait()
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=timeout)
            connection.request("POST", "/slack/events", body=body.encode(), headers=headers)
            response = connection.getresponse()
            response.read()
            results[n] = Sent(user, ts, response.status, None, time.perf_counter() - started)
            connection.close()
        except OSError as exc:
            results[n] = Sent(user, ts, None, type(exc).__name__, time.perf_counter() - started)

    threads = [threading.Thread(target=send, args=(n, text)) for n, text in enumerate(texts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 30)
    return [r for r in results if r is not None]
