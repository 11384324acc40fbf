"""`lotse eval posts` with a model (LOTSE_LLM): what the model review did beside the rule verdicts.

Per draft the rule verdict is the verdict of the rule findings alone (the model review only adds findings, so the
rule findings are those of a check without a model). Counted: reviews by outcome (reviewed, garbage, timeout,
rate_limited, error, skipped), findings the model returned, kept by Lotse's checks and added to the verdict,
findings rejected and why (bot/postcheck/model_review.py `rejection`, `over_limit`; `already_flagged`: kept but on
words a rule flags at least as seriously), drafts with a model finding and verdicts the model raised.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.postcheck.model_review import RULE_ID, ReviewOutcome
from bot.postcheck.verdict import VERDICTS, Verdict, verdict_of

REVIEW_OUTCOMES = ("reviewed", "garbage", "timeout", "rate_limited", "error", "skipped", "not_asked")
REJECTIONS = ("span_not_in_draft", "passage_not_given", "span_unusable", "over_limit", "already_flagged")


def empty_confusion() -> dict[str, dict[str, int]]:
    return {gold: {got: 0 for got in VERDICTS} for gold in VERDICTS}


@dataclass
class ModelTally:
    rule_confusion: dict[str, dict[str, int]] = field(default_factory=empty_confusion)
    reviews: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    raised: Counter[str] = field(default_factory=Counter)
    returned: int = 0
    kept: int = 0
    added: int = 0
    drafts_added: int = 0
    raised_to_expected: int = 0
    raised_on_ok: int = 0

    def add(self, expected: str, verdict: Verdict, outcome: ReviewOutcome | None) -> None:
        """One draft: its labelled verdict, Lotse's verdict and the review of it (None: the model was not asked)."""
        added = [f for f in verdict.findings if f.rule == RULE_ID]
        rule_verdict = verdict_of([f for f in verdict.findings if f.rule != RULE_ID]) if added else verdict.verdict
        self.rule_confusion[expected][rule_verdict] += 1
        self.reviews[outcome.status if outcome is not None else "not_asked"] += 1
        if outcome is not None:
            self.returned += outcome.returned
            self.kept += outcome.kept
            self.rejected.update(outcome.rejected)
            self.rejected["already_flagged"] += outcome.kept - len(added)
        self.added += len(added)
        self.drafts_added += bool(added)
        if verdict.verdict != rule_verdict:
            self.raised[f"{rule_verdict}→{verdict.verdict}"] += 1
            self.raised_to_expected += verdict.verdict == expected
            self.raised_on_ok += expected == "ok"

    def figures(self, model: str) -> dict[str, Any]:
        return {
            "model": model,
            "rules_only": {"confusion": self.rule_confusion},
            "reviews": {name: self.reviews[name] for name in REVIEW_OUTCOMES},
            "findings_returned": self.returned,
            "findings_kept": self.kept,
            "findings_added": self.added,
            "drafts_with_model_finding": self.drafts_added,
            "verdicts_raised": sum(self.raised.values()),
            "raised": dict(self.raised),
            "raised_to_expected": self.raised_to_expected,
            "raised_on_ok_drafts": self.raised_on_ok,
            "rejected": {name: self.rejected[name] for name in REJECTIONS},
        }


def format_model_review(model: dict[str, Any], with_model: dict[str, Any]) -> list[str]:
    """Lines for the model's part of the table: figures without and with it, then what it did and what was refused."""
    rules = model["rules_only"]
    reviews = ", ".join(f"{name} {count}" for name, count in model["reviews"].items() if count)
    raised = ", ".join(f"{step} {count}" for step, count in sorted(model["raised"].items()))
    rejected = ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in model["rejected"].items())
    return [
        "",
        f"model review ({model['model']})",
        f"{'figure':<28}{'rules only':>12}{'with model':>12}",
        f"{'exact verdict accuracy':<28}{rules['exact_accuracy']:>12.1%}{with_model['exact_accuracy']:>12.1%}",
        f"{'revise/approval judged ok':<28}{rules['unsafe_judged_ok']:>12}{with_model['unsafe_judged_ok']:>12}",
        f"{'ok drafts flagged':<28}{rules['ok_flagged_rate']:>12.1%}{with_model['ok_flagged_rate']:>12.1%}",
        f"reviews: {reviews or 'none'}",
        f"findings: returned {model['findings_returned']}, kept by Lotse's checks {model['findings_kept']}, "
        f"added {model['findings_added']} (drafts with a model finding: {model['drafts_with_model_finding']})",
        f"verdicts raised: {model['verdicts_raised']}"
        + (f" ({raised})" if raised else "")
        + f"; to the expected verdict {model['raised_to_expected']}, on ok drafts {model['raised_on_ok_drafts']}",
        f"findings rejected: {rejected}",
    ]
