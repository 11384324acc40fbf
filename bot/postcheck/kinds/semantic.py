"""Semantic: the draft's sentences against the guideline's "don't" passages, by embedding similarity.

The embedder is loaded on first use only. Each sentence with at least `min_words` words is compared with
every passage (cosine of normalised embeddings); a sentence at or above the rule's threshold is a finding.
Without an embedder the rule finds nothing (and says so in the log). `languages` limits the sentences read.
The threshold is the rule's own or, when it has none, the cut-off calibrated for the embedding model
(bot/calibration.yaml): cosines of different models are not comparable.
"""

from __future__ import annotations

import logging

import numpy as np

from bot.postcheck.kinds.base import Environment, Hit, Matcher, Post
from bot.vector_cache import fixed_vectors

log = logging.getLogger(__name__)


class SemanticMatcher(Matcher):
    def __init__(self, rule, env: Environment) -> None:
        super().__init__(rule, env)
        self._passages: np.ndarray | None = None
        self._warned = False

    def passage_matrix(self) -> np.ndarray | None:
        if self._passages is None and self.env.embedder is not None:
            self._passages = fixed_vectors(self.env.embedder(), [p.text for p in self.rule.passages])
        return self._passages

    def scores(self, post: Post) -> list[tuple[float, int, int, int]]:
        """(best score, sentence start, end, passage index) per sentence."""
        if self.env.embedder is None:
            if not self._warned:
                log.warning("semantic rule %s skipped: no embedder", self.rule.id)
                self._warned = True
            return []
        chosen, matrix = post.sentence_embeddings(self.rule.min_words, tuple(self.rule.languages))
        passages = self.passage_matrix()
        if matrix is None or passages is None or not len(chosen):
            return []
        sims = matrix @ passages.T
        best = sims.argmax(axis=1)
        return [(float(sims[i, best[i]]), s.start, s.end, int(best[i])) for i, s in enumerate(chosen)]

    def threshold(self) -> float:
        """The rule's own threshold, or the cut-off calibrated for the embedding model (bot/calibration.yaml)."""
        if self.rule.threshold is not None:
            return float(self.rule.threshold)
        from bot.calibration import calibration_for

        name = getattr(self.env.embedder(), "name", "") if self.env.embedder is not None else ""
        return calibration_for(name).postcheck_semantic

    def find(self, post: Post) -> list[Hit]:
        scores = self.scores(post)
        if not scores:
            return []
        threshold = self.threshold()
        return [
            Hit(start, end, detail=self.rule.passages[k].text) for score, start, end, k in scores if score >= threshold
        ]
