"""A local OpenAI-compatible chat server that stands in for the language model provider (and only for it).

Real HTTP on 127.0.0.1 (tests/support/local_http.py); Lotse's real langchain OpenAI client talks to it through
LOTSE_LLM=openai:… and LOTSE_LLM_BASE_URL=`fake.base_url`. It records every request body (`requests`, the
prompts) and answers with the scripted `reply`: a JSON answer built from the passages it was sent, an error
status with headers, a delay, or raw text.

    fake = FakeLlm.start()
    fake.script(Scripted(answer=lambda passages: f"{first_sentence(passages[1])} [1]"))
    fake.script(Scripted(status=429, headers={"Retry-After": "1"}, then=Scripted(answer=...)))  # once, then
    ...
    fake.stop()
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.local_http import serve_locally, shut_down

_PASSAGE = re.compile(r'<passage n="(\d+)">\n(.*?)\n</passage>', re.S)
_QUESTION = re.compile(r"<question>\n(.*?)\n</question>", re.S)
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")


@dataclass
class Scripted:
    """One behaviour. `answer` (from the numbered passages) goes into the JSON reply the reader asked for;
    `content` replaces the whole message content (non-JSON, empty, endless); `status` ≠ 200 sends `body`."""

    answer: Callable[[dict[int, str]], str] | str = ""
    answered: bool = True
    sensitive: bool = False
    content: str | Callable[[str], str] | None = None  # a callable gets the whole prompt
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str = '{"error": {"message": "scripted failure", "type": "server_error"}}'
    delay: float = 0.0
    then: Scripted | None = None  # served once; later requests get `then` (a 429, then an answer)


@dataclass
class FakeLlm:
    server: ThreadingHTTPServer | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    current: Scripted = field(default_factory=Scripted)
    routes: list[tuple[str, Scripted]] = field(default_factory=list)  # (text in the prompt, its reply) first
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def start(cls) -> FakeLlm:
        fake = cls()
        fake.server = serve_locally(fake.handle, ["POST", "GET"], "fake-llm")
        return fake

    def stop(self) -> None:
        shut_down(self.server)

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def script(self, scripted: Scripted) -> None:
        with self._lock:
            self.current = scripted
            self.routes.clear()
            self.requests.clear()

    def also(self, marker: str, scripted: Scripted) -> None:
        """Requests whose prompt contains `marker` (a line of one task's instructions) get `scripted` instead."""
        with self._lock:
            self.routes.append((marker, scripted))

    # --- what the provider sees ---------------------------------------------------------------------------------
    def prompts(self) -> list[str]:
        return ["\n".join(str(m.get("content", "")) for m in body.get("messages", [])) for body in self.requests]

    def handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else {}
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        with self._lock:
            self.requests.append(body)
            scripted = self._next(prompt)
        if scripted.delay:
            time.sleep(scripted.delay)
        if scripted.status != 200:
            self._send(request, scripted.status, scripted.body, scripted.headers)
            return
        content = scripted.content(prompt) if callable(scripted.content) else scripted.content
        if content is None:
            content = self._json_answer(scripted, prompt)
        completion = {
            "id": "chatcmpl-local",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "local"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        self._send(request, 200, json.dumps(completion), {})

    def _next(self, prompt: str) -> Scripted:
        """The reply for this prompt; a reply with `then` is replaced by it once served (call under the lock)."""
        for index, (marker, scripted) in enumerate(self.routes):
            if marker in prompt:
                if scripted.then is not None:
                    self.routes[index] = (marker, scripted.then)
                return scripted
        scripted = self.current
        if scripted.then is not None:
            self.current = scripted.then
        return scripted

    @staticmethod
    def _json_answer(scripted: Scripted, prompt: str) -> str:
        passages = {int(n): text for n, text in _PASSAGE.findall(prompt)}
        answer = scripted.answer(passages) if callable(scripted.answer) else scripted.answer
        return json.dumps({"answered": scripted.answered, "answer": answer, "sensitive": scripted.sensitive})

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, body: str, headers: dict[str, str]) -> None:
        data = body.encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass


def configured(settings: Any, fake: FakeLlm, timeout: float = 3.0) -> Any:
    """`settings` with LOTSE_LLM pointed at the stand-in (the real langchain OpenAI client)."""
    update = {"llm": "openai:gpt-4o-mini", "llm_base_url": fake.base_url, "llm_api_key": "test-key"}
    return settings.model_copy(update=update | {"llm_timeout_seconds": timeout})


def passages_of(prompt: str) -> dict[int, str]:
    return {int(n): text for n, text in _PASSAGE.findall(prompt)}


def question_of(prompt: str) -> str:
    found = _QUESTION.search(prompt)
    return found.group(1) if found else ""


def first_sentence(passage: str) -> str:
    """A faithful answer: the passage's first full sentence (heading lines skipped)."""
    lines = [line.strip() for line in passage.splitlines() if line.strip() and not line.startswith("#")]
    text = " ".join(lines)
    sentence = re.split(r"(?<=[.!?])\s+", text)[0]
    return sentence.rstrip(".!?") + "."


class Replay:
    """A scripted `content` that replays helper-written answers (knowledge/eval/reader-answers-*.jsonl rows with
    their passage texts, as bot/evaluation/verifier.py `load_rows` gives them) as if a model had written them.

    For the prompt's question it returns that row's answer, its "[n]" renumbered to the numbers under which the
    stand-in was sent the same passages. When a passage the answer cites was not sent (retrieval found others) or
    the question is not in the rows, it answers "not answered", as a model reading only the passages it got would.
    `counts`: replayed | cited_passage_not_sent | unknown_question."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = {_squash(row["question"]): row for row in rows}
        self.counts: Counter[str] = Counter()

    def __call__(self, prompt: str) -> str:
        row = self._rows.get(_squash(question_of(prompt)))
        if row is None:
            return self._not_answered("unknown_question")
        sent = passages_of(prompt)
        numbers = {
            n: next((m for m, text in sent.items() if _same(given, text)), None) for n, given in row["texts"].items()
        }
        cited = {int(n) for marker in _MARKER.findall(row["answer"]) for n in re.split(r"\s*[,;]\s*", marker)}
        if any(n in numbers and numbers[n] is None for n in cited):
            return self._not_answered("cited_passage_not_sent")
        self.counts["replayed"] += 1

        def swap(match: re.Match[str]) -> str:
            old = [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]
            return "[" + ", ".join(str(numbers.get(n) or n) for n in old) + "]"  # a number not in the row stays

        return json.dumps({"answered": True, "answer": _MARKER.sub(swap, row["answer"]), "sensitive": False})

    def _not_answered(self, why: str) -> str:
        self.counts[why] += 1
        return json.dumps({"answered": False, "answer": "", "sensitive": False})


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(passage: str, sent: str) -> bool:
    a, b = _squash(passage), _squash(sent)
    return a == b or (min(len(a), len(b)) >= 80 and (a[:200] in b or b[:200] in a))
