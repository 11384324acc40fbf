"""A local stand-in for the Bot Connector service (serviceUrl): real HTTP on 127.0.0.1, records what Lotse sends.

    with FakeConnector() as connector:
        connector.service_url                                # "http://127.0.0.1:PORT/teams"
        connector.sent("create_conversation")                # [Sent(kind, conversation_id, activity_id, body, ...)]
        connector.wait_for("send", where=lambda s: s.conversation_id == "a:employee")
        connector.fail_next("send", 2, status=429)           # the next 2 sends get 429 + Retry-After: 0
        connector.fail_next("send", 1, 503, activity_type="message")   # only a message, not a typing indicator

Kinds: `create_conversation` (POST /v3/conversations), `send` (POST /v3/conversations/{id}/activities),
`reply` (POST …/activities/{activityId}), `update` (PUT …/activities/{activityId}). A failed call is recorded
too (status ≠ 200), so a test can tell attempts from deliveries: `delivered()` are the ones answered 2xx.
Personal conversations are stable per member (as in Teams): creating a 1:1 with the same AAD object id twice
returns the same conversation id.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.local_http import serve_locally, shut_down

_ACTIVITY = re.compile(r"^/teams/v3/conversations/([^/]+)/activities(?:/([^/]+))?$")


@dataclass
class Sent:
    kind: str
    conversation_id: str | None
    activity_id: str | None  # the id the connector gave (send/create) or the one addressed (reply/update)
    body: dict[str, Any]
    authorization: str
    status: int = 200

    @property
    def text(self) -> str:
        return str(self.body.get("text") or "")

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [
            a.get("content") or {}
            for a in self.body.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]

    def card_text(self) -> str:
        return json.dumps(self.cards, ensure_ascii=False)

    @property
    def type(self) -> str:
        return str(self.body.get("type") or "")


@dataclass
class _Failure:
    remaining: int
    status: int
    activity_type: str | None = None  # only activities of this type fail (e.g. "message", not "typing")


@dataclass
class FakeConnector:
    _sent: list[Sent] = field(default_factory=list)
    _failures: dict[str, _Failure] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._ids = itertools.count(1001)
        self._server: ThreadingHTTPServer | None = None

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> FakeConnector:
        self._server = serve_locally(self._handle, ("POST", "PUT"), "fake-connector")
        return self

    def stop(self) -> None:
        shut_down(self._server)
        self._server = None

    def __enter__(self) -> FakeConnector:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def service_url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/teams"

    # --- control and inspection ------------------------------------------------------------------
    def fail_next(self, kind: str, times: int = 1, status: int = 429, activity_type: str | None = None) -> None:
        with self._lock:
            self._failures[kind] = _Failure(times, status, activity_type)

    def sent(self, kind: str | None = None) -> list[Sent]:
        with self._lock:
            return [s for s in self._sent if kind is None or s.kind == kind]

    def delivered(self, kind: str | None = None) -> list[Sent]:
        return [s for s in self.sent(kind) if 200 <= s.status < 300]

    def clear(self) -> None:
        with self._lock:
            self._sent.clear()

    def wait_for(
        self, kind: str, count: int = 1, *, where: Callable[[Sent], bool] | None = None, timeout: float = 90.0
    ) -> list[Sent]:
        """The first `count` delivered calls of `kind` matching `where`; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [
                    s for s in self._sent if s.kind == kind and 200 <= s.status < 300 and (where is None or where(s))
                ]
                if len(found) >= count:
                    return found[:count]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} {kind} call(s), got {len(found)}: "
                        f"{[(s.kind, s.conversation_id, s.text[:60]) for s in self._sent]}"
                    )
                self._lock.wait(min(remaining, 0.2))

    # --- serving ---------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        path = request.path.split("?")[0]
        kind, conversation, activity = self._route(method, path, body)
        if kind is None:
            return self._answer(request, 404, {"error": {"code": "NotFound"}})
        status = self._failure_for(kind, str(body.get("type") or ""))
        if kind in ("send", "create_conversation") and status == 200:
            activity = str(next(self._ids))
        record = Sent(kind, conversation, activity, body, request.headers.get("Authorization") or "", status)
        with self._lock:
            self._sent.append(record)
            self._lock.notify_all()
        if status != 200:
            return self._answer(
                request,
                status,
                {"error": {"code": "Throttled" if status == 429 else "ServiceError"}},
                retry_after=status == 429,
            )
        if kind == "create_conversation":
            return self._answer(request, 200, {"id": conversation, "activityId": activity})
        return self._answer(request, 200, {"id": activity})

    def _route(self, method: str, path: str, body: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
        if method == "POST" and path == "/teams/v3/conversations":
            members = body.get("members") or [{}]
            return "create_conversation", f"a:personal-{members[0].get('id', 'unknown')}", None
        match = _ACTIVITY.match(path)
        if not match:
            return None, None, None
        conversation, activity = match.group(1), match.group(2)
        if method == "PUT" and activity:
            return "update", conversation, activity
        if method == "POST":
            return ("reply" if activity else "send"), conversation, activity
        return None, None, None

    def _failure_for(self, kind: str, activity_type: str) -> int:
        with self._lock:
            failure = self._failures.get(kind)
            if failure is None or failure.remaining <= 0:
                return 200
            if failure.activity_type and failure.activity_type != activity_type:
                return 200
            failure.remaining -= 1
            return failure.status

    @staticmethod
    def _answer(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any], retry_after: bool = False) -> None:
        data = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        if retry_after:
            request.send_header("Retry-After", "0")
        request.end_headers()
        request.wfile.write(data)
