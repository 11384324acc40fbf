"""HTTP serving of the Bolt app: a threading http.server that hands every POST to `app.dispatch`.

Bolt verifies the request signature (X-Slack-Signature v0, timestamps older than 5 minutes refused) and
answers 401 before any listener runs. Tests start it on port 0 and stop it with `stop()`.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App, BoltRequest

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000


class SlackHTTPServer:
    def __init__(self, app: App, host: str = "0.0.0.0", port: int = 3000) -> None:
        self.app = app
        self._httpd = ThreadingHTTPServer((host, port), _handler(app))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = self._httpd.server_address[0]
        host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        return f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        log.info("Lotse listens for Slack on port %s (POST /slack/events)", self.port)
        self._httpd.serve_forever(poll_interval=0.2)

    def start(self) -> "SlackHTTPServer":
        self._thread = threading.Thread(target=self.serve_forever, name="lotse-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


def _handler(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            if self.path.split("?")[0] in ("/health", "/healthz"):
                return self._send(200, {"content-type": ["text/plain"]}, "ok")
            return self._send(404, {"content-type": ["text/plain"]}, "not found")

        def do_POST(self) -> None:  # noqa: N802
            path, _, query = self.path.partition("?")
            if not path.startswith("/slack/"):
                return self._send(404, {"content-type": ["text/plain"]}, "not found")
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._send(413, {"content-type": ["text/plain"]}, "too large")
            body = self.rfile.read(length).decode("utf-8") if length else ""
            headers: dict[str, list[str]] = {}
            for key, value in self.headers.items():
                headers.setdefault(key.lower(), []).append(value)
            response = app.dispatch(BoltRequest(body=body, query=query, headers=headers))
            self._send(response.status, response.headers, response.body)

        def _send(self, status: int, headers: dict[str, Any], body: str) -> None:
            data = (body or "").encode("utf-8")
            self.send_response(status)
            for key, values in headers.items():
                if key.lower() == "content-length":
                    continue
                for value in values if isinstance(values, (list, tuple)) else [values]:
                    self.send_header(key, str(value))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            log.debug("http: " + format, *args)

    return Handler
