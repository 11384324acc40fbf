"""The reader seam: a request (question, tier, passages) in, a `Reading` (text, sources, tier) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.models import Passage
from bot.retrieval.hybrid import Hit

Tier = Literal["confident", "tentative", "none"]


@dataclass(frozen=True)
class ReadingRequest:
    question: str
    language: str
    hits: list[Hit]
    tier: Tier  # retrieval's and triage's tier: confident or tentative (a reader is never asked for "none")
    contact: str  # who a tentative answer offers
    history: tuple[str, ...] = ()  # earlier questions of the thread, oldest first


@dataclass
class Reading:
    """What the employee reads. `tier` "none" means: no answer, hand off. `origin` and `rejected` are for
    the evaluation (why a model's answer was not shown), never user text."""

    answer: str
    sources: list[Passage]
    tier: Tier
    origin: Literal["extractive", "model"] = "extractive"
    model_status: str = "off"  # off | verified | rejected | not_answered | sensitive | error | timeout | skipped
    rejected: tuple[str, ...] = field(default_factory=tuple)


class Reader(Protocol):
    def read(self, request: ReadingRequest) -> Reading: ...
