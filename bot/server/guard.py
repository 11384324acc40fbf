"""Refuse malformed requests before any work: bad lengths, oversized or undecodable bodies (no traceback).

The body is read as a stream and cut off at the limit whatever Content-Length says (a negative, missing or
lying header cannot get more through); uvicorn itself answers 400 to a Content-Length that is not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from starlette.requests import Request

_DIGITS = re.compile(r"[0-9]{1,19}")


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class RawRequest:
    """A request as a platform adapter sees it: decoded text body, lower-case header names."""

    path: str
    query: str
    headers: dict[str, list[str]]
    body: str

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[0] if values else None


@dataclass(frozen=True)
class RawResponse:
    status: int
    body: str = ""
    headers: dict[str, list[str]] = field(default_factory=dict)


async def read_request(request: Request, limit: int) -> RawRequest:
    """The whole request, or `Refused` (400 bad length / undecodable body, 413 too large)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not _DIGITS.fullmatch(declared.strip()):
            raise Refused(400, "bad Content-Length")
        if int(declared) > limit:
            raise Refused(413, "body too large")
    body = await _read_capped(request, limit)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not valid UTF-8") from None
    headers: dict[str, list[str]] = {}
    for key, value in request.headers.items():
        headers.setdefault(key.lower(), []).append(value)
    return RawRequest(path=request.url.path, query=request.url.query, headers=headers, body=text)


async def _read_capped(request: Request, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, "body too large")
        chunks.append(chunk)
    return b"".join(chunks)
