"""Raw HTTP/1.1 over a socket: requests no well-behaved client library would send (bad lengths, broken bodies)."""

from __future__ import annotations

import socket


def raw_request(port: int, head: str, body: bytes = b"", *, timeout: float = 10.0) -> tuple[int | None, bytes]:
    """Send `head` (request line + headers, without the blank line) and `body`; return (status, whole answer).

    Status None: the server closed the connection without an HTTP answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(head.rstrip("\r\n").encode("latin-1") + b"\r\n\r\n" + body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server refused early and closed; read what it said
        data = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data and _complete(data):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    if not data.startswith(b"HTTP/1."):
        return None, data
    return int(data.split(b" ", 2)[1]), data


def _complete(data: bytes) -> bool:
    head, _, rest = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(rest) >= int(value.strip() or 0)
    return True
