"""`lotse eval posts`: the post check against the labelled drafts in knowledge/eval/posts.jsonl.

Figures: exact verdict accuracy, drafts needing revision or approval that were judged `ok` (must be 0),
the share of `ok` drafts that were flagged (≤ 5 %), a confusion matrix and every miss. With a model (LOTSE_LLM)
also the same figures for the rule verdicts alone and what the model review did (bot/postcheck/model_evaluation.py).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bot.postcheck.model_evaluation import ModelTally, empty_confusion, format_model_review
from bot.postcheck.verdict import VERDICTS

TARGETS = {"exact_accuracy": 0.90, "unsafe_judged_ok": 0, "ok_flagged_rate": 0.05}


def read_posts(path: Path | str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("verdict") not in VERDICTS or not isinstance(row.get("post"), str):
            raise ValueError(f"{path}:{number}: needs a post and a verdict ({', '.join(VERDICTS)})")
        rows.append(row)
    return rows


def _checker(lotse: Any) -> Any:
    return lotse.postchecker if hasattr(lotse, "postchecker") else lotse


def run_posts_eval(lotse: Any, path: Path | str) -> dict[str, Any]:
    """Check every labelled draft; `lotse` is a bot.app.Lotse (or a PostChecker)."""
    checker = _checker(lotse)
    reviewer = getattr(checker, "reviewer", None)
    tally = ModelTally() if reviewer is not None else None
    rows = read_posts(path)
    confusion = empty_confusion()
    misses: list[dict[str, Any]] = []
    latencies: list[float] = []
    for row in rows:
        before = reviewer.last if reviewer is not None else None
        started = time.perf_counter()
        verdict = checker.check(row["post"], row.get("language"))
        latencies.append((time.perf_counter() - started) * 1000)
        gold, got = row["verdict"], verdict.verdict
        if tally is not None and reviewer is not None:
            tally.add(gold, verdict, reviewer.last if reviewer.last is not before else None)
        confusion[gold][got] += 1
        if gold != got:
            misses.append(
                {
                    "post": row["post"],
                    "language": row.get("language"),
                    "expected": gold,
                    "got": got,
                    "rules": [f.rule for f in verdict.findings if f.severity != "info"],
                    "note": row.get("note", ""),
                }
            )
    total = len(rows)
    latencies.sort()
    result: dict[str, Any] = {
        "total": total,
        "by_label": {label: sum(confusion[label].values()) for label in VERDICTS},
        "by_language": _count(rows, "language"),
        **verdict_figures(confusion),
        "misses": misses,
        "latency_ms_p50": round(latencies[len(latencies) // 2], 2) if latencies else 0.0,
        "latency_ms_p95": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2)
        if latencies
        else 0.0,
        "targets": TARGETS,
    }
    result["passed"] = (
        result["exact_accuracy"] >= TARGETS["exact_accuracy"]
        and result["unsafe_judged_ok"] <= TARGETS["unsafe_judged_ok"]
        and result["ok_flagged_rate"] <= TARGETS["ok_flagged_rate"]
    )
    if tally is not None:
        result["model"] = tally.figures(str(getattr(getattr(lotse, "settings", None), "llm", "") or "model"))
        result["model"]["rules_only"] = verdict_figures(tally.rule_confusion)
    return result


def verdict_figures(confusion: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Exact accuracy, revise/approval drafts judged ok, ok drafts flagged, from a confusion matrix."""
    total = sum(sum(row.values()) for row in confusion.values())
    exact = sum(confusion[label][label] for label in VERDICTS)
    ok_total = sum(confusion["ok"].values())
    ok_flagged = ok_total - confusion["ok"]["ok"]
    return {
        "exact": exact,
        "exact_accuracy": round(exact / total, 4) if total else 0.0,
        "unsafe_judged_ok": confusion["revise"]["ok"] + confusion["approval"]["ok"],
        "ok_flagged": ok_flagged,
        "ok_flagged_rate": round(ok_flagged / ok_total, 4) if ok_total else 0.0,
        "confusion": confusion,
    }


def _count(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        value = str(row.get(key) or "?")
        counts[value] = counts.get(value, 0) + 1
    return counts


def format_posts_eval(result: dict[str, Any]) -> str:
    """A printable table of the figures, the confusion matrix and the misses."""
    t = result["targets"]
    lines = [
        f"Post check evaluation: {result['total']} drafts "
        + ", ".join(f"{k} {v}" for k, v in result["by_label"].items())
        + " | "
        + ", ".join(f"{k} {v}" for k, v in result["by_language"].items()),
        "",
        f"{'figure':<28}{'value':>10}{'target':>12}",
        f"{'exact verdict accuracy':<28}{result['exact_accuracy']:>10.1%}{'≥ ' + format(t['exact_accuracy'], '.0%'):>12}",
        f"{'revise/approval judged ok':<28}{result['unsafe_judged_ok']:>10}{'= 0':>12}",
        f"{'ok drafts flagged':<28}{result['ok_flagged_rate']:>10.1%}{'≤ ' + format(t['ok_flagged_rate'], '.0%'):>12}",
        f"{'latency p50 / p95 (ms)':<28}{str(result['latency_ms_p50']) + ' / ' + str(result['latency_ms_p95']):>10}",
        "",
        "confusion (rows: expected, columns: got)",
        f"{'':<12}" + "".join(f"{v:>10}" for v in VERDICTS),
    ]
    for gold in VERDICTS:
        lines.append(f"{gold:<12}" + "".join(f"{result['confusion'][gold][got]:>10}" for got in VERDICTS))
    if "model" in result:
        lines.extend(format_model_review(result["model"], result))
    lines.append("")
    lines.append("PASSED" if result["passed"] else "NOT PASSED")
    if result["misses"]:
        lines.append("")
        lines.append(f"misses ({len(result['misses'])}):")
        for miss in result["misses"]:
            post = miss["post"] if len(miss["post"]) <= 90 else miss["post"][:87] + "…"
            rules = ", ".join(miss["rules"]) or "no rule"
            lines.append(f"  expected {miss['expected']:<8} got {miss['got']:<8} [{rules}] {post}")
    return "\n".join(lines)
