"""Does the passage Lotse would show answer the question? Signals that need no labels of the company's own.

Each signal transfers to another knowledge base because it compares the question with the passages, never with
a list someone wrote for this company:
  - dense: cosine of question and the top passage (or its best FAQ phrasing or question view), e5's view,
  - dense_gap: how far the best passage stands out from the second best (a clear winner vs. a shrug),
  - agree: dense and lexical search put the same passage first,
  - rank: the top passage's ranks on both sides, as reciprocal ranks (lexical alone never decides),
  - coverage: share of the question's content words the passage contains (stemmed, compounds tolerated).
A logistic model over them (weights per embedding model in bot/calibration.yaml, fitted on the tuning sets with
bench/experiments/fit_answerability.py) gives the probability that the top passage answers the question.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.triage.confidence import coverage

if TYPE_CHECKING:  # pragma: no cover
    from bot.calibration import Calibration
    from bot.retrieval.hybrid import RetrievalResult

FEATURES = ("dense", "dense_gap", "agree", "rank", "coverage")


def features(result: "RetrievalResult") -> dict[str, float]:
    best = result.best
    if best is None:
        return {name: 0.0 for name in FEATURES}
    scores = result.dense_scores or [best.dense]
    gap = scores[0] - scores[1] if len(scores) > 1 else scores[0]
    reciprocal = lambda rank: 0.0 if rank is None else 1.0 / (1 + rank)  # noqa: E731
    passage = f"{best.chunk.section}\n{best.chunk.text}"
    return {
        "dense": float(best.dense),
        "dense_gap": float(gap) if best.dense_rank == 0 else 0.0,
        "agree": 1.0 if best.dense_rank == 0 and best.lexical_rank == 0 else 0.0,
        "rank": (reciprocal(best.dense_rank) + reciprocal(best.lexical_rank)) / 2,
        "coverage": coverage(result.query, result.language, passage),
    }


def probability(values: dict[str, float], weights: dict[str, float]) -> float:
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * values.get(name, 0.0) for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


Tier = Literal["confident", "tentative", "none"]


@dataclass(frozen=True)
class AnswerModel:
    """P(top passage answers) and the two cut-offs of the answer tiers, from the model's calibration."""

    weights: dict[str, float]
    confident: float
    tentative: float

    @classmethod
    def from_calibration(cls, calibration: "Calibration", override: float | None = None) -> "AnswerModel":
        confident = float(override) if override is not None else calibration.confident
        return cls(dict(calibration.answer_weights), confident, min(calibration.tentative, confident))

    def score(self, result: "RetrievalResult") -> float:
        if result.best is None:
            return 0.0
        return round(probability(features(result), self.weights), 4)

    def tier(self, result: "RetrievalResult") -> Tier:
        value = self.score(result)
        if result.best is None or value < self.tentative:
            return "none"
        return "confident" if value >= self.confident else "tentative"
