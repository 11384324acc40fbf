"""Dense plus lexical, fused by reciprocal rank, preferring passages in the asker's language."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from bot.retrieval.analysis import analyze
from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.rerank import POOL
from bot.retrieval.rerank import rerank as rerank_hits
from bot.retrieval.synonyms import Synonyms
from ingest.index_store import IndexStore, StoredChunk
from ingest.loaders.questions import PREFIX as QUESTIONS_PREFIX

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

Mode = Literal["hybrid", "dense", "lexical"]
# Reciprocal rank fusion for the default model (multilingual-e5-small), chosen on the tuning sets
# knowledge/eval/retrieval-{documents,faq}.jsonl with bench/experiments/tune_fusion.py (docs/retrieval.md);
# other models take theirs from bot/calibration.yaml.
RRF_K = 5
LEXICAL_WEIGHT = 1.0
CANDIDATES = 40
OTHER_LANGUAGE_FACTOR = 0.5  # a passage in the other language counts half: the fallback, not the first pick


@dataclass
class Hit:
    chunk: StoredChunk
    score: float
    dense: float = 0.0  # cosine similarity, 0 when not among the dense candidates
    lexical: float = 0.0  # BM25 score, 0 when not among the lexical candidates
    dense_rank: int | None = None
    lexical_rank: int | None = None
    probability: float | None = None  # P(answers the question), set by the re-ranker


@dataclass
class RetrievalResult:
    query: str
    language: str
    hits: list[Hit] = field(default_factory=list)
    top_dense: float = 0.0
    top_lexical: float = 0.0
    dense_scores: list[float] = field(default_factory=list)  # the best cosines, best first (for confidence)
    query_vector: np.ndarray | None = None

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None


class HybridRetriever:
    def __init__(
        self,
        index: IndexStore,
        embedder: Embedder,
        synonyms: Synonyms | None = None,
        fusion: Fusion | None = None,
        rerank_weights: dict[str, float] | None = None,
        view_offset: float = 0.0,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.synonyms = synonyms or Synonyms()
        self._lexical: LexicalIndex | None = None
        self._owners: dict[str, int] = {}  # question view id -> passage position
        self._key: tuple[str, float] | None = None
        self._lock = threading.Lock()
        self.fusion = fusion or Fusion()
        self.rerank_weights = rerank_weights or {}
        self.view_offset = view_offset

    def lexical(self) -> LexicalIndex:
        with self._lock:
            if self._lexical is None or self.index.changed_since(self._key):
                key = self.index.current_key()
                passages, self._owners, extra = split_views(self.index.chunks())
                self._lexical = LexicalIndex.build(passages, extra)
                self._key = key
            return self._lexical

    def search(
        self,
        query: str,
        language: str,
        k: int = 5,
        mode: Mode = "hybrid",
        query_vector: np.ndarray | None = None,
        rerank: bool = True,
        exclude: frozenset[str] = frozenset(),
    ) -> RetrievalResult:
        """The best passages for `query`; `exclude`: chunk ids (question views) the dense ranking leaves out."""
        lexical = self.lexical()
        result = RetrievalResult(query=query, language=language)
        if not lexical.chunks or not query.strip():
            return result
        dense: list[tuple[int, float]] = []
        if mode in ("hybrid", "dense"):
            vector = query_vector if query_vector is not None else self.embedder.embed_query(query)
            result.query_vector = vector
            dense = self.dense_ranking(vector, exclude)
        ranked_lexical = self.lexical_ranking(query, language) if mode in ("hybrid", "lexical") else []
        languages = [c.language for c in lexical.chunks]
        reranking = rerank and mode == "hybrid" and bool(self.rerank_weights)
        pool = max(k, POOL) if reranking else k
        result.hits = [
            Hit(lexical.chunks[p], score, dense=d, lexical=lx, dense_rank=dr, lexical_rank=lr)
            for p, score, d, lx, dr, lr in fuse(dense, ranked_lexical, languages, language, self.fusion)[:pool]
        ]
        result.top_dense = max((s for _, s in dense), default=0.0)
        result.dense_scores = [s for _, s in dense[:5]]
        result.top_lexical = max((s for _, s in ranked_lexical), default=0.0)
        if reranking:
            rerank_hits(result, self.rerank_weights)
            result.hits = result.hits[:k]
        return result

    def dense_ranking(self, vector: np.ndarray, exclude: frozenset[str] = frozenset()) -> list[tuple[int, float]]:
        """(passage position, cosine), best first; a passage counts once, at its best view.

        A view (a question phrasing) meets the question query-to-query, which scores higher than query-to-passage
        under an asymmetric model; `view_offset` (per model) puts both on one scale, so that FAQ phrasings do not
        push every document section out of the dense list.
        """
        lexical = self.lexical()
        by_id = {c.chunk_id: i for i, c in enumerate(lexical.chunks)} | self._owners
        best: dict[int, float] = {}
        for cid, similarity in self.index.query(vector.tolist(), CANDIDATES * 2):
            position = by_id.get(cid)
            if position is None or cid in exclude:
                continue
            score = similarity - self.view_offset if cid in self._owners else similarity
            best[position] = max(score, best.get(position, -1.0))
        return sorted(best.items(), key=lambda item: item[1], reverse=True)

    def lexical_ranking(self, query: str, language: str) -> list[tuple[int, float]]:
        expanded = self.synonyms.expand(query, language)
        return self.lexical().search(expanded, language, CANDIDATES)


@dataclass(frozen=True)
class Fusion:
    """Weighted reciprocal rank fusion; chosen per embedding model on the tuning sets (docs/retrieval.md)."""

    k: float = RRF_K
    lexical_weight: float = LEXICAL_WEIGHT
    other_language: float = OTHER_LANGUAGE_FACTOR


def fuse(
    dense: list[tuple[int, float]],
    lexical: list[tuple[int, float]],
    languages: list[str],
    language: str,
    fusion: Fusion = Fusion(),
) -> list[tuple[int, float, float, float, int | None, int | None]]:
    """Pure reciprocal rank fusion of two rankings of passage positions.

    Returns (position, fused score, cosine, BM25, dense rank, lexical rank), best first. A passage in the other
    language than the question's counts `other_language` times: the fallback, not the first pick.
    """
    rows: dict[int, list] = {}
    for rank, (position, similarity) in enumerate(dense):
        row = rows.setdefault(position, [position, 0.0, 0.0, 0.0, None, None])
        row[1] += 1.0 / (fusion.k + rank)
        row[2], row[4] = similarity, rank
    for rank, (position, bm25) in enumerate(lexical):
        row = rows.setdefault(position, [position, 0.0, 0.0, 0.0, None, None])
        row[1] += fusion.lexical_weight / (fusion.k + rank)
        row[3], row[5] = bm25, rank
    for row in rows.values():
        if languages[row[0]] and languages[row[0]] != language:
            row[1] *= fusion.other_language
    return [tuple(row) for row in sorted(rows.values(), key=lambda r: r[1], reverse=True)]


def split_views(chunks: list[StoredChunk]) -> tuple[list[StoredChunk], dict[str, int], dict[int, str]]:
    """Passages; question view id → its passage; passage → its questions' text (for BM25).

    A view names its section (document and anchor); a generated view also names its passage (`passage`, a chunk
    id) and is dropped where the company wrote the section's questions itself (knowledge/questions). A section cut into several passages (one per rule) gives a view to the passage that shares most of its
    words, the first one when none does.
    """
    passages = [c for c in chunks if not c.is_view]
    by_section: dict[tuple[str, str], list[int]] = {}
    by_id: dict[str, int] = {}
    for position, chunk in enumerate(passages):
        by_section.setdefault((chunk.document, str(chunk.metadata.get("anchor", ""))), []).append(position)
        by_id[chunk.chunk_id] = position
    views = [c for c in chunks if c.is_view]
    handwritten = {_section_of(v) for v in views if v.document.startswith(QUESTIONS_PREFIX)}
    owners: dict[str, int] = {}
    extra: dict[int, list[str]] = {}
    for view in views:
        if view.metadata.get("origin") and _section_of(view) in handwritten:
            continue  # the company wrote this section's questions itself: those win over generated ones
        owner = by_id.get(str(view.metadata.get("passage", "")))
        if owner is None:
            candidates = by_section.get(_section_of(view))
            owner = _closest(view.text, candidates, passages) if candidates else None
        if owner is not None:
            owners[view.chunk_id] = owner
            extra.setdefault(owner, []).append(view.text)
    return passages, owners, {p: "\n".join(texts) for p, texts in extra.items()}


def _section_of(view: StoredChunk) -> tuple[str, str]:
    return (str(view.metadata.get("target", "")), str(view.metadata.get("anchor", "")))


def _closest(question: str, candidates: list[int], passages: list[StoredChunk]) -> int:
    if len(candidates) == 1:
        return candidates[0]
    wanted = set(analyze(question, passages[candidates[0]].language or "de"))
    overlap = [len(wanted & set(analyze(passages[p].text, passages[p].language or "de"))) for p in candidates]
    return candidates[overlap.index(max(overlap))]
