"""A local stand-in for the Slack Web API: real HTTP on a free port, records every call, answers like Slack.

    with FakeSlack() as slack:
        settings.slack_api_url = slack.api_url          # "http://127.0.0.1:PORT/api/"
        ...
        slack.calls("chat.postMessage")                 # [Call(method, body, headers, path), ...]
        slack.fail_next("chat.postMessage", 2, status=429)  # the next 2 calls get 429 + Retry-After: 1

Posted messages are kept per conversation as Slack keeps them (a post to a user id lands in the app's DM with
them, `D` + the id's rest), with their message metadata; conversations.history (top-level messages, newest
first) and conversations.replies (a thread, parent first) return them, `oldest`/`latest` exclusive, the metadata
only with `include_all_metadata`. Timestamps are the real time (unique), so an `oldest` window works.

Response URLs (slash commands, block actions) point at `slack.response_url(...)`; what is posted there is
recorded as method "response_url".

Socket Mode: `apps.connections.open` answers with a `ws://127.0.0.1:PORT/link/?ticket=...` URL of a local
WebSocket server (started on first use, `websockets` sync server). It greets every connection with Slack's
`hello`, lets the test push envelopes and records what the app sends back (acknowledgements):

        slack.wait_for_socket()                                  # the app connected and got `hello`
        envelope = slack.push_event({"type": "message", ...})    # an `events_api` envelope, returned
        slack.wait_for_ack(envelope["envelope_id"])              # the app answered {"envelope_id": ...}
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.support.local_http import serve_locally, shut_down


@dataclass
class Call:
    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    path: str
    status: int = 200

    def json_field(self, name: str) -> Any:
        """Slack SDK sends blocks/view as JSON strings in form bodies; decode either way."""
        value = self.body.get(name)
        if isinstance(value, str) and value[:1] in "[{":
            return json.loads(value)
        return value


@dataclass
class SocketMessage:
    """A text frame the app sent over a Socket Mode connection (`connection` counts from 1)."""

    connection: int
    data: dict[str, Any]

    @property
    def envelope_id(self) -> str | None:
        return self.data.get("envelope_id")


@dataclass
class _Failure:
    remaining: int
    status: int


@dataclass
class FakeSlack:
    bot_user_id: str = "ULOTSE"
    bot_id: str = "BLOTSE"
    team_id: str = "T0LOTSE"
    _calls: list[Call] = field(default_factory=list)
    _failures: dict[str, _Failure] = field(default_factory=dict)
    app_id: str = "A0LOTSE"

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._last_ts = 0.0
        self._messages: dict[str, list[dict[str, Any]]] = {}  # conversation id -> posted messages, oldest first
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._socket: _SocketModeServer | None = None

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._server = serve_locally(lambda request, _method: self._handle(request), ("GET", "POST"), "fake-slack")
        return self

    def stop(self) -> None:
        shut_down(self._server)
        self._server = None
        # HTTP first: an app reconnecting after its socket was closed gets no new URL; the stopped socket server
        # is kept, so what the app sent over it can still be inspected (like calls())
        with self._lock:
            socket_server = self._socket
        if socket_server is not None:
            socket_server.stop()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "FakeSlack is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base_url}/response/{name}"

    # --- control and inspection ------------------------------------------------------------------
    def fail_next(self, method: str, count: int = 1, status: int = 429) -> None:
        with self._lock:
            self._failures[method] = _Failure(count, status)

    def calls(self, method: str | None = None, *, ok_only: bool = True) -> list[Call]:
        with self._lock:
            return [
                c for c in self._calls if (method is None or c.method == method) and (not ok_only or c.status == 200)
            ]

    def attempts(self, method: str) -> list[Call]:
        return self.calls(method, ok_only=False)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """What was posted to `channel` (a user id means the app's DM with them), oldest first, with metadata."""
        with self._lock:
            return [dict(m) for m in self._messages.get(_conversation(channel), [])]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0, where: Any = None) -> list[Call]:
        """Wait until at least `count` successful calls of `method` (matching `where`) were recorded."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls(method) if where is None or where(c)]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [c.method for c in self.calls(ok_only=False)]
                raise AssertionError(f"expected {count} x {method}, got {len(found)}; calls: {seen}")
            time.sleep(0.05)

    # --- Socket Mode -----------------------------------------------------------------------------
    @property
    def socket_mode(self) -> _SocketModeServer:
        """The local WebSocket server behind `apps.connections.open` (started on first use)."""
        with self._lock:
            if self._socket is None:
                assert self._server is not None, "FakeSlack is not started"
                self._socket = _SocketModeServer(self.app_id).start()
            return self._socket

    def socket_url(self) -> str:
        """A fresh `ws://` URL, as `apps.connections.open` hands out (one ticket per call)."""
        return self.socket_mode.new_url()

    def wait_for_socket(self, count: int = 1, timeout: float = 15.0, alive: Any = None) -> None:
        """Wait until `count` connections were greeted with `hello` and one of them is still open.

        `alive` (optional, called while waiting) may raise, e.g. when the app's process died meanwhile."""
        self.socket_mode.wait_connected(count, timeout, alive)

    def push(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """Send `envelope` as is over the newest open connection; returns it."""
        self.socket_mode.send(envelope)
        return envelope

    def push_event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        envelope_id: str | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> dict[str, Any]:
        """Deliver an Events API `event` like Slack does in Socket Mode; returns the envelope that was sent."""
        payload = {
            "token": "legacy",
            "team_id": self.team_id,
            "api_app_id": self.app_id,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": self.team_id, "user_id": self.bot_user_id, "is_bot": True, "is_enterprise_install": False}
            ],
            "is_ext_shared_channel": False,
            "event": event,
        }
        envelope = {
            "envelope_id": envelope_id or str(uuid.uuid4()),
            "payload": payload,
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": retry_attempt,
            "retry_reason": retry_reason,
        }
        return self.push(envelope)

    def socket_messages(self) -> list[SocketMessage]:
        """Everything the app sent over Socket Mode connections (pings and pongs are not recorded)."""
        return self._socket.messages() if self._socket is not None else []

    def acks(self, envelope_id: str | None = None) -> list[SocketMessage]:
        return [
            m
            for m in self.socket_messages()
            if m.envelope_id is not None and (envelope_id is None or m.envelope_id == envelope_id)
        ]

    def wait_for_ack(self, envelope_id: str, count: int = 1, timeout: float = 15.0) -> list[SocketMessage]:
        """Wait until the app acknowledged `envelope_id` at least `count` times."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.acks(envelope_id)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {count} ack(s) of envelope {envelope_id}, got {len(found)}; "
                    f"socket messages: {[m.data for m in self.socket_messages()]}"
                )
            time.sleep(0.05)

    # --- the HTTP side ---------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode("utf-8") if length else ""
        headers = {k.lower(): v for k, v in request.headers.items()}
        body = _parse_body(raw, headers.get("content-type", ""))
        if path.startswith("/api/"):
            method = path[len("/api/") :]
        elif path.startswith("/response/"):
            method = "response_url"
        else:
            method = path
        status = 200
        with self._lock:
            failure = self._failures.get(method)
            if failure is not None and failure.remaining > 0:
                failure.remaining -= 1
                status = failure.status
            self._calls.append(Call(method, body, headers, path, status))
        if status != 200:
            payload = {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
            extra = {"Retry-After": "1"} if status == 429 else {}
            return _send(request, status, payload, extra)
        return _send(request, 200, self._answer(method, body))

    def _next_ts(self) -> str:
        """Now, as Slack's `ts`; strictly increasing (two posts in the same microsecond get distinct ones)."""
        with self._lock:
            self._last_ts = max(time.time(), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        ts = self._next_ts()
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://lotse-test.slack.com/",
                "team": "Lotse Test",
                "user": "lotse",
                "team_id": self.team_id,
                "user_id": self.bot_user_id,
                "bot_id": self.bot_id,
                "is_enterprise_install": False,
            }
        if method in ("chat.postMessage", "conversations.history", "conversations.replies"):
            with self._lock:
                if method == "chat.postMessage":
                    return self._post(body, ts)
                return self._history(body) if method == "conversations.history" else self._replies(body)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method == "conversations.open":
            users = str(body.get("users", "U0"))
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:], "is_im": True}}
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            return {"ok": True, "view": {"id": f"V{next(self._ts)}", "type": "modal"}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url()}
        if method == "users.info":
            return {
                "ok": True,
                "user": {"id": body.get("user"), "name": "user", "tz": "Europe/Berlin", "locale": "de-DE"},
            }
        return {"ok": True}

    # --- posted messages (called under the lock) ---------------------------------------------------
    def _post(self, body: dict[str, Any], ts: str) -> dict[str, Any]:
        channel = _conversation(str(body.get("channel", "")))
        message: dict[str, Any] = {
            "type": "message",
            "text": body.get("text", ""),
            "ts": ts,
            "bot_id": self.bot_id,
            "user": self.bot_user_id,
        }
        if body.get("thread_ts"):
            message["thread_ts"] = str(body["thread_ts"])
        metadata = _json(body.get("metadata"))
        if isinstance(metadata, dict) and metadata.get("event_type"):
            message["metadata"] = {"event_type": metadata["event_type"], "event_payload": metadata.get("event_payload")}
        self._messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _history(self, body: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages (and thread parents), newest first; thread replies are not in a channel's history."""
        posted = self._messages.get(str(body.get("channel", "")), [])
        top = [m for m in posted if m.get("thread_ts") in (None, m["ts"])]
        return {"ok": True, "messages": _page(list(reversed(top)), body), "has_more": False}

    def _replies(self, body: dict[str, Any]) -> dict[str, Any]:
        """The thread of `ts`: its parent (when posted here) and the replies, oldest first."""
        thread = str(body.get("ts", ""))
        posted = self._messages.get(str(body.get("channel", "")), [])
        in_thread = [m for m in posted if m["ts"] == thread or m.get("thread_ts") == thread]
        return {"ok": True, "messages": _page(in_thread, body), "has_more": False}


def _conversation(channel: str) -> str:
    """Posting to a user id lands in the app's DM with them."""
    return "D" + channel[1:] if channel.startswith("U") else channel


def _json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    return value


def _page(messages: list[dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
    """`oldest` / `latest` (exclusive unless `inclusive`), `limit`, and metadata only with `include_all_metadata`."""
    inclusive = str(body.get("inclusive", "")).lower() in ("1", "true")
    oldest, latest = float(body.get("oldest") or 0), float(body.get("latest") or "inf")
    with_metadata = str(body.get("include_all_metadata", "")).lower() in ("1", "true")

    def within(ts: float) -> bool:
        return oldest <= ts <= latest if inclusive else oldest < ts < latest

    kept = [m for m in messages if within(float(m["ts"]))][: int(body.get("limit") or 100)]
    return [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in kept]


class _SocketModeServer:
    """Slack's Socket Mode endpoint: a real WebSocket server (`websockets`, threaded) on a free local port."""

    def __init__(self, app_id: str) -> None:
        self.app_id = app_id
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._tickets = itertools.count(1)
        self._connections: list[Any] = []  # greeted connections, in order; index + 1 = connection number
        self._messages: list[SocketMessage] = []
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> _SocketModeServer:
        from websockets.sync.server import serve  # only Socket Mode tests need the package

        # no server pings (the app pings; websockets answers them); plain frames like Slack's endpoint
        self._server = serve(self._handle, "127.0.0.1", 0, compression=None, ping_interval=None)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-slack-socket-mode")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()  # closes open connections (1001 going away) and waits for their handlers
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    @property
    def port(self) -> int:
        assert self._server is not None, "the Socket Mode server is not started"
        return int(self._server.socket.getsockname()[1])

    def new_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket={next(self._tickets):08d}&app_id={self.app_id}"

    def messages(self) -> list[SocketMessage]:
        with self._lock:
            return list(self._messages)

    def wait_connected(self, count: int, timeout: float, alive: Any = None) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (len(self._connections) >= count and self._open_connection() is not None):
                if alive is not None:
                    alive()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} Socket Mode connection(s), got {len(self._connections)}")
                self._cond.wait(min(remaining, 0.2))

    def send(self, envelope: dict[str, Any]) -> None:
        with self._lock:
            connection = self._open_connection()
        if connection is None:
            raise AssertionError("no open Socket Mode connection to push to; call wait_for_socket() first")
        connection.send(json.dumps(envelope))

    def _open_connection(self) -> Any:
        from websockets.protocol import State

        for connection in reversed(self._connections):  # the newest one, like Slack's most recent connection
            if connection.protocol.state is State.OPEN:
                return connection
        return None

    def _handle(self, connection: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            connection.send(
                json.dumps(
                    {
                        "type": "hello",
                        "num_connections": 1,
                        "debug_info": {
                            "host": "applink-fake-1",
                            "build_number": 1,
                            "approximate_connection_time": 18060,
                        },
                        "connection_info": {"app_id": self.app_id},
                    }
                )
            )
            with self._cond:  # greeted: now it counts as connected and envelopes may be pushed to it
                self._connections.append(connection)
                number = len(self._connections)
                self._cond.notify_all()
            for raw in connection:
                try:
                    data = json.loads(raw)
                except ValueError:
                    data = {"_raw": raw if isinstance(raw, str) else raw.decode("utf-8", "replace")}
                with self._cond:
                    self._messages.append(SocketMessage(number, data if isinstance(data, dict) else {"_raw": data}))
                    self._cond.notify_all()
        except ConnectionClosed:  # the app went away without a closing handshake
            pass
        finally:
            with self._cond:
                self._cond.notify_all()


def _parse_body(raw: str, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        try:
            return json.loads(raw)
        except ValueError:
            return {"_raw": raw}
    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw, keep_blank_values=True).items()}


def _send(
    request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None
) -> None:
    data = json.dumps(payload).encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", "application/json; charset=utf-8")
    request.send_header("Content-Length", str(len(data)))
    for key, value in (extra or {}).items():
        request.send_header(key, value)
    request.end_headers()
    request.wfile.write(data)
