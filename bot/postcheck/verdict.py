"""The result of a post check: a verdict, findings with spans in the text the user sent, a revision."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VERDICTS = ("ok", "revise", "approval")
SEVERITIES = ("info", "revise", "approval")  # info never changes the verdict


@dataclass(frozen=True)
class GuidelineQuote:
    document: str
    section: str
    text: str
    title: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "section": self.section, "text": self.text}


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    start: int
    end: int
    excerpt: str
    message: str
    guideline: GuidelineQuote | None
    fix: str
    replacement: str | None = None  # a mechanical fix for exactly this span
    append: str | None = None  # a mechanical fix: a line added at the end (e.g. the disclosure)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "guideline": self.guideline.to_json() if self.guideline else None,
            "fix": self.fix,
        }


@dataclass
class Verdict:
    verdict: str
    language: str
    findings: list[Finding] = field(default_factory=list)
    revision: str | None = None
    notices: list[str] = field(default_factory=list)  # input problems, said in the author's language
    status: str = "checked"  # checked | empty | too_long | no_text
    mixed_language: bool = False
    draft: str = ""
    basis: str = "full"  # full | thin (shipped rules only) | thin_language (no guideline in the draft's language)

    @property
    def headline_key(self) -> str:
        """The i18n key of the verdict's first line: nothing found on a thin basis is not "Looks fine"."""
        if self.verdict == "ok" and self.basis != "full":
            return "postcheck.verdict.ok_thin"
        return f"postcheck.verdict.{self.verdict}"

    @property
    def categories(self) -> list[str]:
        return sorted({f.category for f in self.findings if f.severity != "info"})

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.findings]

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "language": self.language,
            "findings": [f.to_json() for f in self.findings],
            "revision": self.revision,
            "status": self.status,
            "notices": list(self.notices),
            "mixed_language": self.mixed_language,
            "basis": self.basis,
            "headline_key": self.headline_key,
        }


def verdict_of(findings: list[Finding]) -> str:
    severities = {f.severity for f in findings}
    if "approval" in severities:
        return "approval"
    if "revise" in severities:
        return "revise"
    return "ok"
