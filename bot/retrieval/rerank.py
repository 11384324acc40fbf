"""Re-ranking the fused candidates by the probability that each one answers the question.

A small logistic model over signals that compare the question with each candidate passage, so it transfers to
another company's documents without new labels:
  - fused_rr: reciprocal rank in the fused (reciprocal rank fusion) order,
  - dense: cosine between question and passage (or the passage's best FAQ phrasing / question view),
  - dense_rr, lexical_rr: reciprocal ranks on the dense and the BM25 side (agreement of two kinds of evidence),
  - bm25: BM25 score relative to the best candidate's,
  - dense_lead: the candidate's cosine minus the best other candidate's (a clear winner vs. a crowd),
  - coverage: share of the question's content words found in the passage,
  - heading: share found in the section heading (headings that carry content count),
  - faq: the candidate is an FAQ entry (written as an answer to a question),
  - same_language: the passage is in the question's language.
Weights per embedding model live in bot/calibration.yaml (`rerank:`); they were fitted on the tuning sets with
bench/experiments/fit_rerank.py. The top candidate's probability is also the answer decision's confidence.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from bot.triage.confidence import coverage

if TYPE_CHECKING:  # pragma: no cover
    from bot.retrieval.hybrid import Hit, RetrievalResult

FEATURES = (
    "fused_rr",
    "dense",
    "dense_rr",
    "lexical_rr",
    "bm25",
    "dense_lead",
    "coverage",
    "heading",
    "faq",
    "same_language",
)
POOL = 10  # fused candidates the model looks at


def _rr(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (1 + rank)


def candidate_features(
    hit: Hit, result: RetrievalResult, best_bm25: float, others_dense: float, position: int = 0
) -> dict[str, float]:
    chunk = hit.chunk
    heading = chunk.section.split(" › ")[-1]
    return {
        "fused_rr": _rr(position),
        "dense": float(hit.dense),
        "dense_rr": _rr(hit.dense_rank),
        "lexical_rr": _rr(hit.lexical_rank),
        "bm25": float(hit.lexical / best_bm25) if best_bm25 > 0 else 0.0,
        "dense_lead": float(hit.dense - others_dense),
        "coverage": coverage(result.query, result.language, f"{chunk.section}\n{chunk.text}"),
        "heading": coverage(result.query, result.language, heading),
        "faq": 1.0 if chunk.metadata.get("kind") == "faq" else 0.0,
        "same_language": 1.0 if not chunk.language or chunk.language == result.language else 0.0,
    }


def all_features(result: RetrievalResult) -> list[dict[str, float]]:
    hits = result.hits
    best_bm25 = max((h.lexical for h in hits), default=0.0)
    rows = []
    for i, hit in enumerate(hits):
        others = max((h.dense for j, h in enumerate(hits) if j != i), default=0.0)
        rows.append(candidate_features(hit, result, best_bm25, others, i))
    return rows


def logistic(values: dict[str, float], weights: dict[str, float]) -> float:
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * values.get(name, 0.0) for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def rerank(result: RetrievalResult, weights: dict[str, float]) -> None:
    """Order `result.hits` by probability (stored on each hit), in place."""
    if not result.hits or not weights:
        return
    for hit, values in zip(result.hits, all_features(result), strict=True):
        hit.probability = logistic(values, weights)
    result.hits.sort(key=lambda h: h.probability or 0.0, reverse=True)
