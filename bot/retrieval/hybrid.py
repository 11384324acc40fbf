"""Dense plus lexical, fused by reciprocal rank, preferring passages in the asker's language."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.synonyms import Synonyms
from ingest.index_store import IndexStore, StoredChunk

if TYPE_CHECKING:  # pragma: no cover
    from bot.embeddings import Embedder

Mode = Literal["hybrid", "dense", "lexical"]
# Reciprocal rank fusion; k and the lexical weight were chosen on knowledge/eval/retrieval*.jsonl (see
# docs/retrieval.md): the English-trained default model is weak on German, so the lexical side counts more.
RRF_K = 10
LEXICAL_WEIGHT = 1.5
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


@dataclass
class RetrievalResult:
    query: str
    language: str
    hits: list[Hit] = field(default_factory=list)
    top_dense: float = 0.0
    top_lexical: float = 0.0
    query_vector: np.ndarray | None = None

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None


class HybridRetriever:
    def __init__(self, index: IndexStore, embedder: "Embedder", synonyms: Synonyms | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.synonyms = synonyms or Synonyms()
        self._lexical: LexicalIndex | None = None
        self._owners: dict[str, int] = {}  # question view id -> passage position
        self._key: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def lexical(self) -> LexicalIndex:
        with self._lock:
            if self._lexical is None or self.index.changed_since(self._key):
                key = self.index.current_key()
                passages, self._owners, extra = split_views(self.index.chunks())
                self._lexical = LexicalIndex.build(passages, extra)
                self._key = key
            return self._lexical

    def search(self, query: str, language: str, k: int = 5, mode: Mode = "hybrid",
               query_vector: np.ndarray | None = None) -> RetrievalResult:
        lexical = self.lexical()
        by_id = {c.chunk_id: i for i, c in enumerate(lexical.chunks)} | self._owners
        result = RetrievalResult(query=query, language=language)
        if not lexical.chunks or not query.strip():
            return result
        fused: dict[int, Hit] = {}
        if mode in ("hybrid", "dense"):
            vector = query_vector if query_vector is not None else self.embedder.embed_one(query)
            result.query_vector = vector
            rank = 0
            for cid, similarity in self.index.query(vector.tolist(), CANDIDATES * 2):
                position = by_id.get(cid)
                if position is None or (position in fused and fused[position].dense_rank is not None):
                    continue  # a passage counts once, at its best view
                hit = fused.setdefault(position, Hit(lexical.chunks[position], 0.0))
                hit.dense, hit.dense_rank = similarity, rank
                hit.score += 1.0 / (RRF_K + rank)
                rank += 1
            result.top_dense = max((h.dense for h in fused.values()), default=0.0)
        if mode in ("hybrid", "lexical"):
            expanded = self.synonyms.expand(query, language)
            for rank, (position, score) in enumerate(lexical.search(expanded, language, CANDIDATES)):
                hit = fused.setdefault(position, Hit(lexical.chunks[position], 0.0))
                hit.lexical, hit.lexical_rank = score, rank
                hit.score += LEXICAL_WEIGHT / (RRF_K + rank)
            result.top_lexical = max((h.lexical for h in fused.values()), default=0.0)
        for hit in fused.values():
            if hit.chunk.language and hit.chunk.language != language:
                hit.score *= OTHER_LANGUAGE_FACTOR
        result.hits = sorted(fused.values(), key=lambda h: h.score, reverse=True)[:k]
        return result


def split_views(chunks: list[StoredChunk]) -> tuple[list[StoredChunk], dict[str, int], dict[int, str]]:
    """Passages; question view id → its passage; passage → its questions' text (for BM25)."""
    passages = [c for c in chunks if not c.is_view]
    first: dict[tuple[str, str], int] = {}
    for position, chunk in enumerate(passages):
        first.setdefault((chunk.document, str(chunk.metadata.get("anchor", ""))), position)
    owners: dict[str, int] = {}
    extra: dict[int, list[str]] = {}
    for view in (c for c in chunks if c.is_view):
        position = first.get((str(view.metadata.get("target", "")), str(view.metadata.get("anchor", ""))))
        if position is not None:
            owners[view.chunk_id] = position
            extra.setdefault(position, []).append(view.text)
    return passages, owners, {p: "\n".join(texts) for p, texts in extra.items()}
