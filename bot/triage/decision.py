"""The triage verdict the assistant acts on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TriageKind = Literal["sensitive", "requested", "off_topic", "none"]


@dataclass(frozen=True)
class TriageDecision:
    kind: TriageKind = "none"
    category: str | None = None  # e.g. "press", "legal"; None when not sensitive
    contact_role: str | None = None  # where a handoff of this category goes
    score: float = 0.0
    matched: tuple[str, ...] = field(default_factory=tuple)  # terms or examples that matched (for audit)
