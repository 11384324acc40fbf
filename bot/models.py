"""The core's boundary objects: what goes into `Assistant.ask` and what comes out of it.

Adapters (Slack, terminal, later Teams) render these; nothing here knows about any platform.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Language = Literal["de", "en"]
Outcome = Literal["answered", "handoff", "out_of_scope"]
HandoffReason = Literal["sensitive", "low_confidence", "requested", "post_approval"]


@dataclass(frozen=True)
class Asker:
    """Who asks. `user_id` is the platform's id (Slack user id, or the OS user in the terminal)."""

    user_id: str
    platform: str = "cli"
    display_name: str | None = None


@dataclass(frozen=True)
class Conversation:
    """Where a message came from. `message_id` makes handling idempotent across retries."""

    platform: str = "cli"
    channel_id: str | None = None
    thread_id: str | None = None
    message_id: str | None = None
    history: tuple[str, ...] = ()  # earlier questions of the same thread, oldest first
    language: str | None = None  # de/en when the platform says what the reader reads (Teams: the locale)


@dataclass(frozen=True)
class Passage:
    """One passage of the knowledge: a retrieval result, a cited source, a handoff's context, all the same.

    `to_json()` is the stored and exported form (document, section, text, score); `from_json` reads it back
    (title, language and links are not stored with a handoff's context and come back empty).
    """

    document: str
    title: str
    section: str
    text: str
    score: float
    language: str = "de"
    anchor: str = ""
    source_path: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "section": self.section, "text": self.text, "score": round(self.score, 4)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Passage:
        return cls(
            document=str(raw.get("document", "")),
            title=str(raw.get("title", "")),
            section=str(raw.get("section", "")),
            text=str(raw.get("text", "")),
            score=float(raw.get("score") or 0.0),
        )


Source = Passage  # the former name of a cited passage; one type now


@dataclass
class HandoffRef:
    """What the asker and the adapter need to know about a handoff the core opened."""

    id: int
    reason: str
    category: str | None
    contact_role: str
    contact_name: str
    status: str = "open"
    created: bool = True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Reply:
    question: str
    language: str
    outcome: Outcome
    answer: str
    sources: list[Passage] = field(default_factory=list)
    handoff: HandoffRef | None = None
    confidence: float = 0.0
    category: str | None = None
    exchange_id: int | None = None
    notice: str | None = None  # e.g. "your question was shortened"
    tentative: bool = False  # "Meinst du das?": the nearest passage offered, not a sure answer

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "language": self.language,
            "outcome": self.outcome,
            "answer": self.answer,
            "sources": [s.to_json() for s in self.sources],
            "handoff": self.handoff.to_json() if self.handoff else None,
            "confidence": round(self.confidence, 4),
            "category": self.category,
            "tentative": self.tentative,
        }
