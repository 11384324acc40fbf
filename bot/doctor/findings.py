"""A doctor's finding: an error (Lotse will behave wrongly) or a warning (it works, but weaker), with the fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.doctor.texts import fix_text, problem_text

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    level: Level
    key: str  # a message key of bot/doctor/texts.py
    values: dict[str, Any] = field(default_factory=dict)

    def problem(self, language: str) -> str:
        return problem_text(self.key, language, self.values)

    def fix(self, language: str) -> str:
        return fix_text(self.key, language, self.values)

    def to_json(self, language: str) -> dict[str, Any]:
        return {"level": self.level, "check": self.key, "problem": self.problem(language), "fix": self.fix(language)}


def error(key: str, **values: Any) -> Finding:
    return Finding("error", key, values)


def warning(key: str, **values: Any) -> Finding:
    return Finding("warning", key, values)
