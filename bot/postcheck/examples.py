"""`lotse rules test`: every rule's own examples must (not) trigger it; guideline sections must exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.postcheck.checker import PostChecker


@dataclass
class ExampleFailure:
    rule: str
    path: str
    kind: str  # missed | false_alarm | wrong_excerpt | guideline
    text: str
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "path": self.path, "kind": self.kind, "text": self.text, "detail": self.detail}

    def __str__(self) -> str:
        labels = {
            "missed": "should trigger but did not",
            "false_alarm": "should not trigger but did",
            "wrong_excerpt": "triggered on the wrong words",
            "guideline": "guideline section not found",
        }
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.rule} [{self.path}]: {labels.get(self.kind, self.kind)}{extra}: {self.text!r}"


@dataclass
class RuleTestReport:
    rules: int = 0
    examples: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)  # RuleError

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rules": self.rules,
            "examples": self.examples,
            "failures": [f.to_json() for f in self.failures],
            "errors": [e.to_json() for e in self.errors],
        }


def run_rule_examples(checker: PostChecker, check_guideline: bool = True) -> RuleTestReport:
    report = RuleTestReport(errors=checker.rule_errors)
    for compiled in checker.compiled:
        rule = compiled.rule
        report.rules += 1
        if rule.examples is None:  # built at load time from the guideline (no examples of its own)
            continue
        if check_guideline:
            for ref in rule.guideline.values():
                if not checker.resolver.exists(ref.document, ref.section):
                    report.failures.append(
                        ExampleFailure(rule.id, compiled.path, "guideline", f"{ref.document} › {ref.section}")
                    )
        for example in rule.examples.trigger:
            report.examples += 1
            verdict = checker.check(example.text, example.language, only=[rule.id])
            found = [f for f in verdict.findings if f.rule == rule.id]
            if not found:
                report.failures.append(ExampleFailure(rule.id, compiled.path, "missed", example.text))
            elif example.excerpt is not None and example.excerpt not in [f.excerpt for f in found]:
                report.failures.append(
                    ExampleFailure(
                        rule.id,
                        compiled.path,
                        "wrong_excerpt",
                        example.text,
                        "found " + ", ".join(repr(f.excerpt) for f in found),
                    )
                )
        for example in rule.examples.no_trigger:
            report.examples += 1
            verdict = checker.check(example.text, example.language, only=[rule.id])
            found = [f for f in verdict.findings if f.rule == rule.id]
            if found:
                report.failures.append(
                    ExampleFailure(
                        rule.id, compiled.path, "false_alarm", example.text, ", ".join(repr(f.excerpt) for f in found)
                    )
                )
    return report
