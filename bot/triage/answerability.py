"""Does the passage Lotse would show answer the question? The answer tiers over the re-ranker's probability.

The re-ranker (bot/retrieval/rerank.py) gives each candidate passage the probability that it answers the
question, from signals that need no labels of the company's own (cosine, agreement of dense and lexical
evidence, coverage of the question's words by passage and heading, …). The top passage's probability decides:
  - confident (≥ `confident`): Lotse answers and cites the passage,
  - tentative (≥ `tentative`): "Meinst du das?": the nearest passage offered as a question, a person one click away,
  - none: handed off at once (clearly not covered).
The two cut-offs are calibrated per embedding model (bot/calibration.yaml) on the tuning sets; LOTSE_MIN_CONFIDENCE
overrides `confident`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot.retrieval.rerank import rerank

if TYPE_CHECKING:  # pragma: no cover
    from bot.calibration import Calibration
    from bot.retrieval.hybrid import RetrievalResult

Tier = Literal["confident", "tentative", "none"]


@dataclass(frozen=True)
class AnswerModel:
    confident: float
    tentative: float
    weights: dict[str, float] = field(default_factory=dict)  # for results that were searched without re-ranking

    @classmethod
    def from_calibration(cls, calibration: Calibration, override: float | None = None) -> AnswerModel:
        confident = float(override) if override is not None else calibration.confident
        return cls(confident, min(calibration.tentative, confident), dict(calibration.rerank_weights))

    def score(self, result: RetrievalResult) -> float:
        best = result.best
        if best is None:
            return 0.0
        if best.probability is None:
            rerank(result, self.weights)
            best = result.best
        return round(float(best.probability or 0.0), 4) if best is not None else 0.0

    def tier(self, result: RetrievalResult) -> Tier:
        value = self.score(result)
        if result.best is None or value < self.tentative:
            return "none"
        return "confident" if value >= self.confident else "tentative"
