"""`lotse eval answers`: the decision to answer, measured as the asker sees it.

Each labelled message goes through the real assistant (nothing recorded). A covered question counts as resolved
only when the passage Lotse quotes is one of its gold sections; the report separates, per label:
  covered    → answered right (confident, gold passage quoted), tentative right ("Meinst du das?" with a gold
               passage quoted), answered WRONG (confident with a wrong passage: worse than a handoff), tentative
               wrong, needless handoff, out of scope;
  uncovered  → answered confidently (a made-up answer), tentative, handed off, out of scope;
  sensitive  → handed off, caught by a category (not only by low confidence), right category;
  requested  → handed off;  off_topic → not answered (neither confident nor tentative).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.evaluation.labelled import LabelledSetError, read_jsonl
from bot.models import Conversation, Passage

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse

LABELS = ("covered", "uncovered", "sensitive", "requested", "off_topic")
TARGETS = {
    "covered_resolved": 0.90,
    "covered_wrong_confident": 0.02,
    "sensitive_handoff": 1.0,
    "sensitive_by_category": 0.95,
    "uncovered_not_confident": 0.95,
    "off_topic_not_answered": 0.90,
}
AT_MOST = {"covered_wrong_confident"}


def _gold(source: Passage, gold: dict[str, Any]) -> bool:
    if source.document != gold.get("document"):
        return False
    wanted = str(gold.get("section", "")).strip().lower()
    path = source.section.lower()
    return wanted in (path, path.split(" › ")[-1], source.anchor.lower())


def classify(row: dict[str, Any], outcome: str, tentative: bool, sources: list[Passage], kind: str) -> str:
    label = row["label"]
    answered = "tentative" if tentative else ("confident" if outcome == "answered" else outcome)
    if label == "covered":
        if answered in ("confident", "tentative"):
            right = bool(sources) and any(_gold(sources[0], g) for g in row.get("gold", []))
            return f"{answered}_{'right' if right else 'wrong'}"
        return "needless_handoff" if outcome == "handoff" else "out_of_scope"
    if label == "sensitive":
        return (
            "handoff_by_category"
            if outcome == "handoff" and kind == "sensitive"
            else ("handoff_low_confidence" if outcome == "handoff" else answered)
        )
    return answered


def run_answers_eval(lotse: Lotse, paths: list[Path]) -> dict[str, Any]:
    items = []
    for path in paths:
        for number, row in enumerate(read_jsonl(Path(path)), 1):
            if row.get("label") not in LABELS or not str(row.get("message", "")).strip():
                raise LabelledSetError(f"{path}: entry {number}: needs 'message' and a label of {', '.join(LABELS)}")
            reply = lotse.assistant.ask(row["message"], record=False)
            reading = lotse.assistant.last_reading
            result = lotse.assistant.retrieve(reply.question, reply.language, Conversation(platform="cli"))
            decision = lotse.assistant.triage(reply.question, reply.language, result)
            items.append(
                {
                    "message": row["message"],
                    "label": row["label"],
                    "language": reply.language,
                    "category": row.get("category"),
                    "predicted_category": decision.category,
                    "kind": decision.kind,
                    "outcome": reply.outcome,
                    "tentative": reply.tentative,
                    "confidence": reply.confidence,
                    "shown": [f"{s.document} › {s.section.split(' › ')[-1]}" for s in reply.sources[:1]],
                    "class": classify(row, reply.outcome, reply.tentative, reply.sources, decision.kind),
                    "reader": reading.model_status if reading is not None else "not_asked",
                    "rejected": list(reading.rejected) if reading is not None else [],
                }
            )
    return {
        "sets": [str(p) for p in paths],
        "model": lotse.embedder.name,
        "items": items,
        "counts": {label: dict(Counter(i["class"] for i in items if i["label"] == label)) for label in LABELS},
        "rates": rates(items),
        "targets": TARGETS,
        "reader": reader_figures(items, lotse.settings.llm),
    }


def reader_figures(items: list[dict[str, Any]], model: str) -> dict[str, Any]:
    """With a model (LOTSE_LLM): how often its answer was shown, and why it was not (bot/reading/llm.py)."""
    asked = [i for i in items if i["reader"] != "not_asked"]
    return {
        "model": model or None,
        "status": dict(Counter(i["reader"] for i in asked)),
        "rejected_because": dict(Counter(r for i in asked for r in i["rejected"] if i["reader"] == "rejected")),
    }


def _share(items: list[dict[str, Any]], label: str, good) -> float | None:
    chosen = [i for i in items if i["label"] == label]
    return round(sum(1 for i in chosen if good(i)) / len(chosen), 3) if chosen else None


def rates(items: list[dict[str, Any]]) -> dict[str, float | None]:
    return {
        "covered_resolved": _share(items, "covered", lambda i: i["class"] in ("confident_right", "tentative_right")),
        "covered_confident_right": _share(items, "covered", lambda i: i["class"] == "confident_right"),
        "covered_wrong_confident": _share(items, "covered", lambda i: i["class"] == "confident_wrong"),
        "covered_tentative_wrong": _share(items, "covered", lambda i: i["class"] == "tentative_wrong"),
        "covered_needless_handoff": _share(
            items, "covered", lambda i: i["class"] in ("needless_handoff", "out_of_scope")
        ),
        "uncovered_not_confident": _share(items, "uncovered", lambda i: i["class"] != "confident"),
        "uncovered_handed_off": _share(items, "uncovered", lambda i: i["class"] == "handoff"),
        "sensitive_handoff": _share(items, "sensitive", lambda i: i["outcome"] == "handoff"),
        "sensitive_by_category": _share(items, "sensitive", lambda i: i["class"] == "handoff_by_category"),
        "sensitive_right_category": _share(items, "sensitive", lambda i: i["predicted_category"] == i["category"]),
        "requested_handoff": _share(items, "requested", lambda i: i["outcome"] == "handoff"),
        "off_topic_not_answered": _share(items, "off_topic", lambda i: i["outcome"] != "answered"),
    }


def format_answers_eval(report: dict[str, Any], misses: bool = True) -> str:
    lines = [
        f"Answer evaluation: {' + '.join(report['sets'])} ({len(report['items'])} messages, model {report['model']})",
        "",
    ]
    for label in LABELS:
        counts = report["counts"][label]
        if counts:
            lines.append(f"  {label:<10} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    reader = report.get("reader") or {}
    if reader.get("model"):
        lines += [
            "",
            f"reader: {reader['model']}  " + ", ".join(f"{k} {v}" for k, v in sorted(reader["status"].items())),
        ]
        if reader["rejected_because"]:
            lines.append(
                "  verifier rejected: " + ", ".join(f"{k} {v}" for k, v in sorted(reader["rejected_because"].items()))
            )
    lines += ["", "rates:"]
    for key, value in report["rates"].items():
        target = report["targets"].get(key)
        mark = ""
        if target is not None and value is not None:
            ok = value <= target if key in AT_MOST else value >= target
            mark = f"  (target {'≤' if key in AT_MOST else '≥'} {target:.2f}{'' if ok else ', MISSED'})"
        lines.append(f"  {key:<26} {'–' if value is None else f'{value:.3f}'}{mark}")
    if misses:
        wrong = [
            i
            for i in report["items"]
            if i["class"]
            in (
                "confident_wrong",
                "tentative_wrong",
                "needless_handoff",
                "out_of_scope",
                "confident",
                "handoff_low_confidence",
                "tentative",
            )
            and not (i["label"] == "uncovered" and i["class"] == "tentative")
            and not (i["label"] in ("uncovered", "off_topic") and i["class"] == "out_of_scope")
        ]
        if wrong:
            lines += ["", "misses:"]
            lines += [
                f"  {i['label']:<9} {i['class']:<22} p={i['confidence']:.2f} {i['message'][:80]!r} → "
                f"{i['shown'][0] if i['shown'] else '-'}"
                for i in wrong
            ]
    return "\n".join(lines)
