"""A language model reads the passages (langchain, any provider); Lotse shows its answer only once verified.

    LlmReader.from_settings(settings, embedder=…, fallback=ExtractiveReader())      # bot/app.py, LOTSE_LLM set

The model can only make an answer better:
  - triage and retrieval have decided before it is asked (it never sees a sensitive question or a handoff);
  - its answer is shown only when bot/reading/verifier.py passes it, and then as a confident answer;
  - "not answered" lowers retrieval's tier (confident → tentative → handoff); "sensitive" hands off;
  - everything else (a rejected answer, a timeout, a provider error, unreadable output, an instruction in the
    question) is the extractive answer in retrieval's tier, in time;
  - a 429 with a short Retry-After is waited and asked once more within the timeout, a long one gives the
    extractive answer at once and pauses the model for all callers (bot/reading/throttle.py).
Only the masked question, the thread's masked earlier questions and the numbered passages leave the machine
(docs/llm.md); logs name outcomes and reasons, never prompt or completion text. Identical requests are answered
from a small in-process cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.compose import to_passage
from bot.reading.injection import looks_injected
from bot.reading.privacy import mask
from bot.reading.prompt import ModelAnswer, Unreadable, messages, parse
from bot.reading.reader import Reader, Reading, ReadingRequest, Tier
from bot.reading.similarity import EmbeddingSimilarity
from bot.reading.throttle import RateLimited, Throttle
from bot.reading.verifier import SUPPORT, verify

if TYPE_CHECKING:  # pragma: no cover
    from langchain_core.language_models import BaseChatModel

    from bot.embeddings import Embedder
    from bot.settings import Settings

log = logging.getLogger(__name__)
PASSAGES = 4  # the best passages the model reads, numbered 1..4
CACHE_SIZE = 256
LOWER: dict[Tier, Tier] = {"confident": "tentative", "tentative": "none", "none": "none"}
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
QUIET = ("openai", "httpx", "httpcore", "langchain", "langchain_core", "langchain_openai")
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="lotse-llm")


def chat_model(settings: Settings) -> BaseChatModel:
    """The model LOTSE_LLM names, through langchain's init_chat_model (no retries: a late answer is no answer)."""
    from langchain.chat_models import init_chat_model

    if not settings.debug:  # these log whole requests, the prompt with them, at DEBUG
        for name in QUIET:
            logging.getLogger(name).setLevel(logging.WARNING)
    options: dict[str, Any] = {"timeout": settings.llm_timeout_seconds, "max_retries": 0, "temperature": 0}
    options["max_tokens"] = settings.llm_max_tokens
    if settings.llm_base_url:
        options["base_url"] = settings.llm_base_url
    if settings.llm_api_key:
        options["api_key"] = settings.llm_api_key
    return init_chat_model(settings.llm.strip(), **options)


class LlmReader:
    def __init__(
        self,
        model: BaseChatModel,
        embedder: Callable[[], Embedder],
        fallback: Reader,
        *,
        timeout: float,
        support: float = SUPPORT,
        throttle: Throttle | None = None,
    ) -> None:
        self._model = model
        self._structured = _structured(model)
        self._similarity = EmbeddingSimilarity(embedder)
        self._fallback = fallback
        self._timeout = timeout
        self._support = support
        self._cache: OrderedDict[str, ModelAnswer] = OrderedDict()
        self._lock = threading.Lock()
        self._throttle = throttle or Throttle()  # 429 with Retry-After, shared with the rewrite and the review

    @classmethod
    def from_settings(
        cls, settings: Settings, *, embedder: Callable[[], Embedder], fallback: Reader, throttle: Throttle | None = None
    ) -> LlmReader:
        timeout = settings.llm_timeout_seconds
        return cls(chat_model(settings), embedder, fallback, timeout=timeout, throttle=throttle)

    # --- the reading -----------------------------------------------------------------------------------------
    def read(self, request: ReadingRequest) -> Reading:
        if request.tier == "none" or not request.hits:
            return self._fallback.read(request)
        if looks_injected(request.question, *request.history):
            return self._extractive(request, "skipped", "instruction_in_question")
        hits = request.hits[:PASSAGES]
        numbered = {n: hit.chunk.text for n, hit in enumerate(hits, start=1)}
        question = mask(request.question, request.language)
        history = tuple(mask(h, request.language) for h in request.history)
        answer, failure = self._answer(question, request.language, numbered, history)
        if answer is None:
            return self._extractive(request, *failure)
        if answer.sensitive:  # escalate, never de-escalate
            log.info("model reader: sensitive")
            return Reading(answer="", sources=[], tier="none", origin="model", model_status="sensitive")
        if not answer.answered:
            log.info("model reader: not answered, tier lowered")
            return self._extractive(replace(request, tier=LOWER[request.tier]), "not_answered")
        verdict = verify(answer.answer, numbered, question, request.language, self._similarity, support=self._support)
        if not verdict.ok:
            return self._extractive(request, "rejected", *verdict.reasons)
        log.info("model reader: verified (%d passages cited)", len(verdict.cited))
        text, cited = renumber(answer.answer.strip(), list(verdict.cited))
        sources = [to_passage(hits[n - 1]) for n in cited]
        return Reading(answer=text, sources=sources, tier="confident", origin="model", model_status="verified")

    def _extractive(self, request: ReadingRequest, status: str, *reasons: str) -> Reading:
        if status not in ("not_answered",):
            log.info("model reader: %s %s; extractive answer", status, ",".join(reasons))
        reading = self._fallback.read(request)
        return replace(reading, model_status=status, rejected=tuple(reasons))

    # --- the call ----------------------------------------------------------------------------------------------
    def _answer(
        self, question: str, language: str, numbered: dict[int, str], history: tuple[str, ...]
    ) -> tuple[ModelAnswer | None, tuple[str, ...]]:
        key = hashlib.sha256(json.dumps([question, language, numbered, history]).encode()).hexdigest()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached, ()
        prompt = messages(question, language, numbered, history)
        deadline = time.monotonic() + self._timeout
        future = _POOL.submit(self._throttle.call, lambda: self._call(prompt), deadline)
        try:
            answer = future.result(timeout=self._timeout)
        except TimeoutError:
            future.cancel()
            return None, ("timeout",)
        except Unreadable:
            return None, ("rejected", "unreadable")
        except RateLimited as limited:  # a long Retry-After: at once, and no call until it has passed
            return None, ("error" if limited.called else "skipped", "rate_limited")
        except Exception as error:  # provider errors: the extractive answer
            return None, ("error", type(error).__name__)
        with self._lock:
            self._cache[key] = answer
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return answer, ()

    def _call(self, prompt: list[tuple[str, str]]) -> ModelAnswer:
        if self._structured is None:
            return parse(self._model.invoke(prompt).content)
        out = self._structured.invoke(prompt)
        parsed = out.get("parsed") if isinstance(out, dict) else None
        if isinstance(parsed, ModelAnswer):
            return parsed
        raw = out.get("raw") if isinstance(out, dict) else None
        return parse(getattr(raw, "content", None))  # the provider ignored the schema: read it strictly


def _structured(model: BaseChatModel) -> Any:
    try:
        return model.with_structured_output(ModelAnswer, include_raw=True)
    except NotImplementedError:
        return None  # no structured output: the strict parse


def renumber(answer: str, cited: list[int]) -> tuple[str, list[int]]:
    """Markers renumbered 1..k in order of first citation, so "[1]" is the first source shown."""
    new = {old: position for position, old in enumerate(cited, start=1)}

    def swap(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]
        return "[" + ", ".join(str(new.get(n, n)) for n in numbers) + "]"

    return _MARKER.sub(swap, answer), cited
