"""The ASGI app over real HTTP (uvicorn on a free port): health, a platform route, a second platform mounted
beside Slack, and refusals before the handler is ever called."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import pytest
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.server.asgi import build_asgi_app, platform_route
from bot.server.guard import RawRequest, RawResponse
from bot.server.run import ServerThread
from tests.support.raw_http import raw_request

LIMIT = 4096


@pytest.fixture
def served() -> Iterator[tuple[ServerThread, list[RawRequest]]]:
    seen: list[RawRequest] = []

    def slack(request: RawRequest) -> RawResponse:
        seen.append(request)
        return RawResponse(200, json.dumps({"chars": len(request.body)}), {"content-type": ["application/json"]})

    async def teams_messages(request):  # what a Teams adapter would bring: its own Starlette route
        return JSONResponse({"teams": True})

    teams = platform_route("/api/echo", lambda r: RawResponse(201, r.body), max_body=LIMIT)
    app = build_asgi_app(
        slack=slack, max_body=LIMIT, routes=[Route("/api/messages", teams_messages, methods=["POST"]), teams]
    )
    server = ServerThread(app, "127.0.0.1", 0).start()
    try:
        yield server, seen
    finally:
        server.stop()


def post(server: ServerThread, path: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(server.url + path, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_health_slack_and_other_platform_routes_side_by_side(served):
    server, seen = served
    with urllib.request.urlopen(server.url + "/health", timeout=10) as response:
        assert response.status == 200 and response.read() == b"ok"
    assert post(server, "/slack/events", "Grüße".encode()) == (200, b'{"chars": 5}')
    assert seen[0].body == "Grüße" and seen[0].path == "/slack/events"
    assert post(server, "/api/messages", b"{}") == (200, b'{"teams":true}')
    assert post(server, "/api/echo", b"hallo") == (201, b"hallo")
    assert post(server, "/nowhere", b"x")[0] == 404


@pytest.mark.parametrize(
    "head, body, status",
    [
        ("Content-Length: abc", b"hello", 400),
        ("Content-Length: -1", b"hello", 400),
        ("Content-Length: 5", b"\xff\xfe\xfd\xfc\xfb", 400),  # not UTF-8
        (f"Content-Length: {LIMIT + 1}", b"x" * 10, 413),  # announced too large
        ("Transfer-Encoding: chunked", b"1388\r\n" + b"x" * 5000 + b"\r\n0\r\n\r\n", 413),  # no length, too large
    ],
)
def test_malformed_requests_are_refused_before_the_handler(served, head, body, status):
    server, seen = served
    answer_status, answer = raw_request(server.port, f"POST /slack/events HTTP/1.1\r\nHost: lotse\r\n{head}", body)
    assert answer_status == status, answer
    assert seen == []
    assert post(server, "/slack/events", b"still here")[0] == 200  # the server goes on serving
