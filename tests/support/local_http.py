"""The local HTTP servers that stand in for Slack's Web API, Bot Connector and Microsoft's key endpoint: a quiet
`ThreadingHTTPServer` on 127.0.0.1 and a free port, serving from its own daemon thread (never in the app's event
loop), each request handed to the stand-in's `handle(request, method)`."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handle = Callable[[BaseHTTPRequestHandler, str], None]


def serve_locally(handle: Handle, methods: Iterable[str], name: str) -> ThreadingHTTPServer:
    """Start serving `methods` (e.g. "GET", "POST") with `handle`; stop it with `shut_down`."""
    attributes: dict[str, Any] = {"log_message": lambda self, *args: None}  # keep test output quiet
    for method in methods:
        attributes[f"do_{method}"] = lambda self, _method=method: handle(self, _method)
    server = ThreadingHTTPServer(("127.0.0.1", 0), type(f"{name}-handler", (BaseHTTPRequestHandler,), attributes))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=name, daemon=True).start()
    return server


def shut_down(server: ThreadingHTTPServer | None) -> None:
    if server is not None:
        server.shutdown()
        server.server_close()


@dataclass
class Response:
    """What a driver (Slack's or Bot Connector's stand-in side) got back from Lotse's endpoint."""

    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None
