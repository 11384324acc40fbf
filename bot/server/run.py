"""Serving the ASGI app with uvicorn in a background thread (`lotse serve`, and the tests on port 0).

The socket is bound and listening before `start()` returns, with a deep backlog, so a burst of connections is
queued by the kernel instead of being reset; uvicorn logs through our logging (no access log: it would only
repeat paths).
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Any

import uvicorn

log = logging.getLogger(__name__)
BACKLOG = 2048


class ServerThread:
    def __init__(self, app: Any, host: str = "0.0.0.0", port: int = 3000) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self._socket.listen(BACKLOG)
        config = uvicorn.Config(
            app,
            log_config=None,
            access_log=False,
            lifespan="off",
            backlog=BACKLOG,
            timeout_keep_alive=5,
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._socket.getsockname()[1])

    @property
    def url(self) -> str:
        host = self._socket.getsockname()[0]
        return f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{self.port}"

    def start(self, timeout: float = 30.0) -> ServerThread:
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="lotse-http", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self._server.started:
            raise RuntimeError("the HTTP server did not start")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=timeout)
        self._socket.close()
