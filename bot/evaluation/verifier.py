"""How well the verifier (bot/reading/verifier.py) tells faithful model answers from subtly wrong ones.

A labelled set (knowledge/eval/reader-answers-*.jsonl) holds answers written the way a model writes them:
    {"question", "language", "passages": [{"document", "section"}, …] (numbered 1.. in this order),
     "answer" (citing "[n]"), "label": "faithful" | "unfaithful", "defect": the kind of error, or null}
Reported: the share of faithful answers passed, of unfaithful ones rejected (per defect kind), and with
`curve` both for every support cut-off, so a company can recalibrate for its embedding model.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.evaluation.labelled import read_jsonl
from bot.reading.similarity import EmbeddingSimilarity
from bot.reading.verifier import SUPPORT, Similarity, verify

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse


def similarity_of(lotse: Lotse) -> Similarity:
    return EmbeddingSimilarity(lambda: lotse.embedder)


def load_rows(lotse: Lotse, path: Path) -> list[dict[str, Any]]:
    rows = []
    for row in read_jsonl(path):
        texts = {}
        for number, ref in enumerate(row["passages"], start=1):
            chunk = lotse.index.find_section(ref["document"], ref["section"])
            if chunk is None:
                raise ValueError(f"{path}: no passage {ref['document']} › {ref['section']} in the index")
            texts[number] = chunk.text
        rows.append({**row, "texts": texts})
    return rows


def run_verifier_eval(lotse: Lotse, path: Path, *, support: float = SUPPORT, curve: bool = False) -> dict[str, Any]:
    similarity = similarity_of(lotse)
    rows = load_rows(lotse, path)
    items, seconds = [], []
    for row in rows:
        started = time.perf_counter()
        verdict = verify(row["answer"], row["texts"], row["question"], row["language"], similarity, support=support)
        seconds.append(time.perf_counter() - started)
        items.append({"label": row["label"], "defect": row.get("defect"), "ok": verdict.ok,
                      "reasons": list(verdict.reasons), "support": verdict.support})  # fmt: skip
    report = {"set": str(path), "support": support, **rates(items), "items": items}
    report["p95_ms"] = round(float(np.percentile(seconds, 95)) * 1000, 1) if seconds else None
    if curve:
        report["curve"] = [{"support": round(cut, 3), **rates(_at(items, cut))} for cut in np.arange(0.80, 0.951, 0.01)]
    return report


def _at(items: list[dict[str, Any]], cut: float) -> list[dict[str, Any]]:
    """The verdicts as they would be at another support cut-off (the other checks unchanged)."""
    out = []
    for item in items:
        other = [r for r in item["reasons"] if r != "unsupported"]
        ok = not other and item["support"] >= cut
        out.append({**item, "ok": ok})
    return out


def rates(items: list[dict[str, Any]]) -> dict[str, Any]:
    faithful = [i for i in items if i["label"] == "faithful"]
    wrong = [i for i in items if i["label"] == "unfaithful"]
    by_defect: dict[str, list[bool]] = defaultdict(list)
    for item in wrong:
        by_defect[str(item["defect"])].append(not item["ok"])
    return {
        "faithful_passed": round(sum(i["ok"] for i in faithful) / len(faithful), 3) if faithful else None,
        "unfaithful_rejected": round(sum(not i["ok"] for i in wrong) / len(wrong), 3) if wrong else None,
        "rejected_by_defect": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_defect.items())},
        "counts": dict(Counter(i["label"] for i in items)),
    }


def format_verifier_eval(report: dict[str, Any], misses: bool = True) -> str:
    lines = [
        f"Verifier evaluation: {report['set']} ({report['counts']}), support cut-off {report['support']}",
        f"  faithful passed      {report['faithful_passed']}",
        f"  unfaithful rejected  {report['unfaithful_rejected']}  ({report['rejected_by_defect']})",
        f"  verifier cost p95    {report['p95_ms']} ms",
    ]
    for point in report.get("curve", []):
        lines.append(
            f"  support {point['support']:.2f}: passed {point['faithful_passed']}, rejected {point['unfaithful_rejected']}"
        )
    if misses:
        for item in report["items"]:
            if item["ok"] != (item["label"] == "faithful"):
                lines.append(
                    f"  miss: {item['label']} {item['defect'] or ''} → {item['reasons']} (support {item['support']})"
                )
    return "\n".join(lines)
