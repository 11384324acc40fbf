"""A local stand-in for the Slack Web API: real HTTP on a free port, records every call, answers like Slack.

    with FakeSlack() as slack:
        settings.slack_api_url = slack.api_url          # "http://127.0.0.1:PORT/api/"
        ...
        slack.calls("chat.postMessage")                 # [Call(method, body, headers, path), ...]
        slack.fail_next("chat.postMessage", 2, status=429)  # the next 2 calls get 429 + Retry-After: 1

Response URLs (slash commands, block actions) point at `slack.response_url(...)`; what is posted there is
recorded as method "response_url".
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


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

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> "FakeSlack":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                fake._handle(self)

            def do_GET(self) -> None:  # noqa: N802
                fake._handle(self)

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeSlack":
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
            return [c for c in self._calls if (method is None or c.method == method)
                    and (not ok_only or c.status == 200)]

    def attempts(self, method: str) -> list[Call]:
        return self.calls(method, ok_only=False)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0,
                 where: Any = None) -> list[Call]:
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

    # --- the HTTP side ---------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode("utf-8") if length else ""
        headers = {k.lower(): v for k, v in request.headers.items()}
        body = _parse_body(raw, headers.get("content-type", ""))
        if path.startswith("/api/"):
            method = path[len("/api/"):]
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

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        ts = f"{1763458200 + next(self._ts)}.000100"
        if method == "auth.test":
            return {"ok": True, "url": "https://lotse-test.slack.com/", "team": "Lotse Test",
                    "user": "lotse", "team_id": self.team_id, "user_id": self.bot_user_id,
                    "bot_id": self.bot_id, "is_enterprise_install": False}
        if method == "chat.postMessage":
            channel = str(body.get("channel", ""))
            if channel.startswith("U"):  # posting to a user id lands in the app's DM with them
                channel = "D" + channel[1:]
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"text": body.get("text", ""), "ts": ts, "bot_id": self.bot_id}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method == "conversations.open":
            users = str(body.get("users", "U0"))
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:], "is_im": True}}
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            return {"ok": True, "view": {"id": f"V{next(self._ts)}", "type": "modal"}}
        if method == "users.info":
            return {"ok": True, "user": {"id": body.get("user"), "name": "user", "tz": "Europe/Berlin",
                                         "locale": "de-DE"}}
        return {"ok": True}


def _parse_body(raw: str, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        try:
            return json.loads(raw)
        except ValueError:
            return {"_raw": raw}
    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw, keep_blank_values=True).items()}


def _send(request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any],
          extra: dict[str, str] | None = None) -> None:
    data = json.dumps(payload).encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", "application/json; charset=utf-8")
    request.send_header("Content-Length", str(len(data)))
    for key, value in (extra or {}).items():
        request.send_header(key, value)
    request.end_headers()
    request.wfile.write(data)
