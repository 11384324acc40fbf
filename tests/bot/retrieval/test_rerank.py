"""Fusion and re-ranking as pure steps: no model, hand-made candidates."""

from __future__ import annotations

from bot.retrieval.hybrid import Fusion, Hit, RetrievalResult, fuse
from bot.retrieval.rerank import FEATURES, rerank
from ingest.index_store import StoredChunk


def _hit(
    cid: str,
    section: str,
    text: str,
    dense: float,
    dense_rank: int | None,
    lexical_rank: int | None,
    language: str = "de",
) -> Hit:
    chunk = StoredChunk(
        cid, text, {"document": "doc", "section": f"Richtlinie › {section}", "language": language, "kind": "guideline"}
    )
    return Hit(
        chunk,
        0.0,
        dense=dense,
        lexical=5.0 if lexical_rank is not None else 0.0,
        dense_rank=dense_rank,
        lexical_rank=lexical_rank,
    )


def test_fusion_rewards_agreement_and_prefers_the_askers_language() -> None:
    dense = [(0, 0.9), (1, 0.8), (2, 0.7)]
    lexical = [(1, 9.0), (2, 5.0)]
    order = [row[0] for row in fuse(dense, lexical, ["de", "de", "de"], "de", Fusion(k=5, lexical_weight=1.0))]
    assert order[0] == 1  # second on one side, first on the other beats first on one side only
    order = [row[0] for row in fuse(dense, lexical, ["de", "en", "de"], "de", Fusion(k=5, lexical_weight=1.0))]
    assert order[0] != 1  # the English passage is the fallback for a German question


def test_rerank_puts_the_passage_that_covers_the_question_first() -> None:
    result = RetrievalResult(
        query="Darf ich Umsatzzahlen posten?",
        language="de",
        hits=[
            _hit("a", "Stellenanzeigen", "Teile gern unsere Stellenanzeigen.", 0.91, 0, 3),
            _hit(
                "b",
                "Unveröffentlichte Zahlen",
                "Umsatzzahlen postest du nicht, bevor sie veröffentlicht sind.",
                0.90,
                1,
                0,
            ),
        ],
    )
    weights = {"bias": -6.0, "dense": 1.0, "dense_rr": 2.0, "lexical_rr": 2.0, "coverage": 2.0, "heading": 1.0}
    rerank(result, weights)
    assert [h.chunk.chunk_id for h in result.hits] == ["b", "a"]
    assert all(0.0 < (h.probability or 0) < 1.0 for h in result.hits)
    assert result.hits[0].probability > result.hits[1].probability


def test_rerank_without_weights_keeps_the_fused_order() -> None:
    hits = [_hit("a", "A", "x", 0.9, 0, 0), _hit("b", "B", "y", 0.8, 1, 1)]
    result = RetrievalResult(query="x", language="de", hits=list(hits))
    rerank(result, {})
    assert result.hits == hits and all(h.probability is None for h in hits)
    assert "coverage" in FEATURES and "heading" in FEATURES
