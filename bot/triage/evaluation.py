"""`lotse eval triage`: the real assistant (record=False) over a labelled set → confusion table, rates, curve.

Labels: sensitive | covered | uncovered | off_topic (category only for sensitive). Outcomes: answered | handoff |
out_of_scope. Targets (issue 3): sensitive → handoff 1.00; uncovered → not answered ≥ 0.90; covered → answered
≥ 0.90. The curve shows, for each threshold, which share of covered questions would be answered and which share
of uncovered ones withheld (only messages that reach the confidence gate, i.e. triage kind "none", can change),
and how many sensitive messages that no category caught would be answered: the gate is their last safety net,
so the suggested threshold never answers one of them. Several sets can be evaluated as one (`--set` repeated).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.evaluation.labelled import LabelledSetError, read_jsonl
from bot.models import Conversation
from bot.triage.confidence import curve as threshold_curve
from bot.triage.confidence import suggest

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

LABELS = ("sensitive", "covered", "uncovered", "off_topic")
OUTCOMES = ("answered", "handoff", "out_of_scope")
TARGETS = {"sensitive_handoff": 1.0, "uncovered_not_answered": 0.9, "covered_answered": 0.9}


def _rows(paths: list[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        for number, row in enumerate(read_jsonl(path), 1):
            if not isinstance(row.get("message"), str) or not row["message"].strip():
                raise LabelledSetError(f"{path}: entry {number}: 'message' missing")
            if row.get("label") not in LABELS:
                raise LabelledSetError(f"{path}: entry {number}: label must be one of {', '.join(LABELS)}")
            rows.append(row)
    return rows


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def run_triage_eval(lotse: Lotse, path: Path | list[Path], curve: bool = False) -> dict[str, Any]:
    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
    rows = _rows(paths)
    triage = lotse.triage
    assistant = lotse.assistant
    confusion = {label: {outcome: 0 for outcome in OUTCOMES} for label in LABELS}
    items: list[dict[str, Any]] = []
    for row in rows:
        reply = assistant.ask(row["message"], record=False)
        result = assistant.retrieve(reply.question, reply.language, Conversation(platform="cli"))
        decision = assistant.triage(reply.question, reply.language, result)
        confusion[row["label"]][reply.outcome] += 1
        items.append(
            {
                "message": row["message"],
                "label": row["label"],
                "category": row.get("category"),
                "outcome": reply.outcome,
                "kind": decision.kind,
                "predicted_category": decision.category,
                "matched": list(decision.matched),
                "confidence": round(reply.confidence, 4),
            }
        )

    def count(label: str, good) -> tuple[int, int]:
        chosen = [i for i in items if i["label"] == label]
        return sum(1 for i in chosen if good(i)), len(chosen)

    sens = count("sensitive", lambda i: i["outcome"] == "handoff")
    unc = count("uncovered", lambda i: i["outcome"] != "answered")
    cov = count("covered", lambda i: i["outcome"] == "answered")
    off = count("off_topic", lambda i: i["outcome"] == "out_of_scope")
    cat = count("sensitive", lambda i: i["predicted_category"] == i["category"])
    by_category = count("sensitive", lambda i: i["kind"] == "sensitive")
    rates = {
        "sensitive_handoff": _rate(*sens),
        "uncovered_not_answered": _rate(*unc),
        "covered_answered": _rate(*cov),
        "off_topic_out_of_scope": _rate(*off),
        "sensitive_by_category": _rate(*by_category),
        "sensitive_category_correct": _rate(*cat),
    }
    misses = [i for i in items if not _expected(i)]
    gated = [i for i in items if i["kind"] == "none"]
    covered_scores = [i["confidence"] for i in gated if i["label"] == "covered"]
    uncovered_scores = [i["confidence"] for i in gated if i["label"] == "uncovered"]
    sensitive_scores = [i["confidence"] for i in gated if i["label"] == "sensitive"]
    n_cov = sum(1 for i in items if i["label"] == "covered")
    n_unc = sum(1 for i in items if i["label"] == "uncovered")
    points = []
    for point in threshold_curve(covered_scores, uncovered_scores):
        th = point["threshold"]
        points.append(
            {
                "threshold": th,
                "covered_answered": round(sum(s >= th for s in covered_scores) / n_cov, 3) if n_cov else 0.0,
                "uncovered_withheld": round(1 - sum(s >= th for s in uncovered_scores) / n_unc, 3) if n_unc else 0.0,
                "sensitive_answered": sum(s >= th for s in sensitive_scores),
            }
        )
    model = triage.answer_model if triage is not None else None
    report: dict[str, Any] = {
        "set": " + ".join(str(p) for p in paths),
        "messages": len(items),
        "model": lotse.embedder.name,
        "threshold": model.confident if model else None,
        "threshold_source": triage.calibration.source if triage is not None else None,
        "weights": model.weights if model else None,
        "labels": {label: sum(1 for i in items if i["label"] == label) for label in LABELS},
        "confusion": confusion,
        "rates": rates,
        "targets": TARGETS,
        "suggested": suggest(points) if n_cov and n_unc else None,
        "misses": misses,
    }
    if curve:
        report["curve"] = points
    return report


def _expected(item: dict[str, Any]) -> bool:
    label, outcome = item["label"], item["outcome"]
    if label == "sensitive":
        return outcome == "handoff"
    if label == "covered":
        return outcome == "answered"
    if label == "uncovered":
        return outcome != "answered"
    return outcome == "out_of_scope"


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.2f}"


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"Triage evaluation: {report['set']} ({report['messages']} messages)",
        f"model {report['model']}, threshold {report['threshold']} (from {report['threshold_source']}), "
        f"weights {report['weights']}",
        "",
    ]
    header = f"{'label / outcome':<18}" + "".join(f"{o:>14}" for o in OUTCOMES) + f"{'total':>8}"
    lines += [header, "-" * len(header)]
    for label in LABELS:
        row = report["confusion"][label]
        lines.append(f"{label:<18}" + "".join(f"{row[o]:>14}" for o in OUTCOMES) + f"{sum(row.values()):>8}")
    rates, targets = report["rates"], report["targets"]
    lines += ["", "rates:"]
    names = {
        "sensitive_handoff": "sensitive → handoff",
        "uncovered_not_answered": "uncovered → not answered",
        "covered_answered": "covered → answered",
        "off_topic_out_of_scope": "off-topic → out_of_scope",
        "sensitive_by_category": "sensitive: caught by category",
        "sensitive_category_correct": "sensitive: right category",
    }
    for key, name in names.items():
        target = targets.get(key)
        mark = "" if target is None else ("  ok" if (rates[key] or 0) >= target else f"  below target {target:.2f}")
        lines.append(f"  {name:<28} {_fmt(rates[key])}{'' if target is None else f'  (target ≥ {target:.2f})'}{mark}")
    if report.get("suggested"):
        s = report["suggested"]
        lines += [
            "",
            "suggested threshold (answers no sensitive message; lowest withholding ≥ 90 % of uncovered): "
            f"{s['threshold']} → covered answered {s['covered_answered']:.2f}, "
            f"uncovered withheld {s['uncovered_withheld']:.2f}",
        ]
    if report.get("curve"):
        lines += ["", "threshold curve (covered answered / uncovered withheld / sensitive answered):"]
        for p in report["curve"]:
            bar = "#" * int(round(p["covered_answered"] * 20))
            danger = f"  ! {p['sensitive_answered']} sensitive answered" if p.get("sensitive_answered") else ""
            lines.append(
                f"  {p['threshold']:.3f}  {p['covered_answered']:.2f}  {p['uncovered_withheld']:.2f}  {bar}{danger}"
            )
    if report["misses"]:
        lines += ["", "misses:"]
        for m in report["misses"]:
            extra = f" [{m['kind']}/{m['predicted_category']}]" if m["kind"] != "none" else ""
            lines.append(
                f"  {m['label']:<10} → {m['outcome']:<13} conf {m['confidence']:.3f}{extra}  {m['message'][:90]}"
            )
    return "\n".join(lines)
