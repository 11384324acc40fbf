"""Retrieval quality: recall@1/3/5 and MRR for dense only, lexical only and hybrid, side by side."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot.evaluation.labelled import read_jsonl
from bot.retrieval.hybrid import Hit, HybridRetriever

MODES: tuple[Literal["dense", "lexical", "hybrid"], ...] = ("dense", "lexical", "hybrid")
DEPTH = 5


def matches(hit: Hit, gold: dict[str, Any]) -> bool:
    chunk = hit.chunk
    if chunk.document != gold.get("document"):
        return False
    if "contains" in gold:
        return _squash(gold["contains"]) in _squash(chunk.text)
    wanted = str(gold.get("section", "")).strip().lower()
    path = chunk.section.lower()
    anchor = str(chunk.metadata.get("anchor", "")).lower()
    return wanted in (path, path.split(" › ")[-1], anchor)


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def first_rank(hits: list[Hit], golds: list[dict[str, Any]]) -> int | None:
    for rank, hit in enumerate(hits, 1):
        if any(matches(hit, gold) for gold in golds):
            return rank
    return None


@dataclass
class ModeScore:
    mode: str
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr: float

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "recall@1": round(self.recall_at_1, 3),
            "recall@3": round(self.recall_at_3, 3),
            "recall@5": round(self.recall_at_5, 3),
            "mrr": round(self.mrr, 3),
        }


def score(ranks: list[int | None], mode: str) -> ModeScore:
    total = max(len(ranks), 1)
    at = lambda k: sum(1 for r in ranks if r is not None and r <= k) / total  # noqa: E731
    return ModeScore(mode, at(1), at(3), at(5), sum(1 / r for r in ranks if r) / total)


def evaluate(retriever: HybridRetriever, path: Path) -> dict[str, Any]:
    rows = read_jsonl(path)
    ranks: dict[str, list[int | None]] = {mode: [] for mode in MODES}
    misses: list[dict[str, Any]] = []
    for row in rows:
        language = row.get("language", "de")
        vector = retriever.embedder.embed_query(row["question"])
        for mode in MODES:
            result = retriever.search(row["question"], language, k=DEPTH, mode=mode, query_vector=vector)
            rank = first_rank(result.hits, row["gold"])
            ranks[mode].append(rank)
            if mode == "hybrid" and (rank is None or rank > 3):
                misses.append(
                    {
                        "question": row["question"],
                        "gold": row["gold"],
                        "rank": rank,
                        "got": [f"{h.chunk.document} › {h.chunk.section.split(' › ')[-1]}" for h in result.hits[:3]],
                    }
                )
    by_language = {}
    for language in sorted({row.get("language", "de") for row in rows}):
        picked = [r for r, row in zip(ranks["hybrid"], rows, strict=True) if row.get("language", "de") == language]
        by_language[language] = score(picked, "hybrid").to_json() | {"questions": len(picked)}
    return {
        "set": str(path),
        "questions": len(rows),
        "modes": [score(ranks[mode], mode).to_json() for mode in MODES],
        "hybrid_by_language": by_language,
        "misses": misses,
    }


def format_table(report: dict[str, Any]) -> str:
    lines = [
        f"{report['set']}: {report['questions']} questions",
        f"{'mode':<8} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6}",
    ]
    for row in report["modes"]:
        lines.append(
            f"{row['mode']:<8} {row['recall@1']:>6.3f} {row['recall@3']:>6.3f} "
            f"{row['recall@5']:>6.3f} {row['mrr']:>6.3f}"
        )
    for language, row in report["hybrid_by_language"].items():
        lines.append(f"hybrid/{language}: R@3 {row['recall@3']:.3f} over {row['questions']} questions")
    if report["misses"]:
        lines.append("hybrid misses (not in top 3):")
        for miss in report["misses"]:
            lines.append(f"  - {miss['question']!r} gold={miss['gold']} rank={miss['rank']} got={miss['got']}")
    return "\n".join(lines)
